/** Kysely table types owned by the notices module (UNILAV employment notices); merged into the Database interface in src/platform/db/schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the module's migrations add tables
export interface NoticesTables {}
