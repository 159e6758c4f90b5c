-- People: registry details, identity checks, homonym notices, merges, availability declarations,
-- the computed employment-status timeline, and declared income.

-- Base form of the tax code (omocodia letters mapped back): finds possible homonyms, never merges them.
alter table people add column tax_code_base text;
create index people_tax_code_base_idx on people(tax_code_base);
alter table people add column birthplace_code text;
alter table people add column citizenship text;
alter table people add column privacy_notice_at timestamptz;
alter table people add column merged_into uuid references people(id);
alter table people add column declared_annual_income numeric(12, 2);
alter table people add column declared_income_year integer;
create index people_merged_into_idx on people(merged_into) where merged_into is not null;
create index people_given_name_idx on people(lower(given_name));

-- Consents with dates: each change is a new row.
create table person_consents (
  id uuid primary key,
  person_id uuid not null references people(id),
  kind text not null,
  granted boolean not null,
  at timestamptz not null default now(),
  account_id uuid references accounts(id)
);
create index person_consents_person_idx on person_consents(person_id, kind, at);

-- Declared data that disagree with the tax code, accepted by an operator with a reason.
create table person_identity_overrides (
  id uuid primary key,
  person_id uuid not null references people(id),
  warning_code text not null,
  reason text not null,
  account_id uuid not null references accounts(id),
  at timestamptz not null default now()
);

-- Same base form, different code: a possible homonym, shown to operators, never merged automatically.
create table homonym_notices (
  id uuid primary key,
  person_id uuid not null references people(id),
  other_person_id uuid not null references people(id),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolution text,
  unique (person_id, other_person_id)
);

-- Merges of duplicate records of the same person: reversible, with what moved.
create table person_merges (
  id uuid primary key,
  survivor_id uuid not null references people(id),
  merged_id uuid not null references people(id),
  reason text not null,
  moved jsonb not null,
  account_id uuid not null references accounts(id),
  merged_at timestamptz not null default now(),
  reverted_at timestamptz,
  reverted_by uuid references accounts(id),
  revert_reason text
);

-- Changes of residence or domicile (competent job centre follows them): who, when, why.
create table person_address_changes (
  id uuid primary key,
  person_id uuid not null references people(id),
  field text not null,
  old_value jsonb,
  new_value jsonb,
  old_job_centre_id uuid,
  new_job_centre_id uuid,
  reason text not null,
  account_id uuid references accounts(id),
  at timestamptz not null default now()
);

-- Availability declarations (DID): given at the job centre, received from the national system, or implied by an INPS application.
create table availability_declarations (
  id uuid primary key,
  person_id uuid not null references people(id),
  declared_on date not null,
  channel text not null,
  external_reference text,
  at_risk_until date,
  revoked_on date,
  revocation_reason text,
  recorded_by uuid references accounts(id),
  created_at timestamptz not null default now(),
  unique (channel, external_reference)
);
create index availability_declarations_person_idx on availability_declarations(person_id, declared_on);

-- The computed timeline, replaced whenever a person's events change: who is unemployed on a date, by which rule.
create table status_periods (
  person_id uuid not null references people(id),
  valid_from date not null,
  valid_to date,
  state text not null,
  rule_id text not null,
  basis jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (person_id, valid_from)
);
create index status_periods_state_idx on status_periods(state, valid_from);

-- Declarations received from the national labour-policy system (portal, INPS benefit applications), kept as received:
-- linked to the person when registered, applied as availability declarations. Tax codes here are the natural key.
create table national_declarations (
  reference text primary key,
  tax_code text not null,
  channel text not null,
  declared_on date not null,
  at_risk_until date,
  revoked_on date,
  received_at timestamptz not null default now(),
  person_id uuid references people(id),
  linked_at timestamptz
);
create index national_declarations_unlinked_idx on national_declarations(tax_code) where person_id is null;

-- Where each feed from an external system got to (e.g. the national declarations feed).
create table integration_cursors (
  name text primary key,
  cursor text,
  updated_at timestamptz not null default now()
);
