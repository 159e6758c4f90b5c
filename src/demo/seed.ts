import { importClassificationFixtures, importClassificationsFromSharedData } from '../modules/classifications/index.ts';
import { ensureAgency, importFixture, importTuscanyFromSharedData } from '../modules/organisation/index.ts';
import { recomputeStatus, taxCode } from '../modules/people/index.ts';
import type { Role, Specialism } from '../platform/access/actor.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { addDays, romeDateOf } from '../platform/dates.ts';

const { taxCodeBaseForm } = taxCode;

import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/unitOfWork.ts';
import { newId } from '../platform/ids.ts';
import { seedDemoNotices } from './seedNotices.ts';
import { seedDemoProfiles } from './seedProfiles.ts';
import { seedDemoProfiling } from './seedProfiling.ts';
import { seededRandom, syntheticPerson } from './syntheticPeople.ts';

export const DEMO_PASSWORD = 'Ponte-demo-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  description: string;
}

export interface DemoInfo {
  referenceSource: 'shared-data' | 'fixture';
  accounts: DemoAccount[];
  jobCentres: { a: { id: string; name: string }; b: { id: string; name: string } };
  people: Record<string, string>;
}

interface Centre {
  id: string;
  name: string;
  province_code: string;
  municipality_istat_code: string;
}

async function pickCentre(db: Db, province: string, prefer: string, exclude?: string): Promise<Centre | undefined> {
  const rows = await db
    .selectFrom('job_centres')
    .select(['id', 'name', 'province_code', 'municipality_istat_code'])
    .where('valid_to', 'is', null)
    .orderBy('name')
    .execute();
  const inProvince = rows.filter((r) => r.province_code === province && r.province_code !== exclude);
  return inProvince.find((r) => r.name.toUpperCase().includes(prefer)) ?? inProvince[0] ?? rows.find((r) => r.province_code !== exclude);
}

async function territoryMunicipalities(
  db: Db,
  jobCentreId: string,
): Promise<{ istat_code: string; name: string; province_code: string; belfiore_code: string }[]> {
  const today = romeDateOf();
  return db
    .selectFrom('job_centre_competence as c')
    .innerJoin('municipalities as m', 'm.istat_code', 'c.municipality_istat_code')
    .select(['m.istat_code', 'm.name', 'm.province_code', 'm.belfiore_code'])
    .where('c.job_centre_id', '=', jobCentreId)
    .where('c.valid_from', '<=', today)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', today)]))
    .orderBy('m.name')
    .execute();
}

/**
 * Demo data: reference geography (real Tuscan data from ../shared/data when present, else the fixture),
 * two job centres in different provinces with staff, synthetic people covering every scope and sensitivity.
 * Idempotent: a second run adds nothing.
 */
