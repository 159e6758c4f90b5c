import type { App, AppDeps } from '../../platform/http/server.ts';

/** HTTP routes of the notices module (UNILAV employment notices). */
export async function registerNoticeRoutes(_app: App, _deps: AppDeps): Promise<void> {}
