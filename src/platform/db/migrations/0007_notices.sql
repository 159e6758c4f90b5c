-- Employment notices (comunicazioni obbligatorie UNILAV): hires, extensions, conversions, terminations, as received.
-- Keyed by the communication code. The worker's tax code is kept even when nobody has registered with it yet
-- (person_id null): the notice is linked when the person registers. A notice that carries a previous communication
-- code rectifies (RETTIFICA) or cancels (ANNULLAMENTO) the notice it names, whichever arrives first; the timeline is
-- always computed from all effective notices, so the order of arrival does not matter.

create table employment_notices (
  id uuid primary key,
  communication_code text not null unique,
  previous_code text,
  communication_type text not null check (communication_type in ('INVIO', 'RETTIFICA', 'ANNULLAMENTO')),
  event_type text not null check (event_type in ('AVV', 'PRO', 'TRA', 'CES')),
  sent_on date not null,
  employer_tax_code text not null,
  employer_name text not null,
  employer_ateco_code text,
  workplace_istat_code text,
  worker_tax_code text not null,
  worker_family_name text not null,
  worker_given_name text not null,
  worker_sex text,
  worker_birth_date date,
  worker_birthplace_code text,
  worker_citizenship text,
  job_start date not null,
  planned_end date,
  contract_type text,
  ccnl text,
  occupation_code text,
  working_time text,
  weekly_hours numeric(5, 2),
  annual_pay numeric(12, 2),
  extension_end date,
  conversion_date date,
  conversion_code text,
  termination_date date,
  termination_cause text,
  -- sha256 of the normalised content: the same code with the same content is a no-op, with other content a rejection.
  content_hash text not null,
  person_id uuid references people(id),
  linked_at timestamptz,
  import_run_id uuid references import_runs(id),
  source_line integer,
  received_at timestamptz not null default now(),
  check (previous_code is null or previous_code <> communication_code)
);
create index employment_notices_person_idx on employment_notices(person_id);
create index employment_notices_unlinked_idx on employment_notices(worker_tax_code) where person_id is null;
create index employment_notices_previous_idx on employment_notices(previous_code) where previous_code is not null;

-- Import runs of notices files reuse import_runs (kind 'notices', keyed by the file's sha256; rows_skipped counts
-- duplicates: same code, same content) and import_rejections; this table adds what only notices runs have.
create table notice_import_runs (
  run_id uuid primary key references import_runs(id),
  -- Timelines recomputed, summed over the run's batches (a person touched by two batches counts twice).
  people_recomputed integer not null default 0,
  -- Who started the run (null: the command line).
  account_id uuid references accounts(id),
  source_name text not null
);
