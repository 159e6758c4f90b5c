import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { authed, login, startTestApp, type TestApp } from './support/testApp.ts';

describe('local accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { PONTE_LOGIN_MAX_FAILURES: '3', PONTE_LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) =>
    fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('sets an httpOnly, SameSite session cookie and returns the CSRF token; the password hash is argon2id', async () => {
    const response = await post('/api/v1/auth/login', { username: 'operatore.firenze', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/ponte_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const account = await t.database.db.selectFrom('accounts').select('password_hash').where('username', '=', 'operatore.firenze').executeTakeFirstOrThrow();
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    const stored = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(stored.every((s) => !cookie.includes(s.id))).toBe(true); // only a hash of the token is stored
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/api/v1/auth/login', { username: 'operatore.pisa', password: 'sbagliata' })).status).toBe(401);
    const locked = await post('/api/v1/auth/login', { username: 'operatore.pisa', password: DEMO_PASSWORD });
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    const failures = await t.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'login_failed').execute();
    expect(failures).toHaveLength(3);
  });

  it('logout ends the session', async () => {
    const session = await login(t.baseUrl, 'responsabile.pisa');
    expect((await fetch(`${t.baseUrl}/api/v1/auth/session`, authed(session))).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/api/v1/auth/logout`, authed(session, { method: 'POST' }))).status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/v1/auth/session`, authed(session))).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    const session = await login(t.baseUrl, 'revisore');
    await t.database.db
      .updateTable('sessions')
      .set({ idle_expires_at: new Date(Date.now() - 1000) })
      .where('account_id', '=', session.account.id)
      .execute();
    expect((await fetch(`${t.baseUrl}/api/v1/auth/session`, authed(session))).status).toBe(401);
  });

  it('tax codes never go in URLs and never reach the logs', async () => {
    const session = await login(t.baseUrl, 'operatore.firenze');
    const response = await fetch(`${t.baseUrl}/api/v1/people/RSSMRA85D12D612X`, authed(session));
    expect(response.status).toBe(400);
    await fetch(`${t.baseUrl}/api/v1/people/search`, authed(session, { method: 'POST', body: JSON.stringify({ text: 'RSSMRA85D12D612X' }) }));
    const logs = t.logLines.join('');
    expect(logs).toContain('[CODICE-FISCALE]');
    expect(logs).not.toMatch(/RSSMRA85D12D612X/);
  });
});
