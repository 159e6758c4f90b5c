import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalNationalSystem } from '../src/modules/people/index.ts';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { newId } from '../src/platform/ids.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

interface Official {
  index: number;
  profilingClass: string;
  referenceDate: string;
  receivedAt: string;
}
interface View {
  official: Official | null;
  history: Official[];
  estimate: {
    estimate: number;
    base: number;
    modelId: string;
    contributions: { factor: string; contribution: number; input: number | null; band: string | null }[];
    inputs: { unemploymentDays: number | null; eqfLevel: number | null; experienceMonths: number | null; age: number | null };
    notice: string;
  } | null;
}

describe.each(testEngines())('profiling: official result from the national system and local estimate on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  let pisa: Session;
  let specialist: Session;
  let citizen: Session;
  let national: LocalNationalSystem;
  const today = romeDateOf();
  const anna = { givenName: 'Anna', familyName: 'Profilata', sex: 'F' as const, birthDate: '1968-03-09', birthplaceCode: 'D612' };
  const luca = { givenName: 'Luca', familyName: 'Profilato', sex: 'M' as const, birthDate: '1968-03-09', birthplaceCode: 'D612' };
  let annaId = '';
  let lucaId = '';

  const get = (s: Session, path: string) => fetch(`${t.baseUrl}${path}`, authed(s));
  const post = (s: Session, path: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, authed(s, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  const view = async (id: string, s = operator) => {
    const r = await get(s, `/api/v1/people/${id}/profiling`);
    expect(r.status).toBe(200);
    return (await r.json()) as View;
  };
  const register = async (p: { givenName: string; familyName: string; sex: 'M' | 'F'; birthDate: string; birthplaceCode: string }) => {
    const r = await post(operator, '/api/v1/people', {
      ...p,
      taxCode: computeTaxCode(p),
      residence: { municipalityIstatCode: '048017', address: 'Via dei Servi 4' },
      privacyNoticeGiven: true,
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    national = t.national as LocalNationalSystem;
    operator = await login(t.baseUrl, 'operatore.firenze');
    pisa = await login(t.baseUrl, 'operatore.pisa');
    specialist = await login(t.baseUrl, 'collocamento.mirato');
    citizen = await login(t.baseUrl, 'cittadino');
    annaId = await register(anna);
    lucaId = await register(luca);
    national.withdrawProfiling(computeTaxCode(anna));
  });
  afterAll(() => t.close());

  it('a person with nothing received shows no official result, and an estimate whose contributions add up', async () => {
    const v = await view(annaId);
    expect(v.official).toBeNull();
    expect(v.history).toEqual([]);
    const e = v.estimate;
    if (!e) throw new Error('no estimate');
    expect(e.contributions.reduce((s, c) => s + c.contribution, e.base)).toBeCloseTo(e.estimate, 9);
    expect(e.inputs).toMatchObject({ unemploymentDays: null, eqfLevel: null, experienceMonths: null });
    expect(e.inputs.age).toBeGreaterThanOrEqual(57);
    expect(e.notice).toMatch(/non decide/);
  });

  it('refresh with no result from the national system stores nothing and says so', async () => {
    const r = await post(operator, `/api/v1/people/${annaId}/profiling/refresh`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ received: false, changed: false, official: null });
  });

  it('refresh stores the official index, class and reference date as received; a new reference date keeps the old one as history', async () => {
    const taxCode = computeTaxCode(anna);
    const first = addDays(today, -95);
    national.publishProfiling({ taxCode, index: 0.6123, profilingClass: 'medio-alta', referenceDate: first });
    const r = await post(operator, `/api/v1/people/${annaId}/profiling/refresh`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { received: boolean; changed: boolean; official: Official };
    expect(body).toMatchObject({ received: true, changed: true, official: { index: 0.6123, profilingClass: 'medio-alta', referenceDate: first } });
    expect(Date.parse(body.official.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

    // The same answer again changes nothing but the receive time.
    const again = (await (await post(operator, `/api/v1/people/${annaId}/profiling/refresh`)).json()) as { changed: boolean };
    expect(again.changed).toBe(false);

    national.publishProfiling({ taxCode, index: 0.81, profilingClass: 'alta', referenceDate: addDays(today, -3) });
    await post(operator, `/api/v1/people/${annaId}/profiling/refresh`);
    const v = await view(annaId);
    expect(v.official).toMatchObject({ index: 0.81, profilingClass: 'alta', referenceDate: addDays(today, -3) });
    expect(v.history.map((h) => h.referenceDate)).toEqual([first]);
    const rows = await t.database.db.selectFrom('person_profiling_results').selectAll().where('person_id', '=', annaId).execute();
    expect(rows).toHaveLength(2);

    const audit = await t.database.db.selectFrom('audit_entries').select(['action', 'purpose']).where('record_type', '=', 'profiling').execute();
    expect(audit.filter((a) => a.action === 'write')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'read' && /nessun risultato/.test(a.purpose ?? ''))).toBe(true);
    const events = await t.database.db
      .selectFrom('outbox')
      .select('topic')
      .where('topic', '=', 'people.profiling.received')
      .where('aggregate_id', '=', annaId)
      .execute();
    expect(events).toHaveLength(3);
  });

  it('an invalid answer from the national system is refused (503) and nothing is stored', async () => {
    national.publishProfiling({ taxCode: computeTaxCode(luca), index: 1.4, profilingClass: 'alta', referenceDate: today });
    const r = await post(operator, `/api/v1/people/${lucaId}/profiling/refresh`);
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    national.publishProfiling({ taxCode: computeTaxCode(luca), index: 0.3, profilingClass: 'medio-bassa', referenceDate: addDays(today, 1) });
    expect((await post(operator, `/api/v1/people/${lucaId}/profiling/refresh`)).status).toBe(503);
    expect((await view(lucaId)).official).toBeNull();
  });

  it('the estimate reads education and work experience from the profile, and sex changes nothing', async () => {
    const db = t.database.db;
    for (const personId of [annaId, lucaId]) {
      await db.insertInto('person_profiles').values({ person_id: personId }).execute();
      await db
        .insertInto('person_education')
        .values({ id: newId(), person_id: personId, title_code: 'LM', title: 'Laurea magistrale', eqf_level: 7 })
        .execute();
      await db
        .insertInto('person_experiences')
        .values({
          id: newId(),
          person_id: personId,
          employer_name: 'Tessitura Pratese',
          occupation_code: '6.5.2.1.1',
          started_on: addDays(today, -800),
          ended_on: addDays(today, -60),
        })
        .execute();
      await post(operator, `/api/v1/people/${personId}/availability-declarations`, { declaredOn: addDays(today, -200) });
    }
    const a = (await view(annaId)).estimate;
    const l = (await view(lucaId)).estimate;
    expect(a?.inputs).toMatchObject({ eqfLevel: 7, experienceMonths: 24, unemploymentDays: 201 });
    expect(a?.contributions.find((c) => c.factor === 'education')).toMatchObject({ input: 7, contribution: -0.1 });
    expect(a?.contributions.find((c) => c.factor === 'unemploymentDuration')).toMatchObject({ input: 201, contribution: 0.05 });
    expect(l?.estimate).toBe(a?.estimate);
    expect(l?.contributions).toEqual(a?.contributions);
  });

  it('scope: other job centres get 404, readers who may not record get 403 on refresh, the specialist may read', async () => {
    expect((await get(pisa, `/api/v1/people/${annaId}/profiling`)).status).toBe(404);
    expect((await post(pisa, `/api/v1/people/${annaId}/profiling/refresh`)).status).toBe(404);
    expect((await post(specialist, `/api/v1/people/${annaId}/profiling/refresh`)).status).toBe(403);
    expect((await get(specialist, `/api/v1/people/${annaId}/profiling`)).status).toBe(200);
    expect((await get(citizen, `/api/v1/people/${annaId}/profiling`)).status).toBe(403);
  });

  it('the citizen sees their own official result (seeded in the demo) and the estimate', async () => {
    const r = await get(citizen, '/api/v1/me/profiling');
    expect(r.status).toBe(200);
    const v = (await r.json()) as View;
    expect(v.official?.profilingClass).toMatch(/bassa|medio-bassa|medio-alta|alta/);
    expect(v.history).toHaveLength(1);
    expect(v.estimate?.contributions).toHaveLength(4);
    expect((await get(operator, '/api/v1/me/profiling')).status).toBe(403);
  });
});
