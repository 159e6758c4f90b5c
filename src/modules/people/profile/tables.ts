import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Timestamp } from '../../../platform/db/schema.ts';

/**
 * Kysely table types owned by the professional profile (SAP), created by migration 0008_people_profile.sql; merged
 * into the Database interface in src/platform/db/schema.ts. Other modules (population generator, profiling, data
 * download) read these names: keep them.
 */

/** DigComp 2.2 area → proficiency level 1–8. */
export type DigitalSkills = Partial<Record<string, number>>;

export interface PersonProfilesTable {
  person_id: string;
  version: Generated<number>;
  updated_at: Timestamp;
  /** EU driving licence categories (AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, DE) plus CQC, KB. */
  driving_licences: Generated<string[]>;
  /** DigComp 2.2 area code → level 1–8 (written as a JSON string). */
  digital_skills: ColumnType<DigitalSkills | null, string | null | undefined, string | null>;
  /** Ministerial contract-type codes (A.01.00 …). */
  wanted_contract_types: Generated<string[]>;
  /** 'full-time' | 'part-time'. */
  working_time: Generated<string[]>;
  max_distance_km: number | null;
  own_vehicle: boolean | null;
  available_from: CalendarDate | null;
  notes: string | null;
  /** Steps of the citizen's guided profile already saved: where they continue. */
  completed_steps: Generated<string[]>;
}

export interface PersonEducationTable {
  id: string;
  person_id: string;
  /** Key of EDUCATION_TITLES (src/modules/people/profile/reference.ts). */
  title_code: string;
  title: string;
  /** EQF level 1–8; null for titles the Italian referencing gives no level (licenza elementare). */
  eqf_level: number | null;
  isced_level: number | null;
  field_of_study: string | null;
  institution: string | null;
  completed_year: number | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonExperiencesTable {
  id: string;
  person_id: string;
  employer_name: string;
  employer_tax_code: string | null;
  /** ISTAT CP2011, 5th level (unità professionale), e.g. '2.1.1.4.1'. */
  occupation_code: string;
  /** ATECO 2007 code. */
  sector_code: string | null;
  started_on: CalendarDate;
  ended_on: CalendarDate | null;
  /** Ministerial contract-type code. */
  contract_type: string | null;
  description: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonSkillsTable {
  person_id: string;
  /** The ESCO concept URI, as in esco_skills.uri. */
  esco_skill_id: string;
}

export interface PersonLanguagesTable {
  person_id: string;
  /** ISO 639-1. */
  language: string;
  mother_tongue: Generated<boolean>;
  /** CEFR A1–C2; null for a mother tongue. */
  level: string | null;
}

export interface PersonWantedOccupationsTable {
  person_id: string;
  /** ISTAT CP2011 code. */
  occupation_code: string;
}

export interface PersonCvFilesTable {
  id: string;
  person_id: string;
  file_name: string;
  media_type: Generated<string>;
  size_bytes: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

export interface ProfileTables {
  person_profiles: PersonProfilesTable;
  person_education: PersonEducationTable;
  person_experiences: PersonExperiencesTable;
  person_skills: PersonSkillsTable;
  person_languages: PersonLanguagesTable;
  person_wanted_occupations: PersonWantedOccupationsTable;
  person_cv_files: PersonCvFilesTable;
}
