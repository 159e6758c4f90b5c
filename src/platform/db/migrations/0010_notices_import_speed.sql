-- Notices import, faster on large files (issue 3 benchmark: a million notices): timelines are recomputed once per run,
-- after the file has been read, instead of once per batch.
-- Each batch's transaction records the people whose notices it changed here; the recompute phase then takes them in
-- chunks, each chunk's transaction recomputing their timelines and deleting them from this table, so a crash in that
-- phase resumes too. A run is completed only when none of its people is left here.
create table notice_import_pending (
  run_id uuid not null references import_runs(id),
  person_id uuid not null,
  primary key (run_id, person_id)
);

-- Set by the transaction of the run's last batch: a rerun goes straight to the recompute phase.
alter table notice_import_runs add column file_read boolean not null default false;
