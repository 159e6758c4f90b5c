/**
 * Reference tables of the professional profile (SAP): Italian education titles with their EQF and ISCED levels,
 * CEFR language levels, EU driving licence categories, DigComp 2.2 areas and levels, contract types, working time.
 * Data with sources; an entry whose level we could not verify against the source text carries confidence 'U'
 * (marked [U] in its comment) and is shown as such — never a silent constant.
 */

export type Confidence = 'V' | 'U';

export interface EducationTitle {
  code: string;
  /** Italian name, as the titles are called in the national qualifications framework. */
  label: string;
  labelEn: string;
  /** EQF level 1–8; null where the Italian referencing gives none. */
  eqfLevel: number | null;
  /** ISCED 2011 level 0–8. */
  iscedLevel: number;
  /** 'V' = level as in the source below; 'U' = not verified against it. */
  confidence: Confidence;
}

/**
 * Sources for the EQF levels: Accordo in Conferenza Stato-Regioni 20 dicembre 2012 (Rep. 252/CSR), "Primo rapporto
 * italiano di referenziazione delle qualificazioni al quadro europeo EQF", and Decreto interministeriale 8 gennaio 2018
 * (GU n. 20 del 25/1/2018), "Istituzione del Quadro nazionale delle qualificazioni (QNQ)", Allegato 1 (levels 1–8).
 * ISCED: UNESCO ISCED 2011 mapping of the Italian system (ISCED 2011 mapping, Italy). The university titles follow the
 * Quadro dei titoli italiani (QTI, DM 26/2016): first cycle EQF 6, second cycle EQF 7, third cycle EQF 8.
 */
export const EDUCATION_TITLES_SOURCE =
  'Accordo Stato-Regioni 20/12/2012 (Rep. 252/CSR), primo rapporto italiano di referenziazione a EQF; DI 8 gennaio 2018, Quadro nazionale delle qualificazioni (QNQ); ISCED 2011';

