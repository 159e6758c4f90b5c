-- Classifications used by the professional profile (SAP), vacancies and matching: ISTAT CP2011 occupations (5 levels
-- + the ministerial 6th level of job titles), ISTAT ATECO 2007 sectors, ESCO occupations, skills, ISCO-08 groups and
-- occupation–skill relations. Reference data: written only by the classification importers (idempotent upserts).
--
-- Search columns (CP2011 and ATECO rows; one row per label of ESCO concepts), written by the importer
-- (src/modules/classifications/model.ts):
--   label_norm     the label lower-cased, accents and punctuation removed ("Attività d'ufficio" → "attivita d ufficio");
--                  btree (text_pattern_ops) for exact and prefix matches
--   search_vector  full text over label_norm with the language's stemmer (generated, stored; GIN)
-- and classification_words, every word of those labels with a trigram GIN index: a typo in the query ("programatore")
-- is corrected against these words ("programmatore"), then the labels are found through search_vector.
-- See src/modules/classifications/store.ts for the search itself.

create extension if not exists pg_trgm with schema public;

-- Text-search configuration for an ESCO language code; 'simple' (no stemming) where PostgreSQL 15 has no stemmer.
-- Immutable: used by the generated search vectors and, with the same argument, by the queries.
create function classification_text_config(language text) returns regconfig
language sql immutable parallel safe
as $$
  select case language
    when 'ar' then 'pg_catalog.arabic'::regconfig
    when 'da' then 'pg_catalog.danish'::regconfig
    when 'de' then 'pg_catalog.german'::regconfig
    when 'el' then 'pg_catalog.greek'::regconfig
    when 'en' then 'pg_catalog.english'::regconfig
    when 'es' then 'pg_catalog.spanish'::regconfig
    when 'fi' then 'pg_catalog.finnish'::regconfig
    when 'fr' then 'pg_catalog.french'::regconfig
    when 'ga' then 'pg_catalog.irish'::regconfig
    when 'hu' then 'pg_catalog.hungarian'::regconfig
    when 'it' then 'pg_catalog.italian'::regconfig
    when 'lt' then 'pg_catalog.lithuanian'::regconfig
    when 'nl' then 'pg_catalog.dutch'::regconfig
    when 'no' then 'pg_catalog.norwegian'::regconfig
    when 'pt' then 'pg_catalog.portuguese'::regconfig
    when 'ro' then 'pg_catalog.romanian'::regconfig
    when 'sv' then 'pg_catalog.swedish'::regconfig
    else 'pg_catalog.simple'::regconfig
  end
$$;

-- ISTAT CP2011: level 1 grande gruppo … 5 unità professionale; level 6 = ministerial job title (voce professionale).
create table occupations (
  code text primary key,
  level smallint not null check (level between 1 and 6),
  label text not null,
  display_label text not null,
  parent_code text references occupations(code),
  valid_from date not null,
  valid_to date,
  label_norm text not null,
  search_vector tsvector generated always as (to_tsvector('pg_catalog.italian'::regconfig, label_norm)) stored,
  check ((level = 1) = (parent_code is null))
);
create index occupations_parent on occupations(parent_code);
create index occupations_code_prefix on occupations(code text_pattern_ops);
create index occupations_label_prefix on occupations(label_norm text_pattern_ops);
create index occupations_search on occupations using gin (search_vector);

-- ISTAT ATECO 2007: level 1 sezione (A–U), 2 divisione, 3 gruppo, 4 classe, 5 categoria (not in the ministerial table), 6 sottocategoria.
create table sectors (
  code text primary key,
  level smallint not null check (level between 1 and 6),
  level_name text not null,
  label text not null,
  display_label text not null,
  parent_code text references sectors(code),
  section text not null,
  valid_from date not null,
  valid_to date,
  label_norm text not null,
  search_vector tsvector generated always as (to_tsvector('pg_catalog.italian'::regconfig, label_norm)) stored,
  check ((level = 1) = (parent_code is null))
);
create index sectors_parent on sectors(parent_code);
create index sectors_code_prefix on sectors(code text_pattern_ops);
create index sectors_label_prefix on sectors(label_norm text_pattern_ops);
create index sectors_search on sectors using gin (search_vector);

