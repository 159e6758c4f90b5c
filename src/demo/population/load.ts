/**
 * Loads a generated population (people.csv, profiles.jsonl) into a database. A SEEDING TOOL for demos, tests and
 * benchmarks, not an intake channel for real people: it writes in bulk (multi-row inserts, one transaction per
 * batch) and skips the per-person audit entries and domain events of registration (the command line records one
 * audit entry per load). What it keeps from registration: the competent job centre comes from the domicile (else the
 * residence) through the organisation module's competentJobCentre; the employment-status timeline of everyone with a
 * declaration is computed by the people module's own pure rules (computeTimeline, in bulk; or recomputeStatus per
 * person on request) in the batch's transaction.
 *
 * Idempotent on the tax code: people already present are skipped (with their profile and declarations), so a rerun —
 * or a rerun after a crash, which loses at most the batch in flight — adds nothing twice.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { Insertable } from 'kysely';
import { competentJobCentre } from '../../modules/organisation/index.ts';
import { computeTimeline, recomputeStatus, type StatusEvent, taxCode } from '../../modules/people/index.ts';
import { romeDateOf } from '../../platform/dates.ts';
import type { Db } from '../../platform/db/database.ts';
import type { PeopleTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/unitOfWork.ts';
import { newId } from '../../platform/ids.ts';
import type { DeclarationChannel, PEOPLE_COLUMNS, ProfileRecord } from './formats.ts';
import { PEOPLE_FILE, PROFILES_FILE } from './write.ts';

export interface LoadOptions {
  /** Rows per transaction. Default 1000 people / 500 profiles. */
  batchSize?: number;
  /** Date on which job-centre competence is resolved. Default today in Rome (as registration does). */
  today?: string;
  onProgress?: (done: number, total: number, step: string) => void;
  /**
   * How the status timelines are stored: 'bulk' (default) computes them with the people module's pure rules
   * (computeTimeline) from the declarations just inserted and writes them in multi-row inserts; 'per-person' calls
   * recomputeStatus for each person. Both give the same status_periods rows (test/population.test.ts checks it).
   */
  timelines?: 'bulk' | 'per-person';
}

export interface LoadRejection {
  file: string;
  line: number;
  reason: string;
}

export interface LoadSummary {
  people: { read: number; inserted: number; skipped: number };
  declarations: number;
  timelines: number;
  profiles: { read: number; inserted: number; skipped: number };
  rejected: LoadRejection[];
}

interface PersonRow {
  line: number;
  values: Record<(typeof PEOPLE_COLUMNS)[number], string>;
}

interface JsonDeclaration {
  data: string;
  canale: DeclarationChannel;
  rischio_fino_al?: string;
  revoca?: string;
  motivo_revoca?: string;
}

/** Number of lines of a file, streaming. */
async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  }
  return n;
}

const nullIfEmpty = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Loads people, then profiles, from a folder written by writePopulation. */
export async function loadPopulation(db: Db, dir: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const summary: LoadSummary = {
    people: { read: 0, inserted: 0, skipped: 0 },
    declarations: 0,
    timelines: 0,
    profiles: { read: 0, inserted: 0, skipped: 0 },
    rejected: [],
  };
  const peoplePath = join(dir, PEOPLE_FILE);
  if (!existsSync(peoplePath)) throw new Error(`File ${peoplePath} assente: generate prima la popolazione (ponte generate population)`);
  await loadPeople(db, peoplePath, options, summary);
  const profilesPath = join(dir, PROFILES_FILE);
  if (existsSync(profilesPath)) await loadProfiles(db, profilesPath, options, summary);
  return summary;
}

