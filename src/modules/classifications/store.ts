import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import {
  bestMatchedLabel,
  type CodeLabel,
  type EscoOccupationHit,
  escoIdFromUri,
  escoOccupationUri,
  looksLikeCode,
  MATCH_KINDS,
  type MatchKind,
  normalizeSearchText,
  OCCUPATION_LEVEL_NAMES,
  type OccupationDetail,
  type OccupationHit,
  SECTOR_LEVEL_NAMES,
  type SectorHit,
  type SkillHit,
} from './model.ts';

/**
 * Picker searches, one SQL query each. Candidates: a word of some label starts with the query, or all the query's stems
 * start a word (full text with the language's stemmer: "cuochi" ~ "cuoco"), or the query is similar to a stretch of
 * the labels (pg_trgm word similarity: "programatore" ~ "programmatore") — served by the GIN indexes, combined with OR.
 * Order: exact label, exact alternative label, label prefix; then the rest by how closely the query matches whole words
 * (strict word similarity, the preferred label counting more than the alternatives), so "infermieri" puts "Infermiere"
 * before "Professioni sanitarie infermieristiche" although the latter starts with the typed letters.
 */

/** pg_trgm word similarity a typo must reach (0.6 by default in PostgreSQL; lower finds one more typo in short words). */
export const TYPO_SIMILARITY = 0.5;

export interface SearchOptions {
  limit: number;
}

type SearchTable = 'occupations' | 'sectors' | 'esco_occupations' | 'esco_skills';

interface RankedSearch {
  table: SearchTable;
  /** Text-search configuration, as the table's generated search_vector uses it. */
  config: RawBuilder<unknown>;
  columns: string[];
  filter: RawBuilder<unknown>;
  /** Last tie-break: the table's key. */
  key: string;
  limit: number;
}

