export type { PersonSummary, PersonView } from './model.ts';
export { registerPeopleRoutes } from './routes.ts';
