import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/platform/audit/verify.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, startTestApp, type TestApp } from './support/testApp.ts';

describe.each(testEngines())('audit trail on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('records a staff consultation that the citizen then sees, and a search as one entry naming the records shown', async () => {
    const citizenId = t.demo.people.citizen as string;
    const operator = await login(t.baseUrl, 'operatore.firenze');
    expect((await fetch(`${t.baseUrl}/api/v1/people/${citizenId}`, authed(operator))).status).toBe(200);
    const search = (await (
      await fetch(`${t.baseUrl}/api/v1/people/search`, authed(operator, { method: 'POST', body: JSON.stringify({ text: 'Rossi' }) }))
    ).json()) as { items: { id: string }[] };
    expect(search.items.length).toBeGreaterThan(0);

    const entries = await t.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'search').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.record_ids.sort()).toEqual(search.items.map((i) => i.id).sort());
    expect(entries[0]?.actor_role).toBe('operator');
    expect(entries[0]?.ip).toBe('127.0.0.1');

    const citizen = await login(t.baseUrl, 'cittadino');
    const mine = (await (await fetch(`${t.baseUrl}/api/v1/me/consultations`, authed(citizen))).json()) as {
      items: { action: string; actorDescription: string; fields: string[] }[];
    };
    expect(mine.items.some((i) => i.action === 'read' && i.actorDescription.includes('Giulia Neri') && i.fields.includes('residence'))).toBe(true);
  });

  it('a special-category read names the section read', async () => {
    const specialist = await login(t.baseUrl, 'collocamento.mirato');
    const person = (await (await fetch(`${t.baseUrl}/api/v1/people/${t.demo.people.special}`, authed(specialist))).json()) as { specialCategory?: unknown };
    expect(person.specialCategory).toBeTruthy();
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('actor_role', '=', 'specialist')
      .where('action', '=', 'read')
      .executeTakeFirstOrThrow();
    expect(entry.fields).toContain('specialCategory');
  });

  it('verify passes on an intact trail and detects a deleted tail and a rebuilt chain', async () => {
    const ok = await verifyAudit(t.database.db, t.auditHeadsFile);
    expect(ok.problems).toEqual([]);
    expect(ok.entries).toBeGreaterThan(3);

    // Tamper: change one entry's content (even recomputing nothing) → detected.
    const victim = await t.database.db.selectFrom('audit_entries').select(['id', 'purpose']).orderBy('at').executeTakeFirstOrThrow();
    await sql`update audit_entries set purpose = 'alterato' where id = ${victim.id}`.execute(t.database.db);
    expect((await verifyAudit(t.database.db, t.auditHeadsFile)).problems.join('\n')).toMatch(/contenuto alterato/);
    await sql`update audit_entries set purpose = ${victim.purpose} where id = ${victim.id}`.execute(t.database.db);
    expect((await verifyAudit(t.database.db, t.auditHeadsFile)).ok).toBe(true);
  });

  it('deleting the tail of a segment and its head row is caught by the heads written outside the database', async () => {
    const last = await t.database.db.selectFrom('audit_entries').select(['segment', 'seq', 'prev_hash']).orderBy('at', 'desc').executeTakeFirstOrThrow();
    const heads = readFileSync(t.auditHeadsFile, 'utf8');
    await sql`delete from audit_entries where segment = ${last.segment} and seq = ${last.seq}`.execute(t.database.db);
    await sql`update audit_segments set last_seq = last_seq - 1, last_hash = ${last.prev_hash} where segment = ${last.segment}`.execute(t.database.db);
    const result = await verifyAudit(t.database.db, t.auditHeadsFile);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/coda cancellata/);
    writeFileSync(t.auditHeadsFile, heads);
  });
});
