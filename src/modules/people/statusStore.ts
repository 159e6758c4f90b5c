import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/unitOfWork.ts';
import { computeTimeline, ruleById, type StatusEvent, statusOn, type Timeline } from './status/index.ts';

type Reader = Db | Tx['db'];

/** The events a person's employment-status timeline is computed from. */
export async function loadStatusEvents(db: Reader, personId: string): Promise<StatusEvent[]> {
  const declarations = await db
    .selectFrom('availability_declarations')
    .select(['declared_on', 'channel', 'at_risk_until', 'revoked_on'])
    .where('person_id', '=', personId)
    .orderBy('declared_on')
    .execute();
  const events: StatusEvent[] = [];
  for (const d of declarations) {
    events.push({
      kind: 'declaration',
      date: d.declared_on,
      channel: d.channel as 'job-centre' | 'national-portal' | 'inps-benefit',
      ...(d.at_risk_until ? { atRiskUntil: d.at_risk_until } : {}),
    });
    if (d.revoked_on) events.push({ kind: 'revocation', date: d.revoked_on });
  }
  return events;
}

export async function timelineOf(db: Reader, personId: string): Promise<Timeline> {
  return computeTimeline(await loadStatusEvents(db, personId));
}

/** Recomputes and stores a person's timeline (used to search people by status); runs in the caller's transaction. */
export async function recomputeStatus(tx: Tx, personId: string): Promise<Timeline> {
  const timeline = await timelineOf(tx.db, personId);
  await tx.db.deleteFrom('status_periods').where('person_id', '=', personId).execute();
  if (timeline.periods.length > 0) {
    await tx.db
      .insertInto('status_periods')
      .values(
        timeline.periods.map((p) => ({
          person_id: personId,
          valid_from: p.from,
          valid_to: p.to,
          state: p.state,
          rule_id: p.ruleId,
          basis: JSON.stringify(p.basis),
        })),
      )
      .execute();
  }
  return timeline;
}

/** What the API shows of a person's status: on a date, the periods with their legal basis, and the declarations. */
export async function statusView(db: Reader, personId: string, date: string) {
  const timeline = await timelineOf(db, personId);
  const current = statusOn(timeline, date);
  const describe = (ruleId: string) => {
    const rule = ruleById(ruleId);
    return { ruleId, ruleTitle: rule?.title ?? ruleId, legalBasis: rule?.legalBasis ?? '', confidence: rule?.confidence ?? 'U' };
  };
  const declarations = await db
    .selectFrom('availability_declarations')
    .select(['id', 'declared_on', 'channel', 'at_risk_until', 'revoked_on', 'revocation_reason'])
    .where('person_id', '=', personId)
    .orderBy('declared_on', 'desc')
    .execute();
  return {
    date,
    current: {
      state: current.state,
      since: current.since,
      ...describe(current.ruleId),
      detail: current.basis.detail ?? null,
      paySource: current.paySource ?? null,
      unemploymentDays: current.unemploymentDays,
    },
    periods: timeline.periods.map((p) => ({
      from: p.from,
      to: p.to,
      state: p.state,
      ...describe(p.ruleId),
      detail: p.basis.detail ?? null,
      paySource: p.basis.paySource ?? null,
      incomeLimit: p.basis.limitUsed ? { amount: p.basis.limitUsed.employee, source: p.basis.limitUsed.source } : null,
    })),
    declarations: declarations.map((d) => ({
      id: d.id,
      declaredOn: d.declared_on,
      channel: d.channel,
      atRiskUntil: d.at_risk_until,
      revokedOn: d.revoked_on,
      revocationReason: d.revocation_reason,
    })),
    missingIncomeLimitYears: timeline.missingIncomeLimitYears,
  };
}
