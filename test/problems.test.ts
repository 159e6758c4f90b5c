import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC } from '../src/platform/access/policy.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

/** Every error the running server can give is application/problem+json, in Italian, without a stack trace. */
describe('errors over real HTTP are problem+json', () => {
  let t: TestApp;
  let operator: Session;
  let citizen: Session;

  beforeAll(async () => {
    t = await startTestApp('pglite', { PONTE_LOGIN_RATE_LIMIT_PER_MINUTE: '8' }, async (app) => {
      app.get('/api/v1/test/guasto', {
        config: { policy: PUBLIC },
        schema: { hide: true },
        handler: async () => {
          throw new Error('guasto simulato /home/ponte/src/segreto.ts');
        },
      });
    });
    operator = await login(t.baseUrl, 'responsabile.firenze');
    citizen = await login(t.baseUrl, 'cittadino');
  });
  afterAll(() => t.close());

  async function expectProblem(response: Response, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/at .*\.ts:\d+|node_modules|\bstack\b|segreto/);
    return body;
  }

  it('400 with field errors in Italian', async () => {
    const body = await expectProblem(
      await fetch(`${t.baseUrl}/api/v1/people/search`, authed(operator, { method: 'POST', body: JSON.stringify({ text: 'x' }) })),
      400,
    );
    expect(body.errors).toEqual([{ field: 'text', message: 'inserite almeno 2 caratteri' }]);
  });

  it('401 without a session', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/job-centres`), 401);
  });

  it('403 for a role the route does not admit, and 403 without the CSRF token', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/audit/entries`, authed(citizen)), 403);
    await expectProblem(
      await fetch(`${t.baseUrl}/api/v1/people/search`, {
        method: 'POST',
        headers: { cookie: operator.cookie, 'content-type': 'application/json' },
        body: '{"text":"Rossi"}',
      }),
      403,
    );
  });

  it('404 for an unknown route and for a record out of scope', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/nessuna-rotta`), 404);
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/people/00000000-0000-7000-8000-000000000000`, authed(operator)), 404);
  });

  it('405 for a known path with another method, with Allow', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/status`, { method: 'DELETE' });
    await expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('409 on a stale write, naming the current version and the changed fields', async () => {
    const list = (await (await fetch(`${t.baseUrl}/api/v1/job-centres`, authed(operator))).json()) as { items: { sites: { id: string; version: number }[] }[] };
    const site = list.items[0]?.sites[0];
    if (!site) throw new Error('nessuna sede');
    const first = await fetch(
      `${t.baseUrl}/api/v1/sites/${site.id}`,
      authed(operator, { method: 'PATCH', body: JSON.stringify({ version: site.version, phone: '055 1234567' }) }),
    );
    expect(first.status).toBe(200);
    const body = await expectProblem(
      await fetch(
        `${t.baseUrl}/api/v1/sites/${site.id}`,
        authed(operator, { method: 'PATCH', body: JSON.stringify({ version: site.version, openingHours: 'lun 9-13' }) }),
      ),
      409,
    );
    expect(body).toMatchObject({ currentVersion: site.version + 1, changedFields: ['phone'] });
    expect(JSON.stringify(body)).not.toContain('055 1234567');
  });

  it('413 for a body over the limit', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) });
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }), 413);
  });

  it('415 for a body that is not JSON', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ciao' }), 415);
  });

  it('500 for a thrown error, logged with its stack but answered without it', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/test/guasto`), 500);
    expect(t.logLines.join('')).toContain('guasto simulato');
  });

  it('429 with Retry-After when the login rate is exceeded', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nessuno', password: 'sbagliata' }),
      });
      if (last.status === 429) break;
    }
    if (!last) throw new Error('nessuna risposta');
    await expectProblem(last, 429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.headers.get('x-ratelimit-limit')).toBe('8');
  });

  it('successful responses carry request id, rate-limit and security headers', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/status`, { headers: { 'x-request-id': 'prova-1234-abcd' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('prova-1234-abcd');
    expect(response.headers.get('x-ratelimit-limit')).toBeTruthy();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
