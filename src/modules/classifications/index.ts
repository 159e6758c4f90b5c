export { ATECO_FILE, importAteco, importAtecoFile } from './importer/ateco.ts';
export type { ClassificationImportKind, ClassificationImportOptions, ClassificationImportReport, StepProgressCallback } from './importer/common.ts';
export { CP2011_JOB_TITLES_FILE, CP2011_LEVELS_FILE, type Cp2011Files, importCp2011, importCp2011JobTitles, importCp2011Levels } from './importer/cp2011.ts';
export {
  type EscoImportOptions,
  escoFilesIn,
  escoLanguageOf,
  importEsco,
  importEscoOccupations,
  importEscoRelations,
  importEscoSkills,
  importIscoGroups,
} from './importer/esco.ts';
export {
  CLASSIFICATION_FIXTURE_DIR,
  CLASSIFICATION_FIXTURES,
  importClassificationFixtures,
  importClassificationsFromSharedData,
  sharedClassificationSources,
} from './importer/referenceSets.ts';
export type { EscoOccupationHit, MatchKind, OccupationDetail, OccupationHit, SectorHit, SkillHit } from './model.ts';
export { ESCO_LANGUAGES, normalizeSearchText, sentenceCase } from './model.ts';
export { registerClassificationRoutes } from './routes.ts';
export {
  escoLanguage,
  findOccupation,
  searchEscoOccupations,
  searchOccupations,
  searchSectors,
  searchSkills,
  skillsOfEscoOccupation,
} from './store.ts';
