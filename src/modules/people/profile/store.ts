import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/unitOfWork.ts';
import { problems } from '../../../platform/http/problems.ts';
import { CASEWORKERS, fieldAccess, lockPersonInScope, scopePeople } from '../access.ts';
import { EDUCATION_TITLE_BY_CODE, PROFILE_STEPS, type ProfileStep } from './reference.ts';

/** Reading the professional profile, and the authorisation every profile use case starts with. */

type Queryable = Db | Tx['db'];

export interface EducationView {
  id: string;
  titleCode: string;
  title: string;
  eqfLevel: number | null;
  iscedLevel: number | null;
  levelConfidence: string;
  fieldOfStudy: string | null;
  institution: string | null;
  completedYear: number | null;
  country: string | null;
  version: number;
}

export interface ExperienceView {
  id: string;
  /** null when the caller may not see what locates a protected person (see hiddenFields). */
  employerName: string | null;
  employerTaxCode: string | null;
  occupationCode: string;
  occupationLabel: string | null;
  sectorCode: string | null;
  sectorLabel: string | null;
  startedOn: string;
  endedOn: string | null;
  contractType: string | null;
  description: string | null;
  version: number;
}

export interface ProfileView {
  personId: string;
  /** Version of the profile-level sections (0 = no profile saved yet). */
  version: number;
  updatedAt: string | null;
  completedSteps: string[];
  completion: { percent: number; steps: Record<ProfileStep, boolean>; nextStep: ProfileStep | null };
  education: EducationView[];
  experiences: ExperienceView[];
  skills: { id: string; uri: string; label: string }[];
  languages: { language: string; motherTongue: boolean; level: string | null }[];
  drivingLicences: string[];
  digitalSkills: Record<string, number>;
  availability: {
    wantedOccupations: { code: string; label: string | null }[];
    wantedContractTypes: string[];
    workingTime: string[];
    maxDistanceKm: number | null;
    ownVehicle: boolean | null;
    availableFrom: string | null;
    notes: string | null;
  };
  cv: { id: string; fileName: string; sizeBytes: number; sha256: string; uploadedAt: string } | null;
  hiddenFields: string[];
}

export interface ProfileSubject {
  id: string;
  protected_person: boolean;
  /** The caller may see what locates the person (employers, CV): false for a protected person's non-named staff. */
  location: boolean;
}

async function namedStaff(db: Queryable, actor: Actor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('protected_person_staff')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  return Boolean(row);
}

/** A person whose profile the actor may read (scoped like GET /people/:personId); out of scope is 404. */
export async function readableSubject(db: Db, actor: Actor, personId: string): Promise<ProfileSubject> {
  const person = await scopePeople(db.selectFrom('people').select(['people.id', 'people.protected_person']), actor)
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw problems.notFound();
  return { ...person, location: fieldAccess(actor, person, await namedStaff(db, actor, personId)).location };
}

/**
 * Authorises an edit of a person's profile inside the caller's transaction, locking the person: the citizen edits their
 * own; caseworkers (CASEWORKERS) edit people of their scope; a protected person's profile only by staff named on it.
 */
export async function lockEditableSubject(tx: Tx, actor: Actor, personId: string): Promise<ProfileSubject> {
  const self = actor.role === 'citizen';
  if (!self && !CASEWORKERS.includes(actor.role)) throw problems.forbidden('Il vostro ruolo può consultare il profilo professionale ma non modificarlo.');
  if (self && actor.personId !== personId) throw problems.notFound();
  const person = await lockPersonInScope(tx, actor, personId);
  const location = fieldAccess(actor, person, await namedStaff(tx.db, actor, personId)).location;
  if (!location) throw problems.forbidden('Solo il personale nominato può modificare il profilo di una persona protetta.');
  return { id: person.id, protected_person: person.protected_person, location };
}

/** The actor's own person id (citizen routes under /me). */
export function ownPersonId(actor: Actor): string {
  if (!actor.personId) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
  return actor.personId;
}

async function labelsOf(db: Queryable, table: 'occupations' | 'sectors', codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['code', 'display_label']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.display_label]));
}

async function skillLabels(db: Queryable, uris: string[]): Promise<Map<string, string>> {
  if (uris.length === 0) return new Map();
  const rows = await db.selectFrom('esco_skills').select(['uri', 'language', 'preferred_label']).where('uri', 'in', uris).execute();
  const rank = (language: string) => (language === 'it' ? 0 : language === 'en' ? 1 : 2);
  const best = new Map<string, { rank: number; label: string }>();
  for (const r of rows) {
    const current = best.get(r.uri);
    if (!current || rank(r.language) < current.rank) best.set(r.uri, { rank: rank(r.language), label: r.preferred_label });
  }
  return new Map([...best].map(([uri, v]) => [uri, v.label]));
}

