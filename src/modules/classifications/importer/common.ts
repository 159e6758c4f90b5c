import type { Db } from '../../../platform/db/database.ts';
import { type ImportOptions, type ImportReport, type ImportSpec, runImport } from '../../organisation/index.ts';
import { wordsOf } from '../model.ts';

export type ClassificationImportKind =
  | 'cp2011-levels'
  | 'cp2011-job-titles'
  | 'ateco-2007'
  | 'esco-isco-groups'
  | 'esco-occupations'
  | 'esco-skills'
  | 'esco-occupation-skills';

/** Same shape as the organisation importers' report, with this module's kinds. */
export type ClassificationImportReport = Omit<ImportReport, 'kind'> & { kind: ClassificationImportKind };

/** Progress over several files: `label` names the step in Italian (e.g. "CP2011 — voci professionali"). */
export type StepProgressCallback = (done: number, total: number, label: string) => void | Promise<void>;

export type ClassificationImportOptions = ImportOptions;

/** An import spec of this module: as the organisation one, with this module's kinds. */
export type ClassificationSpec<K extends string, Row> = Omit<ImportSpec<K, Row>, 'kind'> & { kind: ClassificationImportKind };

/**
 * Runs one file through the shared import machinery (src/modules/organisation/importer/importRun.ts): streaming CSV
 * with encoding and delimiter detection, batches, resumable runs keyed by the file's sha256, per-row rejections.
 * The organisation module types `kind` as its own union: the cast below is the only place this module widens it.
 */
export async function runClassificationImport<K extends string, Row>(
  db: Db,
  spec: ClassificationSpec<K, Row>,
  source: { file: string; name?: string; variant?: Record<string, string> },
  options: ImportOptions,
): Promise<ClassificationImportReport> {
  const report = await runImport(db, spec as unknown as ImportSpec<K, Row>, source, options);
  return report as unknown as ClassificationImportReport;
}

/** A step's ProgressCallback from a multi-step one. */
export function stepProgress(onProgress: StepProgressCallback | undefined, label: string): ImportOptions['onProgress'] {
  return onProgress && ((done, total) => onProgress(done, total, label));
}

/** Dotted code's segments: "2.1.1.4.1.3" → 6. */
export function segmentsOf(code: string): number {
  return code.split('.').length;
}

/** Codes of `codes` not in the table yet, looked up in one query (apply-time checks of parents). */
export async function missingCodes(db: Db, table: 'occupations' | 'sectors', codes: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Set();
  const found = await db.selectFrom(table).select('code').where('code', 'in', wanted).execute();
  const present = new Set(found.map((r) => r.code));
  return new Set(wanted.filter((c) => !present.has(c)));
}

/** Pickers, each with its own typo-correction vocabulary (classification_words.scope). */
export type SearchScope = 'occupations' | 'sectors' | 'esco_occupations' | 'esco_skills';

/** Adds the words of these normalised labels to the picker's vocabulary (words already there are left alone). */
export async function addWords(db: Db, scope: SearchScope, language: string, labelNorms: Iterable<string>): Promise<void> {
  const words = wordsOf(labelNorms);
  for (let i = 0; i < words.length; i += WORDS_PER_INSERT) {
    await db
      .insertInto('classification_words')
      .values(words.slice(i, i + WORDS_PER_INSERT).map((word) => ({ scope, language, word })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
const WORDS_PER_INSERT = 10_000;
