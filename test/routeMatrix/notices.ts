import { expect } from 'vitest';
import { noticeRecord, noticesCsv } from '../../src/modules/notices/testing.ts';
import { ALL_PEOPLE, allowedOr, type Call, PEOPLE, PERSON_READERS, type RouteCases, type Who } from '../support/roleMatrix.ts';

/** Only the agency administrators apply notices files (they cover every job centre: see src/modules/notices/routes.ts). */
const UPLOADERS: Who[] = ['admin.arti'];

/** A file whose only row is rejected: applying it changes no person. */
const CSV = noticesCsv([noticeRecord({ codice_comunicazione: 'MATRICE1', cf_lavoratore: 'codice-non-valido' })]);

/** Route × role cases of the notices module (UNILAV notices): every route of the module, hand-written expectations per role. */
export const NOTICE_ROUTES: Record<string, RouteCases> = {
  'POST /api/v1/notice-imports': (who) => [
    {
      label: 'upload a CSV with one rejected row',
      expected: allowedOr(who, UPLOADERS),
      path: '/api/v1/notice-imports',
      init: { method: 'POST', body: CSV, headers: { 'content-type': 'text/csv' } },
      check: (body) => {
        const summary = body as { applied: number; rejected: { line: number }[] };
        expect(summary.applied).toBe(0);
        expect(summary.rejected.map((r) => r.line)).toEqual([2]);
      },
    },
  ],
  'GET /api/v1/notice-imports/:runId': (who) => [
    {
      label: 'unknown import run',
      expected: who === 'anonymous' ? 401 : UPLOADERS.includes(who) ? 404 : 403,
      path: '/api/v1/notice-imports/00000000-0000-7000-8000-000000000000',
    },
  ],
  'GET /api/v1/people/:personId/notices': (who, ids) =>
    ALL_PEOPLE.map(
      (k): Call => ({
        label: `notices of ${k}`,
        expected: who === 'anonymous' ? 401 : !PERSON_READERS.includes(who) ? 403 : PEOPLE[who].visible.includes(k) ? 200 : 404,
        path: `/api/v1/people/${ids.people[k]}/notices`,
        // Employers and workplaces locate a protected person: hidden from those who may not see where the person is.
        check: (body) => expect((body as { hiddenFields: string[] }).hiddenFields.includes('employer')).toBe(!PEOPLE[who].location.includes(k)),
      }),
    ),
  'GET /api/v1/me/notices': (who) => [{ label: 'my notices', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/notices' }],
};
