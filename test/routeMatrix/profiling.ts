import { expect } from 'vitest';
import { ALL_PEOPLE, allowedOr, DECLARATION_RECORDERS, PEOPLE, PERSON_READERS, type RouteCases, type Who } from '../support/roleMatrix.ts';

/** Staff roles allowed on a person route; then the person must be in the role's scope (hand-written table in roleMatrix.ts). */
const scoped = (who: Who, roles: Who[], key: string, ok = 200) =>
  who === 'anonymous' ? 401 : !roles.includes(who) ? 403 : PEOPLE[who].visible.includes(key) ? ok : 404;

/**
 * Route × role cases of the profiling and of the person's records (own-data download, merge list): every route of the
 * two folders, hand-written expectations per role.
 */
export const PROFILING_ROUTES: Record<string, RouteCases> = {
  'GET /api/v1/people/:personId/profiling': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `profiling of ${k}`,
      expected: scoped(who, PERSON_READERS, k),
      path: `/api/v1/people/${ids.people[k]}/profiling`,
      check: (body) => {
        const view = body as { estimate: { contributions: { contribution: number }[]; base: number; estimate: number } | null };
        if (!view.estimate) throw new Error('stima assente');
        const sum = view.estimate.contributions.reduce((s, c) => s + c.contribution, view.estimate.base);
        expect(sum).toBeCloseTo(view.estimate.estimate, 9);
      },
    })),
  // A refresh writes (a result from the local national system): a few people only, one per scope and sensitivity.
  'POST /api/v1/people/:personId/profiling/refresh': (who, ids) =>
    (['citizen', 'protected', 'assigned'] as const).map((k) => ({
      label: `refresh profiling of ${k}`,
      expected: scoped(who, DECLARATION_RECORDERS, k),
      path: `/api/v1/people/${ids.people[k]}/profiling/refresh`,
      init: { method: 'POST' },
      check: (body) => expect((body as { received: boolean }).received).toBe(true),
    })),
  'GET /api/v1/me/profiling': (who) => [{ label: 'my profiling', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/profiling' }],
  'GET /api/v1/me/data-export': (who, ids) => [
    {
      label: 'my data (JSON)',
      expected: allowedOr(who, ['cittadino']),
      path: '/api/v1/me/data-export',
      check: (body) => expect((body as { subject: { personId: string } }).subject.personId).toBe(ids.people.citizen),
    },
  ],
  'GET /api/v1/me/data-export/pdf': (who) => [{ label: 'my data (PDF)', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/data-export/pdf' }],
  'GET /api/v1/people/:personId/merges': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `merges of ${k}`,
      expected: scoped(who, DECLARATION_RECORDERS, k),
      path: `/api/v1/people/${ids.people[k]}/merges`,
      check: (body) => expect((body as { items: unknown[] }).items).toEqual([]),
    })),
};
