export * from './importer/index.ts';
export type { JobCentre, MunicipalityPoint, Province, Site } from './model.ts';
export { registerOrganisationRoutes } from './routes.ts';
export { jobCentreScopeOf } from './scope.ts';
export { ensureAgency } from './store.ts';
