-- Professional profile (scheda anagrafico-professionale, SAP): education, work experiences, skills, languages,
-- driving licences, digital skills, availability, CV. Owned by src/modules/people/profile; table and column names are
-- agreed with the population generator, profiling and data download (see src/modules/people/profile/tables.ts).
-- Classification codes (CP2011, ATECO, ESCO) are checked by the use cases, not by foreign keys: the classification
-- tables are reference data replaced by their importers.

-- One row per person with a profile; the version covers the profile-level sections (skills and languages, licences and
-- digital skills, availability). Education and experience rows carry their own versions.
create table person_profiles (
  person_id uuid primary key references people(id),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  -- EU categories (Directive 2006/126/EC: AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, DE) plus CQC, KB
  driving_licences text[] not null default '{}',
  -- DigComp 2.2 area → proficiency level 1–8, e.g. {"information": 4, "safety": 2}
  digital_skills jsonb,
  -- ministerial contract-type codes (A.01.00 …)
  wanted_contract_types text[] not null default '{}',
  -- 'full-time' | 'part-time'
  working_time text[] not null default '{}',
  max_distance_km integer check (max_distance_km is null or max_distance_km between 0 and 1000),
  own_vehicle boolean,
  available_from date,
  notes text,
  -- steps of the citizen's guided profile already saved ('education', 'experiences', …): where to continue
  completed_steps text[] not null default '{}'
);

create table person_education (
  id uuid primary key,
  person_id uuid not null references people(id),
  title_code text not null,
  title text not null,
  eqf_level integer check (eqf_level between 1 and 8),
  isced_level integer check (isced_level between 0 and 8),
  field_of_study text,
  institution text,
  completed_year integer,
  country text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index person_education_person_idx on person_education(person_id);

create table person_experiences (
  id uuid primary key,
  person_id uuid not null references people(id),
  employer_name text not null,
  employer_tax_code text,
  occupation_code text not null,
  sector_code text,
  started_on date not null,
  ended_on date,
  contract_type text,
  description text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_on is null or ended_on >= started_on)
);
create index person_experiences_person_idx on person_experiences(person_id);
-- search by occupation: exact code and code prefix (a CP2011 group matches its sub-codes)
create index person_experiences_occupation_idx on person_experiences(occupation_code text_pattern_ops);

-- ESCO skill: the concept URI as stored in esco_skills.uri (language-independent)
create table person_skills (
  person_id uuid not null references people(id),
  esco_skill_id text not null,
  primary key (person_id, esco_skill_id)
);

create table person_languages (
  person_id uuid not null references people(id),
  language text not null,
  mother_tongue boolean not null default false,
  level text check (level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  primary key (person_id, language),
  check (mother_tongue or level is not null)
);

create table person_wanted_occupations (
  person_id uuid not null references people(id),
  occupation_code text not null,
  primary key (person_id, occupation_code)
);
create index person_wanted_occupations_code_idx on person_wanted_occupations(occupation_code text_pattern_ops);

-- The current CV is the latest upload; older ones stay for the record.
create table person_cv_files (
  id uuid primary key,
  person_id uuid not null references people(id),
  file_name text not null,
  media_type text not null default 'application/pdf',
  size_bytes integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null default now(),
  uploaded_by uuid references accounts(id)
);
create index person_cv_files_person_idx on person_cv_files(person_id, uploaded_at desc);
