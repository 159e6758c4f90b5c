-- Platform: accounts, sessions, audit trail, outbox, import runs.
-- Same file runs on PGlite (PostgreSQL 18) and PostgreSQL 15+: no 18-only SQL; ids come from the application (UUIDv7).

create table accounts (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text,
  role text not null,
  specialism text,
  job_centre_id uuid,
  territory_provinces text[] not null default '{}',
  person_id uuid,
  employer_ids uuid[] not null default '{}',
  provider_id uuid,
  tax_code text unique,
  active boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  id text primary key,
  account_id uuid not null references accounts(id),
  csrf_token text not null,
  auth_method text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  idle_expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_account_idx on sessions(account_id);

create table audit_segments (
  segment text primary key,
  last_seq bigint not null,
  last_hash text not null
);

create table audit_entries (
  id uuid primary key,
  segment text not null,
  seq bigint not null,
  at timestamptz not null,
  actor_account_id uuid,
  actor_role text,
  actor_scope text,
  action text not null,
  record_type text not null,
  record_ids text[] not null default '{}',
  subject_person_ids uuid[] not null default '{}',
  fields text[] not null default '{}',
  purpose text,
  outcome text not null default 'ok',
  ip text,
  request_id text,
  prev_hash text not null,
  hash text not null,
  unique (segment, seq)
);
create index audit_entries_at_idx on audit_entries(at);
create index audit_entries_subject_idx on audit_entries using gin (subject_person_ids);
create index audit_entries_actor_idx on audit_entries(actor_account_id, at);

create table outbox (
  id uuid primary key,
  topic text not null,
  aggregate_id text,
  payload jsonb not null,
  occurred_at timestamptz not null default now(),
  published_at timestamptz
);
create index outbox_unpublished_idx on outbox(occurred_at) where published_at is null;

create table import_runs (
  id uuid primary key,
  kind text not null,
  source_name text not null,
  source_sha256 text not null,
  status text not null,
  rows_total integer not null default 0,
  rows_applied integer not null default 0,
  rows_rejected integer not null default 0,
  last_line integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (kind, source_sha256)
);

create table import_rejections (
  run_id uuid not null references import_runs(id),
  line integer not null,
  reason text not null,
  raw text,
  primary key (run_id, line)
);

-- Which fields each version of an editable record changed: a stale write is told what changed since.
create table record_changes (
  record_type text not null,
  record_id uuid not null,
  version integer not null,
  fields text[] not null,
  account_id uuid,
  changed_at timestamptz not null default now(),
  primary key (record_type, record_id, version)
);
