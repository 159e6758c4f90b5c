/**
 * File formats written by the population generator.
 *
 * - people.csv — UTF-8, separator `;`, header line, one person per row; columns in PEOPLE_COLUMNS (see the README).
 *   `dichiarazioni` holds the availability declarations as a JSON array of
 *   `{ "data", "canale", "rischio_fino_al"?, "revoca"?, "motivo_revoca"? }` (canale: job-centre | national-portal | inps-benefit).
 * - profiles.jsonl — one JSON object per line (ProfileRecord), keyed by tax code.
 * - notices.csv — the agreed UNILAV notices CSV (NOTICE_COLUMNS; .tmp/helpers/unilav-csv.md, README "Comunicazioni").
 */

export const PEOPLE_COLUMNS = [
  'codice_fiscale',
  'cognome',
  'nome',
  'sesso',
  'data_nascita',
  'comune_nascita',
  'cittadinanza',
  'comune_residenza',
  'indirizzo_residenza',
  'comune_domicilio',
  'indirizzo_domicilio',
  'email',
  'telefono',
  'data_informativa_privacy',
  'reddito_annuo_dichiarato',
  'anno_reddito_dichiarato',
  'dichiarazioni',
] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/** The agreed notices CSV columns, in the order the generator writes them. */
export const NOTICE_COLUMNS = [
  'codice_comunicazione',
  'codice_comunicazione_precedente',
  'tipo_comunicazione',
  'tipo_evento',
  'data_invio',
  'cf_datore',
  'denominazione_datore',
  'ateco_datore',
  'comune_sede_lavoro',
  'cf_lavoratore',
  'cognome_lavoratore',
  'nome_lavoratore',
  'sesso',
  'data_nascita',
  'comune_nascita',
  'cittadinanza',
  'data_inizio',
  'data_fine',
  'tipologia_contrattuale',
  'ccnl',
  'qualifica_istat',
  'tipo_orario',
  'ore_settimanali_medie',
  'retribuzione_annua_lorda',
  'data_proroga',
  'data_trasformazione',
  'codice_trasformazione',
  'data_cessazione',
  'codice_causa_cessazione',
] as const;
export type NoticeColumn = (typeof NOTICE_COLUMNS)[number];
export type NoticeRow = Partial<Record<NoticeColumn, string>>;

export type DeclarationChannel = 'job-centre' | 'national-portal' | 'inps-benefit';

export interface DeclarationRecord {
  declaredOn: string;
  channel: DeclarationChannel;
  atRiskUntil?: string;
  revokedOn?: string;
  revocationReason?: string;
}

export interface PersonRecord {
  taxCode: string;
  familyName: string;
  givenName: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** Belfiore code (Z… for foreign states). */
  birthplaceCode: string;
  /** ISO 3166-1 alpha-2. */
  citizenship: string;
  residenceIstatCode: string;
  residenceAddress: string;
  domicileIstatCode: string | null;
  domicileAddress: string | null;
  email: string | null;
  phone: string | null;
  privacyNoticeOn: string;
  declaredAnnualIncome: number | null;
  declaredIncomeYear: number | null;
  declarations: DeclarationRecord[];
}

export interface EducationRecord {
  titleCode: string;
  title: string;
  eqfLevel: number | null;
  iscedLevel: number;
  fieldOfStudy: string | null;
  institution: string | null;
  completedYear: number;
  country: string;
}

export interface ExperienceRecord {
  employerName: string;
  employerTaxCode: string | null;
  occupationCode: string;
  sectorCode: string | null;
  startedOn: string;
  endedOn: string | null;
  contractType: string | null;
  description: string | null;
}

export interface LanguageRecord {
  language: string;
  motherTongue: boolean;
  level: string | null;
}

/** One line of profiles.jsonl: the professional profile (SAP) of one person. */
export interface ProfileRecord {
  taxCode: string;
  education: EducationRecord[];
  experiences: ExperienceRecord[];
  languages: LanguageRecord[];
  drivingLicences: string[];
  digitalSkills: Record<string, number>;
  skills: string[];
  wantedOccupations: string[];
  wantedContractTypes: string[];
  workingTime: string[];
  maxDistanceKm: number;
  ownVehicle: boolean;
  availableFrom: string;
}

const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(';') + '\n';
}

export function personLine(p: PersonRecord): string {
  const declarations = p.declarations.map((d) => ({
    data: d.declaredOn,
    canale: d.channel,
    ...(d.atRiskUntil ? { rischio_fino_al: d.atRiskUntil } : {}),
    ...(d.revokedOn ? { revoca: d.revokedOn, motivo_revoca: d.revocationReason ?? '' } : {}),
  }));
  return csvLine([
    p.taxCode,
    p.familyName,
    p.givenName,
    p.sex,
    p.birthDate,
    p.birthplaceCode,
    p.citizenship,
    p.residenceIstatCode,
    p.residenceAddress,
    p.domicileIstatCode ?? '',
    p.domicileAddress ?? '',
    p.email ?? '',
    p.phone ?? '',
    p.privacyNoticeOn,
    p.declaredAnnualIncome === null ? '' : p.declaredAnnualIncome.toFixed(2),
    p.declaredIncomeYear === null ? '' : String(p.declaredIncomeYear),
    declarations.length > 0 ? JSON.stringify(declarations) : '',
  ]);
}

export function noticeLine(row: NoticeRow): string {
  return csvLine(NOTICE_COLUMNS.map((c) => row[c] ?? ''));
}

export const PEOPLE_HEADER = csvLine(PEOPLE_COLUMNS);
export const NOTICES_HEADER = csvLine(NOTICE_COLUMNS);
