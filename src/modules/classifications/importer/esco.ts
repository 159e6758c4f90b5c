import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../../../platform/db/database.ts';
import { ImportFileError, type PendingRow, type RowCheck, type RowResult, required, seenBefore } from '../../organisation/index.ts';
import { cleanLabel, ESCO_LANGUAGES, type EscoLanguage, isEscoLanguage, labelRows, splitLabels } from '../model.ts';
import {
  addWords,
  type ClassificationImportOptions,
  type ClassificationImportReport,
  type ClassificationSpec,
  runClassificationImport,
  type StepProgressCallback,
  stepProgress,
} from './common.ts';

/**
 * ESCO CSV export (any language): occupations_<lang>.csv, skills_<lang>.csv, ISCOGroups_<lang>.csv, and the
 * language-independent occupationSkillRelations.csv. Cells are RFC 4180 quoted; altLabels hold one label per line.
 */

export interface EscoImportOptions extends ClassificationImportOptions {
  /** ESCO language code ('en', 'it', …). Default: from the file name (occupations_it.csv → 'it'). */
  language?: string;
}

const URI = {
  occupation: /^http:\/\/data\.europa\.eu\/esco\/occupation\/[A-Za-z0-9-]+$/,
  skill: /^http:\/\/data\.europa\.eu\/esco\/skill\/[A-Za-z0-9-]+$/,
  isco: /^http:\/\/data\.europa\.eu\/esco\/isco\/C\d{1,4}$/,
};
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const RELATION_TYPES = ['essential', 'optional'];

/** The language a file is in: the option when given, otherwise the `_<lang>.csv` suffix; both must agree when both are there. */
export function escoLanguageOf(file: string, option: string | undefined): EscoLanguage {
  const fromName = /_([a-z]{2})\.csv$/i.exec(basename(file))?.[1]?.toLowerCase();
  const language = option?.toLowerCase() ?? fromName;
  if (!language) {
    throw new ImportFileError(
      `Lingua ESCO non indicata: il nome del file ${basename(file)} non termina in _<lingua>.csv (es. _it.csv) e l'opzione lingua manca`,
    );
  }
  if (!isEscoLanguage(language)) throw new ImportFileError(`Lingua ESCO «${language}» non riconosciuta: attesa una tra ${ESCO_LANGUAGES.join(', ')}`);
  if (fromName && isEscoLanguage(fromName) && fromName !== language) {
    throw new ImportFileError(`La lingua indicata (${language}) non corrisponde al nome del file ${basename(file)} (${fromName})`);
  }
  return language;
}

function checkUri(value: string, kind: keyof typeof URI, column: string): string | null {
  if (value === '') return `campo obbligatorio mancante: ${column}`;
  return URI[kind].test(value) ? null : `${column} «${value}» non valido: atteso un URI ESCO ${ESCO_URI_EXAMPLE[kind]}`;
}
const ESCO_URI_EXAMPLE = {
  occupation: 'http://data.europa.eu/esco/occupation/…',
  skill: 'http://data.europa.eu/esco/skill/…',
  isco: 'http://data.europa.eu/esco/isco/C…',
};

function checkConceptType(value: string, expected: string): string | null {
  return value === '' || value === expected ? null : `conceptType «${value}» non atteso in questo file: atteso ${expected}`;
}

function checkModified(value: string): string | null {
  return value === '' || (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))
    ? null
    : `modifiedDate «${value}» non valida: attesa una data e ora ISO 8601`;
}

function description(value: string): string | null {
  const text = value.replace(/\r\n/g, '\n').trim();
  return text === '' ? null : text;
}

// ——— ISCO-08 groups ———

interface IscoRow {
  uri: string;
  code: string;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
}

const ISCO_COLUMNS = [
  { key: 'conceptType', aliases: ['conceptType'], required: false },
  { key: 'uri', aliases: ['conceptUri'], required: true },
  { key: 'code', aliases: ['code'], required: true },
  { key: 'preferredLabel', aliases: ['preferredLabel'], required: true },
  { key: 'altLabels', aliases: ['altLabels'], required: false },
  { key: 'description', aliases: ['description'], required: false },
] as const;

