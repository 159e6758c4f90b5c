import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

interface StatusView {
  current: { state: string; since: string | null; ruleId: string; legalBasis: string; unemploymentDays: number };
  periods: { from: string; to: string | null; state: string; ruleId: string; legalBasis: string }[];
  declarations: { id: string; declaredOn: string; revokedOn: string | null }[];
}

describe.each(testEngines())('availability declaration and employment status over HTTP on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  let personId: string;
  const today = romeDateOf();
  const declaredOn = addDays(today, -30);

  beforeAll(async () => {
    t = await startTestApp(engine);
    operator = await login(t.baseUrl, 'operatore.firenze');
    const person = { givenName: 'Sara', familyName: 'Innocenti', sex: 'F' as const, birthDate: '1990-05-20', birthplaceCode: 'D612' };
    const response = await fetch(
      `${t.baseUrl}/api/v1/people`,
      authed(operator, {
        method: 'POST',
        body: JSON.stringify({
          ...person,
          taxCode: computeTaxCode(person),
          residence: { municipalityIstatCode: '048041', address: 'Via Roma 1' },
          privacyNoticeGiven: true,
        }),
      }),
    );
    expect(response.status).toBe(201);
    personId = ((await response.json()) as { id: string }).id;
  });
  afterAll(() => t.close());

  const status = async (date?: string) =>
    (await (await fetch(`${t.baseUrl}/api/v1/people/${personId}/employment-status${date ? `?date=${date}` : ''}`, authed(operator))).json()) as StatusView;

  it('before any declaration the person is not registered as unemployed', async () => {
    expect((await status()).current.state).toBe('not-registered');
  });

  it('a declaration at the job centre starts the state on its date, with its legal basis; the day before it is not', async () => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/people/${personId}/availability-declarations`,
      authed(operator, { method: 'POST', body: JSON.stringify({ declaredOn }) }),
    );
    expect(response.status).toBe(201);
    const now = await status();
    expect(now.current).toMatchObject({ state: 'unemployed', since: declaredOn });
    expect(now.current.legalBasis).toMatch(/art\. 19/i);
    expect(now.current.unemploymentDays).toBe(31);
    expect((await status(declaredOn)).current.state).toBe('unemployed');
    expect((await status(addDays(declaredOn, -1))).current.state).toBe('not-registered');
    const stored = await t.database.db.selectFrom('status_periods').selectAll().where('person_id', '=', personId).execute();
    expect(stored.some((p) => p.state === 'unemployed' && p.valid_from === declaredOn)).toBe(true);
  });

  it('people can be searched by current status, alone or with a name', async () => {
    const search = async (body: unknown) =>
      (await (await fetch(`${t.baseUrl}/api/v1/people/search`, authed(operator, { method: 'POST', body: JSON.stringify(body) }))).json()) as {
        items: { id: string; status: string }[];
      };
    const unemployed = await search({ status: 'unemployed', limit: 100 });
    expect(unemployed.items.map((i) => i.id)).toContain(personId);
    expect(unemployed.items.every((i) => i.status === 'unemployed')).toBe(true);
    expect((await search({ text: 'Innocenti', status: 'lost' })).items).toEqual([]);
    expect((await search({ text: 'Innocenti' })).items[0]).toMatchObject({ id: personId, status: 'unemployed' });
    const neither = await fetch(`${t.baseUrl}/api/v1/people/search`, authed(operator, { method: 'POST', body: '{}' }));
    expect(neither.status).toBe(400);
  });

  it('a second declaration while one is active is refused; a future date is a field error', async () => {
    const again = await fetch(
      `${t.baseUrl}/api/v1/people/${personId}/availability-declarations`,
      authed(operator, { method: 'POST', body: JSON.stringify({ declaredOn: today }) }),
    );
    expect(again.status).toBe(409);
    const future = await fetch(
      `${t.baseUrl}/api/v1/people/${personId}/availability-declarations`,
      authed(operator, { method: 'POST', body: JSON.stringify({ declaredOn: addDays(today, 1) }) }),
    );
    expect(future.status).toBe(400);
  });

  it('revocation ends the state from its date; the citizen-facing history keeps each change with its reason', async () => {
    const before = await status();
    const id = before.declarations[0]?.id as string;
    const revokedOn = addDays(today, -5);
    const response = await fetch(
      `${t.baseUrl}/api/v1/people/${personId}/availability-declarations/${id}/revocation`,
      authed(operator, { method: 'POST', body: JSON.stringify({ revokedOn, reason: 'Richiesta della persona' }) }),
    );
    expect(response.status).toBe(200);
    const after = await status();
    expect(after.current.state).toBe('lost');
    expect(after.current.since).toBe(revokedOn);
    expect((await status(addDays(revokedOn, -1))).current.state).toBe('unemployed');
    expect(after.periods.map((p) => p.state)).toEqual(expect.arrayContaining(['unemployed', 'lost']));
    const audit = await t.database.db.selectFrom('audit_entries').select('fields').where('record_type', '=', 'availability_declaration').execute();
    expect(audit.map((a) => a.fields)).toEqual(expect.arrayContaining([['declaredOn'], ['revokedOn', 'revocationReason']]));
  });

  it('the citizen sees their own status history with the legal basis', async () => {
    const citizen = await login(t.baseUrl, 'cittadino');
    const mine = (await (await fetch(`${t.baseUrl}/api/v1/me/employment-status`, authed(citizen))).json()) as StatusView;
    expect(mine.current.state).toBe('unemployed');
    expect(mine.periods[0]?.legalBasis).toMatch(/D\.lgs\.? 150\/2015/);
  });
});
