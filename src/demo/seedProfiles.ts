import { EDUCATION_TITLE_BY_CODE } from '../modules/people/profile/reference.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/unitOfWork.ts';
import { newId } from '../platform/ids.ts';

interface DemoExperience {
  employer: string;
  occupation: string;
  sector: string | null;
  from: string;
  to: string | null;
  contract: string;
  description?: string;
}

interface DemoProfile {
  education: { title: string; field?: string; institution?: string; year: number }[];
  experiences: DemoExperience[];
  /** ESCO skills by English preferred label: used when the loaded ESCO set has them (fixture and real data do). */
  skills: string[];
  languages: { language: string; motherTongue?: boolean; level?: string }[];
  licences: string[];
  digital: Record<string, number>;
  wanted: string[];
  contracts: string[];
  workingTime: string[];
  maxDistanceKm: number;
  ownVehicle: boolean;
}

/**
 * Demo professional profiles. CP2011 and ATECO codes are in both fixtures/classifications and the real ISTAT files
 * (2.1.1.4.1 analysts and software designers, 3.1.2.1.0 programmers, 3.2.1.1.1 nurses, 5.2.2.1.0 cooks; ATECO
 * 62.01.00, 62.02.00, 56.10.11, 10.71.20). Not for 'citizen': the browser test has the citizen fill theirs.
 */
const PROFILES: Record<string, DemoProfile> = {
  p0: {
    education: [{ title: 'bachelor', field: 'Informatica', institution: 'Università degli Studi di Firenze', year: 2015 }],
    experiences: [
      { employer: 'Soluzioni Digitali Toscane S.r.l.', occupation: '2.1.1.4.1', sector: '62.01.00', from: '2016-03-01', to: '2023-06-30', contract: 'A.01.00' },
      {
        employer: 'Consulenze Informatiche Arno S.p.A.',
        occupation: '3.1.2.1.0',
        sector: '62.02.00',
        from: '2023-09-01',
        to: '2024-08-31',
        contract: 'A.02.00',
      },
    ],
    skills: ['use programming languages', 'Java (computer programming)'],
    languages: [
      { language: 'it', motherTongue: true },
      { language: 'en', level: 'B2' },
    ],
    licences: ['B'],
    digital: { information: 6, communication: 5, content: 6, safety: 5, 'problem-solving': 6 },
    wanted: ['2.1.1.4.1', '3.1.2.1.0'],
    contracts: ['A.01.00', 'A.02.00'],
    workingTime: ['full-time'],
    maxDistanceKm: 40,
    ownVehicle: true,
  },
  p1: {
    education: [{ title: 'upper-secondary', field: 'Informatica e telecomunicazioni', institution: 'ITIS Leonardo da Vinci, Pisa', year: 2012 }],
    experiences: [
      { employer: 'Pisa Software Lab S.r.l.', occupation: '3.1.2.1.0', sector: '62.01.00', from: '2013-01-07', to: '2024-12-31', contract: 'A.01.00' },
    ],
    skills: ['use programming languages'],
    languages: [
      { language: 'it', motherTongue: true },
      { language: 'en', level: 'B1' },
    ],
    licences: ['B'],
    digital: { information: 5, content: 5, safety: 4 },
    wanted: ['3.1.2.1.0'],
    contracts: ['A.01.00'],
    workingTime: ['full-time', 'part-time'],
    maxDistanceKm: 30,
    ownVehicle: true,
  },
  p2: {
    education: [{ title: 'iefp-qualification', field: 'Operatore della ristorazione', institution: 'Agenzia formativa di Firenze', year: 2010 }],
    experiences: [
      { employer: 'Trattoria del Ponte S.n.c.', occupation: '5.2.2.1.0', sector: '56.10.11', from: '2011-04-01', to: '2019-10-31', contract: 'A.02.00' },
      { employer: 'Ristorante Oltrarno S.r.l.', occupation: '5.2.2.1.0', sector: '56.10.11', from: '2020-03-01', to: '2024-11-30', contract: 'A.01.00' },
    ],
    skills: ['prepare food', 'food safety and hygiene'],
    languages: [
      { language: 'it', motherTongue: true },
      { language: 'fr', level: 'A2' },
    ],
    licences: ['B', 'AM'],
    digital: { information: 2, communication: 3 },
    wanted: ['5.2.2.1.0'],
    contracts: ['A.01.00', 'A.02.00'],
    workingTime: ['full-time'],
    maxDistanceKm: 20,
    ownVehicle: false,
  },
  p3: {
    education: [{ title: 'iefp-diploma', field: 'Tecnico della trasformazione agroalimentare', year: 2014 }],
    experiences: [
      { employer: 'Pasticceria Lungarno S.r.l.', occupation: '5.2.2.1.0', sector: '10.71.20', from: '2015-05-04', to: '2024-05-31', contract: 'A.03.09' },
    ],
    skills: ['bake pastries', 'food safety and hygiene'],
    languages: [
      { language: 'ro', motherTongue: true },
      { language: 'it', level: 'B2' },
    ],
    licences: ['B'],
    digital: { information: 3, communication: 3 },
    wanted: ['5.2.2.1.0'],
    contracts: ['A.01.00', 'A.02.00', 'A.05.02'],
    workingTime: ['part-time'],
    maxDistanceKm: 15,
    ownVehicle: false,
  },
  p4: {
    education: [{ title: 'bachelor', field: 'Infermieristica', institution: 'Università di Firenze', year: 2018 }],
    experiences: [
      { employer: 'Residenza sanitaria Le Cascine', occupation: '3.2.1.1.1', sector: null, from: '2018-11-01', to: '2024-10-31', contract: 'A.02.00' },
    ],
    skills: ['administer medication'],
    languages: [
      { language: 'it', motherTongue: true },
      { language: 'en', level: 'B1' },
    ],
    licences: ['B'],
    digital: { information: 4, communication: 4, safety: 3 },
    wanted: ['3.2.1.1.1'],
    contracts: ['A.01.00', 'A.02.00'],
    workingTime: ['full-time', 'part-time'],
    maxDistanceKm: 50,
    ownVehicle: true,
  },
  p6: {
    education: [{ title: 'lower-secondary', year: 2004 }],
    experiences: [],
    skills: ['assist customers'],
    languages: [{ language: 'it', motherTongue: true }],
    licences: [],
    digital: { information: 2 },
    wanted: ['5.2.2.1.0'],
    contracts: ['A.02.00', 'C.01.00'],
    workingTime: ['full-time', 'part-time'],
    maxDistanceKm: 10,
    ownVehicle: false,
  },
};

