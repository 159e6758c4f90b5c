import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { SearchScope } from './importer/common.ts';
import {
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
 * Picker searches (all pickers share rankedSearch below). A query is normalised like the labels, then:
 *  A. labels equal to it or starting with it (btree on label_norm): exact label, exact alternative label, prefix
 *     (whole first words before cut ones, preferred labels first, then shorter first);
 *  B. labels holding every word of the query, each as typed (its stem as a prefix, with the language's stemmer:
 *     "cuochi" ~ "cuoco") or corrected: a word not in the picker's vocabulary is matched against the vocabulary with
 *     pg_trgm (GIN on classification_words: "programatore" → "programmatore", "idrualico" → "idraulico"), and the
 *     corrections' stems join the full-text query (GIN on search_vector);
 *  C. for several words, when A and B found too few: labels holding any of them.
 * Within B and C, the closest whole-word match comes first (strict word similarity; an ESCO alternative label counts
 * 0.9 of the preferred one), so "infermieri" puts "Infermiere" before "Professioni sanitarie infermieristiche".
 * Similarity is computed only on a bounded set of candidates, never on every label: p95 well under 100 ms on the full
 * CP2011 + ESCO sets (bench/classifications.ts). ESCO concepts have one row per label and come back once.
 */

/** Trigram similarity a vocabulary word needs to count as a correction of a query word ("nurce" → "nurse" is 0.33). */
export const CORRECTION_SIMILARITY = 0.3;
/**
 * Bonus to the score of a label with a word starting like a typed word (its first four letters): typos are rarer at
 * the start, so "educatrice" prefers "educatore" (0.40 alike) to "editrice" (0.43).
 */
export const SAME_START_BONUS = 0.15;
/** Corrections kept per query word, best first. */
export const CORRECTIONS_PER_WORD = 8;
/** Candidates scored in steps B and C: those whose length is closest to the query's. */
export const SCORED_CANDIDATES = 150;
/** Query words shorter than this are not corrected (too many similar words). */
const MIN_CORRECTED_LENGTH = 4;

export interface SearchOptions {
  limit: number;
}

interface RankedSearch {
  table: 'occupations' | 'sectors' | 'esco_occupation_labels' | 'esco_skill_labels';
  scope: SearchScope;
  language: string;
  /** Text-search configuration, as the table's generated search_vector uses it. */
  config: RawBuilder<unknown>;
  /** The concept a row belongs to (several label rows per ESCO concept). */
  key: 'code' | 'uri';
  filter: RawBuilder<unknown>;
  limit: number;
}

export interface RankedRow {
  key: string;
  /** The label that matched best, and its kind (CP2011 and ATECO rows have one, "preferred"). */
  label: string;
  kind: string;
  tier: number;
}

interface Candidate extends RankedRow {
  len: number;
  score: number;
}

interface WordForms {
  /** The word's stem, searched as a prefix; null for a stop word. */
  stem: string | null;
  /** Stems of the vocabulary words that correct it. */
  corrections: string[];
}

const lexeme = (stem: string) => `'${stem.replaceAll("'", "''")}'`;

async function rankedSearch(db: Db, query: string, plan: RankedSearch): Promise<RankedRow[]> {
  const qn = normalizeSearchText(query);
  if (qn.length < 2) return [];
  const key = sql.ref(`c.${plan.key}`);
  const kind = plan.key === 'code' ? sql`'preferred'` : sql`c.kind`;
  const found: RankedRow[] = [];
  const seen = new Set<string>();
  const take = (rows: RankedRow[]) => {
    for (const row of rows) {
      if (found.length >= plan.limit) return;
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      found.push(row);
    }
  };

  // A. exact and prefix
  // Whole first words before cut ones ("nurse assistant" before "nursemaid"), preferred labels before alternative ones.
  const prefix = await sql<RankedRow>`
    select ${key} as key, c.label, ${kind} as kind,
      case when c.label_norm = ${qn} then (case when ${kind} = 'preferred' then 0 else 1 end) else 2 end as tier
    from ${sql.table(plan.table)} c
    where ${plan.filter} and c.label_norm like ${`${qn}%`}
    order by tier, c.label_norm like ${`${qn} %`} desc, ${kind} <> 'preferred', length(c.label_norm), key
    limit ${plan.limit * 5}`.execute(db);
  take(prefix.rows);
  if (found.length >= plan.limit) return found;

  // B. every word, as typed or corrected
  const forms = await wordForms(db, plan, qn.split(' '));
  const typed = forms.filter((f) => f.stem !== null).map((f) => `${lexeme(f.stem as string)}:*`);
  const groups = forms
    .map((f) => [...(f.stem ? [`${lexeme(f.stem)}:*`] : []), ...f.corrections.map(lexeme)])
    .filter((g) => g.length > 0)
    .map((g) => `(${g.join(' | ')})`);
  if (groups.length === 0) return found;
  const exact = typed.length > 0 ? typed.join(' & ') : null;
  const starts = qn.split(' ').filter((w) => w.length >= MIN_CORRECTED_LENGTH);
  const sameStart =
    starts.length === 0
      ? sql`0`
      : sql`${SAME_START_BONUS / starts.length}::float8 * (${sql.join(
          starts.map((w) => sql`(case when (' ' || c.label_norm) like ${`% ${w.slice(0, 4)}%`} then 1 else 0 end)`),
          sql` + `,
        )})`;
  const scored = async (match: string) => {
    // Scores only the candidates whose length is closest to the query's (a cheap proxy for the closest match).
    const rows = await sql<Candidate>`
      select c.key, c.label, c.kind, c.len,
        case
          when (' ' || c.label_norm) like ${`% ${qn}%`} then 3
          when c.search_vector @@ ${exact}::tsquery then 4
          else 5
        end as tier,
        strict_word_similarity(${qn}, c.label_norm) * (case when c.kind = 'preferred' then 1.0 else 0.9 end) + ${sameStart} as score
      from (
        select ${key} as key, c.label, ${kind} as kind, c.label_norm, c.search_vector, length(c.label_norm) as len
        from ${sql.table(plan.table)} c
        where ${plan.filter} and c.search_vector @@ ${match}::tsquery
        order by abs(length(c.label_norm) - ${qn.length}), key
        limit ${SCORED_CANDIDATES}
      ) c`.execute(db);
    return rows.rows.sort((a, b) => b.score - a.score || a.tier - b.tier || a.len - b.len || a.key.localeCompare(b.key));
  };
  take(await scored(groups.join(' & ')));

  // C. any word
  if (found.length < plan.limit && groups.length > 1) take(await scored(groups.join(' | ')));
  return found;
}

/** Each query word's stem and, for a word the picker's vocabulary does not have, the stems of its closest words there. */
async function wordForms(db: Db, plan: RankedSearch, words: string[]): Promise<WordForms[]> {
  const scope = sql.lit(plan.scope); // a literal: the planner then picks that scope's partial trigram index
  const typed = await sql<{ word: string; stem: string | null; known: boolean }>`
    select w.word, (select min(lexeme) from unnest(to_tsvector(${plan.config}, w.word))) as stem,
      exists (select 1 from classification_words k where k.word = w.word and k.scope = ${scope} and k.language = ${plan.language}) as known
    from unnest(${words}::text[]) with ordinality as w(word, i)
    order by w.i`.execute(db);
  const forms: WordForms[] = [];
  for (const { word, stem, known } of typed.rows) {
    const form: WordForms = { stem, corrections: [] };
    forms.push(form);
    if (known || word.length < MIN_CORRECTED_LENGTH) continue;
    const similar = await sql<{ stem: string | null }>`
      select (select min(lexeme) from unnest(to_tsvector(${plan.config}, l.word))) as stem
      from classification_words l
      where l.word % ${word} and l.scope = ${scope} and l.language = ${plan.language} and similarity(${word}, l.word) >= ${CORRECTION_SIMILARITY}
      order by similarity(${word}, l.word) desc, l.word
      limit ${CORRECTIONS_PER_WORD}`.execute(db);
    for (const row of similar.rows) {
      if (row.stem && row.stem !== stem && !form.corrections.includes(row.stem)) form.corrections.push(row.stem);
    }
  }
  return forms;
}

function matchOf(tier: number): MatchKind {
  return MATCH_KINDS[tier] ?? 'similar';
}

// ——— CP2011 occupations and ATECO sectors ———

interface HierarchyRecord {
  code: string;
  level: number;
  label: string;
  display_label: string;
  parent_code: string | null;
  section?: string;
}

const SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** Codes that can be ancestors of a code: CP2011's dotted prefixes; ATECO's sections and shorter codes (62 · 62.0 · 62.01 · 62.01.0). */
function ancestorCandidates(table: 'occupations' | 'sectors', code: string): string[] {
  if (table === 'sectors') return [...SECTIONS, ...[2, 4, 5, 7].filter((n) => n < code.length).map((n) => code.slice(0, n))];
  const out: string[] = [];
  for (let i = code.indexOf('.'); i > 0; i = code.indexOf('.', i + 1)) out.push(code.slice(0, i));
  return out;
}

/** The rows of these codes and of their possible ancestors, in one query. */
async function withAncestors(db: Db, table: 'occupations' | 'sectors', codes: string[]): Promise<Map<string, HierarchyRecord>> {
  const wanted = [...new Set([...codes, ...codes.flatMap((c) => ancestorCandidates(table, c))])];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['code', 'level', 'label', 'display_label', 'parent_code', ...(table === 'sectors' ? (['section'] as const) : [])])
    .where('code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r as HierarchyRecord]));
}

/** Ancestors of a code, level 1 first, following the parent links. */
function pathOf(byCode: Map<string, HierarchyRecord>, code: string): CodeLabel[] {
  const path: CodeLabel[] = [];
  for (let parent = byCode.get(byCode.get(code)?.parent_code ?? ''); parent && path.length < 6; parent = byCode.get(parent.parent_code ?? '')) {
    path.unshift({ code: parent.code, label: parent.display_label });
  }
  return path;
}

/** Code prefix search ("2.1.1", "62.0"): the code itself, then its descendants, upper levels first. */
async function searchByCode(db: Db, table: 'occupations' | 'sectors', query: string, minLevel: number, limit: number) {
  const code = query.trim().replace(/\.$/, '');
  const rows = await db
    .selectFrom(table)
    .select(['code', 'level'])
    .where('level', '>=', minLevel)
    .where((eb) => eb.or([eb('code', '=', code), eb('code', 'like', `${code}.%`), ...(table === 'sectors' ? [eb('code', 'like', `${code}%`)] : [])]))
    .orderBy('level')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.code, tier: r.code === code ? 0 : 2 }));
}

