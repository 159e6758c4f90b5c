import { type RawBuilder, sql } from 'kysely';
import type { Role } from '../../../platform/access/actor.ts';
import { ROLE_LABELS_IT } from '../../../platform/access/roleLabels.ts';
import { romeDateOf } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { profilingView } from '../profiling/store.ts';
import { statusView } from '../statusStore.ts';
import { consultationsOf } from '../store.ts';
import { type ExportValue, registerExportSection } from './exportSections.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function tableExists(db: Db, name: string): Promise<boolean> {
  const result = await sql<{ present: boolean }>`select to_regclass(${name}) is not null as present`.execute(db);
  return Boolean(result.rows[0]?.present);
}

const CHANNELS = { 'job-centre': 'Centro per l’impiego', 'national-portal': 'Portale nazionale', 'inps-benefit': 'Domanda di prestazione INPS' };
const STATES = {
  'not-registered': 'non registrato',
  unemployed: 'disoccupato',
  'at-risk': 'a rischio di disoccupazione',
  suspended: 'stato sospeso',
  'employed-keeping': 'occupato con conservazione dello stato',
  lost: 'stato perso',
  pending: 'in attesa (limite di reddito non configurato)',
};

/** The people module's own sections of the data download: registry, contacts, consents, DIDs, status, consultations, profiling, profile. */
export function registerPeopleExportSections(): void {
  registerExportSection({
    key: 'person',
    title: 'Dati anagrafici',
    order: 10,
    labels: {
      taxCode: 'Codice fiscale',
      givenName: 'Nome',
      familyName: 'Cognome',
      birthDate: 'Data di nascita',
      sex: 'Sesso',
      birthplaceCode: 'Codice del luogo di nascita',
      citizenship: 'Cittadinanza',
      residence: 'Residenza',
      domicile: 'Domicilio',
      municipality: 'Comune',
      address: 'Indirizzo',
      jobCentre: 'Centro per l’impiego competente',
      privacyNoticeAt: 'Informativa sul trattamento dei dati consegnata il',
      specialCategoryNotes: 'Dati di categoria particolare',
      registeredAt: 'Scheda creata il',
    },
    load: async (db, personId) => {
      const p = await db
        .selectFrom('people')
        .leftJoin('municipalities as rm', 'rm.istat_code', 'people.residence_municipality_istat_code')
        .leftJoin('municipalities as dm', 'dm.istat_code', 'people.domicile_municipality_istat_code')
        .innerJoin('job_centres as jc', 'jc.id', 'people.job_centre_id')
        .select([
          'people.tax_code',
          'people.given_name',
          'people.family_name',
          'people.birth_date',
          'people.sex',
          'people.birthplace_code',
          'people.citizenship',
          'people.residence_address',
          'people.domicile_address',
          'people.privacy_notice_at',
          'people.special_category',
          'people.special_category_notes',
          'people.created_at',
          'rm.name as residence_municipality',
          'dm.name as domicile_municipality',
          'jc.name as job_centre',
        ])
        .where('people.id', '=', personId)
        .executeTakeFirstOrThrow();
      return {
        taxCode: p.tax_code,
        givenName: p.given_name,
        familyName: p.family_name,
        birthDate: p.birth_date,
        sex: p.sex,
        birthplaceCode: p.birthplace_code,
        citizenship: p.citizenship,
        residence: p.residence_municipality || p.residence_address ? { municipality: p.residence_municipality, address: p.residence_address } : null,
        domicile: p.domicile_municipality || p.domicile_address ? { municipality: p.domicile_municipality, address: p.domicile_address } : null,
        jobCentre: p.job_centre,
        privacyNoticeAt: iso(p.privacy_notice_at),
        specialCategoryNotes: p.special_category ? p.special_category_notes : null,
        registeredAt: iso(p.created_at),
      };
    },
  });

  registerExportSection({
    key: 'contacts',
    title: 'Recapiti',
    order: 20,
    labels: { email: 'Posta elettronica', phone: 'Telefono' },
    load: async (db, personId) => {
      const p = await db.selectFrom('people').select(['email', 'phone']).where('id', '=', personId).executeTakeFirstOrThrow();
      return { email: p.email, phone: p.phone };
    },
  });

  registerExportSection({
    key: 'consents',
    title: 'Consensi',
    order: 30,
    labels: { kind: 'Consenso', granted: 'Dato', at: 'Data' },
    emptyText: 'Nessun consenso registrato.',
    load: async (db, personId) => {
      const rows = await db.selectFrom('person_consents').select(['kind', 'granted', 'at']).where('person_id', '=', personId).orderBy('at').execute();
      return rows.map((r) => ({ kind: r.kind, granted: r.granted, at: iso(r.at) }));
    },
  });

  registerExportSection({
    key: 'availabilityDeclarations',
    title: 'Dichiarazioni di immediata disponibilità (DID)',
    order: 40,
    labels: {
      declaredOn: 'Data della dichiarazione',
      channel: 'Canale',
      atRiskUntil: 'A rischio di disoccupazione fino al',
      revokedOn: 'Revocata il',
      revocationReason: 'Motivo della revoca',
    },
    valueLabels: { channel: CHANNELS },
    emptyText: 'Nessuna dichiarazione.',
    load: async (db, personId) => {
      const rows = await db
        .selectFrom('availability_declarations')
        .select(['declared_on', 'channel', 'at_risk_until', 'revoked_on', 'revocation_reason'])
        .where('person_id', '=', personId)
        .orderBy('declared_on')
        .execute();
      return rows.map((d) => ({
        declaredOn: d.declared_on,
        channel: d.channel,
        atRiskUntil: d.at_risk_until,
        revokedOn: d.revoked_on,
        revocationReason: d.revocation_reason,
      }));
    },
  });

  registerExportSection({
    key: 'employmentStatus',
    title: 'Stato occupazionale: periodi e basi giuridiche',
    order: 50,
    labels: {
      from: 'Dal',
      to: 'Al',
      state: 'Stato',
      ruleTitle: 'Motivo',
      legalBasis: 'Base giuridica',
      detail: 'Dettaglio',
    },
    valueLabels: { state: STATES },
    emptyText: 'Nessun periodo: non risulta una dichiarazione di immediata disponibilità.',
    load: async (db, personId) => {
      const view = await statusView(db, personId, romeDateOf());
      return view.periods.map((p) => ({ from: p.from, to: p.to, state: p.state, ruleTitle: p.ruleTitle, legalBasis: p.legalBasis, detail: p.detail }));
    },
  });

  registerExportSection({
    key: 'consultations',
    title: 'Consultazioni della scheda da parte del personale',
    order: 60,
    labels: { at: 'Quando', who: 'Chi', action: 'Operazione', fields: 'Dati', purpose: 'Finalità' },
    valueLabels: { action: { read: 'lettura', search: 'ricerca', export: 'esportazione', document: 'documento', write: 'modifica' } },
    emptyText: 'Nessuna consultazione registrata.',
    load: async (db, personId) => {
      const rows = await consultationsOf(db, personId, 1000);
      return rows.map((r) => ({
        at: iso(r.at),
        who: [r.display_name, ROLE_LABELS_IT[r.actor_role as Role], r.job_centre_name].filter(Boolean).join(' — '),
        action: r.action,
        fields: r.fields.join(', '),
        purpose: r.purpose,
      }));
    },
  });

  registerExportSection({
    key: 'profiling',
    title: 'Profilazione',
    order: 70,
    labels: {
      official: 'Profilazione ufficiale (sistema nazionale)',
      history: 'Profilazioni ufficiali precedenti',
      index: 'Indice di svantaggio (0–1)',
      profilingClass: 'Classe',
      referenceDate: 'Data di riferimento',
      receivedAt: 'Ricevuta il',
      estimate: 'Stima locale (orientativa, non decide)',
      value: 'Valore stimato',
      modelId: 'Versione del modello',
      source: 'Fonte dei coefficienti',
      factors: 'Fattori',
      title: 'Fattore',
      band: 'Fascia',
      contribution: 'Contributo',
      notice: 'Avvertenza',
    },
    emptyText: 'Nessuna profilazione.',
    load: async (db, personId) => {
      const v = await profilingView(db, personId, romeDateOf());
      const official = (o: NonNullable<typeof v.official>) => ({
        index: o.index,
        profilingClass: o.profilingClass,
        referenceDate: o.referenceDate,
        receivedAt: o.receivedAt,
      });
      return {
        official: v.official ? official(v.official) : null,
        history: v.history.map(official),
        estimate: v.estimate
          ? {
              value: v.estimate.estimate,
              modelId: v.estimate.modelId,
              source: v.estimate.source,
              factors: v.estimate.contributions.map((c) => ({ title: c.title, band: c.band ?? 'non noto', contribution: c.contribution })),
              notice: v.estimate.notice,
            }
          : null,
      };
    },
  });

  registerExportSection({
    key: 'professionalProfile',
    title: 'Profilo professionale (SAP)',
    order: 80,
    labels: {
      education: 'Istruzione',
      title: 'Titolo',
      eqfLevel: 'Livello EQF',
      fieldOfStudy: 'Indirizzo',
      institution: 'Istituto',
      completedYear: 'Anno di conseguimento',
      country: 'Paese',
      experiences: 'Esperienze di lavoro',
      employerName: 'Datore di lavoro',
      occupation: 'Professione (CP2011)',
      startedOn: 'Dal',
      endedOn: 'Al',
      contractType: 'Contratto',
      description: 'Descrizione',
      languages: 'Lingue',
      language: 'Lingua',
      motherTongue: 'Madrelingua',
      level: 'Livello QCER',
      skills: 'Competenze (ESCO)',
      wantedOccupations: 'Professioni cercate',
      drivingLicences: 'Patenti',
      workingTime: 'Orario',
      maxDistanceKm: 'Distanza massima (km)',
      ownVehicle: 'Automunito',
      availableFrom: 'Disponibile dal',
      cvFiles: 'Curriculum caricati',
      fileName: 'File',
      uploadedAt: 'Caricato il',
    },
    emptyText: 'Nessun profilo professionale.',
    load: async (db, personId) => loadProfile(db, personId),
  });
}

