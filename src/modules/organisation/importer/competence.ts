import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { ColumnSpec } from './csvSource.ts';
import { checkIsoDate, checkIstatCode, checkJobCentreCode, endDateOrNull, firstProblem, required, seenBefore } from './fieldChecks.ts';
import { type ImportSpec, type PendingRow, type RowCheck, type RowResult, runImport } from './importRun.ts';
import type { CompetenceImportOptions, ImportReport } from './types.ts';

type Column = 'municipality' | 'municipalityName' | 'jobCentre' | 'validFrom' | 'validTo';

/** The `competenza_territoriale_*.csv` format: comune → competent CPI. */
const COLUMNS: readonly ColumnSpec<Column>[] = [
  { key: 'municipality', aliases: ['codice_istat_comune'], required: true },
  { key: 'municipalityName', aliases: ['comune'], required: false },
  { key: 'jobCentre', aliases: ['codice_cpi'], required: true },
  { key: 'validFrom', aliases: ['data_inizio'], required: true },
  { key: 'validTo', aliases: ['data_fine'], required: false },
];

/**
 * Comuni created by a merger after the competence table was drawn up (2016) inherit the competence
 * of their former comuni, which the table still lists (successor ISTAT code → predecessors).
 * Source: shared/data/centri-per-impiego/README.md, "Caveats": Barberino Tavarnelle (FI, 2019) is missing;
 * its former comuni Barberino Val d'Elsa and Tavarnelle Val di Pesa both point to CPI San Casciano in Val di Pesa.
 */
export const COMPETENCE_INHERITED_FROM: Readonly<Record<string, readonly string[]>> = {
  '048054': ['048003', '048045'], // Barberino Tavarnelle ← Barberino Val d'Elsa, Tavarnelle Val di Pesa
};

const SUCCESSORS = new Map<string, string[]>();
for (const [successor, predecessors] of Object.entries(COMPETENCE_INHERITED_FROM)) {
  for (const predecessor of predecessors) SUCCESSORS.set(predecessor, [...(SUCCESSORS.get(predecessor) ?? []), successor]);
}

interface CompetenceRow {
  municipality: string;
  municipalityName: string;
  jobCentreCode: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * Loads `job_centre_competence`. Rows need the comune and the job centre already imported;
 * rows of a merged-away comune go to its successor (see COMPETENCE_INHERITED_FROM).
 * When a comune's periods overlap (e.g. Barga: CPI Lucca since 1900 and CPI Valle del Serchio since 2014,
 * both open-ended), each ends the day before the next one starts, so one CPI is competent on any date.
 */
export async function importCompetence(db: Db, filePath: string, options: CompetenceImportOptions = {}): Promise<ImportReport> {
  return runImport(db, competenceSpec(), { file: filePath }, options);
}

function competenceSpec(): ImportSpec<Column, CompetenceRow> {
  const seen = new Map<string, number>();
  return {
    kind: 'competence',
    columns: COLUMNS,
    check(v, line): RowCheck<CompetenceRow> {
      const problem =
        firstProblem(
          required(v.municipality, 'codice_istat_comune'),
          checkIstatCode(v.municipality, 'codice_istat_comune'),
          required(v.jobCentre, 'codice_cpi'),
          checkJobCentreCode(v.jobCentre),
          required(v.validFrom, 'data_inizio'),
          checkIsoDate(v.validFrom, 'data_inizio'),
          v.validTo ? checkIsoDate(v.validTo, 'data_fine') : null,
        ) ??
        (v.validTo && v.validTo < v.validFrom ? `data_fine ${v.validTo} precedente a data_inizio ${v.validFrom}` : null) ??
        seenBefore(seen, `${v.municipality} dal ${v.validFrom}`, line, 'competenza del comune');
      if (problem) return { reject: problem };
      return {
        row: {
          municipality: v.municipality,
          municipalityName: v.municipalityName,
          jobCentreCode: v.jobCentre,
          validFrom: v.validFrom,
          validTo: endDateOrNull(v.validTo),
        },
      };
    },
    apply: upsertCompetence,
  };
}

