import type { ColumnType, Generated } from 'kysely';
import type { NoticesTables } from '../../modules/notices/tables.ts';
import type { ProfileTables } from '../../modules/people/profile/tables.ts';
import type { ProfilingTables } from '../../modules/people/profiling/tables.ts';

/** A timestamp column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date (no time zone): always read and written as 'YYYY-MM-DD'. */
export type CalendarDate = ColumnType<string, string, string>;

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  specialism: string | null;
  job_centre_id: string | null;
  territory_provinces: Generated<string[]>;
  person_id: string | null;
  employer_ids: Generated<string[]>;
  provider_id: string | null;
  tax_code: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  idle_expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditSegmentsTable {
  segment: string;
  last_seq: ColumnType<string, number | string, number | string>;
  last_hash: string;
}

export interface AuditEntriesTable {
  id: string;
  segment: string;
  seq: ColumnType<string, number | string, number | string>;
  at: Timestamp;
  actor_account_id: string | null;
  actor_role: string | null;
  actor_scope: string | null;
  action: string;
  record_type: string;
  record_ids: string[];
  subject_person_ids: string[];
  fields: string[];
  purpose: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: string;
  topic: string;
  aggregate_id: string | null;
  payload: ColumnType<unknown, string, string>;
  occurred_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ImportRunsTable {
  id: string;
  kind: string;
  source_name: string;
  source_sha256: string;
  status: string;
  rows_total: Generated<number>;
  rows_applied: Generated<number>;
  rows_rejected: Generated<number>;
  rows_skipped: Generated<number>;
  last_line: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ImportRejectionsTable {
  run_id: string;
  line: number;
  reason: string;
  raw: string | null;
}

export interface AgenciesTable {
  id: string;
  code: string;
  name: string;
  region_code: string;
  region_name: string;
}

export interface MunicipalitiesTable {
  istat_code: string;
  belfiore_code: string;
  name: string;
  province_code: string;
  province_name: string;
  region_code: string;
  region_name: string;
  is_province_capital: Generated<boolean>;
  latitude: number | null;
  longitude: number | null;
}

export interface JobCentresTable {
  id: string;
  code: string;
  name: string;
  agency_id: string | null;
  municipality_istat_code: string;
  province_code: string;
  address: string | null;
  email: string | null;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SitesTable {
  id: string;
  job_centre_id: string;
  name: string;
  kind: string;
  address: string | null;
  municipality_istat_code: string;
  phone: string | null;
  email: string | null;
  opening_hours: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobCentreCompetenceTable {
  municipality_istat_code: string;
  job_centre_id: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
}

export interface PeopleTable {
  id: string;
  tax_code: string;
  given_name: string;
  family_name: string;
  birth_date: CalendarDate;
  sex: string;
  residence_municipality_istat_code: string | null;
  residence_address: string | null;
  domicile_municipality_istat_code: string | null;
  domicile_address: string | null;
  job_centre_id: string;
  email: string | null;
  phone: string | null;
  special_category: Generated<boolean>;
  special_category_notes: string | null;
  protected_person: Generated<boolean>;
  tax_code_base: string | null;
  birthplace_code: string | null;
  citizenship: string | null;
  privacy_notice_at: Timestamp | null;
  merged_into: string | null;
  declared_annual_income: ColumnType<string | null, number | string | null, number | string | null>;
  declared_income_year: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProtectedPersonStaffTable {
  person_id: string;
  account_id: string;
}

export interface ProvidersTable {
  id: string;
  name: string;
  vat_number: string;
}

export interface ProviderAssignmentsTable {
  person_id: string;
  provider_id: string;
  assigned_on: CalendarDate;
}

export interface SharedCaseMembersTable {
  person_id: string;
  account_id: string;
}

export interface EmployersTable {
  id: string;
  tax_code: string;
  name: string;
  job_centre_id: string;
  municipality_istat_code: string | null;
  address: string | null;
  ateco_code: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecordChangesTable {
  record_type: string;
  record_id: string;
  version: number;
  fields: string[];
  account_id: string | null;
  changed_at: Timestamp;
}

export interface PersonConsentsTable {
  id: string;
  person_id: string;
  kind: string;
  granted: boolean;
  at: Timestamp;
  account_id: string | null;
}

export interface PersonIdentityOverridesTable {
  id: string;
  person_id: string;
  warning_code: string;
  reason: string;
  account_id: string;
  at: Timestamp;
}

export interface HomonymNoticesTable {
  id: string;
  person_id: string;
  other_person_id: string;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  resolution: string | null;
}

export interface PersonMergesTable {
  id: string;
  survivor_id: string;
  merged_id: string;
  reason: string;
  moved: ColumnType<unknown, string, string>;
  account_id: string;
  merged_at: Timestamp;
  reverted_at: Timestamp | null;
  reverted_by: string | null;
  revert_reason: string | null;
}

export interface PersonAddressChangesTable {
  id: string;
  person_id: string;
  field: string;
  old_value: ColumnType<unknown, string | null, string | null>;
  new_value: ColumnType<unknown, string | null, string | null>;
  old_job_centre_id: string | null;
  new_job_centre_id: string | null;
  reason: string;
  account_id: string | null;
  at: Timestamp;
}

export interface AvailabilityDeclarationsTable {
  id: string;
  person_id: string;
  declared_on: CalendarDate;
  channel: string;
  external_reference: string | null;
  at_risk_until: CalendarDate | null;
  revoked_on: CalendarDate | null;
  revocation_reason: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface StatusPeriodsTable {
  person_id: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  state: string;
  rule_id: string;
  computed_at: Timestamp;
}

/** ISTAT CP2011 occupation: levels 1–5 and the ministerial job titles (level 6). */
export interface OccupationsTable {
  code: string;
  level: number;
  /** As in the source: upper case. */
  label: string;
  /** Sentence case, for display. */
  display_label: string;
  parent_code: string | null;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  label_norm: string;
  /** Generated by the database: never written. */
  search_vector: ColumnType<string, never, never>;
}

/** ISTAT ATECO 2007 sector: sections → 6-digit sottocategorie. */
export interface SectorsTable {
  code: string;
  level: number;
  level_name: string;
  label: string;
  display_label: string;
  parent_code: string | null;
  section: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  label_norm: string;
  /** Generated by the database: never written. */
  search_vector: ColumnType<string, never, never>;
}

/** ISCO-08 group as published by ESCO, per language. */
export interface IscoGroupsTable {
  uri: string;
  language: string;
  code: string;
  parent_code: string | null;
  preferred_label: string;
  alt_labels: string[];
  description: string | null;
}

/** ESCO occupation, one row per (uri, language). */
export interface EscoOccupationsTable {
  uri: string;
  language: string;
  code: string;
  isco_group: string;
  preferred_label: string;
  alt_labels: string[];
  hidden_labels: string[];
  description: string | null;
  status: string | null;
  modified_at: Timestamp | null;
}

/** ESCO skill or knowledge concept, one row per (uri, language). */
export interface EscoSkillsTable {
  uri: string;
  language: string;
  skill_type: string | null;
  reuse_level: string | null;
  preferred_label: string;
  alt_labels: string[];
  hidden_labels: string[];
  description: string | null;
  status: string | null;
  modified_at: Timestamp | null;
}

/** One label (preferred, alternative, hidden) of an ESCO occupation or skill, for the pickers. */
export interface EscoLabelsTable {
  uri: string;
  language: string;
  kind: string;
  label: string;
  label_norm: string;
  /** Generated by the database: never written. */
  search_vector: ColumnType<string, never, never>;
}

/** A word of the searchable labels: the typo-correction vocabulary of one picker (scope) and language. */
export interface ClassificationWordsTable {
  scope: string;
  language: string;
  word: string;
}

/** ESCO occupation–skill relation (language-independent). */
export interface EscoOccupationSkillsTable {
  occupation_uri: string;
  skill_uri: string;
  relation_type: string;
  skill_type: string | null;
}

export interface NationalDeclarationsTable {
  reference: string;
  tax_code: string;
  channel: string;
  declared_on: CalendarDate;
  at_risk_until: CalendarDate | null;
  revoked_on: CalendarDate | null;
  received_at: Timestamp;
  person_id: string | null;
  linked_at: Timestamp | null;
}

export interface IntegrationCursorsTable {
  name: string;
  cursor: string | null;
  updated_at: Timestamp;
}

/** Every table; modules added after the foundation keep their table types beside their code. */
export interface Database extends NoticesTables, ProfileTables, ProfilingTables {
  integration_cursors: IntegrationCursorsTable;
  national_declarations: NationalDeclarationsTable;
  occupations: OccupationsTable;
  sectors: SectorsTable;
  isco_groups: IscoGroupsTable;
  esco_occupations: EscoOccupationsTable;
  esco_skills: EscoSkillsTable;
  esco_occupation_labels: EscoLabelsTable;
  esco_skill_labels: EscoLabelsTable;
  esco_occupation_skills: EscoOccupationSkillsTable;
  classification_words: ClassificationWordsTable;
  person_consents: PersonConsentsTable;
  person_identity_overrides: PersonIdentityOverridesTable;
  homonym_notices: HomonymNoticesTable;
  person_merges: PersonMergesTable;
  person_address_changes: PersonAddressChangesTable;
  availability_declarations: AvailabilityDeclarationsTable;
  status_periods: StatusPeriodsTable;
  record_changes: RecordChangesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  audit_segments: AuditSegmentsTable;
  audit_entries: AuditEntriesTable;
  outbox: OutboxTable;
  import_runs: ImportRunsTable;
  import_rejections: ImportRejectionsTable;
  agencies: AgenciesTable;
  municipalities: MunicipalitiesTable;
  job_centres: JobCentresTable;
  sites: SitesTable;
  job_centre_competence: JobCentreCompetenceTable;
  people: PeopleTable;
  protected_person_staff: ProtectedPersonStaffTable;
  providers: ProvidersTable;
  provider_assignments: ProviderAssignmentsTable;
  shared_case_members: SharedCaseMembersTable;
  employers: EmployersTable;
}