/** The professional profile (tables of migration 0008, read by their agreed names); null when the tables are absent. */
async function loadProfile(db: Db, personId: string): Promise<ExportValue> {
  if (!(await tableExists(db, 'person_education'))) return null;
  const q = async <T>(query: RawBuilder<T>) => (await query.execute(db)).rows;
  const profile = (
    await q<{ driving_licences: string[]; working_time: string[]; max_distance_km: number | null; own_vehicle: boolean | null; available_from: string | null }>(
      sql`select driving_licences, working_time, max_distance_km, own_vehicle, to_char(available_from, 'YYYY-MM-DD') as available_from
          from person_profiles where person_id = ${personId}`,
    )
  )[0];
  const education = await q<Record<string, string | number | null>>(
    sql`select title, eqf_level as "eqfLevel", field_of_study as "fieldOfStudy", institution, completed_year as "completedYear", country
        from person_education where person_id = ${personId} order by completed_year nulls last, title`,
  );
  const experiences = await q<Record<string, string | null>>(
    sql`select e.employer_name as "employerName", coalesce(o.display_label, e.occupation_code) as occupation,
               to_char(e.started_on, 'YYYY-MM-DD') as "startedOn", to_char(e.ended_on, 'YYYY-MM-DD') as "endedOn",
               e.contract_type as "contractType", e.description
        from person_experiences e left join occupations o on o.code = e.occupation_code
        where e.person_id = ${personId} order by e.started_on`,
  );
  const languages = await q<Record<string, string | boolean | null>>(
    sql`select language, mother_tongue as "motherTongue", level from person_languages where person_id = ${personId} order by language`,
  );
  const skills = await q<{ label: string }>(
    sql`select coalesce((select k.preferred_label from esco_skills k where k.uri = s.esco_skill_id order by (k.language = 'it') desc limit 1), s.esco_skill_id) as label
        from person_skills s where s.person_id = ${personId} order by 1`,
  );
  const wanted = await q<{ label: string }>(
    sql`select coalesce(o.display_label, w.occupation_code) as label
        from person_wanted_occupations w left join occupations o on o.code = w.occupation_code
        where w.person_id = ${personId} order by 1`,
  );
  const cvFiles = await q<{ fileName: string; uploadedAt: Date }>(
    sql`select file_name as "fileName", uploaded_at as "uploadedAt" from person_cv_files where person_id = ${personId} order by uploaded_at`,
  );
  if (!profile && !education.length && !experiences.length && !languages.length && !skills.length) return null;
  return {
    education,
    experiences,
    languages,
    skills: skills.map((s) => s.label),
    wantedOccupations: wanted.map((w) => w.label),
    drivingLicences: profile?.driving_licences.join(', ') ?? null,
    workingTime: profile?.working_time.join(', ') ?? null,
    maxDistanceKm: profile?.max_distance_km ?? null,
    ownVehicle: profile?.own_vehicle ?? null,
    availableFrom: profile?.available_from ?? null,
    cvFiles: cvFiles.map((c) => ({ fileName: c.fileName, uploadedAt: iso(c.uploadedAt) })),
  };
}
