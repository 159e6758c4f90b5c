import { demoProfilingFor } from '../modules/people/national/localSystem.ts';
import { classOf } from '../modules/people/profiling/bands.ts';
import { addDays, romeDateOf } from '../platform/dates.ts';
import type { Db } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';

/** Demo people with an official profiling already received (the others show "not received yet" until refreshed). */
const WITH_OFFICIAL = ['citizen', 'p0', 'p2', 'p4', 'assigned', 'p1', 'p3'];

/**
 * Demo profiling results (official index from the local national system, and the local estimate). `people`: demo person
 * ids by key (citizen, special, protected, assigned, shared, p0…p23). The official results are those the local national
 * system gives for each tax code (`demoProfilingFor`), stored as if received; Mario Rossi also has an earlier one.
 * The local estimate is computed on request and needs no seed.
 */
export async function seedDemoProfiling(db: Db, people: Record<string, string>): Promise<void> {
  const today = romeDateOf();
  for (const key of WITH_OFFICIAL) {
    const personId = people[key];
    if (!personId) continue;
    const person = await db.selectFrom('people').select('tax_code').where('id', '=', personId).executeTakeFirst();
    if (!person) continue;
    const current = demoProfilingFor(person.tax_code, today);
    const rows = [current];
    if (key === 'citizen') {
      const earlierDate = `${addDays(current.referenceDate, -100).slice(0, 7)}-01`;
      const earlierIndex = Math.min(1, Math.round((current.index + 0.07) * 10_000) / 10_000);
      rows.push({
        ...current,
        index: earlierIndex,
        profilingClass: classOf(earlierIndex, earlierDate)?.profilingClass ?? current.profilingClass,
        referenceDate: earlierDate,
      });
    }
    for (const row of rows) {
      await db
        .insertInto('person_profiling_results')
        .values({
          id: newId(),
          person_id: personId,
          profiling_index: row.index,
          profiling_class: row.profilingClass,
          reference_date: row.referenceDate,
          source: 'national-system',
          received_by: null,
        })
        .onConflict((oc) => oc.columns(['person_id', 'reference_date']).doNothing())
        .execute();
    }
  }
}