async function hierarchyHits(db: Db, table: 'occupations' | 'sectors', query: string, options: SearchOptions & { minLevel?: number }) {
  const minLevel = options.minLevel ?? 1;
  const ranked = looksLikeCode(query)
    ? await searchByCode(db, table, query, minLevel, options.limit)
    : await rankedSearch(db, query, {
        table,
        scope: table,
        language: 'it',
        config: sql`'pg_catalog.italian'::regconfig`,
        key: 'code',
        filter: sql`c.level >= ${minLevel}`,
        limit: options.limit,
      });
  const byCode = await withAncestors(
    db,
    table,
    ranked.map((r) => r.key),
  );
  return ranked.flatMap((r) => {
    const row = byCode.get(r.key);
    return row ? [{ ...row, tier: r.tier, path: pathOf(byCode, r.key) }] : [];
  });
}

export async function searchOccupations(db: Db, query: string, options: SearchOptions & { minLevel?: number }): Promise<OccupationHit[]> {
  const rows = await hierarchyHits(db, 'occupations', query, options);
  return rows.map((r) => ({
    code: r.code,
    label: r.display_label,
    sourceLabel: r.label,
    level: r.level,
    levelName: OCCUPATION_LEVEL_NAMES[r.level] ?? '',
    path: r.path,
    match: matchOf(r.tier),
  }));
}

