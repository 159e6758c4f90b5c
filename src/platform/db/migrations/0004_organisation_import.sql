-- Organisation reference-data import: rows skipped on purpose (other region, expired office) are counted apart
-- from rejected ones; a job centre has at most one main site, so the importer can create it idempotently.

alter table import_runs add column rows_skipped integer not null default 0;

create unique index sites_one_main_per_job_centre on sites(job_centre_id) where kind = 'main';
