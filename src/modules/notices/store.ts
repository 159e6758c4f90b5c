/**
 * SQL of the notices module (Kysely, same SQL on PGlite and PostgreSQL). Set-based: a batch of notices is one
 * INSERT … SELECT FROM json_to_recordset(…); events for many people are one query.
 */
import { sql } from 'kysely';
import { type CopyValue, copyRows } from '../../platform/db/copy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/unitOfWork.ts';
import type { StatusEvent } from '../people/index.ts';
import { noticesToEvents, type StoredNotice } from './model.ts';
import type { CommunicationType, EventType, NoticeRow } from './rows.ts';

type Reader = Db | Tx['db'];

export interface NoticeToInsert {
  id: string;
  line: number;
  row: NoticeRow;
  hash: string;
}

export interface InsertedNotice {
  id: string;
  communication_code: string;
  person_id: string | null;
}

/** The columns a batch of notices is copied with (incoming_notices, then employment_notices), in order. */
const INCOMING_COLUMNS = [
  ['id', 'uuid'],
  ['communication_code', 'text'],
  ['previous_code', 'text'],
  ['communication_type', 'text'],
  ['event_type', 'text'],
  ['sent_on', 'date'],
  ['employer_tax_code', 'text'],
  ['employer_name', 'text'],
  ['employer_ateco_code', 'text'],
  ['workplace_istat_code', 'text'],
  ['worker_tax_code', 'text'],
  ['worker_family_name', 'text'],
  ['worker_given_name', 'text'],
  ['worker_sex', 'text'],
  ['worker_birth_date', 'date'],
  ['worker_birthplace_code', 'text'],
  ['worker_citizenship', 'text'],
  ['job_start', 'date'],
  ['planned_end', 'date'],
  ['contract_type', 'text'],
  ['ccnl', 'text'],
  ['occupation_code', 'text'],
  ['working_time', 'text'],
  ['weekly_hours', 'numeric'],
  ['annual_pay', 'numeric'],
  ['extension_end', 'date'],
  ['conversion_date', 'date'],
  ['conversion_code', 'text'],
  ['termination_date', 'date'],
  ['termination_cause', 'text'],
  ['content_hash', 'text'],
  ['source_line', 'integer'],
] as const;
const COLUMN_NAMES = INCOMING_COLUMNS.map(([name]) => name);
const COLUMN_LIST = sql.raw(COLUMN_NAMES.join(', '));
const SELECT_LIST = sql.raw(COLUMN_NAMES.map((name) => `u.${name}`).join(', '));

function incomingRow({ id, line, row: x, hash }: NoticeToInsert): CopyValue[] {
  return [
    id,
    x.communicationCode,
    x.previousCode,
    x.communicationType,
    x.eventType,
    x.sentOn,
    x.employerTaxCode,
    x.employerName,
    x.employerAtecoCode,
    x.workplaceIstatCode,
    x.workerTaxCode,
    x.workerFamilyName,
    x.workerGivenName,
    x.workerSex,
    x.workerBirthDate,
    x.workerBirthplaceCode,
    x.workerCitizenship,
    x.jobStart,
    x.plannedEnd,
    x.contractType,
    x.ccnl,
    x.occupationCode,
    x.workingTime,
    x.weeklyHours,
    x.annualPay,
    x.extensionEnd,
    x.conversionDate,
    x.conversionCode,
    x.terminationDate,
    x.terminationCause,
    hash,
    line,
  ];
}

/**
 * Inserts a batch: COPY into a temporary table of the transaction (the cheapest way into the server), then one
 * INSERT … SELECT; codes already stored are left alone (ON CONFLICT DO NOTHING) and not returned. The worker is linked
 * to the person with that exact tax code (following a merge to the record that survived it).
 */
export async function insertNotices(tx: Tx, runId: string | null, notices: readonly NoticeToInsert[]): Promise<InsertedNotice[]> {
  if (notices.length === 0) return [];
  await sql`create temp table incoming_notices (${sql.raw(INCOMING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '))}) on commit drop`.execute(
    tx.db,
  );
  await copyRows(tx.db, 'incoming_notices', COLUMN_NAMES, notices.map(incomingRow));
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
  person_id: string;
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
  superseded_code: string | null;
  superseded_type: string | null;
}

function toStored(r: NoticeDbRow): StoredNotice {
  return {
    id: r.id,
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
    supersededBy: r.superseded_code === null ? null : { code: r.superseded_code, type: r.superseded_type as CommunicationType },
  };
}

/**
 * The notices of these people with what supersedes each (one query; a hash join on the previous code rather than a
 * lookup per notice). Should two notices name the same one, the first received counts, as everywhere else.
 */
export async function storedNoticesOf(db: Reader, personIds: readonly string[]): Promise<Map<string, StoredNotice[]>> {
  const byPerson = new Map<string, StoredNotice[]>();
  if (personIds.length === 0) return byPerson;
  const { rows } = await sql<NoticeDbRow & { superseded_at: Date | null }>`
    select n.id, n.person_id, n.communication_code, n.previous_code, n.communication_type, n.event_type, n.sent_on,
      n.employer_tax_code, n.worker_tax_code, n.job_start, n.planned_end, n.contract_type, n.annual_pay,
      n.extension_end, n.conversion_date, n.termination_date,
      s.communication_code as superseded_code, s.communication_type as superseded_type, s.received_at as superseded_at
    from employment_notices n
    left join employment_notices s on s.previous_code = n.communication_code
    where n.person_id = any(${personIds}::uuid[])`.execute(db);
  const seen = new Map<string, { at: number; code: string; index: number; list: StoredNotice[] }>();
  for (const r of rows) {
    const previous = seen.get(r.id);
    if (previous) {
      // Superseded twice: keep the first received (then the smaller code).
      const at = r.superseded_at?.getTime() ?? 0;
      if (at < previous.at || (at === previous.at && (r.superseded_code as string) < previous.code)) {
        previous.list[previous.index] = toStored(r);
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
    list.push(toStored(r));
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
): Promise<Map<string, StatusEvent[]>> {
  const stored = await storedNoticesOf(
    db,
    people.map((p) => p.id),
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