async function loadPeople(db: Db, path: string, options: LoadOptions, summary: LoadSummary): Promise<void> {
  const batchSize = options.batchSize ?? 1000;
  const today = options.today ?? romeDateOf();
  const total = Math.max(0, (await countLines(path)) - 1);
  const centres = new Map<string, string | null>();
  const centreOf = async (istat: string): Promise<string | null> => {
    if (!centres.has(istat)) centres.set(istat, (await competentJobCentre(db, istat, today))?.id ?? null);
    return centres.get(istat) ?? null;
  };
  const parser = createReadStream(path).pipe(parse({ delimiter: ';', columns: true, bom: true, skip_empty_lines: true }));
  let batch: PersonRow[] = [];
  let line = 1;
  const flush = async () => {
    if (batch.length > 0) await insertPeople(db, batch, centreOf, options.timelines ?? 'bulk', summary);
    batch = [];
    options.onProgress?.(summary.people.read, total, 'Persone');
  };
  options.onProgress?.(0, total, 'Persone');
  for await (const record of parser) {
    line++;
    summary.people.read++;
    batch.push({ line, values: record as PersonRow['values'] });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
}

async function insertPeople(
  db: Db,
  batch: PersonRow[],
  centreOf: (istat: string) => Promise<string | null>,
  timelines: 'bulk' | 'per-person',
  summary: LoadSummary,
): Promise<void> {
  const rows: Insertable<PeopleTable>[] = [];
  const declarationsByCode = new Map<string, JsonDeclaration[]>();
  for (const { line, values: v } of batch) {
    const reject = (reason: string) => summary.rejected.push({ file: PEOPLE_FILE, line, reason });
    const parsed = taxCode.parseTaxCode(v.codice_fiscale ?? '');
    if (!parsed.valid) {
      reject(parsed.error.message);
      continue;
    }
    const home = nullIfEmpty(v.comune_domicilio) ?? v.comune_residenza;
    const centre = home ? await centreOf(home) : null;
    if (!centre) {
      reject(`nessun Centro per l’Impiego competente per il comune ${home || '(assente)'}`);
      continue;
    }
    let declarations: JsonDeclaration[] = [];
    try {
      declarations = v.dichiarazioni ? (JSON.parse(v.dichiarazioni) as JsonDeclaration[]) : [];
    } catch {
      reject('colonna dichiarazioni non è JSON valido');
      continue;
    }
    declarationsByCode.set(parsed.code, declarations);
    rows.push({
      id: newId(),
      tax_code: parsed.code,
      tax_code_base: parsed.kind === 'personal' ? taxCode.taxCodeBaseForm(parsed.code) : parsed.code,
      given_name: v.nome,
      family_name: v.cognome,
      birth_date: v.data_nascita,
      sex: v.sesso,
      birthplace_code: nullIfEmpty(v.comune_nascita),
      citizenship: nullIfEmpty(v.cittadinanza),
      residence_municipality_istat_code: nullIfEmpty(v.comune_residenza),
      residence_address: nullIfEmpty(v.indirizzo_residenza),
      domicile_municipality_istat_code: nullIfEmpty(v.comune_domicilio),
      domicile_address: nullIfEmpty(v.indirizzo_domicilio),
      job_centre_id: centre,
      email: nullIfEmpty(v.email),
      phone: nullIfEmpty(v.telefono),
      privacy_notice_at: v.data_informativa_privacy ? `${v.data_informativa_privacy}T10:00:00+01:00` : null,
      declared_annual_income: nullIfEmpty(v.reddito_annuo_dichiarato),
      declared_income_year: v.anno_reddito_dichiarato ? Number(v.anno_reddito_dichiarato) : null,
    });
  }
  if (rows.length === 0) return;
  await inTransaction(db, async (tx) => {
    const inserted = await tx.db
      .insertInto('people')
      .values(rows)
      .onConflict((oc) => oc.column('tax_code').doNothing())
      .returning(['id', 'tax_code'])
      .execute();
    summary.people.inserted += inserted.length;
    summary.people.skipped += rows.length - inserted.length;
    const declarationRows = inserted.flatMap((p) =>
      (declarationsByCode.get(p.tax_code) ?? []).map((d) => ({
        id: newId(),
        person_id: p.id,
        declared_on: d.data,
        channel: d.canale,
        at_risk_until: d.rischio_fino_al ?? null,
        revoked_on: d.revoca ?? null,
        revocation_reason: d.revoca ? (d.motivo_revoca ?? null) : null,
      })),
    );
    if (declarationRows.length > 0) await tx.db.insertInto('availability_declarations').values(declarationRows).execute();
    summary.declarations += declarationRows.length;
    const withDeclarations = [...new Set(declarationRows.map((d) => d.person_id))];
    summary.timelines += withDeclarations.length;
    if (timelines === 'per-person') {
      for (const personId of withDeclarations) await recomputeStatus(tx, personId);
      return;
    }
    // Bulk: the same events recomputeStatus reads (a new person has only these declarations), the same pure rules,
    // the same rows — in a few multi-row inserts instead of three queries per person.
    const events = new Map<string, StatusEvent[]>();
    for (const d of declarationRows) {
      const list = events.get(d.person_id) ?? events.set(d.person_id, []).get(d.person_id)!;
      list.push({ kind: 'declaration', date: d.declared_on, channel: d.channel, ...(d.at_risk_until ? { atRiskUntil: d.at_risk_until } : {}) });
      if (d.revoked_on) list.push({ kind: 'revocation', date: d.revoked_on });
    }
    const periods = withDeclarations.flatMap((personId) =>
      computeTimeline(events.get(personId)!).periods.map((p) => ({
        person_id: personId,
        valid_from: p.from,
        valid_to: p.to,
        state: p.state,
        rule_id: p.ruleId,
      })),
    );
    for (let i = 0; i < periods.length; i += 2000)
      await tx.db
        .insertInto('status_periods')
        .values(periods.slice(i, i + 2000))
        .execute();
  });
}

async function loadProfiles(db: Db, path: string, options: LoadOptions, summary: LoadSummary): Promise<void> {
  const batchSize = Math.max(1, Math.floor((options.batchSize ?? 1000) / 2));
  const total = await countLines(path);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let batch: { line: number; profile: ProfileRecord }[] = [];
  let line = 0;
  const flush = async () => {
    if (batch.length > 0) await insertProfiles(db, batch, summary);
    batch = [];
    options.onProgress?.(summary.profiles.read, total, 'Profili');
  };
  options.onProgress?.(0, total, 'Profili');
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    summary.profiles.read++;
    try {
      batch.push({ line, profile: JSON.parse(text) as ProfileRecord });
    } catch {
      summary.rejected.push({ file: PROFILES_FILE, line, reason: 'riga non è JSON valido' });
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  lines.close();
}

const COMPLETED_STEPS = ['education', 'experiences', 'skills', 'licences', 'availability'];

async function insertProfiles(db: Db, batch: { line: number; profile: ProfileRecord }[], summary: LoadSummary): Promise<void> {
  const codes = batch.map((b) => b.profile.taxCode);
  const people = await db.selectFrom('people').select(['id', 'tax_code']).where('tax_code', 'in', codes).execute();
  const idOf = new Map(people.map((p) => [p.tax_code, p.id]));
  const taken = new Set<string>();
  const known = batch.filter((b) => {
    if (taken.has(b.profile.taxCode)) {
      summary.rejected.push({ file: PROFILES_FILE, line: b.line, reason: `secondo profilo per ${b.profile.taxCode} nello stesso file` });
      return false;
    }
    taken.add(b.profile.taxCode);
    if (idOf.has(b.profile.taxCode)) return true;
    summary.rejected.push({ file: PROFILES_FILE, line: b.line, reason: `persona ${b.profile.taxCode} assente (caricate prima people.csv)` });
    return false;
  });
  if (known.length === 0) return;
  await inTransaction(db, async (tx) => {
    const inserted = await tx.db
      .insertInto('person_profiles')
      .values(
        known.map(({ profile: p }) => ({
          person_id: idOf.get(p.taxCode)!,
          driving_licences: p.drivingLicences,
          digital_skills: Object.keys(p.digitalSkills).length > 0 ? JSON.stringify(p.digitalSkills) : null,
          wanted_contract_types: p.wantedContractTypes,
          working_time: p.workingTime,
          max_distance_km: p.maxDistanceKm,
          own_vehicle: p.ownVehicle,
          available_from: p.availableFrom,
          completed_steps: COMPLETED_STEPS,
        })),
      )
      .onConflict((oc) => oc.column('person_id').doNothing())
      .returning('person_id')
      .execute();
    summary.profiles.inserted += inserted.length;
    summary.profiles.skipped += known.length - inserted.length;
    const fresh = new Set(inserted.map((r) => r.person_id));
    const profiles = known.map((k) => ({ personId: idOf.get(k.profile.taxCode)!, p: k.profile })).filter((x) => fresh.has(x.personId));
    const education = profiles.flatMap(({ personId, p }) =>
      p.education.map((e) => ({
        id: newId(),
        person_id: personId,
        title_code: e.titleCode,
        title: e.title,
        eqf_level: e.eqfLevel,
        isced_level: e.iscedLevel,
        field_of_study: e.fieldOfStudy,
        institution: e.institution,
        completed_year: e.completedYear,
        country: e.country,
      })),
    );
    const experiences = profiles.flatMap(({ personId, p }) =>
      p.experiences.map((e) => ({
        id: newId(),
        person_id: personId,
        employer_name: e.employerName,
        employer_tax_code: e.employerTaxCode,
        occupation_code: e.occupationCode,
        sector_code: e.sectorCode,
        started_on: e.startedOn,
        ended_on: e.endedOn,
        contract_type: e.contractType,
        description: e.description,
      })),
    );
    const languages = profiles.flatMap(({ personId, p }) =>
      p.languages.map((l) => ({ person_id: personId, language: l.language, mother_tongue: l.motherTongue, level: l.level })),
    );
    const skills = profiles.flatMap(({ personId, p }) => p.skills.map((s) => ({ person_id: personId, esco_skill_id: s })));
    const wanted = profiles.flatMap(({ personId, p }) => p.wantedOccupations.map((o) => ({ person_id: personId, occupation_code: o })));
    if (education.length > 0) await tx.db.insertInto('person_education').values(education).execute();
    if (experiences.length > 0) await tx.db.insertInto('person_experiences').values(experiences).execute();
    if (languages.length > 0) await tx.db.insertInto('person_languages').values(languages).execute();
    if (skills.length > 0) await tx.db.insertInto('person_skills').values(skills).execute();
    if (wanted.length > 0) await tx.db.insertInto('person_wanted_occupations').values(wanted).execute();
  });
}
