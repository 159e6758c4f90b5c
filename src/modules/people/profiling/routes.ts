import type { App, AppDeps } from '../../../platform/http/server.ts';
import type { NationalLabourSystem } from '../national/port.ts';

/** HTTP routes of profiling: the official index from the national system and the local estimate. */
export async function registerProfilingRoutes(_app: App, _deps: AppDeps, _national: NationalLabourSystem): Promise<void> {}
