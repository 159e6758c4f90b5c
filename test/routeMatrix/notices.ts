import type { RouteCases } from '../support/roleMatrix.ts';

/** Route × role cases of the notices module (UNILAV notices): every route of the module, hand-written expectations per role. */
export const NOTICE_ROUTES: Record<string, RouteCases> = {};
