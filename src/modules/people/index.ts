export type { PersonSummary, PersonView } from './model.ts';
export { registerPeopleRoutes } from './routes.ts';
export { recomputeStatus, statusView } from './statusStore.ts';
export * as taxCode from './taxCode.ts';