/** The whole profile as the subject's access allows. Works inside a transaction (pass tx.db) or outside it. */
export async function profileView(db: Queryable, subject: ProfileSubject): Promise<ProfileView> {
  const personId = subject.id;
  const [profile, education, experiences, skills, languages, wanted, cv] = await Promise.all([
    db.selectFrom('person_profiles').selectAll().where('person_id', '=', personId).executeTakeFirst(),
    db.selectFrom('person_education').selectAll().where('person_id', '=', personId).orderBy('completed_year', 'desc').orderBy('created_at').execute(),
    db.selectFrom('person_experiences').selectAll().where('person_id', '=', personId).orderBy('started_on', 'desc').orderBy('created_at').execute(),
    db.selectFrom('person_skills').select('esco_skill_id').where('person_id', '=', personId).orderBy('esco_skill_id').execute(),
    db
      .selectFrom('person_languages')
      .select(['language', 'mother_tongue', 'level'])
      .where('person_id', '=', personId)
      .orderBy('mother_tongue', 'desc')
      .orderBy('language')
      .execute(),
    db.selectFrom('person_wanted_occupations').select('occupation_code').where('person_id', '=', personId).orderBy('occupation_code').execute(),
    db
      .selectFrom('person_cv_files')
      .select(['id', 'file_name', 'size_bytes', 'sha256', 'uploaded_at'])
      .where('person_id', '=', personId)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const occupationLabels = await labelsOf(db, 'occupations', [
    ...new Set([...experiences.map((e) => e.occupation_code), ...wanted.map((w) => w.occupation_code)]),
  ]);
  const sectorLabels = await labelsOf(db, 'sectors', [...new Set(experiences.map((e) => e.sector_code).filter((c): c is string => Boolean(c)))]);
  const skillNames = await skillLabels(
    db,
    skills.map((s) => s.esco_skill_id),
  );
  const hiddenFields: string[] = [];
  if (!subject.location) hiddenFields.push('experiences.employer', 'cv');

  const completedSteps = profile?.completed_steps ?? [];
  const has: Record<ProfileStep, boolean> = {
    education: education.length > 0,
    experiences: experiences.length > 0,
    skills: skills.length > 0 || languages.length > 0,
    licences: (profile?.driving_licences.length ?? 0) > 0 || Object.keys(profile?.digital_skills ?? {}).length > 0,
    availability:
      wanted.length > 0 || (profile?.wanted_contract_types.length ?? 0) > 0 || (profile?.working_time.length ?? 0) > 0 || profile?.max_distance_km != null,
    cv: Boolean(cv),
  };
  const steps = Object.fromEntries(PROFILE_STEPS.map((s) => [s, has[s] || completedSteps.includes(s)])) as Record<ProfileStep, boolean>;
  const done = PROFILE_STEPS.filter((s) => steps[s]).length;

  return {
    personId,
    version: profile?.version ?? 0,
    updatedAt: profile ? new Date(profile.updated_at).toISOString() : null,
    completedSteps,
    completion: { percent: Math.round((done / PROFILE_STEPS.length) * 100), steps, nextStep: PROFILE_STEPS.find((s) => !steps[s]) ?? null },
    education: education.map((e) => ({
      id: e.id,
      titleCode: e.title_code,
      title: e.title,
      eqfLevel: e.eqf_level,
      iscedLevel: e.isced_level,
      levelConfidence: EDUCATION_TITLE_BY_CODE.get(e.title_code)?.confidence ?? 'U',
      fieldOfStudy: e.field_of_study,
      institution: e.institution,
      completedYear: e.completed_year,
      country: e.country,
      version: e.version,
    })),
    experiences: experiences.map((e) => ({
      id: e.id,
      employerName: subject.location ? e.employer_name : null,
      employerTaxCode: subject.location ? e.employer_tax_code : null,
      occupationCode: e.occupation_code,
      occupationLabel: occupationLabels.get(e.occupation_code) ?? null,
      sectorCode: e.sector_code,
      sectorLabel: e.sector_code ? (sectorLabels.get(e.sector_code) ?? null) : null,
      startedOn: e.started_on,
      endedOn: e.ended_on,
      contractType: e.contract_type,
      description: e.description,
      version: e.version,
    })),
    skills: skills.map((s) => ({
      id: s.esco_skill_id.split('/').pop() ?? s.esco_skill_id,
      uri: s.esco_skill_id,
      label: skillNames.get(s.esco_skill_id) ?? s.esco_skill_id,
    })),
    languages: languages.map((l) => ({ language: l.language, motherTongue: l.mother_tongue, level: l.level })),
    drivingLicences: profile?.driving_licences ?? [],
    digitalSkills: Object.fromEntries(Object.entries(profile?.digital_skills ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number')),
    availability: {
      wantedOccupations: wanted.map((w) => ({ code: w.occupation_code, label: occupationLabels.get(w.occupation_code) ?? null })),
      wantedContractTypes: profile?.wanted_contract_types ?? [],
      workingTime: profile?.working_time ?? [],
      maxDistanceKm: profile?.max_distance_km ?? null,
      ownVehicle: profile?.own_vehicle ?? null,
      availableFrom: profile?.available_from ?? null,
      notes: profile?.notes ?? null,
    },
    cv:
      cv && subject.location
        ? { id: cv.id, fileName: cv.file_name, sizeBytes: cv.size_bytes, sha256: cv.sha256, uploadedAt: new Date(cv.uploaded_at).toISOString() }
        : null,
    hiddenFields,
  };
}

/** The current CV file with its content, or undefined. */
export async function currentCv(db: Db, personId: string) {
  return db
    .selectFrom('person_cv_files')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'content'])
    .where('person_id', '=', personId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
