import type { Db } from '../platform/db/database.ts';

/** Demo professional profiles (SAP) for some demo people. `people`: demo person ids by key (citizen, special, protected, assigned, shared, p0…p23). */
export async function seedDemoProfiles(_db: Db, _people: Record<string, string>): Promise<void> {}