export async function seedDemo(
  db: Db,
  options: { sharedDataDir: string | null; log: (line: string) => void; onProgress?: (done: number, total: number, label: string) => void },
): Promise<DemoInfo> {
  const agencyId = await ensureAgency(db);
  let referenceSource: DemoInfo['referenceSource'];
  if (options.sharedDataDir) {
    options.log(`Dati di riferimento: comuni ISTAT e Centri per l'Impiego toscani da ${options.sharedDataDir}`);
    await importTuscanyFromSharedData(db, options.sharedDataDir, agencyId, options.onProgress);
    referenceSource = 'shared-data';
  } else {
    options.log('Dati di riferimento: ../shared/data assente, uso la piccola fixture inclusa (fixtures/organisation)');
    await importFixture(db, agencyId, options.onProgress);
    referenceSource = 'fixture';
  }

  if (options.sharedDataDir) {
    options.log('Classificazioni: CP2011, ATECO 2007 ed ESCO da ../shared/data (la prima volta richiede qualche minuto)');
    await importClassificationsFromSharedData(db, options.sharedDataDir, options.onProgress);
  } else {
    await importClassificationFixtures(db, options.onProgress);
  }

  const a = await pickCentre(db, 'FI', 'FIRENZE');
  const b = a && (await pickCentre(db, 'PI', 'PISA', a.province_code));
  if (!a || !b) throw new Error('Servono almeno due Centri per l’Impiego in province diverse per i dati dimostrativi');

  const already = await db.selectFrom('accounts').select('id').where('username', '=', 'admin.arti').executeTakeFirst();
  const info = (people: Record<string, string>): DemoInfo => ({
    referenceSource,
    accounts: DEMO_ACCOUNT_ROWS(a, b).map(({ username, role, description }) => ({ username, role, description })),
    jobCentres: { a: { id: a.id, name: a.name }, b: { id: b.id, name: b.name } },
    people,
  });
  if (already) return info({});

  const placesA = await territoryMunicipalities(db, a.id);
  const placesB = await territoryMunicipalities(db, b.id);
  const homeA = placesA.find((m) => m.istat_code === a.municipality_istat_code) ?? placesA[0];
  const homeB = placesB.find((m) => m.istat_code === b.municipality_istat_code) ?? placesB[0];
  if (!homeA || !homeB) throw new Error('I Centri per l’Impiego dimostrativi non hanno comuni di competenza');

  const random = seededRandom(2026);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<string, string> = {};

  await inTransaction(db, async (tx) => {
    for (const centre of [a, b]) {
      await tx.db
        .insertInto('sites')
        .values({
          id: newId(),
          job_centre_id: centre.id,
          name: `Sportello territoriale di ${centre.name.replace(/^CPI\s+/i, '')}`,
          kind: 'desk',
          address: 'Piazza del Comune 1',
          municipality_istat_code: centre.municipality_istat_code,
          phone: '055 0000000',
          email: null,
          opening_hours: 'lun–ven 9:00–12:30; mar e gio 14:30–16:30',
        })
        .execute();
    }

    const providerId = newId();
    await tx.db
      .insertInto('providers')
      .values({ id: providerId, name: 'Lavoro & Futuro Società Cooperativa (ente accreditato)', vat_number: '01234560485' })
      .execute();

    const addPerson = async (
      key: string,
      centre: Centre,
      home: { istat_code: string; name: string; province_code: string; belfiore_code: string },
      extra: { special?: string; protected?: boolean; overrides?: Parameters<typeof syntheticPerson>[2] } = {},
    ) => {
      const p = syntheticPerson(random, home.belfiore_code, extra.overrides);
      const id = newId();
      await tx.db
        .insertInto('people')
        .values({
          id,
          tax_code: p.taxCode,
          tax_code_base: taxCodeBaseForm(p.taxCode),
          birthplace_code: p.birthplaceCode,
          given_name: p.givenName,
          family_name: p.familyName,
          birth_date: p.birthDate,
          sex: p.sex,
          residence_municipality_istat_code: home.istat_code,
          residence_address: p.address,
          domicile_municipality_istat_code: extra.protected ? home.istat_code : null,
          domicile_address: extra.protected ? 'Struttura protetta (indirizzo riservato)' : null,
          job_centre_id: centre.id,
          email: `${p.givenName}.${p.familyName}`.toLowerCase().replace(/[^a-z.]/g, '') + '@esempio.it',
          phone: `3${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
          special_category: Boolean(extra.special),
          special_category_notes: extra.special ?? null,
          protected_person: Boolean(extra.protected),
        })
        .execute();
      ids[key] = id;
      return id;
    };

    await addPerson('citizen', a, homeA, { overrides: { givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate: '1985-04-12' } });
    await addPerson('special', a, homeA, { special: 'Invalidità civile 67% — iscrizione al collocamento mirato (L. 68/1999)' });
    const protectedId = await addPerson('protected', a, homeA, { protected: true });
    const assignedId = await addPerson('assigned', b, homeB);
    const sharedId = await addPerson('shared', b, homeB);
    for (let i = 0; i < 24; i++) {
      const [centre, places] = i % 2 === 0 ? [a, placesA] : [b, placesB];
      const home = places[Math.floor(random() * places.length)] ?? homeA;
      await addPerson(`p${i}`, centre, home);
    }

    const employerA = newId();
    await tx.db
      .insertInto('employers')
      .values({
        id: employerA,
        tax_code: '05432100481',
        name: 'Officine Fiorentine S.r.l.',
        job_centre_id: a.id,
        municipality_istat_code: homeA.istat_code,
        address: 'Via dei Mille 10',
        ateco_code: '25.62.00',
      })
      .execute();
    await tx.db
      .insertInto('employers')
      .values({
        id: newId(),
        tax_code: '01987650502',
        name: 'Cantieri Pisani S.p.A.',
        job_centre_id: b.id,
        municipality_istat_code: homeB.istat_code,
        address: 'Lungarno Galilei 3',
        ateco_code: '30.12.00',
      })
      .execute();

    const accountIds: Record<string, string> = {};
    for (const acc of DEMO_ACCOUNT_ROWS(a, b)) {
      const id = newId();
      accountIds[acc.username] = id;
      await tx.db
        .insertInto('accounts')
        .values({
          id,
          username: acc.username,
          display_name: acc.displayName,
          password_hash: passwordHash,
          role: acc.role,
          specialism: acc.specialism ?? null,
          job_centre_id: acc.jobCentreId ?? null,
          territory_provinces: acc.territory ?? [],
          person_id: acc.role === 'citizen' ? (ids.citizen ?? null) : null,
          employer_ids: acc.role === 'employer' ? [employerA] : [],
          provider_id: acc.role === 'provider' ? providerId : null,
          is_demo: true,
        })
        .execute();
    }
    // Availability declarations for most demo people, on dates spread over the last months, with their timelines.
    for (const [key, id] of Object.entries(ids)) {
      if (key === 'protected' || (key !== 'citizen' && random() < 0.2)) continue;
      const declaredOn = addDays(romeDateOf(), -(20 + Math.floor(random() * 400)));
      await tx.db
        .insertInto('availability_declarations')
        .values({ id: newId(), person_id: id, declared_on: declaredOn, channel: random() < 0.6 ? 'national-portal' : 'job-centre' })
        .execute();
      await recomputeStatus(tx, id);
    }
    await tx.db
      .insertInto('protected_person_staff')
      .values({ person_id: protectedId, account_id: accountIds['responsabile.firenze'] as string })
      .execute();
    await tx.db.insertInto('provider_assignments').values({ person_id: assignedId, provider_id: providerId, assigned_on: romeDateOf() }).execute();
    await tx.db
      .insertInto('shared_case_members')
      .values({ person_id: sharedId, account_id: accountIds['assistente.sociale'] as string })
      .execute();
  });
  await seedDemoProfiles(db, ids);
  await seedDemoNotices(db, ids);
  await seedDemoProfiling(db, ids);
  return info(ids);
}

interface DemoAccountRow {
  username: string;
  displayName: string;
  role: Role;
  specialism?: Specialism;
  jobCentreId?: string;
  territory?: string[];
  description: string;
}

function DEMO_ACCOUNT_ROWS(a: Centre, b: Centre): DemoAccountRow[] {
  return [
    { username: 'operatore.firenze', displayName: 'Giulia Neri', role: 'operator', jobCentreId: a.id, description: `operatrice, ${a.name}` },
    { username: 'responsabile.firenze', displayName: 'Paolo Sarti', role: 'manager', jobCentreId: a.id, description: `responsabile, ${a.name}` },
    { username: 'operatore.pisa', displayName: 'Chiara Lenzi', role: 'operator', jobCentreId: b.id, description: `operatrice, ${b.name}` },
    { username: 'responsabile.pisa', displayName: 'Marco Baldi', role: 'manager', jobCentreId: b.id, description: `responsabile, ${b.name}` },
    {
      username: 'collocamento.mirato',
      displayName: 'Elena Fantoni',
      role: 'specialist',
      specialism: 'targeted_placement',
      territory: [a.province_code, b.province_code],
      description: 'funzionaria del collocamento mirato (L. 68/1999)',
    },
    { username: 'ente.accreditato', displayName: 'Sara Monti', role: 'provider', description: 'operatrice di un ente accreditato' },
    { username: 'assistente.sociale', displayName: 'Luca Pieri', role: 'social_worker', description: 'assistente sociale (casi condivisi)' },
    { username: 'admin.arti', displayName: 'Francesca Bini', role: 'agency_admin', description: 'amministratrice regionale ARTI' },
    { username: 'revisore', displayName: 'Andrea Conti', role: 'auditor', description: 'revisore / responsabile protezione dati' },
    { username: 'cittadino', displayName: 'Mario Rossi', role: 'citizen', description: 'cittadino in cerca di lavoro' },
    { username: 'azienda', displayName: 'Officine Fiorentine S.r.l.', role: 'employer', description: 'referente aziendale' },
  ];
}
