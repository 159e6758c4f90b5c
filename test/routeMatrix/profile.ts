import type { RouteCases } from '../support/roleMatrix.ts';

/** Route × role cases of the professional profile (SAP): every route of the module, hand-written expectations per role. */
export const PROFILE_ROUTES: Record<string, RouteCases> = {};
