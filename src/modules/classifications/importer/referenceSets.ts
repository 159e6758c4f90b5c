import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../platform/db/database.ts';
import { ImportFileError } from '../../organisation/index.ts';
import { ATECO_FILE, importAteco } from './ateco.ts';
import type { ClassificationImportOptions, ClassificationImportReport, StepProgressCallback } from './common.ts';
import { CP2011_JOB_TITLES_FILE, CP2011_LEVELS_FILE, importCp2011 } from './cp2011.ts';
import { importEsco } from './esco.ts';

/** Hand-made samples in the official formats (see fixtures/classifications/README.md). */
export const CLASSIFICATION_FIXTURE_DIR = join(import.meta.dirname, '../../../../fixtures/classifications');

export interface ClassificationSources {
  cp2011: string;
  ateco: string;
  esco: string;
  escoLanguage: string;
}

/** Where the real copies live in ../shared/data. */
export function sharedClassificationSources(sharedDataDir: string): ClassificationSources {
  return {
    cp2011: join(sharedDataDir, 'cp2011-professioni'),
    ateco: join(sharedDataDir, 'ateco-2007'),
    esco: join(sharedDataDir, 'esco-v1.1.1-en'),
    escoLanguage: 'en',
  };
}

export const CLASSIFICATION_FIXTURES: ClassificationSources = {
  cp2011: join(CLASSIFICATION_FIXTURE_DIR, 'cp2011'),
  ateco: join(CLASSIFICATION_FIXTURE_DIR, 'ateco'),
  esco: join(CLASSIFICATION_FIXTURE_DIR, 'esco'),
  escoLanguage: 'en',
};

type SetOptions = Omit<ClassificationImportOptions, 'onProgress'>;

/** CP2011 (levels + job titles), ATECO 2007 and ESCO (English) from the real data in `../shared/data`. */
export async function importClassificationsFromSharedData(
  db: Db,
  sharedDataDir: string,
  onProgress?: StepProgressCallback,
  options: SetOptions = {},
): Promise<ClassificationImportReport[]> {
  const sources = sharedClassificationSources(sharedDataDir);
  const required = [
    join(sources.cp2011, CP2011_LEVELS_FILE),
    join(sources.cp2011, CP2011_JOB_TITLES_FILE),
    join(sources.ateco, ATECO_FILE),
    join(sources.esco, 'occupations_en.csv'),
    join(sources.esco, 'skills_en.csv'),
    join(sources.esco, 'ISCOGroups_en.csv'),
    join(sources.esco, 'occupationSkillRelations.csv'),
  ];
  const missing = required.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new ImportFileError(`Dati condivisi incompleti in ${sharedDataDir}: mancano ${missing.join(', ')}`);
  return importSources(db, sources, onProgress, options);
}

/** The small hand-made samples: a dozen CP2011 rows, a few ATECO rows, a few ESCO concepts in English and Italian. */
export async function importClassificationFixtures(db: Db, onProgress?: StepProgressCallback, options: SetOptions = {}): Promise<ClassificationImportReport[]> {
  const reports = await importSources(db, CLASSIFICATION_FIXTURES, onProgress, options);
  reports.push(...(await importEsco(db, CLASSIFICATION_FIXTURES.esco, { ...options, language: 'it' }, onProgress)));
  return reports;
}

async function importSources(db: Db, sources: ClassificationSources, onProgress: StepProgressCallback | undefined, options: SetOptions) {
  return [
    ...(await importCp2011(db, sources.cp2011, onProgress, options)),
    ...(await importAteco(db, sources.ateco, onProgress, options)),
    ...(await importEsco(db, sources.esco, { ...options, language: sources.escoLanguage }, onProgress)),
  ];
}
