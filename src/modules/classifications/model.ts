/**
 * Classifications (glossary: `occupation`, `sector`, `skill`): ISTAT CP2011 occupations with the ministerial
 * job titles, ISTAT ATECO 2007 sectors, ESCO occupations and skills. Types and pure helpers; no I/O here.
 */

/** ESCO publishes its CSV export in these languages (file names end in `_<code>.csv`). */
export const ESCO_LANGUAGES = [
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'ga',
  'hr',
  'hu',
  'is',
  'it',
  'lt',
  'lv',
  'mt',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'sk',
  'sl',
  'sv',
  'uk',
] as const;
export type EscoLanguage = (typeof ESCO_LANGUAGES)[number];

export function isEscoLanguage(value: string): value is EscoLanguage {
  return (ESCO_LANGUAGES as readonly string[]).includes(value);
}

/** ISTAT CP2011 level names; level 6 is the ministerial job title hung under a unit (not an ISTAT level). */
export const OCCUPATION_LEVEL_NAMES: Record<number, string> = {
  1: 'grande gruppo professionale',
  2: 'gruppo professionale',
  3: 'classe professionale',
  4: 'categoria professionale',
  5: 'unità professionale',
  6: 'voce professionale',
};

/** ISTAT ATECO 2007 level names (the ministerial table has no level 5, "categoria"). */
export const SECTOR_LEVEL_NAMES: Record<number, string> = {
  1: 'sezione',
  2: 'divisione',
  3: 'gruppo',
  4: 'classe',
  5: 'categoria',
  6: 'sottocategoria',
};

/** How a search result matched the query, best first. */
export type MatchKind = 'exact' | 'label' | 'prefix' | 'word' | 'stem' | 'similar';
export const MATCH_KINDS: readonly MatchKind[] = ['exact', 'label', 'prefix', 'word', 'stem', 'similar'];

export interface CodeLabel {
  code: string;
  label: string;
}

export interface OccupationHit {
  code: string;
  /** Sentence case. */
  label: string;
  /** As in the ISTAT / ministerial source (upper case). */
  sourceLabel: string;
  level: number;
  levelName: string;
  /** Ancestors from level 1 down to the parent. */
  path: CodeLabel[];
  match: MatchKind;
}

export interface OccupationDetail extends Omit<OccupationHit, 'match'> {
  validFrom: string;
  validTo: string | null;
  children: { code: string; label: string; level: number }[];
  esco: { occupations: EscoOccupationHit[]; note: string };
}

export interface SectorHit {
  code: string;
  label: string;
  sourceLabel: string;
  level: number;
  levelName: string;
  section: string;
  path: CodeLabel[];
  match: MatchKind;
}

export interface EscoOccupationHit {
  /** Last segment of the ESCO URI (a UUID): the id used in paths. */
  id: string;
  uri: string;
  code: string;
  iscoGroup: string;
  label: string;
  /** The alternative label that matched the query, when it is not the preferred one. */
  matchedLabel: string | null;
  language: string;
  match: MatchKind;
}

export interface SkillHit {
  id: string;
  uri: string;
  label: string;
  matchedLabel: string | null;
  skillType: string | null;
  reuseLevel: string | null;
  language: string;
  match: MatchKind;
}

/**
 * The form labels and queries are compared in: lower case, accents and other marks removed (NFKD, so "1ª" → "1a"),
 * anything but letters and digits turned into single spaces. "Attività d'ufficio" → "attivita d ufficio".
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type LabelKind = 'preferred' | 'alternative' | 'hidden';

export interface LabelRow {
  kind: LabelKind;
  label: string;
  label_norm: string;
}

/** The search rows of an ESCO concept: one per distinct normalised label, the preferred label first and winning ties. */
export function labelRows(concept: { preferredLabel: string; altLabels: readonly string[]; hiddenLabels: readonly string[] }): LabelRow[] {
  const rows = new Map<string, LabelRow>();
  const add = (kind: LabelKind, label: string) => {
    const norm = normalizeSearchText(label);
    if (norm && !rows.has(norm)) rows.set(norm, { kind, label, label_norm: norm });
  };
  add('preferred', concept.preferredLabel);
  for (const label of concept.altLabels) add('alternative', label);
  for (const label of concept.hiddenLabels) add('hidden', label);
  return [...rows.values()];
}

/** Words worth correcting typos towards: three letters or more, not plain numbers. */
export const MIN_WORD_LENGTH = 3;

/** The distinct words of normalised labels, for the typo-correction vocabulary. */
export function wordsOf(labelNorms: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const norm of labelNorms) {
    for (const word of norm.split(' ')) if (word.length >= MIN_WORD_LENGTH && !/^\d+$/.test(word)) words.add(word);
  }
  return [...words];
}

/** Abbreviations kept in capitals when a label is put in sentence case. */
const ACRONYMS = new Set(['ASP', 'CAF', 'CD', 'CNC', 'DVD', 'EDP', 'GPL', 'ICT', 'ISP', 'LAN', 'PC', 'RVM', 'TAC', 'TV', 'UPS']);
const PROPER_NOUNS = new Map([['ITALIA', 'Italia']]);

/**
 * Display form of an upper-case ISTAT label: "ANALISTA PROGRAMMATORE EDP" → "Analista programmatore EDP",
 * "ISPETTORE DELLA BANCA D'ITALIA" → "Ispettore della banca d'Italia". Abbreviations with dots ("V.P.Q.R.D.") stay
 * as they are; other proper nouns are lower-cased, as in ISTAT's own sentence-case editions.
 */
export function sentenceCase(label: string): string {
  const words = label
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\p{L}\p{N}.]+/gu, (word) => {
      if (word.includes('.') && /\p{L}\./u.test(word)) return word;
      if (ACRONYMS.has(word)) return word;
      return PROPER_NOUNS.get(word) ?? word.toLowerCase();
    });
  const first = words.search(/\p{L}/u);
  if (first < 0) return words;
  return words.slice(0, first) + words.charAt(first).toUpperCase() + words.slice(first + 1);
}

/** Trims each label, drops empty ones and repeats (ESCO altLabels: one per line). */
export function splitLabels(cell: string): string[] {
  const labels: string[] = [];
  for (const line of cell.split(/\r?\n/)) {
    const label = line.trim().replace(/\s+/g, ' ');
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** Collapses runs of spaces (and line breaks) in a label. */
export function cleanLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

export const ESCO_URI_BASE = 'http://data.europa.eu/esco/';

/** "http://data.europa.eu/esco/occupation/0003…" → "0003…". */
export function escoIdFromUri(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function escoOccupationUri(id: string): string {
  return `${ESCO_URI_BASE}occupation/${id}`;
}

/** Dotted CP2011 code or ATECO code as typed into a picker ("2.1.1", "62.01"): searched by code prefix. */
export function looksLikeCode(query: string): boolean {
  return /^\d{1,2}(\.\d*)*$/.test(query.trim());
}