-- ESCO: one row per concept and language, so that every language export (occupations_it.csv, …) imports the same way.
create table isco_groups (
  uri text not null,
  language text not null,
  code text not null,
  parent_code text,
  preferred_label text not null,
  alt_labels text[] not null default '{}',
  description text,
  primary key (uri, language),
  unique (code, language)
);

create table esco_occupations (
  uri text not null,
  language text not null,
  code text not null,
  isco_group text not null,
  preferred_label text not null,
  alt_labels text[] not null default '{}',
  hidden_labels text[] not null default '{}',
  description text,
  status text,
  modified_at timestamptz,
  primary key (uri, language)
);
create index esco_occupations_isco_group on esco_occupations(isco_group);
create index esco_occupations_language on esco_occupations(language);

create table esco_skills (
  uri text not null,
  language text not null,
  skill_type text,
  reuse_level text,
  preferred_label text not null,
  alt_labels text[] not null default '{}',
  hidden_labels text[] not null default '{}',
  description text,
  status text,
  modified_at timestamptz,
  primary key (uri, language)
);
create index esco_skills_language on esco_skills(language);

-- One row per distinct label (preferred, alternative, hidden) of each ESCO concept, for the pickers: a concept is found
-- by any of its labels and shown once, with the label that matched. Rewritten whenever the concept is imported.
create table esco_occupation_labels (
  uri text not null,
  language text not null,
  kind text not null check (kind in ('preferred', 'alternative', 'hidden')),
  label text not null,
  label_norm text not null,
  search_vector tsvector generated always as (to_tsvector(classification_text_config(language), label_norm)) stored,
  primary key (uri, language, label_norm),
  foreign key (uri, language) references esco_occupations(uri, language) on delete cascade
);
create index esco_occupation_labels_prefix on esco_occupation_labels(label_norm text_pattern_ops);
create index esco_occupation_labels_search on esco_occupation_labels using gin (search_vector);

create table esco_skill_labels (
  uri text not null,
  language text not null,
  kind text not null check (kind in ('preferred', 'alternative', 'hidden')),
  label text not null,
  label_norm text not null,
  search_vector tsvector generated always as (to_tsvector(classification_text_config(language), label_norm)) stored,
  primary key (uri, language, label_norm),
  foreign key (uri, language) references esco_skills(uri, language) on delete cascade
);
create index esco_skill_labels_prefix on esco_skill_labels(label_norm text_pattern_ops);
create index esco_skill_labels_search on esco_skill_labels using gin (search_vector);

-- The words of the searchable labels, per picker ("scope": occupations, sectors, esco_occupations, esco_skills) and
-- language: the typo-correction vocabulary. Only grows (a word left by an older version corrects to nothing harmful).
create table classification_words (
  scope text not null,
  language text not null,
  word text not null,
  -- word first: the key answers "is this word known?" and cannot stand in for the trigram index on a whole vocabulary
  primary key (word, scope, language)
);
-- One trigram index per picker: a correction looks only at that picker's words.
create index classification_words_occupations on classification_words using gin (word gin_trgm_ops) where scope = 'occupations';
create index classification_words_sectors on classification_words using gin (word gin_trgm_ops) where scope = 'sectors';
create index classification_words_esco_occupations on classification_words using gin (word gin_trgm_ops) where scope = 'esco_occupations';
create index classification_words_esco_skills on classification_words using gin (word gin_trgm_ops) where scope = 'esco_skills';

-- Language-independent (ESCO publishes the relations apart from the labels): no foreign keys to the per-language
-- tables, because a relation may name a concept missing from a given language export (v1.1.1: 67 rows do).
create table esco_occupation_skills (
  occupation_uri text not null,
  skill_uri text not null,
  relation_type text not null check (relation_type in ('essential', 'optional')),
  skill_type text,
  primary key (occupation_uri, skill_uri)
);
create index esco_occupation_skills_skill on esco_occupation_skills(skill_uri);
