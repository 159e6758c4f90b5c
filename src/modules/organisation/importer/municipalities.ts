import { basename } from 'node:path';
import type { ExpressionBuilder, OnConflictDatabase, OnConflictTables } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { type Coordinates, loadCoordinates } from './coordinates.ts';
import type { ColumnSpec } from './csvSource.ts';
import { ImportFileError } from './errors.ts';
import { checkBelfioreCode, checkIstatCode, checkProvinceSigla, checkRegionCode, firstProblem, required, seenBefore } from './fieldChecks.ts';
import { type ImportSpec, type PendingRow, type RowCheck, type RowResult, runImport } from './importRun.ts';
import type { ImportReport, MunicipalityImportOptions } from './types.ts';

type Column = 'istatCode' | 'belfioreCode' | 'name' | 'provinceCode' | 'provinceName' | 'regionCode' | 'regionName' | 'capital';

/** Compact `comuni.csv` names first, then the original ISTAT header (26 columns). */
const COLUMNS: readonly ColumnSpec<Column>[] = [
  { key: 'istatCode', aliases: ['codice_istat', 'Codice Comune formato alfanumerico'], required: true },
  { key: 'belfioreCode', aliases: ['codice_catastale', 'Codice Catastale del comune'], required: true },
  { key: 'name', aliases: ['denominazione', 'Denominazione in italiano'], required: true },
  { key: 'provinceCode', aliases: ['sigla_provincia', 'Sigla automobilistica'], required: true },
  {
    key: 'provinceName',
    aliases: ['denominazione_uts', "Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)"],
    required: true,
  },
  { key: 'regionCode', aliases: ['codice_regione', 'Codice Regione'], required: true },
  { key: 'regionName', aliases: ['regione', 'Denominazione Regione'], required: true },
  {
    key: 'capital',
    aliases: ['capoluogo', 'Flag Comune capoluogo di provincia/città metropolitana/libero consorzio'],
    required: false,
  },
];

interface MunicipalityRow {
  istat_code: string;
  belfiore_code: string;
  name: string;
  province_code: string;
  province_name: string;
  region_code: string;
  region_name: string;
  is_province_capital: boolean;
  /** Undefined: the coordinates file does not know this comune (or none was given): keep what is stored. */
  coordinates: Coordinates | undefined;
}

/**
 * Upserts the ISTAT list of comuni (official 26-column file or compact comuni.csv, either encoding
 * and separator) into `municipalities`; optionally joins approximate coordinates and keeps one region.
 */
export async function importMunicipalities(db: Db, filePath: string, options: MunicipalityImportOptions = {}): Promise<ImportReport> {
  const regionProblem = options.regionCode === undefined ? null : checkRegionCode(options.regionCode);
  if (regionProblem) throw new ImportFileError(regionProblem);
  const coordinates = options.coordinatesFile ? await loadCoordinates(options.coordinatesFile) : undefined;
  const variant: Record<string, string> = {};
  if (coordinates) variant.coordinates = coordinates.sha256;
  if (options.regionCode) variant.region = options.regionCode;
  const name = options.coordinatesFile ? `${basename(filePath)} + ${basename(options.coordinatesFile)}` : basename(filePath);
  return runImport(db, municipalitySpec(options.regionCode, coordinates?.byIstatCode), { file: filePath, name, variant }, options);
}

