import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../platform/db/database.ts';
import { importCompetence } from './competence.ts';
import { ImportFileError } from './errors.ts';
import { importJobCentres } from './jobCentres.ts';
import { importMunicipalities } from './municipalities.ts';
import type { ImportReport, ProgressCallback } from './types.ts';

/** Progress over several imports: `label` names the step in Italian (e.g. "Comuni"). */
export type StepProgressCallback = (done: number, total: number, label: string) => void | Promise<void>;

export const TUSCANY_REGION_CODE = '09';

/** Hand-made sample files in the official formats (see fixtures/organisation/README.md). */
export const FIXTURE_DIR = join(import.meta.dirname, '../../../../fixtures/organisation');

export interface ReferenceFiles {
  municipalities: string;
  coordinates: string;
  jobCentres: string;
  competence: string;
}

export function sharedDataFiles(sharedDataDir: string): ReferenceFiles {
  return {
    municipalities: join(sharedDataDir, 'istat-comuni', 'elenco_comuni_istat_2023-06-30.csv'),
    coordinates: join(sharedDataDir, 'istat-comuni', 'coordinate_comuni_osm_nominatim.csv'),
    jobCentres: join(sharedDataDir, 'centri-per-impiego', 'cpi_toscana.csv'),
    competence: join(sharedDataDir, 'centri-per-impiego', 'competenza_territoriale_cpi_toscana.csv'),
  };
}

export const FIXTURE_FILES: ReferenceFiles = {
  municipalities: join(FIXTURE_DIR, 'comuni_istat.csv'),
  coordinates: join(FIXTURE_DIR, 'coordinate_comuni.csv'),
  jobCentres: join(FIXTURE_DIR, 'cpi.csv'),
  competence: join(FIXTURE_DIR, 'competenza_territoriale_cpi.csv'),
};

/** Tuscan comuni (with coordinates), CPI and territorial competence from the real data in `../shared/data`. */
export async function importTuscanyFromSharedData(db: Db, sharedDataDir: string, agencyId: string, onProgress?: StepProgressCallback): Promise<ImportReport[]> {
  const files = sharedDataFiles(sharedDataDir);
  const missing = Object.values(files).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new ImportFileError(`Dati condivisi incompleti in ${sharedDataDir}: mancano ${missing.join(', ')}`);
  }
  return importReferenceSet(db, files, agencyId, onProgress);
}

/** The small fixture: a dozen Tuscan comuni in four provinces, their CPI and competence. */
export async function importFixture(db: Db, agencyId: string, onProgress?: StepProgressCallback): Promise<ImportReport[]> {
  return importReferenceSet(db, FIXTURE_FILES, agencyId, onProgress);
}

async function importReferenceSet(db: Db, files: ReferenceFiles, agencyId: string, onProgress: StepProgressCallback | undefined): Promise<ImportReport[]> {
  const step = (label: string): ProgressCallback | undefined => onProgress && ((done, total) => onProgress(done, total, label));
  return [
    await importMunicipalities(db, files.municipalities, {
      coordinatesFile: files.coordinates,
      regionCode: TUSCANY_REGION_CODE,
      onProgress: step('Comuni'),
    }),
    await importJobCentres(db, files.jobCentres, { agencyId, onProgress: step("Centri per l'impiego") }),
    await importCompetence(db, files.competence, { onProgress: step('Competenza territoriale') }),
  ];
}
