export { type ColumnSpec, detectDelimiter, inspectCsvFile, RecordCounter, readCsvRecords } from './importer/csvSource.ts';
export { checkIsoDate, endDateOrNull, firstProblem, required, seenBefore } from './importer/fieldChecks.ts';
export { type ImportSpec, type PendingRow, type RowCheck, type RowResult, restartRun, runImport, runKey } from './importer/importRun.ts';
export * from './importer/index.ts';
export type { JobCentre, MunicipalityPoint, Province, Site } from './model.ts';
export { registerOrganisationRoutes } from './routes.ts';
export { jobCentreScopeOf } from './scope.ts';
export { ensureAgency } from './store.ts';
