import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_ROUTES } from './routeMatrix/notices.ts';
import { PROFILE_ROUTES } from './routeMatrix/profile.ts';
import { PROFILING_ROUTES } from './routeMatrix/profiling.ts';
import { testEngines } from './support/databases.ts';
import {
  ALL_PEOPLE,
  ALL_SIGNED_IN,
  AUDIT_READERS,
  allowedOr,
  type Call,
  DECLARATION_RECORDERS,
  EMPLOYER_READERS,
  EMPLOYERS,
  forbiddenMarkers,
  type Ids,
  JOB_CENTRES,
  locationMarker,
  MANAGES,
  nameMarker,
  PEOPLE,
  PERSON_READERS,
  ROLES,
  type RouteCases,
  specialMarker,
  type Who,
} from './support/roleMatrix.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

/**
 * Route × role: every registered route, called by every demo role with valid ids of records in other
 * scopes and sensitivities. What each role may see is written out by hand below — never derived from
 * the policies under test — and every response body is scanned for the markers it must not contain.
 */

/** Every registered route must appear here. */
const ROUTES: Record<string, RouteCases> = {
  'GET /api/v1/status': () => [{ label: 'status', expected: 200, path: '/api/v1/status' }],
  'GET /api/v1/status/ready': () => [{ label: 'ready', expected: 200, path: '/api/v1/status/ready' }],
  'GET /api/v1/auth/methods': () => [{ label: 'methods', expected: 200, path: '/api/v1/auth/methods' }],
  'POST /api/v1/auth/login': () => [
    { label: 'wrong password', expected: 401, path: '/api/v1/auth/login', init: { method: 'POST', json: { username: 'nessuno.qui', password: 'sbagliata' } } },
  ],
  'GET /api/v1/auth/session': (who) => [{ label: 'session', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/auth/session' }],
  'POST /api/v1/auth/logout': () => [], // exercised by the auth tests; calling it here would end the session under test
  'GET /api/v1/auth/oidc/login': () => [{ label: 'oidc not configured', expected: 404, path: '/api/v1/auth/oidc/login' }],
  'GET /api/v1/auth/oidc/callback': () => [{ label: 'oidc not configured', expected: 404, path: '/api/v1/auth/oidc/callback?code=x&state=y' }],
  'GET /api/v1/job-centres': (who, ids) => [
    {
      label: 'list',
      expected: who === 'anonymous' ? 401 : 200,
      path: '/api/v1/job-centres',
      check: (body) => {
        const seen = (body as { items: { id: string }[] }).items.map((i) => i.id);
        for (const c of ['A', 'B'] as const) expect(seen.includes(ids.jobCentres[c]), `centre ${c}`).toBe(JOB_CENTRES[who].includes(c));
      },
    },
  ],
  'GET /api/v1/job-centres/:jobCentreId': (who, ids) =>
    (['A', 'B'] as const).map((c) => ({
      label: `centre ${c}`,
      expected: who === 'anonymous' ? 401 : JOB_CENTRES[who].includes(c) ? 200 : 404,
      path: `/api/v1/job-centres/${ids.jobCentres[c]}`,
    })),
  'GET /api/v1/job-centres/:jobCentreId/staff': (who, ids) =>
    (['A', 'B'] as const).map((c) => ({
      label: `staff ${c}`,
      expected:
        who === 'anonymous' ? 401 : !['responsabile.firenze', 'responsabile.pisa', 'admin.arti'].includes(who) ? 403 : MANAGES[who].includes(c) ? 200 : 404,
      path: `/api/v1/job-centres/${ids.jobCentres[c]}/staff`,
    })),
  'GET /api/v1/job-centres/:jobCentreId/figures': (who, ids) =>
    (['A', 'B'] as const).map((c) => ({
      label: `figures ${c}`,
      expected:
        who === 'anonymous' ? 401 : !['responsabile.firenze', 'responsabile.pisa', 'admin.arti'].includes(who) ? 403 : MANAGES[who].includes(c) ? 200 : 404,
      path: `/api/v1/job-centres/${ids.jobCentres[c]}/figures`,
    })),
  'PATCH /api/v1/sites/:siteId': async (who, ids, t) => {
    const calls: Call[] = [];
    for (const c of ['A', 'B'] as const) {
      const site = await t.database.db.selectFrom('sites').select('version').where('id', '=', ids.sites[c]).executeTakeFirstOrThrow();
      calls.push({
        label: `edit site ${c}`,
        expected:
          who === 'anonymous' ? 401 : !['responsabile.firenze', 'responsabile.pisa', 'admin.arti'].includes(who) ? 403 : MANAGES[who].includes(c) ? 200 : 404,
        path: `/api/v1/sites/${ids.sites[c]}`,
        init: { method: 'PATCH', json: { version: site.version, openingHours: `orario n. ${ROLES.indexOf(who)}` } },
      });
    }
    return calls;
  },
  'GET /api/v1/provinces': (who) => [{ label: 'provinces', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/provinces' }],
  'GET /api/v1/municipalities': (who) => [{ label: 'municipalities', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/municipalities' }],
  'POST /api/v1/people': (who) => [
    {
      label: 'register (invalid body)',
      expected: allowedOr(who, ['operatore.firenze', 'responsabile.firenze', 'operatore.pisa', 'responsabile.pisa', 'admin.arti'], 400),
      path: '/api/v1/people',
      init: { method: 'POST', json: { taxCode: 'X' } },
    },
  ],
  'POST /api/v1/people/search': (who, ids) => [
    {
      label: 'search all markers',
      expected: allowedOr(who, PERSON_READERS),
      path: '/api/v1/people/search',
      init: { method: 'POST', json: { text: 'Mk', limit: 100 } },
      check: (body) => {
        const items = (body as { items: { id: string; jobCentreName: string | null }[] }).items;
        expect(items.map((i) => i.id).sort()).toEqual(PEOPLE[who].visible.map((k) => ids.people[k]).sort());
        for (const item of items) {
          const key = Object.entries(ids.people).find(([, id]) => id === item.id)?.[0] as string;
          if (!PEOPLE[who].location.includes(key)) expect(item.jobCentreName).toBeNull();
        }
      },
    },
  ],
  'GET /api/v1/people/:personId': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `person ${k}`,
      expected: who === 'anonymous' ? 401 : !PERSON_READERS.includes(who) ? 403 : PEOPLE[who].visible.includes(k) ? 200 : 404,
      path: `/api/v1/people/${ids.people[k]}`,
      check: (body) => {
        const person = body as Record<string, unknown>;
        const hidesLocation = !PEOPLE[who].location.includes(k);
        for (const field of ['residence', 'domicile', 'jobCentre']) expect(field in person).toBe(!hidesLocation);
      },
    })),
  'GET /api/v1/people/:personId/employment-status': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `status ${k}`,
      expected: who === 'anonymous' ? 401 : !PERSON_READERS.includes(who) ? 403 : PEOPLE[who].visible.includes(k) ? 200 : 404,
      path: `/api/v1/people/${ids.people[k]}/employment-status`,
    })),
  'PATCH /api/v1/people/:personId/address': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `address of ${k} (stale version)`,
      // Visible with location → 409 (stale version: nothing written); visible without location → 403; out of scope → 404.
      expected:
        who === 'anonymous'
          ? 401
          : !DECLARATION_RECORDERS.includes(who)
            ? 403
            : !PEOPLE[who].visible.includes(k)
              ? 404
              : PEOPLE[who].location.includes(k)
                ? 409
                : 403,
      path: `/api/v1/people/${ids.people[k]}/address`,
      init: { method: 'PATCH', json: { version: 999, domicile: null, reason: 'verifica accessi' } },
    })),
  'POST /api/v1/people/:personId/availability-declarations': (who, ids) =>
    ALL_PEOPLE.map((k) => ({
      label: `declare ${k} (future date)`,
      expected: who === 'anonymous' ? 401 : !DECLARATION_RECORDERS.includes(who) ? 403 : PEOPLE[who].visible.includes(k) ? 400 : 404,
      path: `/api/v1/people/${ids.people[k]}/availability-declarations`,
      init: { method: 'POST', json: { declaredOn: '2999-01-01' } },
    })),
  'POST /api/v1/people/:personId/availability-declarations/:declarationId/revocation': (who, ids) =>
    (['citizen', 'assigned'] as const).map((k) => ({
      label: `revoke unknown declaration of ${k}`,
      expected: who === 'anonymous' ? 401 : !DECLARATION_RECORDERS.includes(who) ? 403 : 404,
      path: `/api/v1/people/${ids.people[k]}/availability-declarations/00000000-0000-7000-8000-000000000000/revocation`,
      init: { method: 'POST', json: { revokedOn: '2026-01-01', reason: 'prova di revoca' } },
    })),
  'POST /api/v1/people/merges': (who, ids) => [
    {
      // Two records of other scopes or of the protected person: never mergeable by those who may not see both.
      // The administrator sees both records, so it gets an unknown duplicate instead (a real merge would change the fixtures).
      label: 'merge records of two job centres',
      expected: who === 'anonymous' ? 401 : !DECLARATION_RECORDERS.includes(who) ? 403 : 404,
      path: '/api/v1/people/merges',
      init: {
        method: 'POST',
        json: {
          survivorId: ids.people.citizen,
          duplicateId: who === 'admin.arti' ? '00000000-0000-7000-8000-000000000000' : ids.people.assigned,
          reason: 'stessa persona registrata due volte',
        },
      },
    },
  ],
  'POST /api/v1/people/merges/:mergeId/reversal': (who) => [
    {
      label: 'revert unknown merge',
      expected: who === 'anonymous' ? 401 : !DECLARATION_RECORDERS.includes(who) ? 403 : 404,
      path: '/api/v1/people/merges/00000000-0000-7000-8000-000000000000/reversal',
      init: { method: 'POST', json: { reason: 'verifica accessi' } },
    },
  ],
  'POST /api/v1/national-system/declarations/sync': (who) => [
    {
      label: 'sync national declarations',
      expected: allowedOr(who, ['admin.arti']),
      path: '/api/v1/national-system/declarations/sync',
      init: { method: 'POST' },
    },
  ],
  'GET /api/v1/income-limits': (who) => [
    {
      label: 'income limits and pending decisions',
      expected: allowedOr(who, ['admin.arti']),
      path: '/api/v1/income-limits',
      check: (body) => expect((body as { limits: unknown[] }).limits.length).toBeGreaterThan(0),
    },
  ],
  'GET /api/v1/me/employment-status': (who) => [{ label: 'my status', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/employment-status' }],
  // Classifications are public reference data for every signed-in user.
  'GET /api/v1/occupations/search': (who) => [
    { label: 'occupations', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/occupations/search?q=programatore' },
  ],
  'GET /api/v1/occupations/:occupationCode': (who) => [
    { label: 'occupation', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/occupations/2.1.1.4.1' },
  ],
  'GET /api/v1/sectors/search': (who) => [{ label: 'sectors', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/sectors/search?q=pane' }],
  'GET /api/v1/skills/search': (who) => [{ label: 'skills', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/skills/search?q=python' }],
  'GET /api/v1/esco-occupations/search': (who) => [
    { label: 'esco occupations', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/esco-occupations/search?q=software' },
  ],
  'GET /api/v1/esco-occupations/:escoOccupationId/skills': (who) => [
    { label: 'esco skills', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/esco-occupations/f1c0a001-0000-4000-8000-000000000001/skills' },
  ],
  'GET /api/v1/me/person': (who) => [{ label: 'me', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/person' }],
  'GET /api/v1/me/consultations': (who) => [{ label: 'my consultations', expected: allowedOr(who, ['cittadino']), path: '/api/v1/me/consultations' }],
  'GET /api/v1/employers/:employerId': (who, ids) =>
    (['A', 'B'] as const).map((e) => ({
      label: `employer ${e}`,
      expected: who === 'anonymous' ? 401 : !EMPLOYER_READERS.includes(who) ? 403 : EMPLOYERS[who].includes(e) ? 200 : 404,
      path: `/api/v1/employers/${ids.employers[e]}`,
    })),
  'GET /api/v1/me/employers': (who) => [{ label: 'my employers', expected: allowedOr(who, ['azienda']), path: '/api/v1/me/employers' }],
  'GET /api/v1/audit/entries': (who) => [{ label: 'audit', expected: allowedOr(who, AUDIT_READERS), path: '/api/v1/audit/entries?limit=200' }],
  ...PROFILE_ROUTES,
  ...PROFILING_ROUTES,
  ...NOTICE_ROUTES,
};

describe.each(testEngines())('route × role on %s', (engine) => {
  let t: TestApp;
  let ids: Ids;
  const sessions = new Map<Who, Session>();

  beforeAll(async () => {
    t = await startTestApp(engine, { PONTE_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { db } = t.database;
    // Marker values: each person's name, location and special-category notes carry their key.
    for (const [key, id] of Object.entries(t.demo.people)) {
      await sql`update people set family_name = family_name || ${` ${nameMarker(key)}`},
        residence_address = ${locationMarker(key)},
        domicile_address = case when domicile_address is null then null else ${locationMarker(key)} end,
        special_category_notes = case when special_category then ${specialMarker(key)} else null end
        where id = ${id}`.execute(db);
    }
    const a = t.demo.jobCentres.a.id;
    const b = t.demo.jobCentres.b.id;
    const employer = async (centre: string) => (await db.selectFrom('employers').select('id').where('job_centre_id', '=', centre).executeTakeFirstOrThrow()).id;
    const site = async (centre: string) =>
      (await db.selectFrom('sites').select('id').where('job_centre_id', '=', centre).orderBy('kind').executeTakeFirstOrThrow()).id;
    ids = {
      people: t.demo.people,
      employers: { A: await employer(a), B: await employer(b) },
      jobCentres: { A: a, B: b },
      sites: { A: await site(a), B: await site(b) },
    };
    for (const who of ROLES) if (who !== 'anonymous') sessions.set(who, await login(t.baseUrl, who));
  });
  afterAll(() => t?.close());

  it('every registered route declares a policy and is in the hand-written table', () => {
    const registered = t.routes.filter((r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/docs') && !r.url.startsWith('/api/v1/test/'));
    for (const route of registered) {
      expect(route.policy, `${route.method} ${route.url} senza politica`).toBeDefined();
      expect(ROUTES, `${route.method} ${route.url} manca dalla tabella route × ruolo`).toHaveProperty([`${route.method} ${route.url}`]);
    }
    const keys = new Set(registered.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(ROUTES)) expect(keys.has(key), `${key} è nella tabella ma non è registrata`).toBe(true);
  });

  it.each(ROLES)('%s: statuses as the table says, and no forbidden marker in any body', async (who) => {
    const session = sessions.get(who);
    const forbidden = forbiddenMarkers(who);
    const failures: string[] = [];
    for (const [route, cases] of Object.entries(ROUTES)) {
      for (const call of await cases(who, ids, t)) {
        const { json, ...rest } = call.init ?? {};
        const init: RequestInit = { ...rest, ...(json !== undefined ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } } : {}) };
        const response = await fetch(`${t.baseUrl}${call.path}`, session ? authed(session, init) : init);
        const text = await response.text();
        if (response.status !== call.expected)
          failures.push(`${route} [${call.label}]: atteso ${call.expected}, ottenuto ${response.status} ${text.slice(0, 200)}`);
        const leaked = forbidden.filter((m) => text.includes(m));
        if (leaked.length) failures.push(`${route} [${call.label}]: contiene ${leaked.join(', ')}`);
        if (response.status >= 400) expect(response.headers.get('content-type') ?? '').toMatch(/problem\+json/);
        if (response.status === 200 && call.check) {
          try {
            call.check(JSON.parse(text));
          } catch (error) {
            failures.push(`${route} [${call.label}]: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('the auditor trail shows the consultations just made, and the citizen sees only staff consultations of their own record', async () => {
    const citizen = sessions.get('cittadino') as Session;
    const mine = (await (await fetch(`${t.baseUrl}/api/v1/me/consultations`, authed(citizen))).json()) as { items: { actorRole: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.actorRole !== 'citizen')).toBe(true);
    expect(ALL_SIGNED_IN.length).toBe(11);
  });
});
