import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../../platform/db/database.ts';
import type { ClassificationImportKind } from './importer/common.ts';

/** Helpers for this module's tests (not exported from index.ts). */

export const CLASSIFICATION_KINDS: ClassificationImportKind[] = [
  'cp2011-levels',
  'cp2011-job-titles',
  'ateco-2007',
  'esco-isco-groups',
  'esco-occupations',
  'esco-skills',
  'esco-occupation-skills',
];

/** Empties the classification tables and this module's import runs. */
export async function resetClassifications(db: Db): Promise<void> {
  await db.deleteFrom('esco_occupation_skills').execute();
  await db.deleteFrom('esco_occupation_labels').execute();
  await db.deleteFrom('esco_skill_labels').execute();
  await db.deleteFrom('esco_occupations').execute();
  await db.deleteFrom('esco_skills').execute();
  await db.deleteFrom('isco_groups').execute();
  await db.deleteFrom('classification_words').execute();
  await db.deleteFrom('occupations').execute();
  await db.deleteFrom('sectors').execute();
  const runs = db.selectFrom('import_runs').select('id').where('kind', 'in', CLASSIFICATION_KINDS);
  await db.deleteFrom('import_rejections').where('run_id', 'in', runs).execute();
  await db.deleteFrom('import_runs').where('kind', 'in', CLASSIFICATION_KINDS).execute();
}

/** ../shared/data beside the clone (or PONTE_SHARED_DATA_DIR), or null with the reason printed once. */
export function sharedDataDirOrNull(what: string): string | null {
  const dir = resolve(process.env.PONTE_SHARED_DATA_DIR ?? '../shared/data');
  if (existsSync(dir)) return dir;
  console.warn(`⚠ ${what}: ${dir} assente — test sui dati reali saltati (servono le copie reali di CP2011, ATECO ed ESCO).`);
  return null;
}
