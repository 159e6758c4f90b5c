/**
 * SQL of the notices module (Kysely, same SQL on PGlite and PostgreSQL). Set-based: a batch of notices is one
 * INSERT … SELECT FROM json_to_recordset(…); events for many people are one query.
 */
import { sql } from 'kysely';
import { copyField, copyFormatted } from '../../platform/db/copy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/unitOfWork.ts';
import type { StatusEvent } from '../people/index.ts';
import { COLUMN_NAMES, INCOMING_COLUMNS, noticeCopyFields } from './copyFormat.ts';
import { type KnownNotices, type NoticeFacts, noticeFacts, noticesToEvents, type StoredNotice } from './model.ts';
import type { CommunicationType, EventType, NoticeRow } from './rows.ts';

type Reader = Db | Tx['db'];

export interface NoticeToInsert {
  id: string;
  line: number;
  /** What the batch logic and the rules read of the notice. */
  facts: NoticeFacts;
  hash: string;
  /** Every column after the id in COPY text format (copyFormat.ts: the reader formats them ahead). */
  copyFields: string;
}

/** A checked row ready for insertNotices. */
export function noticeToInsert(id: string, line: number, row: NoticeRow, hash: string): NoticeToInsert {
  return { id, line, facts: noticeFacts(row), hash, copyFields: noticeCopyFields(row, hash, line) };
}

export interface InsertedNotice {
  id: string;
  communication_code: string;
  person_id: string | null;
}

const COLUMN_LIST = sql.raw(COLUMN_NAMES.join(', '));
const SELECT_LIST = sql.raw(COLUMN_NAMES.map((name) => `u.${name}`).join(', '));

/**
 * Inserts a batch and returns the notices stored; codes already stored are left alone and not returned. The worker is
 * linked to the person with that exact tax code (following a merge to the record that survived it).
 *
 * New codes, the usual case, go straight into the table with one COPY; should a code be stored already (a file sent
 * twice, a concurrent import) the COPY fails whole and the batch takes the set-based path instead: COPY into a
 * temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING.
 */
export async function insertNotices(tx: Tx, runId: string | null, notices: readonly NoticeToInsert[]): Promise<InsertedNotice[]> {
  if (notices.length === 0) return [];
  const people = await peopleByTaxCode(tx.db, [...new Set(notices.map((n) => n.facts.workerTaxCode))]);
  const linkedAt = new Date().toISOString();
  await sql`savepoint insert_notices`.execute(tx.db);
  try {
    const run = copyField(runId);
    let text = '';
    for (const n of notices) {
      const personId = people.get(n.facts.workerTaxCode);
      text += `${n.id}\t${n.copyFields}\t${personId === undefined ? '\\N\t\\N' : `${personId}\t${linkedAt}`}\t${run}\n`;
    }
    await copyFormatted(tx.db, 'employment_notices', [...COLUMN_NAMES, 'person_id', 'linked_at', 'import_run_id'], text);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await sql`rollback to savepoint insert_notices`.execute(tx.db);
    return insertNoticesSkippingStored(tx, runId, notices);
  }
  await sql`release savepoint insert_notices`.execute(tx.db);
  return notices.map((n) => ({ id: n.id, communication_code: n.facts.communicationCode, person_id: people.get(n.facts.workerTaxCode) ?? null }));
}

const UNIQUE_VIOLATION = '23505';

/** The person each tax code belongs to: the record with that exact code, or the one it was merged into. */
async function peopleByTaxCode(db: Reader, taxCodes: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ tax_code: string; id: string }>`
    select p.tax_code, coalesce(p2.merged_into, p.merged_into, p.id) as id
    from people p left join people p2 on p2.id = p.merged_into
    where p.tax_code = any(${taxCodes}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.tax_code, r.id]));
}

/** insertNotices' set-based path: codes already stored are skipped by the insert itself. */
async function insertNoticesSkippingStored(tx: Tx, runId: string | null, notices: readonly NoticeToInsert[]): Promise<InsertedNotice[]> {
  await sql`create temp table incoming_notices (${sql.raw(INCOMING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '))}) on commit drop`.execute(
    tx.db,
  );
  await copyFormatted(tx.db, 'incoming_notices', COLUMN_NAMES, notices.map((n) => `${n.id}\t${n.copyFields}\n`).join(''));
  const result = await sql<InsertedNotice>`
    insert into employment_notices (${COLUMN_LIST}, person_id, linked_at, import_run_id)
    select ${SELECT_LIST}, coalesce(p2.merged_into, p.merged_into, p.id), case when p.id is null then null else now() end, ${runId}::uuid
    from incoming_notices u
    left join people p on p.tax_code = u.worker_tax_code
    left join people p2 on p2.id = p.merged_into
    on conflict (communication_code) do nothing
    returning id, communication_code, person_id`.execute(tx.db);
  await sql`drop table incoming_notices`.execute(tx.db);
  return result.rows;
}

/** How many notices the planner's statistics say the table holds (-1: never analyzed). */
export async function plannedNoticeRows(db: Reader): Promise<number> {
  const { rows } = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where oid = 'employment_notices'::regclass`.execute(db);
  return Number(rows[0]?.reltuples ?? -1);
}

/** Refreshes the planner's statistics of the notices table (see the importer: a first large load into an empty table). */
export async function analyzeNotices(db: Db): Promise<void> {
  await sql`analyze employment_notices`.execute(db);
}

/** Content hash of stored notices, by communication code. */
export async function storedHashes(db: Reader, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('employment_notices')
    .select(['communication_code', 'content_hash'])
    .where('communication_code', '=', sql<string>`any(${codes}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.communication_code, r.content_hash]));
}

