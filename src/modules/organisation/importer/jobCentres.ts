import { sql } from 'kysely';
import { romeDateOf } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import type { ColumnSpec } from './csvSource.ts';
import { ImportFileError } from './errors.ts';
import {
  checkEmail,
  checkIsoDate,
  checkIstatCode,
  checkJobCentreCode,
  checkProvinceSigla,
  endDateOrNull,
  firstProblem,
  required,
  seenBefore,
} from './fieldChecks.ts';
import { type ImportSpec, type PendingRow, type RowCheck, type RowResult, runImport } from './importRun.ts';
import type { ImportReport, JobCentreImportOptions } from './types.ts';

type Column = 'code' | 'name' | 'address' | 'municipality' | 'province' | 'email' | 'validFrom' | 'validTo';

/** The `cpi_*.csv` format (ministerial "Intermediari" table, type CPI). */
const COLUMNS: readonly ColumnSpec<Column>[] = [
  { key: 'code', aliases: ['codice_cpi'], required: true },
  { key: 'name', aliases: ['denominazione', 'denominazione_cpi'], required: true },
  { key: 'address', aliases: ['indirizzo'], required: false },
  { key: 'municipality', aliases: ['codice_istat_comune'], required: true },
  { key: 'province', aliases: ['sigla_provincia'], required: true },
  { key: 'email', aliases: ['email'], required: false },
  { key: 'validFrom', aliases: ['data_inizio'], required: true },
  { key: 'validTo', aliases: ['data_fine'], required: false },
];

/** Name of the site created for each job centre at its own address. */
export const MAIN_SITE_NAME = 'Sede principale';

interface JobCentreRow {
  code: string;
  name: string;
  address: string | null;
  municipality_istat_code: string;
  province_code: string;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
}

/**
 * Upserts job centres by ministerial code, each with a main site. Offices closed before `today`
 * are skipped; a seat in a comune not yet imported is rejected.
 */
export async function importJobCentres(db: Db, filePath: string, options: JobCentreImportOptions): Promise<ImportReport> {
  const agency = /^[0-9a-f-]{36}$/i.test(options.agencyId)
    ? await db.selectFrom('agencies').select('id').where('id', '=', options.agencyId).executeTakeFirst()
    : undefined;
  if (!agency) {
    throw new ImportFileError(`Ente «${options.agencyId}» non trovato: crearlo prima di importare i centri per l'impiego`);
  }
  const today = options.today ?? romeDateOf();
  return runImport(db, jobCentreSpec(options.agencyId, today), { file: filePath, variant: { agency: options.agencyId } }, options);
}

function jobCentreSpec(agencyId: string, today: string): ImportSpec<Column, JobCentreRow> {
  const seenCodes = new Map<string, number>();
  return {
    kind: 'job-centres',
    columns: COLUMNS,
    check(v, line): RowCheck<JobCentreRow> {
      const problem =
        firstProblem(
          required(v.code, 'codice_cpi'),
          checkJobCentreCode(v.code),
          required(v.name, 'denominazione'),
          required(v.municipality, 'codice_istat_comune'),
          checkIstatCode(v.municipality, 'codice_istat_comune'),
          required(v.province, 'sigla_provincia'),
          checkProvinceSigla(v.province),
          v.email ? checkEmail(v.email) : null,
          required(v.validFrom, 'data_inizio'),
          checkIsoDate(v.validFrom, 'data_inizio'),
          v.validTo ? checkIsoDate(v.validTo, 'data_fine') : null,
        ) ??
        (v.validTo && v.validTo < v.validFrom ? `data_fine ${v.validTo} precedente a data_inizio ${v.validFrom}` : null) ??
        seenBefore(seenCodes, v.code, line, 'codice CPI');
      if (problem) return { reject: problem };
      const validTo = endDateOrNull(v.validTo);
      if (validTo !== null && validTo < today) return { skip: true };
      return {
        row: {
          code: v.code,
          name: v.name,
          address: v.address || null,
          municipality_istat_code: v.municipality,
          province_code: v.province,
          email: v.email || null,
          valid_from: v.validFrom,
          valid_to: validTo,
        },
      };
    },
    apply: (trx, rows) => upsertJobCentres(trx, rows, agencyId),
  };
}

async function upsertJobCentres(trx: Db, rows: PendingRow<JobCentreRow>[], agencyId: string): Promise<RowResult[]> {
  const municipalities = await trx
    .selectFrom('municipalities')
    .select(['istat_code', 'province_code'])
    .where(
      'istat_code',
      'in',
      rows.map((r) => r.row.municipality_istat_code),
    )
    .execute();
  const provinceOf = new Map(municipalities.map((m) => [m.istat_code, m.province_code]));
  const results: RowResult[] = rows.map(({ row }) => {
    const province = provinceOf.get(row.municipality_istat_code);
    if (province === undefined) {
      return {
        reject: `comune della sede ${row.municipality_istat_code} non presente nell'elenco dei comuni: importare prima i comuni della regione`,
      };
    }
    if (province !== row.province_code) {
      return {
        reject: `sigla_provincia ${row.province_code} diversa dalla provincia del comune ${row.municipality_istat_code} (${province})`,
      };
    }
    return 'applied';
  });
  const accepted = rows.filter((_, i) => results[i] === 'applied').map((r) => r.row);
  if (accepted.length === 0) return results;

  await trx
    .insertInto('job_centres')
    .values(accepted.map((row) => ({ id: newId(), agency_id: agencyId, ...row })))
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          agency_id: eb.ref('excluded.agency_id'),
          municipality_istat_code: eb.ref('excluded.municipality_istat_code'),
          province_code: eb.ref('excluded.province_code'),
          address: eb.ref('excluded.address'),
          email: eb.ref('excluded.email'),
          valid_from: eb.ref('excluded.valid_from'),
          valid_to: eb.ref('excluded.valid_to'),
          version: sql`job_centres.version + 1`,
          updated_at: sql`now()`,
        }))
        // Re-importing unchanged data must not bump versions (editors would get spurious conflicts).
        .where(
          sql<boolean>`(job_centres.name, job_centres.agency_id, job_centres.municipality_istat_code, job_centres.province_code,
            job_centres.address, job_centres.email, job_centres.valid_from, job_centres.valid_to)
            is distinct from (excluded.name, excluded.agency_id, excluded.municipality_istat_code, excluded.province_code,
            excluded.address, excluded.email, excluded.valid_from, excluded.valid_to)`,
        ),
    )
    .execute();

  const centres = await trx
    .selectFrom('job_centres')
    .select(['id', 'address', 'municipality_istat_code'])
    .where(
      'code',
      'in',
      accepted.map((r) => r.code),
    )
    .execute();
  await trx
    .insertInto('sites')
    .values(
      centres.map((c) => ({
        id: newId(),
        job_centre_id: c.id,
        name: MAIN_SITE_NAME,
        kind: 'main',
        address: c.address,
        municipality_istat_code: c.municipality_istat_code,
      })),
    )
    .onConflict((oc) => oc.column('job_centre_id').where('kind', '=', 'main').doNothing())
    .execute();
  return results;
}
