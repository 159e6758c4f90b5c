import type { App, AppDeps } from '../../../platform/http/server.ts';

/** HTTP routes of the professional profile (SAP): education, experiences, skills, languages, licences, availability, CV. */
export async function registerProfileRoutes(_app: App, _deps: AppDeps): Promise<void> {}