export async function searchSectors(db: Db, query: string, options: SearchOptions & { minLevel?: number }): Promise<SectorHit[]> {
  const rows = await hierarchyHits(db, 'sectors', query, options);
  return rows.map((r) => ({
    code: r.code,
    label: r.display_label,
    sourceLabel: r.label,
    level: r.level,
    levelName: SECTOR_LEVEL_NAMES[r.level] ?? '',
    section: r.section ?? '',
    path: r.path,
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
  const byCode = await withAncestors(db, 'occupations', [code]);
  const row = byCode.get(code);
  if (!row) return null;
  const validity = await db.selectFrom('occupations').select(['valid_from', 'valid_to']).where('code', '=', code).executeTakeFirstOrThrow();
  const children = await db.selectFrom('occupations').select(['code', 'display_label', 'level']).where('parent_code', '=', code).execute();
  return {
    code: row.code,
    label: row.display_label,
    sourceLabel: row.label,
    level: row.level,
    levelName: OCCUPATION_LEVEL_NAMES[row.level] ?? '',
    path: pathOf(byCode, code),
    validFrom: validity.valid_from,
    validTo: validity.valid_to,
    children: children.sort((a, b) => compareDottedCodes(a.code, b.code)).map((c) => ({ code: c.code, label: c.display_label, level: c.level })),
    esco: { occupations: [], note: ESCO_LINK_NOTE },
  };
}

// ——— ESCO ———

/** The language asked for; without one, Italian when its labels are loaded, else English (the copy in ../shared/data). */
export async function escoLanguage(db: Db, table: 'esco_occupations' | 'esco_skills', requested: string | undefined): Promise<string> {
  if (requested) return requested;
  const italian = await db.selectFrom(table).select('uri').where('language', '=', 'it').limit(1).executeTakeFirst();
  return italian ? 'it' : 'en';
}

/** The matched label to show beside the preferred one: an alternative label (hidden ones are misspellings, not shown). */
function matchedLabel(row: RankedRow): string | null {
  return row.kind === 'alternative' ? row.label : null;
}

export async function searchEscoOccupations(db: Db, query: string, options: SearchOptions & { language: string }): Promise<EscoOccupationHit[]> {
  const ranked = await rankedSearch(db, query, {
    table: 'esco_occupation_labels',
    scope: 'esco_occupations',
    language: options.language,
    config: sql`classification_text_config(${options.language})`,
    key: 'uri',
    filter: sql`c.language = ${options.language}`,
    limit: options.limit,
  });
  if (ranked.length === 0) return [];
  const concepts = await db
    .selectFrom('esco_occupations')
    .select(['uri', 'code', 'isco_group', 'preferred_label'])
    .where('language', '=', options.language)
    .where(
      'uri',
      'in',
      ranked.map((r) => r.key),
    )
    .execute();
  const byUri = new Map(concepts.map((c) => [c.uri, c]));
  return ranked.flatMap((r) => {
    const c = byUri.get(r.key);
    if (!c) return [];
    return [
      {
        id: escoIdFromUri(c.uri),
        uri: c.uri,
        code: c.code,
        iscoGroup: c.isco_group,
        label: c.preferred_label,
        matchedLabel: matchedLabel(r),
        language: options.language,
        match: matchOf(r.tier),
      },
    ];
  });
}

export async function searchSkills(db: Db, query: string, options: SearchOptions & { language: string }): Promise<SkillHit[]> {
  const ranked = await rankedSearch(db, query, {
    table: 'esco_skill_labels',
    scope: 'esco_skills',
    language: options.language,
    config: sql`classification_text_config(${options.language})`,
    key: 'uri',
    filter: sql`c.language = ${options.language}`,
    limit: options.limit,
  });
  if (ranked.length === 0) return [];
  const concepts = await db
    .selectFrom('esco_skills')
    .select(['uri', 'skill_type', 'reuse_level', 'preferred_label'])
    .where('language', '=', options.language)
    .where(
      'uri',
      'in',
      ranked.map((r) => r.key),
    )
    .execute();
  const byUri = new Map(concepts.map((c) => [c.uri, c]));
  return ranked.flatMap((r) => {
    const c = byUri.get(r.key);
    if (!c) return [];
    return [
      {
        id: escoIdFromUri(c.uri),
        uri: c.uri,
        label: c.preferred_label,
        matchedLabel: matchedLabel(r),
        skillType: c.skill_type,
        reuseLevel: c.reuse_level,
        language: options.language,
        match: matchOf(r.tier),
      },
    ];
  });
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