/** Demo professional profiles (SAP) for some demo people. `people`: demo person ids by key (citizen, special, protected, assigned, shared, p0…p23). Idempotent. */
export async function seedDemoProfiles(db: Db, people: Record<string, string>): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const [key, profile] of Object.entries(PROFILES)) {
      const personId = people[key];
      if (!personId) continue;
      const existing = await tx.db.selectFrom('person_profiles').select('person_id').where('person_id', '=', personId).executeTakeFirst();
      if (existing) continue;
      const codes = [...profile.experiences.map((e) => e.occupation), ...profile.wanted];
      const known = new Set((await tx.db.selectFrom('occupations').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
      const sectors = profile.experiences.map((e) => e.sector).filter((s): s is string => Boolean(s));
      const knownSectors = new Set(
        sectors.length ? (await tx.db.selectFrom('sectors').select('code').where('code', 'in', sectors).execute()).map((r) => r.code) : [],
      );
      await tx.db
        .insertInto('person_profiles')
        .values({
          person_id: personId,
          driving_licences: profile.licences,
          digital_skills: JSON.stringify(profile.digital),
          wanted_contract_types: profile.contracts,
          working_time: profile.workingTime,
          max_distance_km: profile.maxDistanceKm,
          own_vehicle: profile.ownVehicle,
          completed_steps: [],
        })
        .execute();
      for (const e of profile.education) {
        const title = EDUCATION_TITLE_BY_CODE.get(e.title);
        if (!title) continue;
        await tx.db
          .insertInto('person_education')
          .values({
            id: newId(),
            person_id: personId,
            title_code: title.code,
            title: title.label,
            eqf_level: title.eqfLevel,
            isced_level: title.iscedLevel,
            field_of_study: e.field ?? null,
            institution: e.institution ?? null,
            completed_year: e.year,
            country: 'IT',
          })
          .execute();
      }
      for (const e of profile.experiences) {
        if (!known.has(e.occupation)) continue;
        await tx.db
          .insertInto('person_experiences')
          .values({
            id: newId(),
            person_id: personId,
            employer_name: e.employer,
            occupation_code: e.occupation,
            sector_code: e.sector && knownSectors.has(e.sector) ? e.sector : null,
            started_on: e.from,
            ended_on: e.to,
            contract_type: e.contract,
            description: e.description ?? null,
          })
          .execute();
      }
      const wanted = profile.wanted.filter((c) => known.has(c));
      if (wanted.length)
        await tx.db
          .insertInto('person_wanted_occupations')
          .values(wanted.map((c) => ({ person_id: personId, occupation_code: c })))
          .execute();
      const skills = profile.skills.length
        ? await tx.db.selectFrom('esco_skills').select('uri').distinct().where('language', '=', 'en').where('preferred_label', 'in', profile.skills).execute()
        : [];
      if (skills.length)
        await tx.db
          .insertInto('person_skills')
          .values(skills.map((s) => ({ person_id: personId, esco_skill_id: s.uri })))
          .execute();
      await tx.db
        .insertInto('person_languages')
        .values(
          profile.languages.map((l) => ({
            person_id: personId,
            language: l.language,
            mother_tongue: Boolean(l.motherTongue),
            level: l.motherTongue ? null : (l.level ?? null),
          })),
        )
        .execute();
    }
  });
}
