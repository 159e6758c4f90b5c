/** Kysely table types owned by the professional profile (SAP); merged into the Database interface in src/platform/db/schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the module's migrations add tables
export interface ProfileTables {}
