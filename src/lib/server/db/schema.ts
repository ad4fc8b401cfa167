// Drizzle schema. One table per concept; JSON columns hold structured documents
// (campaign configuration, audit before/after) that are read and written whole. The tables live
// in schema/ by area; this entry re-exports them all (drizzle.config.ts and every importer use it).
export * from './schema/accounts';
export * from './schema/candidates';
export * from './schema/experts';
export * from './schema/review';
