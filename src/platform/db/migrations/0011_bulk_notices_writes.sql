-- Notices import at scale (issue 3 benchmark: a million notices, 300,000 timelines).
--
-- 1. status_periods keeps what searches need (state, dates, rule id); the legal basis and the figures behind each
--    period are shown from the timeline computed from the facts (people/statusStore.ts statusView), so the stored JSON
--    copy was never read, and parsing it was a third of the time spent writing the periods.
alter table status_periods drop column basis;
-- Searches by status go through the person (primary key person_id, valid_from); the index on (state, valid_from) was
-- used by no query and, its leading column having four values, cost half the time of writing the periods. The report of
-- decisions waiting for an income limit gets a small partial index instead.
drop index status_periods_state_idx;
create index status_periods_waiting_limit_idx on status_periods(valid_from) where rule_id = 'INCOME_LIMIT_MISSING';

-- 2. The two tables bulk imports fill check their references to people and import runs once per statement instead of
--    once per row. A row-level foreign key runs a lookup and a row lock for every row (measured on PostgreSQL 15: as
--    much time as storing the row with its indexes); these statement triggers do the same work set-based: they lock the
--    referenced rows as a foreign key does (FOR KEY SHARE, in id order), then refuse the statement if any reference is
--    missing. The delete guards below play the foreign keys' ON DELETE NO ACTION: a referenced person or run cannot be
--    deleted, nor its id changed. Together they give the guarantees of the foreign keys they replace, including against
--    concurrent deletes (the lock makes the delete wait; the guard, or the check, then fails).
alter table employment_notices drop constraint employment_notices_person_id_fkey;
alter table employment_notices drop constraint employment_notices_import_run_id_fkey;
alter table status_periods drop constraint status_periods_person_id_fkey;

create function check_person_references() returns trigger language plpgsql as $$
begin
  perform 1 from people p where p.id in (select n.person_id from new_rows n) order by p.id for key share of p;
  if exists (select 1 from new_rows n where n.person_id is not null and not exists (select 1 from people p where p.id = n.person_id)) then
    raise foreign_key_violation using message = format('%s: persona inesistente', tg_table_name);
  end if;
  return null;
end $$;

create function check_import_run_references() returns trigger language plpgsql as $$
begin
  perform 1 from import_runs r where r.id in (select n.import_run_id from new_rows n) order by r.id for key share of r;
  if exists (select 1 from new_rows n where n.import_run_id is not null and not exists (select 1 from import_runs r where r.id = n.import_run_id)) then
    raise foreign_key_violation using message = format('%s: importazione inesistente', tg_table_name);
  end if;
  return null;
end $$;

create trigger employment_notices_person_on_insert after insert on employment_notices
  referencing new table as new_rows for each statement execute function check_person_references();
create trigger employment_notices_person_on_update after update on employment_notices
  referencing new table as new_rows for each statement execute function check_person_references();
create trigger employment_notices_run_on_insert after insert on employment_notices
  referencing new table as new_rows for each statement execute function check_import_run_references();
create trigger employment_notices_run_on_update after update on employment_notices
  referencing new table as new_rows for each statement execute function check_import_run_references();
create trigger status_periods_person_on_insert after insert on status_periods
  referencing new table as new_rows for each statement execute function check_person_references();
create trigger status_periods_person_on_update after update on status_periods
  referencing new table as new_rows for each statement execute function check_person_references();

create function keep_referenced_people() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o where exists (select 1 from employment_notices e where e.person_id = o.id))
    or exists (select 1 from old_rows o where exists (select 1 from status_periods s where s.person_id = o.id)) then
    raise foreign_key_violation using message = 'persona ancora collegata a comunicazioni obbligatorie o periodi di stato';
  end if;
  return null;
end $$;

create function keep_referenced_import_runs() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o where exists (select 1 from employment_notices e where e.import_run_id = o.id)) then
    raise foreign_key_violation using message = 'importazione ancora collegata a comunicazioni obbligatorie';
  end if;
  return null;
end $$;

-- Ids never change (no code path updates them); the row triggers make it so, at the cost of a comparison only when an
-- UPDATE names the id column.
create function refuse_id_change() returns trigger language plpgsql as $$
begin
  raise foreign_key_violation using message = format('%s: l''identificativo non si modifica', tg_table_name);
end $$;

create trigger people_keep_references after delete on people
  referencing old table as old_rows for each statement execute function keep_referenced_people();
create trigger people_fixed_id before update of id on people
  for each row when (old.id is distinct from new.id) execute function refuse_id_change();
create trigger import_runs_keep_references after delete on import_runs
  referencing old table as old_rows for each statement execute function keep_referenced_import_runs();
create trigger import_runs_fixed_id before update of id on import_runs
  for each row when (old.id is distinct from new.id) execute function refuse_id_change();