async function rankedSearch<R>(db: Db, query: string, plan: RankedSearch): Promise<(R & { tier: number })[]> {
  const qn = normalizeSearchText(query);
  if (qn === '') return [];
  const stems = sql`classification_prefix_query(${plan.config}, ${qn})`;
  const wordPrefix = `% ${qn}%`;
  const columns = sql.join(plan.columns.map((c) => sql.ref(`c.${c}`)));
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_SIMILARITY)}, true)`.execute(trx);
    const result = await sql<R & { tier: number }>`
      select ${columns}, c.tier from (
        select ${columns}, c.label_norm, c.search_text,
          case
            when c.label_norm = ${qn} then 0
            when c.search_text like ${`%| ${qn} |%`} then 1
            when c.label_norm like ${`${qn}%`} then 2
            when c.search_text like ${wordPrefix} then 3
            when c.search_vector @@ ${stems} then 4
            else 5
          end as tier
        from ${sql.table(plan.table)} c
        where ${plan.filter}
          and (c.search_text like ${wordPrefix} or c.search_vector @@ ${stems} or ${qn} <% c.search_text)
      ) c
      order by least(c.tier, 3),
        greatest(strict_word_similarity(${qn}, c.label_norm), 0.9 * strict_word_similarity(${qn}, c.search_text)) desc,
        c.tier, length(c.label_norm), ${sql.ref(`c.${plan.key}`)}
      limit ${plan.limit}`.execute(trx);
    return result.rows;
  });
}

function matchOf(tier: number): MatchKind {
  return MATCH_KINDS[tier] ?? 'similar';
}

// ——— CP2011 occupations ———

interface HierarchyRow {
  code: string;
  level: number;
  label: string;
  display_label: string;
}

/** Ancestors of each code, level 1 first, in one recursive query. */
async function pathsOf(db: Db, table: 'occupations' | 'sectors', codes: string[]): Promise<Map<string, CodeLabel[]>> {
  const paths = new Map<string, CodeLabel[]>(codes.map((c) => [c, []]));
  if (codes.length === 0) return paths;
  const rows = await sql<{ child: string; code: string; label: string; level: number }>`
    with recursive up(child, code, parent_code, label, level) as (
      select c.code, p.code, p.parent_code, p.display_label, p.level
      from ${sql.table(table)} c join ${sql.table(table)} p on p.code = c.parent_code
      where c.code in (${sql.join(codes)})
      union all
      select up.child, p.code, p.parent_code, p.display_label, p.level
      from up join ${sql.table(table)} p on p.code = up.parent_code
    )
    select child, code, label, level from up order by child, level`.execute(db);
  for (const row of rows.rows) paths.get(row.child)?.push({ code: row.code, label: row.label });
  return paths;
}

export async function searchOccupations(db: Db, query: string, options: SearchOptions & { minLevel?: number }): Promise<OccupationHit[]> {
  const minLevel = options.minLevel ?? 1;
  let rows: (HierarchyRow & { tier: number })[];
  if (looksLikeCode(query)) {
    const code = query.trim().replace(/\.$/, '');
    rows = (
      await db
        .selectFrom('occupations')
        .select(['code', 'level', 'label', 'display_label'])
        .where('level', '>=', minLevel)
        .where((eb) => eb.or([eb('code', '=', code), eb('code', 'like', `${code}.%`)]))
        .orderBy('level')
        .orderBy(sql`string_to_array(code, '.')::int[]`)
        .limit(options.limit)
        .execute()
    ).map((r) => ({ ...r, tier: r.code === code ? 0 : 2 }));
  } else {
    rows = await rankedSearch<HierarchyRow>(db, query, {
      table: 'occupations',
      config: sql`'pg_catalog.italian'::regconfig`,
      columns: ['code', 'level', 'label', 'display_label'],
      filter: sql`c.level >= ${minLevel}`,
      key: 'code',
      limit: options.limit,
    });
  }
  const paths = await pathsOf(
    db,
    'occupations',
    rows.map((r) => r.code),
  );
  return rows.map((r) => ({
    code: r.code,
    label: r.display_label,
    sourceLabel: r.label,
    level: r.level,
    levelName: OCCUPATION_LEVEL_NAMES[r.level] ?? '',
    path: paths.get(r.code) ?? [],
    match: matchOf(r.tier),
  }));
}

/** Numeric order of dotted codes: 2.1.1.4.1.2 before 2.1.1.4.1.10. */
export function compareDottedCodes(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = Number(x[i] ?? -1) - Number(y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** CP2011 has no official correspondence to ISCO-08 in the imported data, so there is nothing to link ESCO with. */
export const ESCO_LINK_NOTE =
  'Collegamento con ESCO non disponibile: tra i dati importati non c’è una tavola di corrispondenza ufficiale CP2011 → ISCO-08, e Ponte non ne inventa una.';

export async function findOccupation(db: Db, code: string): Promise<OccupationDetail | null> {
  const row = await db
    .selectFrom('occupations')
    .select(['code', 'level', 'label', 'display_label', 'valid_from', 'valid_to'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const [paths, children] = [
    await pathsOf(db, 'occupations', [code]),
    await db.selectFrom('occupations').select(['code', 'display_label', 'level']).where('parent_code', '=', code).execute(),
  ];
  return {
    code: row.code,
    label: row.display_label,
    sourceLabel: row.label,
    level: row.level,
    levelName: OCCUPATION_LEVEL_NAMES[row.level] ?? '',
    path: paths.get(code) ?? [],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    children: children.sort((a, b) => compareDottedCodes(a.code, b.code)).map((c) => ({ code: c.code, label: c.display_label, level: c.level })),
    esco: { occupations: [], note: ESCO_LINK_NOTE },
  };
}

// ——— ATECO sectors ———

export async function searchSectors(db: Db, query: string, options: SearchOptions & { minLevel?: number }): Promise<SectorHit[]> {
  const minLevel = options.minLevel ?? 1;
  let rows: (HierarchyRow & { section: string; tier: number })[];
  if (looksLikeCode(query)) {
    const code = query.trim().replace(/\.$/, '');
    rows = (
      await db
        .selectFrom('sectors')
        .select(['code', 'level', 'label', 'display_label', 'section'])
        .where('level', '>=', minLevel)
        .where('code', 'like', `${code}%`)
        .orderBy('level')
        .orderBy('code')
        .limit(options.limit)
        .execute()
    ).map((r) => ({ ...r, tier: r.code === code ? 0 : 2 }));
  } else {
    rows = await rankedSearch<HierarchyRow & { section: string }>(db, query, {
      table: 'sectors',
      config: sql`'pg_catalog.italian'::regconfig`,
      columns: ['code', 'level', 'label', 'display_label', 'section'],
      filter: sql`c.level >= ${minLevel}`,
      key: 'code',
      limit: options.limit,
    });
  }
  const paths = await pathsOf(
    db,
    'sectors',
    rows.map((r) => r.code),
  );
  return rows.map((r) => ({
    code: r.code,
    label: r.display_label,
    sourceLabel: r.label,
    level: r.level,
    levelName: SECTOR_LEVEL_NAMES[r.level] ?? '',
    section: r.section,
    path: paths.get(r.code) ?? [],
    match: matchOf(r.tier),
  }));
}

// ——— ESCO ———

/** The language asked for; without one, Italian when its labels are loaded, else English (the copy in ../shared/data). */
export async function escoLanguage(db: Db, table: 'esco_occupations' | 'esco_skills', requested: string | undefined): Promise<string> {
  if (requested) return requested;
  const italian = await db.selectFrom(table).select('uri').where('language', '=', 'it').limit(1).executeTakeFirst();
  return italian ? 'it' : 'en';
}

interface EscoOccupationRow {
  uri: string;
  code: string;
  isco_group: string;
  preferred_label: string;
  alt_labels: string[];
  language: string;
}

export async function searchEscoOccupations(db: Db, query: string, options: SearchOptions & { language: string }): Promise<EscoOccupationHit[]> {
  const rows = await rankedSearch<EscoOccupationRow>(db, query, {
    table: 'esco_occupations',
    config: sql`classification_text_config(${options.language})`,
    columns: ['uri', 'code', 'isco_group', 'preferred_label', 'alt_labels', 'language'],
    filter: sql`c.language = ${options.language}`,
    key: 'uri',
    limit: options.limit,
  });
  return rows.map((r) => ({
    id: escoIdFromUri(r.uri),
    uri: r.uri,
    code: r.code,
    iscoGroup: r.isco_group,
    label: r.preferred_label,
    matchedLabel: bestMatchedLabel(query, r.preferred_label, r.alt_labels),
    language: r.language,
    match: matchOf(r.tier),
  }));
}

interface EscoSkillRow {
  uri: string;
  skill_type: string | null;
  reuse_level: string | null;
  preferred_label: string;
  alt_labels: string[];
  language: string;
}

export async function searchSkills(db: Db, query: string, options: SearchOptions & { language: string }): Promise<SkillHit[]> {
  const rows = await rankedSearch<EscoSkillRow>(db, query, {
    table: 'esco_skills',
    config: sql`classification_text_config(${options.language})`,
    columns: ['uri', 'skill_type', 'reuse_level', 'preferred_label', 'alt_labels', 'language'],
    filter: sql`c.language = ${options.language}`,
    key: 'uri',
    limit: options.limit,
  });
  return rows.map((r) => ({
    id: escoIdFromUri(r.uri),
    uri: r.uri,
    label: r.preferred_label,
    matchedLabel: bestMatchedLabel(query, r.preferred_label, r.alt_labels),
    skillType: r.skill_type,
    reuseLevel: r.reuse_level,
    language: r.language,
    match: matchOf(r.tier),
  }));
}

export interface OccupationSkill {
  id: string;
  uri: string;
  /** In the language asked for; in English, or the URI, when that language has no label for it. */
  label: string;
  language: string | null;
  skillType: string | null;
}

export interface EscoOccupationSkills {
  occupation: { id: string; uri: string; code: string; label: string; language: string };
  essential: OccupationSkill[];
  optional: OccupationSkill[];
}

/** Essential and optional skills of an ESCO occupation (by its id, the UUID ending its URI). */
export async function skillsOfEscoOccupation(db: Db, id: string, language: string): Promise<EscoOccupationSkills | null> {
  const uri = escoOccupationUri(id);
  const occupation = await db
    .selectFrom('esco_occupations')
    .select(['uri', 'code', 'preferred_label', 'language'])
    .where('uri', '=', uri)
    .orderBy(sql`language = ${language}`, 'desc')
    .orderBy(sql`language = 'en'`, 'desc')
    .orderBy('language')
    .executeTakeFirst();
  if (!occupation) return null;
  const rows = await db
    .selectFrom('esco_occupation_skills as r')
    .leftJoin('esco_skills as s', (join) => join.onRef('s.uri', '=', 'r.skill_uri').on('s.language', '=', language))
    .leftJoin('esco_skills as f', (join) => join.onRef('f.uri', '=', 'r.skill_uri').on('f.language', '=', 'en'))
    .select([
      'r.skill_uri as uri',
      'r.relation_type',
      sql<string | null>`coalesce(s.skill_type, f.skill_type, r.skill_type)`.as('skill_type'),
      sql<string>`coalesce(s.preferred_label, f.preferred_label, r.skill_uri)`.as('label'),
      sql<string | null>`case when s.uri is not null then s.language when f.uri is not null then f.language end`.as('language'),
    ])
    .where('r.occupation_uri', '=', uri)
    .orderBy('label')
    .execute();
  const toSkill = (r: (typeof rows)[number]): OccupationSkill => ({
    id: escoIdFromUri(r.uri),
    uri: r.uri,
    label: r.label,
    language: r.language,
    skillType: r.skill_type,
  });
  return {
    occupation: { id, uri, code: occupation.code, label: occupation.preferred_label, language: occupation.language },
    essential: rows.filter((r) => r.relation_type === 'essential').map(toSkill),
    optional: rows.filter((r) => r.relation_type === 'optional').map(toSkill),
  };
}