export async function importIscoGroups(db: Db, file: string, options: EscoImportOptions = {}): Promise<ClassificationImportReport> {
  const language = escoLanguageOf(file, options.language);
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<(typeof ISCO_COLUMNS)[number]['key'], IscoRow> = {
    kind: 'esco-isco-groups',
    columns: ISCO_COLUMNS,
    check(v, line): RowCheck<IscoRow> {
      const problem =
        checkConceptType(v.conceptType, 'ISCOGroup') ??
        checkUri(v.uri, 'isco', 'conceptUri') ??
        (/^\d{1,4}$/.test(v.code) ? null : `code «${v.code}» non valido: atteso un codice ISCO-08 da 1 a 4 cifre`) ??
        required(v.preferredLabel, 'preferredLabel') ??
        seenBefore(seen, v.uri, line, 'conceptUri');
      if (problem) return { reject: problem };
      return {
        row: {
          uri: v.uri,
          code: v.code,
          preferredLabel: cleanLabel(v.preferredLabel),
          altLabels: splitLabels(v.altLabels),
          description: description(v.description),
        },
      };
    },
    async apply(trx, rows): Promise<RowResult[]> {
      await trx
        .insertInto('isco_groups')
        .values(
          rows.map(({ row }) => ({
            uri: row.uri,
            language,
            code: row.code,
            parent_code: row.code.length > 1 ? row.code.slice(0, -1) : null,
            preferred_label: row.preferredLabel,
            alt_labels: row.altLabels,
            description: row.description,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['uri', 'language']).doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            parent_code: eb.ref('excluded.parent_code'),
            preferred_label: eb.ref('excluded.preferred_label'),
            alt_labels: eb.ref('excluded.alt_labels'),
            description: eb.ref('excluded.description'),
          })),
        )
        .execute();
      return rows.map(() => 'applied');
    },
  };
  return runClassificationImport(db, spec, { file, variant: { language } }, options);
}

// ——— Occupations ———

interface ConceptLabels {
  uri: string;
  preferredLabel: string;
  altLabels: string[];
  hiddenLabels: string[];
  description: string | null;
  status: string | null;
  modifiedAt: string | null;
}

interface EscoOccupationRow extends ConceptLabels {
  code: string;
  iscoGroup: string;
}

const LABEL_COLUMNS = [
  { key: 'conceptType', aliases: ['conceptType'], required: false },
  { key: 'uri', aliases: ['conceptUri'], required: true },
  { key: 'preferredLabel', aliases: ['preferredLabel'], required: true },
  { key: 'altLabels', aliases: ['altLabels'], required: false },
  { key: 'hiddenLabels', aliases: ['hiddenLabels'], required: false },
  { key: 'status', aliases: ['status'], required: false },
  { key: 'modified', aliases: ['modifiedDate'], required: false },
  { key: 'description', aliases: ['description'], required: false },
] as const;

const OCCUPATION_COLUMNS = [
  ...LABEL_COLUMNS,
  { key: 'iscoGroup', aliases: ['iscoGroup'], required: true },
  { key: 'code', aliases: ['code'], required: true },
] as const;

type LabelValues = Record<(typeof LABEL_COLUMNS)[number]['key'], string>;

function checkLabels(v: LabelValues, kind: 'occupation' | 'skill', conceptType: string): { labels: ConceptLabels } | { reject: string } {
  const problem =
    checkConceptType(v.conceptType, conceptType) ??
    checkUri(v.uri, kind, 'conceptUri') ??
    required(v.preferredLabel, 'preferredLabel') ??
    checkModified(v.modified);
  if (problem) return { reject: problem };
  return {
    labels: {
      uri: v.uri,
      preferredLabel: cleanLabel(v.preferredLabel),
      altLabels: splitLabels(v.altLabels),
      hiddenLabels: splitLabels(v.hiddenLabels),
      description: description(v.description),
      status: v.status || null,
      modifiedAt: v.modified || null,
    },
  };
}

