-- Organisation: agency, municipalities (ISTAT), job centres, their sites and territorial competence.

create table agencies (
  id uuid primary key,
  code text not null unique,
  name text not null,
  region_code text not null,
  region_name text not null
);

create table municipalities (
  istat_code text primary key,
  belfiore_code text not null unique,
  name text not null,
  province_code text not null,
  province_name text not null,
  region_code text not null,
  region_name text not null,
  is_province_capital boolean not null default false,
  latitude double precision,
  longitude double precision
);
create index municipalities_province_idx on municipalities(province_code);
create index municipalities_region_idx on municipalities(region_code);

create table job_centres (
  id uuid primary key,
  code text not null unique,
  name text not null,
  agency_id uuid references agencies(id),
  municipality_istat_code text not null references municipalities(istat_code),
  province_code text not null,
  address text,
  email text,
  valid_from date not null,
  valid_to date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index job_centres_province_idx on job_centres(province_code);

create table sites (
  id uuid primary key,
  job_centre_id uuid not null references job_centres(id),
  name text not null,
  kind text not null,
  address text,
  municipality_istat_code text not null references municipalities(istat_code),
  phone text,
  email text,
  opening_hours text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sites_job_centre_idx on sites(job_centre_id);

create table job_centre_competence (
  municipality_istat_code text not null references municipalities(istat_code),
  job_centre_id uuid not null references job_centres(id),
  valid_from date not null,
  valid_to date,
  primary key (municipality_istat_code, valid_from)
);
create index job_centre_competence_centre_idx on job_centre_competence(job_centre_id);
