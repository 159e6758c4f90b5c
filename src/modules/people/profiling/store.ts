import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/unitOfWork.ts';
import { statusOn } from '../status/index.ts';
import { timelineOf } from '../statusStore.ts';
import { classOf } from './bands.ts';
import { ageOn, type Explanation, experienceMonths, explain, type ProfilingInputs } from './model.ts';

type Reader = Db | Tx['db'];

export interface OfficialProfiling {
  index: number;
  profilingClass: string;
  referenceDate: string;
  receivedAt: string;
  source: string;
}

export interface ProfilingView {
  /** The latest official result received from the national system, or null when none has been received yet. */
  official: OfficialProfiling | null;
  /** Earlier official results, newest first. */
  history: OfficialProfiling[];
  /** Known cut-offs for the official class, with source (informative: the class itself is stored as received). */
  classBands: { source: string; confidence: string } | null;
  /** The local estimate with each factor's contribution; null when no model version is in force on the date. */
  estimate: (Explanation & { date: string; inputs: ProfilingInputs; inputNotes: string[] }) | null;
}

function toOfficial(row: { profiling_index: number; profiling_class: string; reference_date: string; received_at: Date; source: string }): OfficialProfiling {
  return {
    index: Number(row.profiling_index),
    profilingClass: row.profiling_class,
    referenceDate: row.reference_date,
    receivedAt: new Date(row.received_at).toISOString(),
    source: row.source,
  };
}

/** Official results received for a person, newest reference date first. */
export async function officialResults(db: Reader, personId: string): Promise<OfficialProfiling[]> {
  const rows = await db
    .selectFrom('person_profiling_results')
    .select(['profiling_index', 'profiling_class', 'reference_date', 'received_at', 'source'])
    .where('person_id', '=', personId)
    .orderBy('reference_date', 'desc')
    .orderBy('received_at', 'desc')
    .execute();
  return rows.map(toOfficial);
}

async function tableExists(db: Reader, name: string): Promise<boolean> {
  const result = await sql<{ present: boolean }>`select to_regclass(${name}) is not null as present`.execute(db);
  return Boolean(result.rows[0]?.present);
}

/**
 * The estimate's inputs, read from the person's records: the status timeline, the birth date and — when the
 * professional-profile tables (migration 0008) exist — the highest EQF level and the work experiences.
 * Sex, citizenship, origin and disability are never read here.
 */
export async function estimateInputs(db: Reader, personId: string, date: string): Promise<{ inputs: ProfilingInputs; notes: string[] }> {
  const notes: string[] = [];
  const person = await db.selectFrom('people').select(['birth_date']).where('id', '=', personId).executeTakeFirst();
  const status = statusOn(await timelineOf(db, personId), date);
  const registered = status.state !== 'not-registered' && status.state !== 'lost';
  if (!registered) notes.push('Durata della disoccupazione non nota: nessuna DID in corso alla data della stima.');
  let eqfLevel: number | null = null;
  let months: number | null = null;
  if (await tableExists(db, 'person_education')) {
    const row = await sql<{ level: number | null }>`select max(eqf_level)::int as level from person_education where person_id = ${personId}`.execute(db);
    eqfLevel = row.rows[0]?.level ?? null;
    if (eqfLevel === null) notes.push('Titolo di studio non indicato nel profilo professionale (o senza livello EQF).');
  } else {
    notes.push('Profilo professionale non disponibile: titolo di studio non noto.');
  }
  if (await tableExists(db, 'person_experiences')) {
    const rows = await sql<{ started_on: string; ended_on: string | null }>`
      select to_char(started_on, 'YYYY-MM-DD') as started_on, to_char(ended_on, 'YYYY-MM-DD') as ended_on
      from person_experiences where person_id = ${personId} and started_on is not null`.execute(db);
    let hasProfile = rows.rows.length > 0;
    if (!hasProfile && (await tableExists(db, 'person_profiles'))) {
      const count = await sql<{ n: number }>`select count(*)::int as n from person_profiles where person_id = ${personId}`.execute(db);
      hasProfile = (count.rows[0]?.n ?? 0) > 0;
    }
    if (hasProfile)
      months = experienceMonths(
        rows.rows.map((r) => ({ startedOn: r.started_on, endedOn: r.ended_on })),
        date,
      );
    else notes.push('Esperienze di lavoro non indicate nel profilo professionale.');
  } else {
    notes.push('Profilo professionale non disponibile: esperienza di lavoro non nota.');
  }
  return {
    inputs: {
      unemploymentDays: registered ? status.unemploymentDays : null,
      eqfLevel,
      experienceMonths: months,
      age: person ? ageOn(person.birth_date, date) : null,
    },
    notes,
  };
}

/** Official result(s) and local estimate of one person on a date. */
export async function profilingView(db: Reader, personId: string, date: string): Promise<ProfilingView> {
  const results = await officialResults(db, personId);
  const [official = null, ...history] = results;
  const { inputs, notes } = await estimateInputs(db, personId, date);
  const explanation = explain(inputs, date);
  const bands = official ? classOf(official.index, official.referenceDate) : undefined;
  return {
    official,
    history,
    classBands: bands ? { source: bands.source, confidence: bands.confidence } : null,
    estimate: explanation ? { ...explanation, date, inputs, inputNotes: notes } : null,
  };
}
