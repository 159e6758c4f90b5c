import { z } from 'zod';
import type { Actor, RequestContext } from '../../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../../platform/audit/trail.ts';
import { isCalendarDate, romeDateOf } from '../../../../platform/dates.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { inTransaction } from '../../../../platform/db/unitOfWork.ts';
import { writeEvent } from '../../../../platform/events/outbox.ts';
import { problems } from '../../../../platform/http/problems.ts';
import { newId } from '../../../../platform/ids.ts';
import { CASEWORKERS, lockPersonInScope, scopePeople } from '../../access.ts';
import type { NationalLabourSystem, NationalProfiling } from '../../national/port.ts';
import { type OfficialProfiling, officialResults } from '../store.ts';

/** What Ponte accepts from the national system: an index in [0, 1], a class, a past or present reference date. */
const Received = z.object({
  index: z.number().min(0).max(1),
  profilingClass: z.string().trim().min(1).max(40),
  referenceDate: z.string().refine(isCalendarDate),
});

export interface RefreshResult {
  /** Whether the national system returned a result. */
  received: boolean;
  /** Whether it differed from what was stored (new reference date, or a corrected index or class). */
  changed: boolean;
  official: OfficialProfiling | null;
}

/**
 * Asks the national system for a person's official profiling and stores it as received, with its reference date and
 * the time it arrived (one row per reference date). Caseworkers, on a person in their scope; audited; outbox event.
 */
export async function refreshOfficialProfiling(
  deps: { db: Db; audit: AuditTrail; national: NationalLabourSystem },
  actor: Actor,
  ctx: RequestContext,
  personId: string,
): Promise<RefreshResult> {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  // Scope check before calling out: nobody learns from the national system about a person they may not see.
  const person = await scopePeople(deps.db.selectFrom('people').select(['people.id', 'people.tax_code']), actor)
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw problems.notFound();

  let answer: NationalProfiling | null;
  try {
    answer = await deps.national.profilingOf(person.tax_code);
  } catch {
    throw problems.unavailable('Il sistema informativo nazionale non risponde: riprovate più tardi.');
  }
  const parsed = answer ? Received.safeParse(answer) : null;
  if (answer && (!parsed?.success || answer.taxCode.toUpperCase() !== person.tax_code.toUpperCase() || answer.referenceDate > romeDateOf())) {
    throw problems.unavailable('Il sistema informativo nazionale ha restituito una profilazione non valida: non è stata registrata.');
  }

  return inTransaction(deps.db, async (tx) => {
    await lockPersonInScope(tx, actor, personId);
    let changed = false;
    if (parsed?.success) {
      const value = parsed.data;
      const existing = await tx.db
        .selectFrom('person_profiling_results')
        .select(['id', 'profiling_index', 'profiling_class'])
        .where('person_id', '=', personId)
        .where('reference_date', '=', value.referenceDate)
        .forUpdate()
        .executeTakeFirst();
      if (!existing) {
        await tx.db
          .insertInto('person_profiling_results')
          .values({
            id: newId(),
            person_id: personId,
            profiling_index: value.index,
            profiling_class: value.profilingClass,
            reference_date: value.referenceDate,
            source: 'national-system',
            received_by: actor.accountId,
          })
          .execute();
        changed = true;
      } else {
        changed = Number(existing.profiling_index) !== value.index || existing.profiling_class !== value.profilingClass;
        await tx.db
          .updateTable('person_profiling_results')
          .set({ profiling_index: value.index, profiling_class: value.profilingClass, received_at: new Date(), received_by: actor.accountId })
          .where('id', '=', existing.id)
          .execute();
      }
    }
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: parsed?.success ? 'write' : 'read',
        recordType: 'profiling',
        recordIds: [personId],
        subjectPersonIds: [personId],
        fields: ['officialProfiling'],
        purpose: parsed?.success
          ? 'aggiornamento della profilazione ufficiale dal sistema nazionale'
          : 'richiesta della profilazione ufficiale al sistema nazionale: nessun risultato',
      },
    );
    if (parsed?.success)
      await writeEvent(tx, 'people.profiling.received', personId, {
        personId,
        referenceDate: parsed.data.referenceDate,
        profilingClass: parsed.data.profilingClass,
        changed,
      });
    const [official = null] = await officialResults(tx.db, personId);
    return { received: Boolean(parsed?.success), changed, official };
  });
}