/** Stored notices that already rectify or cancel one of these codes: previous code → the notice that names it. */
export async function referringNotices(db: Reader, previousCodes: readonly string[]): Promise<Map<string, string>> {
  if (previousCodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('employment_notices')
    .select(['communication_code', 'previous_code'])
    .where('previous_code', '=', sql<string>`any(${previousCodes}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.previous_code as string, r.communication_code]));
}

/** People whose notices these codes name (the notices a batch rectifies or cancels). */
export async function peopleOfCodes(db: Reader, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('employment_notices')
    .select('person_id')
    .distinct()
    .where('communication_code', '=', sql<string>`any(${codes}::text[])`)
    .where('person_id', 'is not', null)
    .execute();
  return rows.map((r) => r.person_id as string);
}

interface NoticeDbRow {
  id: string;
  communication_code: string;
  previous_code: string | null;
  communication_type: string;
  event_type: string;
  sent_on: string;
  employer_tax_code: string;
  worker_tax_code: string;
  job_start: string;
  planned_end: string | null;
  contract_type: string | null;
  annual_pay: string | null;
  extension_end: string | null;
  conversion_date: string | null;
  termination_date: string | null;
}

/** A notice of the people asked for, with one notice that supersedes it (a row per superseding notice). */
interface SupersededRow {
  id: string;
  person_id: string;
  superseded_code: string | null;
  superseded_type: string | null;
  superseded_at: Date | null;
}

function toFacts(r: NoticeDbRow): NoticeFacts {
  return {
    communicationCode: r.communication_code,
    previousCode: r.previous_code,
    communicationType: r.communication_type as CommunicationType,
    eventType: r.event_type as EventType,
    sentOn: r.sent_on,
    employerTaxCode: r.employer_tax_code,
    workerTaxCode: r.worker_tax_code,
    jobStart: r.job_start,
    plannedEnd: r.planned_end,
    contractType: r.contract_type,
    annualPay: r.annual_pay === null ? null : Number(r.annual_pay),
    extensionEnd: r.extension_end,
    conversionDate: r.conversion_date,
    terminationDate: r.termination_date,
  };
}

/**
 * The notices of these people with what supersedes each: which notices are whose and what supersedes them in one query
 * (narrow rows), then the facts of those not at hand. Should two notices name the same one, the first received
 * counts, as everywhere else.
 *
 * `known`: facts of notices already at hand (a bulk import keeps those it stored; facts never change once stored).
 * Links still come from the database — they change with registrations and merges — but known facts are not read back
 * (reading wide rows costs the importer more than computing the timelines).
 */
export async function storedNoticesOf(db: Reader, personIds: readonly string[], known?: KnownNotices): Promise<Map<string, StoredNotice[]>> {
  const byPerson = new Map<string, StoredNotice[]>();
  if (personIds.length === 0) return byPerson;
  const { rows } = await sql<SupersededRow>`
    select n.id, n.person_id, s.communication_code as superseded_code, s.communication_type as superseded_type, s.received_at as superseded_at
    from employment_notices n
    left join employment_notices s on s.previous_code = n.communication_code
    where n.person_id = any(${personIds}::uuid[])`.execute(db);
  const facts = new Map<string, NoticeFacts>();
  const missing = new Set<string>();
  for (const r of rows) {
    const f = known?.get(r.id);
    if (f !== undefined) facts.set(r.id, f);
    else missing.add(r.id);
  }
  if (missing.size > 0) {
    const read = await sql<NoticeDbRow>`
      select n.id, n.communication_code, n.previous_code, n.communication_type, n.event_type, n.sent_on,
        n.employer_tax_code, n.worker_tax_code, n.job_start, n.planned_end, n.contract_type, n.annual_pay,
        n.extension_end, n.conversion_date, n.termination_date
      from employment_notices n where n.id = any(${[...missing]}::uuid[])`.execute(db);
    for (const r of read.rows) facts.set(r.id, toFacts(r));
  }
  const seen = new Map<string, { at: number; code: string; index: number; list: StoredNotice[] }>();
  const withSuperseder = (r: SupersededRow): StoredNotice => ({
    id: r.id,
    ...(facts.get(r.id) as NoticeFacts),
    supersededBy: r.superseded_code === null ? null : { code: r.superseded_code, type: r.superseded_type as CommunicationType },
  });
  for (const r of rows) {
    const previous = seen.get(r.id);
    if (previous) {
      // Superseded twice: keep the first received (then the smaller code).
      const at = r.superseded_at?.getTime() ?? 0;
      if (at < previous.at || (at === previous.at && (r.superseded_code as string) < previous.code)) {
        previous.list[previous.index] = withSuperseder(r);
        previous.at = at;
        previous.code = r.superseded_code as string;
      }
      continue;
    }
    let list = byPerson.get(r.person_id);
    if (!list) {
      list = [];
      byPerson.set(r.person_id, list);
    }
    seen.set(r.id, { at: r.superseded_at?.getTime() ?? 0, code: r.superseded_code ?? '', index: list.length, list });
    list.push(withSuperseder(r));
  }
  return byPerson;
}

/**
 * Status events from the effective notices of many people (one query), for the people module's timeline.
 * `people`: ids with the annual income each declared (used when a hire notice carries no pay).
 */
export async function noticeStatusEvents(
  db: Reader,
  people: readonly { id: string; declaredAnnualIncome: number | null }[],
  known?: KnownNotices,
): Promise<Map<string, StatusEvent[]>> {
  const stored = await storedNoticesOf(
    db,
    people.map((p) => p.id),
    known,
  );
  const events = new Map<string, StatusEvent[]>();
  for (const p of people) {
    const notices = stored.get(p.id);
    if (notices) events.set(p.id, noticesToEvents(notices, p.declaredAnnualIncome));
  }
  return events;
}

/** Links the notices waiting for this exact tax code to the person who just registered; returns how many. */
export async function linkWaitingNotices(tx: Tx, personId: string, taxCode: string): Promise<number> {
  const linked = await tx.db
    .updateTable('employment_notices')
    .set({ person_id: personId, linked_at: new Date() })
    .where('worker_tax_code', '=', taxCode)
    .where('person_id', 'is', null)
    .returning('id')
    .execute();
  return linked.length;
}

/**
 * After a merge is undone: notices sent for the restored record's tax code that arrived while it was merged (and so
 * went to the record that survived) go back to it. Returns how many moved.
 */
export async function relinkNotices(tx: Tx, fromPersonId: string, toPersonId: string, taxCode: string): Promise<number> {
  const moved = await tx.db
    .updateTable('employment_notices')
    .set({ person_id: toPersonId, linked_at: new Date() })
    .where('worker_tax_code', '=', taxCode)
    .where('person_id', '=', fromPersonId)
    .returning('id')
    .execute();
  return moved.length;
}

/** A person's notices for the case file, newest first, with their effect. */
export async function noticesOfPerson(db: Reader, personId: string) {
  const { rows } = await sql<{
    id: string;
    communication_code: string;
    previous_code: string | null;
    communication_type: string;
    event_type: string;
    sent_on: string;
    employer_tax_code: string;
    employer_name: string;
    job_start: string;
    planned_end: string | null;
    contract_type: string | null;
    working_time: string | null;
    annual_pay: string | null;
    extension_end: string | null;
    conversion_date: string | null;
    conversion_code: string | null;
    termination_date: string | null;
    termination_cause: string | null;
    occupation_code: string | null;
    received_at: Date;
    superseded_code: string | null;
    superseded_type: string | null;
  }>`
    select n.id, n.communication_code, n.previous_code, n.communication_type, n.event_type, n.sent_on,
      n.employer_tax_code, n.employer_name, n.job_start, n.planned_end, n.contract_type, n.working_time, n.annual_pay,
      n.extension_end, n.conversion_date, n.conversion_code, n.termination_date, n.termination_cause, n.occupation_code, n.received_at,
      s.communication_code as superseded_code, s.communication_type as superseded_type
    from employment_notices n
    left join lateral (
      select r.communication_code, r.communication_type from employment_notices r
      where r.previous_code = n.communication_code order by r.received_at, r.communication_code limit 1
    ) s on true
    where n.person_id = ${personId}
    order by n.sent_on desc, n.communication_code desc`.execute(db);
  return rows;
}