export const EDUCATION_TITLES: readonly EducationTitle[] = [
  { code: 'none', label: 'Nessun titolo di studio', labelEn: 'No formal education', eqfLevel: null, iscedLevel: 0, confidence: 'V' },
  // Not referenced to EQF by the 2012 report (the first cycle ends with the licenza media).
  { code: 'primary', label: 'Licenza elementare', labelEn: 'Primary school certificate', eqfLevel: null, iscedLevel: 1, confidence: 'V' },
  // Diploma di licenza conclusivo del primo ciclo di istruzione: QNQ level 1.
  {
    code: 'lower-secondary',
    label: 'Licenza media (diploma conclusivo del primo ciclo)',
    labelEn: 'Lower secondary school diploma',
    eqfLevel: 1,
    iscedLevel: 2,
    confidence: 'V',
  },
  // Certificazione delle competenze di base al termine dell'obbligo di istruzione: QNQ level 2.
  {
    code: 'compulsory-education',
    label: "Certificato delle competenze di base (assolvimento dell'obbligo di istruzione)",
    labelEn: 'Certificate of basic skills (end of compulsory education)',
    eqfLevel: 2,
    iscedLevel: 2,
    confidence: 'V',
  },
  // Attestato di qualifica di operatore professionale (IeFP, three years): QNQ level 3.
  {
    code: 'iefp-qualification',
    label: 'Qualifica professionale IeFP (operatore, triennale)',
    labelEn: 'Vocational qualification (IeFP, 3 years)',
    eqfLevel: 3,
    iscedLevel: 3,
    confidence: 'V',
  },
  // Diploma professionale di tecnico (IeFP, four years): QNQ level 4.
  {
    code: 'iefp-diploma',
    label: 'Diploma professionale IeFP (tecnico, quadriennale)',
    labelEn: 'Vocational diploma (IeFP, 4 years)',
    eqfLevel: 4,
    iscedLevel: 3,
    confidence: 'V',
  },
  // Diplomi liceali, di istruzione tecnica, di istruzione professionale: QNQ level 4.
  {
    code: 'upper-secondary',
    label: 'Diploma di istruzione secondaria superiore (maturità: liceo, tecnico, professionale)',
    labelEn: 'Upper secondary school diploma',
    eqfLevel: 4,
    iscedLevel: 3,
    confidence: 'V',
  },
  // Certificato di specializzazione tecnica superiore (IFTS): QNQ level 4. [U] ISCED 4 (post-secondary non-tertiary).
  {
    code: 'ifts',
    label: 'Certificato di specializzazione tecnica superiore (IFTS)',
    labelEn: 'Higher technical specialisation certificate (IFTS)',
    eqfLevel: 4,
    iscedLevel: 4,
    confidence: 'U',
  },
  // Diploma di tecnico superiore (ITS Academy): QNQ level 5.
  {
    code: 'its',
    label: 'Diploma di tecnico superiore (ITS Academy)',
    labelEn: 'Higher technician diploma (ITS Academy)',
    eqfLevel: 5,
    iscedLevel: 5,
    confidence: 'V',
  },
  // Laurea (first cycle): level 6.
  { code: 'bachelor', label: 'Laurea (triennale)', labelEn: "Bachelor's degree (laurea)", eqfLevel: 6, iscedLevel: 6, confidence: 'V' },
  // Diploma accademico di primo livello (AFAM): level 6.
  {
    code: 'afam-1',
    label: 'Diploma accademico di primo livello (AFAM)',
    labelEn: 'First-level academic diploma (AFAM: arts, music, dance)',
    eqfLevel: 6,
    iscedLevel: 6,
    confidence: 'V',
  },
  // Laurea magistrale and laurea magistrale a ciclo unico (second cycle): level 7.
  { code: 'master-degree', label: 'Laurea magistrale', labelEn: "Master's degree (laurea magistrale)", eqfLevel: 7, iscedLevel: 7, confidence: 'V' },
  {
    code: 'single-cycle-degree',
    label: 'Laurea magistrale a ciclo unico',
    labelEn: "Single-cycle master's degree",
    eqfLevel: 7,
    iscedLevel: 7,
    confidence: 'V',
  },
  // Diploma di laurea of the old system (before DM 509/1999): equivalent to the laurea magistrale. [U] level by equivalence.
  { code: 'old-degree', label: 'Diploma di laurea (vecchio ordinamento)', labelEn: 'Degree (pre-1999 system)', eqfLevel: 7, iscedLevel: 7, confidence: 'U' },
  // Diploma accademico di secondo livello (AFAM): level 7.
  {
    code: 'afam-2',
    label: 'Diploma accademico di secondo livello (AFAM)',
    labelEn: 'Second-level academic diploma (AFAM)',
    eqfLevel: 7,
    iscedLevel: 7,
    confidence: 'V',
  },
  // Master universitario di primo livello (second cycle in the QTI): level 7. [U] ISCED 7.
  {
    code: 'university-master-1',
    label: 'Master universitario di primo livello',
    labelEn: 'First-level university master',
    eqfLevel: 7,
    iscedLevel: 7,
    confidence: 'U',
  },
  // Master universitario di secondo livello (third cycle in the QTI): level 8. [U] both levels: ISCED maps it to 7.
  {
    code: 'university-master-2',
    label: 'Master universitario di secondo livello',
    labelEn: 'Second-level university master',
    eqfLevel: 8,
    iscedLevel: 7,
    confidence: 'U',
  },
  // Diploma di specializzazione (third cycle): level 8. [U] ISCED.
  { code: 'specialisation', label: 'Diploma di specializzazione', labelEn: 'Specialisation diploma', eqfLevel: 8, iscedLevel: 8, confidence: 'U' },
  // Dottorato di ricerca (third cycle): level 8.
  { code: 'phd', label: 'Dottorato di ricerca', labelEn: 'Research doctorate (PhD)', eqfLevel: 8, iscedLevel: 8, confidence: 'V' },
  // Diploma accademico di formazione alla ricerca (AFAM): level 8.
  {
    code: 'afam-research',
    label: 'Diploma accademico di formazione alla ricerca (AFAM)',
    labelEn: 'Academic research diploma (AFAM)',
    eqfLevel: 8,
    iscedLevel: 8,
    confidence: 'V',
  },
  // A title obtained abroad and not yet recognised: no Italian level until it is.
  {
    code: 'foreign-unrecognised',
    label: 'Titolo estero non riconosciuto',
    labelEn: 'Foreign title, not recognised',
    eqfLevel: null,
    iscedLevel: 0,
    confidence: 'U',
  },
];

export const EDUCATION_TITLE_BY_CODE: ReadonlyMap<string, EducationTitle> = new Map(EDUCATION_TITLES.map((t) => [t.code, t]));

/** Common European Framework of Reference for Languages (Council of Europe, 2001; Companion volume 2020). */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const CEFR_SOURCE = 'Consiglio d’Europa, Quadro comune europeo di riferimento per le lingue (QCER, 2001; volume complementare 2020)';

