-- People (core): the person record that identity, access scopes and consultation audit need.
-- The people module (registration, declaration, status timeline, profile) extends these tables.

create table people (
  id uuid primary key,
  tax_code text not null unique,
  given_name text not null,
  family_name text not null,
  birth_date date not null,
  sex text not null,
  residence_municipality_istat_code text references municipalities(istat_code),
  residence_address text,
  domicile_municipality_istat_code text references municipalities(istat_code),
  domicile_address text,
  job_centre_id uuid not null references job_centres(id),
  email text,
  phone text,
  special_category boolean not null default false,
  special_category_notes text,
  protected_person boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_job_centre_idx on people(job_centre_id);
create index people_family_name_idx on people(lower(family_name));

-- Staff named on a protected person's record: the only staff who see that person.
create table protected_person_staff (
  person_id uuid not null references people(id),
  account_id uuid not null references accounts(id),
  primary key (person_id, account_id)
);

-- Who a provider serves and which cases a social worker shares: the scopes of those roles.
create table providers (
  id uuid primary key,
  name text not null,
  vat_number text not null unique
);

create table provider_assignments (
  person_id uuid not null references people(id),
  provider_id uuid not null references providers(id),
  assigned_on date not null,
  primary key (person_id, provider_id)
);

create table shared_case_members (
  person_id uuid not null references people(id),
  account_id uuid not null references accounts(id),
  primary key (person_id, account_id)
);

create table employers (
  id uuid primary key,
  tax_code text not null unique,
  name text not null,
  job_centre_id uuid not null references job_centres(id),
  municipality_istat_code text references municipalities(istat_code),
  address text,
  ateco_code text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index employers_job_centre_idx on employers(job_centre_id);
