import { sql } from 'kysely';
import { type CopyValue, copyRows } from '../../platform/db/copy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/unitOfWork.ts';
import { yieldToEventLoop } from '../../platform/eventLoop.ts';
import { type KnownNotices, noticeStatusEvents } from '../notices/index.ts';
import { computeTimeline, ruleById, type StatusEvent, statusOn, type Timeline } from './status/index.ts';

type Reader = Db | Tx['db'];

/** The events a person's employment-status timeline is computed from. */
export async function loadStatusEvents(db: Reader, personId: string): Promise<StatusEvent[]> {
  return (await loadStatusEventsOfMany(db, [personId])).get(personId) ?? [];
}

/**
 * The events of many people's timelines, in a few queries whatever their number: availability declarations and
 * the effective employment notices (notices module; pay from the notice, else the income the person declared).
 */
export async function loadStatusEventsOfMany(db: Reader, personIds: readonly string[], knownNotices?: KnownNotices): Promise<Map<string, StatusEvent[]>> {
  const events = new Map<string, StatusEvent[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return events;
  const ids = sql<string>`any(${personIds}::uuid[])`;
  const declarations = await db
    .selectFrom('availability_declarations')
    .select(['person_id', 'declared_on', 'channel', 'at_risk_until', 'revoked_on'])
    .where('person_id', '=', ids)
    .orderBy('declared_on')
    .execute();
  for (const d of declarations) {
    const list = events.get(d.person_id) as StatusEvent[];
    list.push({
      kind: 'declaration',
      date: d.declared_on,
      channel: d.channel as 'job-centre' | 'national-portal' | 'inps-benefit',
      ...(d.at_risk_until ? { atRiskUntil: d.at_risk_until } : {}),
    });
    if (d.revoked_on) list.push({ kind: 'revocation', date: d.revoked_on });
  }
  const incomes = await db.selectFrom('people').select(['id', 'declared_annual_income']).where('id', '=', ids).execute();
  const jobs = await noticeStatusEvents(
    db,
    incomes.map((p) => ({ id: p.id, declaredAnnualIncome: p.declared_annual_income === null ? null : Number(p.declared_annual_income) })),
    knownNotices,
  );
  for (const [id, list] of jobs) events.get(id)?.push(...list);
  return events;
}

export async function timelineOf(db: Reader, personId: string): Promise<Timeline> {
  return computeTimeline(await loadStatusEvents(db, personId));
}

/**
 * Recomputes and stores the timelines of many people in the caller's transaction: events loaded in bulk, timelines
 * computed here, their status_periods replaced with one delete and one COPY. `knownNotices`: facts of notices the
 * caller already holds (a bulk import), not read back.
 */
export async function recomputeStatusOfMany(tx: Tx, personIds: readonly string[], knownNotices?: KnownNotices): Promise<Map<string, Timeline>> {
  const unique = [...new Set(personIds)];
  const timelines = new Map<string, Timeline>();
  if (unique.length === 0) return timelines;
  const events = await loadStatusEventsOfMany(tx.db, unique, knownNotices);
  // The server deletes the old periods while the timelines are computed here.
  const deleted = tx.db.deleteFrom('status_periods').where('person_id', '=', sql<string>`any(${unique}::uuid[])`).execute();
  deleted.catch(() => {}); // awaited below; no unhandled rejection meanwhile
  const rows: CopyValue[][] = [];
  for (let i = 0; i < unique.length; i++) {
    const id = unique[i] as string;
    const timeline = computeTimeline(events.get(id) ?? []);
    timelines.set(id, timeline);
    for (const p of timeline.periods) rows.push([id, p.from, p.to, p.state, p.ruleId]);
    // Bulk recomputes run beside other transactions (the notices importer pipelines two): let their answers in.
    if (i % 500 === 499) await yieldToEventLoop();
  }
  await deleted;
  if (rows.length > 0) await copyRows(tx.db, 'status_periods', ['person_id', 'valid_from', 'valid_to', 'state', 'rule_id'], rows);
  return timelines;
}

/** Recomputes and stores a person's timeline (used to search people by status); runs in the caller's transaction. */
export async function recomputeStatus(tx: Tx, personId: string): Promise<Timeline> {
  return (await recomputeStatusOfMany(tx, [personId])).get(personId) as Timeline;
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
