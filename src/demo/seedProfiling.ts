import type { Db } from '../platform/db/database.ts';

/** Demo profiling results (official index from the local national system, and the local estimate). `people`: demo person ids by key (citizen, special, protected, assigned, shared, p0…p23). */
export async function seedDemoProfiling(_db: Db, _people: Record<string, string>): Promise<void> {}