function conceptColumns(row: ConceptLabels, language: string) {
  return {
    uri: row.uri,
    language,
    preferred_label: row.preferredLabel,
    alt_labels: row.altLabels,
    hidden_labels: row.hiddenLabels,
    description: row.description,
    status: row.status,
    modified_at: row.modifiedAt,
  };
}

/** Rewrites the search labels of the batch's concepts (the concept rows are written first: the labels reference them). */
async function replaceLabels(trx: Db, table: 'esco_occupation_labels' | 'esco_skill_labels', rows: PendingRow<ConceptLabels>[], language: string) {
  const uris = rows.map(({ row }) => row.uri);
  await trx.deleteFrom(table).where('language', '=', language).where('uri', 'in', uris).execute();
  const labels = rows.flatMap(({ row }) => labelRows(row).map((label) => ({ uri: row.uri, language, ...label })));
  for (let i = 0; i < labels.length; i += LABELS_PER_INSERT) {
    await trx
      .insertInto(table)
      .values(labels.slice(i, i + LABELS_PER_INSERT))
      .execute();
  }
  await addWords(
    trx,
    table === 'esco_occupation_labels' ? 'esco_occupations' : 'esco_skills',
    language,
    labels.map((l) => l.label_norm),
  );
}
/** 5 parameters a label: well under PostgreSQL's 65,535 parameters a statement. */
const LABELS_PER_INSERT = 5000;

export async function importEscoOccupations(db: Db, file: string, options: EscoImportOptions = {}): Promise<ClassificationImportReport> {
  const language = escoLanguageOf(file, options.language);
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<(typeof OCCUPATION_COLUMNS)[number]['key'], EscoOccupationRow> = {
    kind: 'esco-occupations',
    columns: OCCUPATION_COLUMNS,
    check(v, line): RowCheck<EscoOccupationRow> {
      const checked = checkLabels(v, 'occupation', 'Occupation');
      if ('reject' in checked) return checked;
      const problem =
        (/^\d{4}$/.test(v.iscoGroup) ? null : `iscoGroup «${v.iscoGroup}» non valido: atteso un gruppo ISCO-08 di 4 cifre`) ??
        (/^\d{4}(\.\d+)+$/.test(v.code) ? null : `code «${v.code}» non valido: atteso il codice ESCO (gruppo ISCO + .n, es. 2512.4)`) ??
        (v.code.startsWith(`${v.iscoGroup}.`) ? null : `code ${v.code} non appartiene al gruppo ISCO ${v.iscoGroup}`) ??
        seenBefore(seen, v.uri, line, 'conceptUri');
      if (problem) return { reject: problem };
      return { row: { ...checked.labels, code: v.code, iscoGroup: v.iscoGroup } };
    },
    async apply(trx, rows): Promise<RowResult[]> {
      await trx
        .insertInto('esco_occupations')
        .values(rows.map(({ row }) => ({ ...conceptColumns(row, language), code: row.code, isco_group: row.iscoGroup })))
        .onConflict((oc) =>
          oc.columns(['uri', 'language']).doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            isco_group: eb.ref('excluded.isco_group'),
            preferred_label: eb.ref('excluded.preferred_label'),
            alt_labels: eb.ref('excluded.alt_labels'),
            hidden_labels: eb.ref('excluded.hidden_labels'),
            description: eb.ref('excluded.description'),
            status: eb.ref('excluded.status'),
            modified_at: eb.ref('excluded.modified_at'),
          })),
        )
        .execute();
      await replaceLabels(trx, 'esco_occupation_labels', rows, language);
      return rows.map(() => 'applied');
    },
  };
  return runClassificationImport(db, spec, { file, variant: { language } }, options);
}

// ——— Skills ———

interface EscoSkillRow extends ConceptLabels {
  skillType: string | null;
  reuseLevel: string | null;
}

const SKILL_COLUMNS = [
  ...LABEL_COLUMNS,
  { key: 'skillType', aliases: ['skillType'], required: true },
  { key: 'reuseLevel', aliases: ['reuseLevel'], required: true },
] as const;

