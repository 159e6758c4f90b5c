-- Notices import: each batch records the people whose notices it changed as one array (one row per batch) instead of
-- a row per person. Two batch transactions are in flight together; rows of notice_import_pending inserted by both for
-- the same person made the later one wait for the earlier one's rows, so they had to take turns. The batch that reads
-- the file's end turns the arrays into notice_import_pending (one statement) and deletes them, in its transaction.
create table notice_import_batch_people (
  run_id uuid not null references import_runs(id),
  last_line integer not null,
  person_ids uuid[] not null,
  primary key (run_id, last_line)
);