/** ISO 639-1 languages offered first in the pickers (any ISO 639-1 code is accepted). */
export const COMMON_LANGUAGES = ['it', 'en', 'fr', 'de', 'es', 'pt', 'ro', 'sq', 'ar', 'zh', 'uk', 'ru', 'pl', 'hi', 'bn', 'ur', 'tl', 'wo'] as const;

/**
 * Driving licence categories: Directive 2006/126/EC art. 4 (recast into the Italian Codice della strada, art. 116,
 * by D.lgs 59/2011), plus two Italian professional certificates: CQC (carta di qualificazione del conducente,
 * D.lgs 286/2005) and KB (certificato di abilitazione professionale for taxi and hire with driver, art. 116 c.8 CdS).
 */
export const DRIVING_LICENCES = ['AM', 'A1', 'A2', 'A', 'B1', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE', 'CQC', 'KB'] as const;
export const DRIVING_LICENCES_SOURCE = 'Direttiva 2006/126/CE art. 4; art. 116 Codice della strada (D.lgs 59/2011); CQC: D.lgs 286/2005';

/**
 * DigComp 2.2 (Vuorikari, Kluzer, Punie, 2022, JRC128415, EUR 31006 EN): five competence areas, eight proficiency
 * levels (1–2 base, 3–4 intermedio, 5–6 avanzato, 7–8 altamente specializzato).
 */
export const DIGCOMP_AREAS = [
  { code: 'information', number: 1, label: 'Alfabetizzazione su informazioni e dati', labelEn: 'Information and data literacy' },
  { code: 'communication', number: 2, label: 'Comunicazione e collaborazione', labelEn: 'Communication and collaboration' },
  { code: 'content', number: 3, label: 'Creazione di contenuti digitali', labelEn: 'Digital content creation' },
  { code: 'safety', number: 4, label: 'Sicurezza', labelEn: 'Safety' },
  { code: 'problem-solving', number: 5, label: 'Risolvere problemi', labelEn: 'Problem solving' },
] as const;
export const DIGCOMP_AREA_CODES = DIGCOMP_AREAS.map((a) => a.code);
export const DIGCOMP_SOURCE = 'DigComp 2.2, Joint Research Centre della Commissione europea (2022), JRC128415';

export interface ContractType {
  code: string;
  label: string;
  labelEn: string;
  confidence: Confidence;
}

/**
 * Contract types: codes of the ministerial classification of the comunicazioni obbligatorie ("Tipologie
 * contrattuali", standard tables of the CO system, Ministero del Lavoro), as carried by UNILAV notices (reference §11).
 * [U] codes marked 'U' were not checked against the current table; the others are used by the notices module too.
 */
export const CONTRACT_TYPES: readonly ContractType[] = [
  { code: 'A.01.00', label: 'Lavoro a tempo indeterminato', labelEn: 'Open-ended employment', confidence: 'V' },
  { code: 'A.02.00', label: 'Lavoro a tempo determinato', labelEn: 'Fixed-term employment', confidence: 'V' },
  {
    code: 'A.03.08',
    label: 'Apprendistato per la qualifica e il diploma professionale',
    labelEn: 'Apprenticeship for a vocational qualification',
    confidence: 'U',
  },
  { code: 'A.03.09', label: 'Apprendistato professionalizzante', labelEn: 'Vocational apprenticeship', confidence: 'V' },
  { code: 'A.03.10', label: 'Apprendistato di alta formazione e ricerca', labelEn: 'Higher education and research apprenticeship', confidence: 'U' },
  { code: 'A.05.02', label: 'Lavoro intermittente', labelEn: 'On-call (intermittent) work', confidence: 'V' },
  { code: 'A.07.00', label: 'Lavoro domestico', labelEn: 'Domestic work', confidence: 'U' },
  { code: 'C.01.00', label: 'Tirocinio', labelEn: 'Traineeship', confidence: 'V' },
  { code: 'LPU', label: 'Lavori di pubblica utilità', labelEn: 'Public-utility work', confidence: 'V' },
];
export const CONTRACT_TYPE_CODES = CONTRACT_TYPES.map((c) => c.code);

export const WORKING_TIMES = ['full-time', 'part-time'] as const;

/** The steps of the citizen's guided profile, in order. */
export const PROFILE_STEPS = ['education', 'experiences', 'skills', 'licences', 'availability', 'cv'] as const;
export type ProfileStep = (typeof PROFILE_STEPS)[number];