export async function importEscoSkills(db: Db, file: string, options: EscoImportOptions = {}): Promise<ClassificationImportReport> {
  const language = escoLanguageOf(file, options.language);
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<(typeof SKILL_COLUMNS)[number]['key'], EscoSkillRow> = {
    kind: 'esco-skills',
    columns: SKILL_COLUMNS,
    check(v, line): RowCheck<EscoSkillRow> {
      const checked = checkLabels(v, 'skill', 'KnowledgeSkillCompetence');
      if ('reject' in checked) return checked;
      const duplicate = seenBefore(seen, v.uri, line, 'conceptUri');
      if (duplicate) return { reject: duplicate };
      // skillType and reuseLevel are blank for a few concepts of the official file (6 and 5 in v1.1.1): kept as unknown.
      return { row: { ...checked.labels, skillType: v.skillType || null, reuseLevel: v.reuseLevel || null } };
    },
    async apply(trx, rows): Promise<RowResult[]> {
      await trx
        .insertInto('esco_skills')
        .values(rows.map(({ row }) => ({ ...conceptColumns(row, language), skill_type: row.skillType, reuse_level: row.reuseLevel })))
        .onConflict((oc) =>
          oc.columns(['uri', 'language']).doUpdateSet((eb) => ({
            skill_type: eb.ref('excluded.skill_type'),
            reuse_level: eb.ref('excluded.reuse_level'),
            preferred_label: eb.ref('excluded.preferred_label'),
            alt_labels: eb.ref('excluded.alt_labels'),
            hidden_labels: eb.ref('excluded.hidden_labels'),
            description: eb.ref('excluded.description'),
            status: eb.ref('excluded.status'),
            modified_at: eb.ref('excluded.modified_at'),
          })),
        )
        .execute();
      await replaceLabels(trx, 'esco_skill_labels', rows, language);
      return rows.map(() => 'applied');
    },
  };
  return runClassificationImport(db, spec, { file, variant: { language } }, options);
}

// ——— Occupation–skill relations ———

interface RelationRow {
  occupationUri: string;
  skillUri: string;
  relationType: string;
  skillType: string | null;
}

const RELATION_COLUMNS = [
  { key: 'occupationUri', aliases: ['occupationUri'], required: true },
  { key: 'relationType', aliases: ['relationType'], required: true },
  { key: 'skillType', aliases: ['skillType'], required: false },
  { key: 'skillUri', aliases: ['skillUri'], required: true },
] as const;

/**
 * occupationSkillRelations.csv: language-independent, so one run serves every language. A relation is kept even when
 * its occupation or skill is missing from the label files imported so far (ESCO v1.1.1 has 67 such rows, all for one
 * occupation absent from occupations_en.csv): ESCO publishes the two apart, and another language export may carry it.
 */
export async function importEscoRelations(db: Db, file: string, options: ClassificationImportOptions = {}): Promise<ClassificationImportReport> {
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<(typeof RELATION_COLUMNS)[number]['key'], RelationRow> = {
    kind: 'esco-occupation-skills',
    columns: RELATION_COLUMNS,
    check(v, line): RowCheck<RelationRow> {
      const problem =
        checkUri(v.occupationUri, 'occupation', 'occupationUri') ??
        checkUri(v.skillUri, 'skill', 'skillUri') ??
        (RELATION_TYPES.includes(v.relationType) ? null : `relationType «${v.relationType}» non valido: atteso essential o optional`) ??
        seenBefore(seen, `${v.occupationUri} ${v.skillUri}`, line, 'coppia occupazione–abilità');
      if (problem) return { reject: problem };
      return { row: { occupationUri: v.occupationUri, skillUri: v.skillUri, relationType: v.relationType, skillType: v.skillType || null } };
    },
    async apply(trx, rows: PendingRow<RelationRow>[]): Promise<RowResult[]> {
      await trx
        .insertInto('esco_occupation_skills')
        .values(
          rows.map(({ row }) => ({ occupation_uri: row.occupationUri, skill_uri: row.skillUri, relation_type: row.relationType, skill_type: row.skillType })),
        )
        .onConflict((oc) =>
          oc.columns(['occupation_uri', 'skill_uri']).doUpdateSet((eb) => ({
            relation_type: eb.ref('excluded.relation_type'),
            skill_type: eb.ref('excluded.skill_type'),
          })),
        )
        .execute();
      return rows.map(() => 'applied');
    },
  };
  return runClassificationImport(db, spec, { file }, { batchSize: 2000, ...options });
}

