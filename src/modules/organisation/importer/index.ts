export { COMPETENCE_INHERITED_FROM, competentJobCentre, importCompetence } from './competence.ts';
export { ImportFileError, ImportInterruptedError } from './errors.ts';
export { importJobCentres, MAIN_SITE_NAME } from './jobCentres.ts';
export { importMunicipalities } from './municipalities.ts';
export {
  FIXTURE_DIR,
  FIXTURE_FILES,
  importFixture,
  importTuscanyFromSharedData,
  type ReferenceFiles,
  type StepProgressCallback,
  sharedDataFiles,
  TUSCANY_REGION_CODE,
} from './referenceSets.ts';
export type {
  CompetenceImportOptions,
  ImportKind,
  ImportOptions,
  ImportRejection,
  ImportReport,
  JobCentreImportOptions,
  MunicipalityImportOptions,
  ProgressCallback,
} from './types.ts';
