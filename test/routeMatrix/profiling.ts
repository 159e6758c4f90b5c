import type { RouteCases } from '../support/roleMatrix.ts';

/** Route × role cases of the profiling: every route of the module, hand-written expectations per role. */
export const PROFILING_ROUTES: Record<string, RouteCases> = {};
