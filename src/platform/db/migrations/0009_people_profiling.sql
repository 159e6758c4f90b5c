-- Profiling: the official index and class received from the national labour-policy system (ANPAL/MLPS quantitative
-- profiling, rules reference §1.4 and §4), kept as received with their reference date and when they arrived.
-- One row per person and reference date: receiving the same result again updates it, a new reference date adds one.
-- The local estimate is computed on request from versioned coefficients (src/modules/people/profiling/model.ts)
-- and never stored: it guides the operator and decides nothing.
create table person_profiling_results (
  id uuid primary key,
  person_id uuid not null references people(id),
  profiling_index double precision not null check (profiling_index >= 0 and profiling_index <= 1),
  profiling_class text not null,
  reference_date date not null,
  source text not null default 'national-system',
  received_at timestamptz not null default now(),
  received_by uuid references accounts(id),
  unique (person_id, reference_date)
);
create index person_profiling_results_person_idx on person_profiling_results(person_id, reference_date desc);
