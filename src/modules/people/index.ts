export type { PersonSummary, PersonView } from './model.ts';
export { LocalNationalSystem } from './national/localSystem.ts';
export type { NationalDeclaration, NationalLabourSystem } from './national/port.ts';
export { registerProfileRoutes } from './profile/routes.ts';
export { registerProfilingRoutes } from './profiling/routes.ts';
export { registerPeopleRoutes } from './routes.ts';
export { recomputeStatus, statusView } from './statusStore.ts';
export * as taxCode from './taxCode.ts';
