/**
 * Reference data the synthetic population is drawn from, read once from a database: the municipalities that have a
 * competent job centre (residence and workplaces), CP2011 occupations (5th level), ATECO 2007 sub-categories, ESCO
 * skills. When the database lacks a part (nothing imported yet), that part comes from the small fixtures in
 * fixtures/, imported into a throw-away in-memory database with the same importers. Birthplace codes are checked
 * once against the embedded Belfiore dataset so that each person's birthplace existed on their birth date.
 */
import { importClassificationFixtures } from '../../modules/classifications/index.ts';
import { ensureAgency, importFixture } from '../../modules/organisation/index.ts';
import { taxCode } from '../../modules/people/index.ts';
import { romeDateOf } from '../../platform/dates.ts';
import { type Db, openDatabase } from '../../platform/db/database.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { FOREIGN_COUNTRIES, ITALIAN_CITIES_OUTSIDE_TUSCANY, TUSCAN_POPULATION_THOUSANDS } from './vocabulary.ts';

/** A birthplace with the days (since 1970-01-01) it existed, both ends inclusive. */
export interface Birthplace {
  code: string;
  fromDay: number;
  toDay: number;
}

export interface ReferenceMunicipality {
  istatCode: string;
  belfioreCode: string;
  name: string;
  provinceCode: string;
  /** Rough population weight (thousands). */
  weight: number;
}

export interface ReferenceOccupation {
  code: string;
  label: string;
}

export interface ReferenceSector {
  code: string;
  /** ATECO section letter. */
  section: string;
}

export interface ReferenceData {
  /** Where each part came from. */
  source: { geography: 'database' | 'fixture'; classifications: 'database' | 'fixture' };
  /** Municipalities with a competent job centre today, by ISTAT code. */
  municipalities: ReferenceMunicipality[];
  /** CP2011 5th-level occupations, by code. */
  occupations: ReferenceOccupation[];
  /** ATECO 2007 6th-level sub-categories (or the deepest level present), by code. */
  sectors: ReferenceSector[];
  /** ESCO skill URIs, sorted. */
  skills: string[];
  /** Belfiore validity of every birthplace the generator may use (municipalities, other Italian cities, foreign states). */
  birthplaces: Map<string, Birthplace>;
}

const DAY_MS = 86_400_000;
export function dayOf(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

interface Parts {
  municipalities: ReferenceMunicipality[];
  occupations: ReferenceOccupation[];
  sectors: ReferenceSector[];
  skills: string[];
}

async function readGeography(db: Db): Promise<ReferenceMunicipality[]> {
  const today = romeDateOf();
  const rows = await db
    .selectFrom('municipalities as m')
    .innerJoin('job_centre_competence as c', 'c.municipality_istat_code', 'm.istat_code')
    .select(['m.istat_code', 'm.belfiore_code', 'm.name', 'm.province_code'])
    .where('c.valid_from', '<=', today)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', today)]))
    .distinct()
    .orderBy('m.istat_code')
    .execute();
  return rows.map((r) => ({
    istatCode: r.istat_code,
    belfioreCode: r.belfiore_code,
    name: r.name,
    provinceCode: r.province_code,
    weight: TUSCAN_POPULATION_THOUSANDS[r.name.toLowerCase()] ?? 5,
  }));
}

async function readClassifications(db: Db): Promise<Omit<Parts, 'municipalities'>> {
  const occupations = await db
    .selectFrom('occupations')
    .select(['code', 'label'])
    .where('level', '=', 5)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  const deepest = await db
    .selectFrom('sectors')
    .select((eb) => eb.fn.max('level').as('level'))
    .executeTakeFirst();
  const sectors = deepest?.level
    ? await db.selectFrom('sectors').select(['code', 'section']).where('level', '=', deepest.level).where('valid_to', 'is', null).orderBy('code').execute()
    : [];
  const skills = await db.selectFrom('esco_skills').select('uri').distinct().orderBy('uri').execute();
  return { occupations, sectors, skills: skills.map((s) => s.uri) };
}

let fixtureParts: Promise<Parts> | null = null;

/** The fixtures' reference data, imported once per process into an in-memory database with the real importers. */
function fixtureReference(): Promise<Parts> {
  fixtureParts ??= (async () => {
    const handle = await openDatabase({ engine: 'pglite', dataDir: null });
    try {
      await migrate(handle.db);
      await importFixture(handle.db, await ensureAgency(handle.db));
      await importClassificationFixtures(handle.db);
      return { municipalities: await readGeography(handle.db), ...(await readClassifications(handle.db)) };
    } finally {
      await handle.close();
    }
  })();
  return fixtureParts;
}

async function birthplaceValidity(codes: Iterable<string>): Promise<Map<string, Birthplace>> {
  const out = new Map<string, Birthplace>();
  for (const code of codes) {
    if (out.has(code)) continue;
    const check = await taxCode.checkBirthplace(code, '2000-01-01');
    if (!check.validFrom) continue; // unknown to the Belfiore dataset: never used
    out.set(code, { code, fromDay: dayOf(check.validFrom), toDay: check.validTo ? dayOf(check.validTo) : Number.MAX_SAFE_INTEGER });
  }
  return out;
}

/**
 * Reads the reference data from `db`; a part the database does not have yet (no municipalities with a competent job
 * centre, no CP2011/ATECO) comes from the fixtures instead. Small: a few thousand rows.
 */
export async function loadReferenceData(db: Db): Promise<ReferenceData> {
  let municipalities = await readGeography(db);
  let classifications = await readClassifications(db);
  const source: ReferenceData['source'] = { geography: 'database', classifications: 'database' };
  if (municipalities.length === 0) {
    municipalities = (await fixtureReference()).municipalities;
    source.geography = 'fixture';
  }
  if (classifications.occupations.length === 0 || classifications.sectors.length === 0) {
    const f = await fixtureReference();
    classifications = { occupations: f.occupations, sectors: f.sectors, skills: classifications.skills.length > 0 ? classifications.skills : f.skills };
    source.classifications = 'fixture';
  }
  const birthplaces = await birthplaceValidity([
    ...municipalities.map((m) => m.belfioreCode),
    ...ITALIAN_CITIES_OUTSIDE_TUSCANY,
    ...FOREIGN_COUNTRIES.map((c) => c.belfiore),
  ]);
  return { source, municipalities, ...classifications, birthplaces };
}