function municipalitySpec(regionCode: string | undefined, coordinates: Map<string, Coordinates> | undefined): ImportSpec<Column, MunicipalityRow> {
  const seenIstat = new Map<string, number>();
  const seenBelfiore = new Map<string, number>();
  return {
    kind: 'municipalities',
    columns: COLUMNS,
    check(v, line): RowCheck<MunicipalityRow> {
      if (regionCode && v.regionCode !== regionCode && !checkRegionCode(v.regionCode)) return { skip: true };
      const problem =
        firstProblem(
          required(v.istatCode, 'codice ISTAT'),
          checkIstatCode(v.istatCode),
          required(v.belfioreCode, 'codice catastale'),
          checkBelfioreCode(v.belfioreCode),
          required(v.name, 'denominazione'),
          required(v.provinceCode, 'sigla provincia'),
          checkProvinceSigla(v.provinceCode),
          required(v.provinceName, 'denominazione della provincia (UTS)'),
          required(v.regionCode, 'codice regione'),
          checkRegionCode(v.regionCode),
          required(v.regionName, 'denominazione regione'),
          ['', '0', '1'].includes(v.capital) ? null : `flag capoluogo «${v.capital}» non valido: atteso 0 o 1`,
        ) ??
        seenBefore(seenIstat, v.istatCode, line, 'codice ISTAT') ??
        seenBefore(seenBelfiore, v.belfioreCode, line, 'codice catastale');
      if (problem) return { reject: problem };
      return {
        row: {
          istat_code: v.istatCode,
          belfiore_code: v.belfioreCode,
          name: v.name,
          province_code: v.provinceCode,
          province_name: v.provinceName,
          region_code: v.regionCode,
          region_name: v.regionName,
          is_province_capital: v.capital === '1',
          coordinates: coordinates?.get(v.istatCode),
        },
      };
    },
    apply: upsertMunicipalities,
  };
}

async function upsertMunicipalities(trx: Db, rows: PendingRow<MunicipalityRow>[]): Promise<RowResult[]> {
  const holders = await trx
    .selectFrom('municipalities')
    .select(['istat_code', 'belfiore_code', 'name'])
    .where(
      'belfiore_code',
      'in',
      rows.map((r) => r.row.belfiore_code),
    )
    .execute();
  const holderOf = new Map(holders.map((h) => [h.belfiore_code, h]));
  const results: RowResult[] = rows.map(({ row }) => {
    const holder = holderOf.get(row.belfiore_code);
    return holder && holder.istat_code !== row.istat_code
      ? {
          reject: `codice catastale ${row.belfiore_code} già assegnato al comune ${holder.name} (ISTAT ${holder.istat_code})`,
        }
      : 'applied';
  });
  const accepted = rows.filter((_, i) => results[i] === 'applied').map((r) => r.row);
  const withCoordinates = accepted.filter((r) => r.coordinates !== undefined);
  const withoutCoordinates = accepted.filter((r) => r.coordinates === undefined);
  if (withCoordinates.length > 0) {
    await trx
      .insertInto('municipalities')
      .values(withCoordinates.map(toColumns))
      .onConflict((oc) =>
        oc.column('istat_code').doUpdateSet((eb) => ({
          ...updatedFields(eb),
          latitude: eb.ref('excluded.latitude'),
          longitude: eb.ref('excluded.longitude'),
        })),
      )
      .execute();
  }
  if (withoutCoordinates.length > 0) {
    await trx
      .insertInto('municipalities')
      .values(withoutCoordinates.map(toColumns))
      .onConflict((oc) => oc.column('istat_code').doUpdateSet(updatedFields))
      .execute();
  }
  return results;
}

function toColumns({ coordinates, ...row }: MunicipalityRow) {
  return { ...row, latitude: coordinates?.latitude ?? null, longitude: coordinates?.longitude ?? null };
}

type ExcludedBuilder = ExpressionBuilder<OnConflictDatabase<Database, 'municipalities'>, OnConflictTables<'municipalities'>>;

function updatedFields(eb: ExcludedBuilder) {
  return {
    belfiore_code: eb.ref('excluded.belfiore_code'),
    name: eb.ref('excluded.name'),
    province_code: eb.ref('excluded.province_code'),
    province_name: eb.ref('excluded.province_name'),
    region_code: eb.ref('excluded.region_code'),
    region_name: eb.ref('excluded.region_name'),
    is_province_capital: eb.ref('excluded.is_province_capital'),
  };
}
