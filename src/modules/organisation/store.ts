import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { JobCentre, MunicipalityPoint, Province, Site } from './model.ts';
import type { JobCentreScope } from './scope.ts';

export function currentCompetence(db: Db, onDate: string) {
  return db
    .selectFrom('job_centre_competence')
    .select(['municipality_istat_code', 'job_centre_id'])
    .where('valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]));
}

export async function listJobCentres(db: Db, scope: JobCentreScope, filter: { province?: string; ids?: string[] }): Promise<JobCentre[]> {
  let query = db
    .selectFrom('job_centres as jc')
    .innerJoin('municipalities as m', 'm.istat_code', 'jc.municipality_istat_code')
    .select([
      'jc.id',
      'jc.code',
      'jc.name',
      'jc.province_code',
      'jc.municipality_istat_code',
      'jc.address',
      'jc.email',
      'm.name as municipality_name',
      'm.province_name',
    ])
    .where('jc.valid_to', 'is', null)
    .orderBy('jc.province_code')
    .orderBy('jc.name');
  if (scope.kind === 'jobCentre') query = query.where('jc.id', '=', scope.jobCentreId);
  if (scope.kind === 'provinces') query = query.where('jc.province_code', 'in', scope.provinces);
  if (filter.province) query = query.where('jc.province_code', '=', filter.province);
  if (filter.ids) query = query.where('jc.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  const sites = rows.length
    ? await sitesOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map<string, Site[]>();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    municipalityIstatCode: r.municipality_istat_code,
    municipalityName: r.municipality_name,
    address: r.address,
    email: r.email,
    sites: sites.get(r.id) ?? [],
  }));
}

async function sitesOf(db: Db, jobCentreIds: string[]): Promise<Map<string, Site[]>> {
  const rows = await db
    .selectFrom('sites as s')
    .innerJoin('municipalities as m', 'm.istat_code', 's.municipality_istat_code')
    .select(['s.id', 's.job_centre_id', 's.name', 's.kind', 's.address', 's.phone', 's.email', 's.opening_hours', 's.version', 'm.name as municipality_name'])
    .where('s.job_centre_id', 'in', jobCentreIds)
    .orderBy('s.kind', 'desc')
    .orderBy('s.name')
    .execute();
  const byCentre = new Map<string, Site[]>();
  for (const r of rows) {
    const list = byCentre.get(r.job_centre_id) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      kind: r.kind,
      address: r.address,
      municipalityName: r.municipality_name,
      phone: r.phone,
      email: r.email,
      openingHours: r.opening_hours,
      version: r.version,
    });
    byCentre.set(r.job_centre_id, list);
  }
  return byCentre;
}

export async function territoryOf(db: Db, jobCentreId: string, onDate: string): Promise<{ istatCode: string; name: string }[]> {
  return db
    .selectFrom('municipalities as m')
    .innerJoin(currentCompetence(db, onDate).as('c'), 'c.municipality_istat_code', 'm.istat_code')
    .select(['m.istat_code as istatCode', 'm.name'])
    .where('c.job_centre_id', '=', jobCentreId)
    .orderBy('m.name')
    .execute();
}

export async function listProvinces(db: Db, scope: JobCentreScope): Promise<Province[]> {
  let query = db
    .selectFrom('municipalities as m')
    .leftJoin(
      db
        .selectFrom('job_centres')
        .select(['province_code', (eb) => eb.fn.countAll<string>().as('n')])
        .where('valid_to', 'is', null)
        .groupBy('province_code')
        .as('jc'),
      'jc.province_code',
      'm.province_code',
    )
    .select([
      'm.province_code as code',
      'm.province_name as name',
      (eb) => eb.fn.countAll<string>().as('municipalityCount'),
      (eb) => eb.fn.max('jc.n').as('jobCentreCount'),
    ])
    .groupBy(['m.province_code', 'm.province_name'])
    .orderBy('m.province_name');
  if (scope.kind === 'provinces') query = query.where('m.province_code', 'in', scope.provinces);
  if (scope.kind === 'jobCentre') {
    query = query.where('m.province_code', '=', db.selectFrom('job_centres').select('province_code').where('id', '=', scope.jobCentreId));
  }
  const rows = await query.execute();
  return rows
    .map((r) => ({ code: r.code, name: r.name, municipalityCount: Number(r.municipalityCount), jobCentreCount: Number(r.jobCentreCount ?? 0) }))
    .filter((p) => p.jobCentreCount > 0 || scope.kind === 'region');
}

export async function listMunicipalities(db: Db, scope: JobCentreScope, province: string | undefined, onDate: string): Promise<MunicipalityPoint[]> {
  let query = db
    .selectFrom('municipalities as m')
    .leftJoin(currentCompetence(db, onDate).as('c'), 'c.municipality_istat_code', 'm.istat_code')
    .select(['m.istat_code', 'm.name', 'm.province_code', 'm.latitude', 'm.longitude', 'c.job_centre_id'])
    .orderBy('m.name');
  if (province) query = query.where('m.province_code', '=', province);
  if (scope.kind === 'provinces') query = query.where('m.province_code', 'in', scope.provinces);
  if (scope.kind === 'jobCentre') query = query.where('c.job_centre_id', '=', scope.jobCentreId);
  const rows = await query.execute();
  return rows.map((r) => ({
    istatCode: r.istat_code,
    name: r.name,
    provinceCode: r.province_code,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    jobCentreId: r.job_centre_id,
  }));
}

export async function staffOf(db: Db, jobCentreId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name as displayName', 'role', 'username'])
    .where('job_centre_id', '=', jobCentreId)
    .where('role', 'in', ['operator', 'manager'])
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
}

/** The regional agency that owns the job centres (ARTI in Tuscany); created once. */
export async function ensureAgency(
  db: Db,
  agency = { code: 'ARTI', name: "ARTI — Agenzia Regionale Toscana per l'Impiego", regionCode: '09', regionName: 'Toscana' },
): Promise<string> {
  await db
    .insertInto('agencies')
    .values({ id: newId(), code: agency.code, name: agency.name, region_code: agency.regionCode, region_name: agency.regionName })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return (await db.selectFrom('agencies').select('id').where('code', '=', agency.code).executeTakeFirstOrThrow()).id;
}

/** A job centre's figures for its manager: aggregates only, no person appears. */
export async function figuresOf(db: Db, jobCentreId: string) {
  const count = async (table: 'people' | 'employers' | 'sites') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('job_centre_id', '=', jobCentreId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const staff = Number(
    (
      await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('job_centre_id', '=', jobCentreId)
        .where('active', '=', true)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const municipalities = Number(
    (
      await db
        .selectFrom('job_centre_competence')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('job_centre_id', '=', jobCentreId)
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { people: await count('people'), employers: await count('employers'), sites: await count('sites'), staff, municipalities };
}