// ——— A whole export folder ———

export interface EscoFiles {
  language: EscoLanguage;
  iscoGroups: string | null;
  occupations: string;
  skills: string;
  relations: string | null;
}

/**
 * The files of one language in an export folder. Occupations and skills are required; ISCO groups and the relations
 * (occupationSkillRelations.csv, or occupationSkillRelations_<lang>.csv as some exports name it) are imported when present.
 */
export function escoFilesIn(dir: string, language?: string): EscoFiles {
  if (!existsSync(dir)) throw new ImportFileError(`Cartella ESCO non trovata: ${dir}`);
  const names = readdirSync(dir);
  let lang = language?.toLowerCase();
  if (!lang) {
    const found = names.map((n) => /^occupations_([a-z]{2})\.csv$/i.exec(n)?.[1]?.toLowerCase()).filter((l): l is string => Boolean(l));
    if (found.length !== 1) {
      throw new ImportFileError(
        found.length === 0
          ? `Nessun file occupations_<lingua>.csv in ${dir}`
          : `Più lingue ESCO in ${dir} (${found.join(', ')}): indicare quale importare con l'opzione lingua`,
      );
    }
    lang = found[0] as string;
  }
  if (!isEscoLanguage(lang)) throw new ImportFileError(`Lingua ESCO «${lang}» non riconosciuta: attesa una tra ${ESCO_LANGUAGES.join(', ')}`);
  const find = (name: string) => {
    const hit = names.find((n) => n.toLowerCase() === name.toLowerCase());
    return hit ? join(dir, hit) : null;
  };
  const occupations = find(`occupations_${lang}.csv`);
  const skills = find(`skills_${lang}.csv`);
  const missing = [occupations ? null : `occupations_${lang}.csv`, skills ? null : `skills_${lang}.csv`].filter(Boolean);
  if (!occupations || !skills) throw new ImportFileError(`ESCO (${lang}): mancano ${missing.join(', ')} in ${dir}`);
  return {
    language: lang,
    iscoGroups: find(`ISCOGroups_${lang}.csv`),
    occupations,
    skills,
    relations: find('occupationSkillRelations.csv') ?? find(`occupationSkillRelations_${lang}.csv`),
  };
}

/** One language of an ESCO CSV export: ISCO groups, occupations, skills, then the occupation–skill relations. */
export async function importEsco(
  db: Db,
  dir: string,
  options: Omit<EscoImportOptions, 'onProgress'> = {},
  onProgress?: StepProgressCallback,
): Promise<ClassificationImportReport[]> {
  const files = escoFilesIn(dir, options.language);
  const { language: _language, ...common } = options;
  const language = files.language;
  const tag = language.toUpperCase();
  const reports: ClassificationImportReport[] = [];
  if (files.iscoGroups) {
    reports.push(await importIscoGroups(db, files.iscoGroups, { ...common, language, onProgress: stepProgress(onProgress, `ESCO ${tag} — gruppi ISCO`) }));
  }
  reports.push(await importEscoOccupations(db, files.occupations, { ...common, language, onProgress: stepProgress(onProgress, `ESCO ${tag} — occupazioni`) }));
  reports.push(await importEscoSkills(db, files.skills, { ...common, language, onProgress: stepProgress(onProgress, `ESCO ${tag} — abilità e conoscenze`) }));
  if (files.relations) {
    reports.push(await importEscoRelations(db, files.relations, { ...common, onProgress: stepProgress(onProgress, 'ESCO — relazioni occupazione-abilità') }));
  }
  return reports;
}
