import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTaxCode, omocodeVariant } from '../src/modules/people/taxCode.ts';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

describe.each(testEngines())('merging duplicate records on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  const person = { givenName: 'Amina', familyName: 'Diallo', sex: 'F' as const, birthDate: '1994-06-18', birthplaceCode: 'Z343' };
  const post = (path: string, body: unknown) => fetch(`${t.baseUrl}${path}`, authed(operator, { method: 'POST', body: JSON.stringify(body) }));
  const register = async (taxCode: string, givenName = person.givenName) => {
    const response = await post('/api/v1/people', {
      ...person,
      givenName,
      taxCode,
      residence: { municipalityIstatCode: '048017', address: 'Via Faenza 7' },
      privacyNoticeGiven: true,
    });
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.id;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    operator = await login(t.baseUrl, 'operatore.firenze');
  });
  afterAll(() => t.close());

  it('a provisional-code record merges into the personal-code record, with its declaration; then the merge is undone', async () => {
    const provisionalId = await register('12345678903');
    const personalId = await register(computeTaxCode(person));
    expect((await post(`/api/v1/people/${provisionalId}/availability-declarations`, { declaredOn: addDays(romeDateOf(), -15) })).status).toBe(201);

    const merged = await post('/api/v1/people/merges', {
      survivorId: personalId,
      duplicateId: provisionalId,
      reason: 'Codice provvisorio sostituito dal codice fiscale definitivo',
    });
    expect(merged.status).toBe(201);
    const { mergeId, moved } = (await merged.json()) as { mergeId: string; moved: Record<string, number> };
    expect(moved.availability_declarations).toBe(1);
    const status = (await (await fetch(`${t.baseUrl}/api/v1/people/${personalId}/employment-status`, authed(operator))).json()) as {
      current: { state: string };
    };
    expect(status.current.state).toBe('unemployed');
    const search = (await (await post('/api/v1/people/search', { text: 'Diallo' })).json()) as { items: { id: string }[] };
    expect(search.items.map((i) => i.id)).toEqual([personalId]);

    const reverted = await post(`/api/v1/people/merges/${mergeId}/reversal`, { reason: 'Unione fatta per errore' });
    expect(reverted.status).toBe(200);
    const back = await t.database.db
      .selectFrom('availability_declarations')
      .select('person_id')
      .where('person_id', 'in', [provisionalId, personalId])
      .executeTakeFirstOrThrow();
    expect(back.person_id).toBe(provisionalId);
    const people = await t.database.db.selectFrom('people').select(['id', 'merged_into']).where('family_name', '=', 'Diallo').execute();
    expect(people.every((p) => p.merged_into === null)).toBe(true);
    expect((await post(`/api/v1/people/merges/${mergeId}/reversal`, { reason: 'di nuovo' })).status).toBe(409);
    const audit = await t.database.db.selectFrom('audit_entries').select('fields').where('record_type', '=', 'person_merge').execute();
    expect(audit).toHaveLength(2);
  });

  it('omocodes are different people and are never merged', async () => {
    const first = computeTaxCode({ ...person, givenName: 'Awa' });
    const a = await register(first, 'Awa');
    const b = await register(omocodeVariant(first, 2), 'Awa');
    const response = await post('/api/v1/people/merges', { survivorId: a, duplicateId: b, reason: 'Sembrano la stessa persona' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/omocodia/);
  });
});