async function upsertCompetence(trx: Db, rows: PendingRow<CompetenceRow>[]): Promise<RowResult[]> {
  const codes = rows.flatMap(({ row }) => [row.municipality, ...(SUCCESSORS.get(row.municipality) ?? [])]);
  const known = new Set((await trx.selectFrom('municipalities').select('istat_code').where('istat_code', 'in', codes).execute()).map((m) => m.istat_code));
  const centres = await trx
    .selectFrom('job_centres')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      rows.map((r) => r.row.jobCentreCode),
    )
    .execute();
  const centreId = new Map(centres.map((c) => [c.code, c.id]));

  type Value = { municipality_istat_code: string; job_centre_id: string; valid_from: string; valid_to: string | null };
  const direct = new Map<string, Value>();
  const inherited = new Map<string, Value>();
  const results = rows.map(({ row }): RowResult => {
    const jobCentreId = centreId.get(row.jobCentreCode);
    if (!jobCentreId) {
      return { reject: `centro per l'impiego ${row.jobCentreCode} non presente: importare prima i centri per l'impiego` };
    }
    const value = { job_centre_id: jobCentreId, valid_from: row.validFrom, valid_to: row.validTo };
    if (known.has(row.municipality)) {
      direct.set(`${row.municipality}|${row.validFrom}`, { municipality_istat_code: row.municipality, ...value });
      return 'applied';
    }
    const heirs = (SUCCESSORS.get(row.municipality) ?? []).filter((code) => known.has(code));
    if (heirs.length === 0) {
      const name = row.municipalityName ? ` (${row.municipalityName})` : '';
      return {
        reject: `comune ${row.municipality}${name} non presente nell'elenco dei comuni: soppresso o non ancora importato`,
      };
    }
    for (const heir of heirs) inherited.set(`${heir}|${row.validFrom}`, { municipality_istat_code: heir, ...value });
    return 'applied';
  });

  if (direct.size > 0) {
    await trx
      .insertInto('job_centre_competence')
      .values([...direct.values()])
      .onConflict((oc) =>
        oc.columns(['municipality_istat_code', 'valid_from']).doUpdateSet((eb) => ({
          job_centre_id: eb.ref('excluded.job_centre_id'),
          valid_to: eb.ref('excluded.valid_to'),
        })),
      )
      .execute();
  }
  if (inherited.size > 0) {
    // A row of the comune itself, if the file has one, wins over the inherited one.
    await trx
      .insertInto('job_centre_competence')
      .values([...inherited.values()])
      .onConflict((oc) => oc.columns(['municipality_istat_code', 'valid_from']).doNothing())
      .execute();
  }
  const touched = [...new Set([...direct.values(), ...inherited.values()].map((v) => v.municipality_istat_code))];
  if (touched.length > 0) await closeSupersededPeriods(trx, touched);
  return results;
}

/** A period followed by a later one ends the day before the later one starts (valid_to is inclusive). */
async function closeSupersededPeriods(trx: Db, municipalities: string[]): Promise<void> {
  await sql`
    update job_centre_competence c
       set valid_to = n.next_from - 1
      from (select municipality_istat_code, valid_from,
                   lead(valid_from) over (partition by municipality_istat_code order by valid_from) as next_from
              from job_centre_competence
             where municipality_istat_code = any(${municipalities})) n
     where c.municipality_istat_code = n.municipality_istat_code
       and c.valid_from = n.valid_from
       and n.next_from is not null
       and (c.valid_to is null or c.valid_to >= n.next_from)`.execute(trx);
}

/** The job centre competent for a comune on a day ('YYYY-MM-DD'), if any. */
export async function competentJobCentre(
  db: Db,
  municipalityIstatCode: string,
  onDate: string,
): Promise<{ id: string; code: string; name: string } | undefined> {
  return db
    .selectFrom('job_centre_competence as c')
    .innerJoin('job_centres as j', 'j.id', 'c.job_centre_id')
    .select(['j.id', 'j.code', 'j.name'])
    .where('c.municipality_istat_code', '=', municipalityIstatCode)
    .where('c.valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', onDate)]))
    .orderBy('c.valid_from', 'desc')
    .executeTakeFirst();
}
