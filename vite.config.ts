import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		include: ['src/**/*.test.ts', 'tests/server/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Server tests each open their own temporary database file; run files in parallel processes.
		pool: 'forks'
	}
});
