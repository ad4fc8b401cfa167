import { defineConfig } from 'drizzle-kit';

// Migrations are generated into db/migrations and committed; the app applies them at start.
export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema.ts',
	out: './db/migrations',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'file:db/laurel.db' }
});
