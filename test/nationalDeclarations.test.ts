import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalNationalSystem } from '../src/modules/people/index.ts';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

describe.each(testEngines())('declarations received from the national system on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  let national: LocalNationalSystem;
  const today = romeDateOf();
  const registered = { givenName: 'Paolo', familyName: 'Cecchi', sex: 'M' as const, birthDate: '1979-11-02', birthplaceCode: 'D612' };
  const notYet = { givenName: 'Irene', familyName: 'Gori', sex: 'F' as const, birthDate: '1996-01-30', birthplaceCode: 'G702' };
  let registeredId: string;

  const register = async (p: { givenName: string; familyName: string; sex: 'M' | 'F'; birthDate: string; birthplaceCode: string }, municipality: string) => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/people`,
      authed(operator, {
        method: 'POST',
        body: JSON.stringify({
          ...p,
          taxCode: computeTaxCode(p),
          residence: { municipalityIstatCode: municipality, address: 'Via Verdi 3' },
          privacyNoticeGiven: true,
        }),
      }),
    );
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; linkedDeclarations: number };
  };
  const sync = async () =>
    (await (await fetch(`${t.baseUrl}/api/v1/national-system/declarations/sync`, authed(admin, { method: 'POST' }))).json()) as Record<string, number>;
  const stateOf = async (id: string) =>
    ((await (await fetch(`${t.baseUrl}/api/v1/people/${id}/employment-status`, authed(operator))).json()) as { current: { state: string; since: string } })
      .current;

  beforeAll(async () => {
    t = await startTestApp(engine);
    national = t.national as LocalNationalSystem;
    admin = await login(t.baseUrl, 'admin.arti');
    operator = await login(t.baseUrl, 'operatore.firenze');
    registeredId = (await register(registered, '048017')).id;
  });
  afterAll(() => t.close());

  it('applies declarations of registered people and keeps the others; receiving again changes nothing', async () => {
    national.publishDeclaration({ reference: 'SIU-0001', taxCode: computeTaxCode(registered), channel: 'national-portal', declaredOn: addDays(today, -10) });
    national.publishDeclaration({ reference: 'INPS-0002', taxCode: computeTaxCode(notYet), channel: 'inps-benefit', declaredOn: addDays(today, -4) });
    expect(await sync()).toEqual({ received: 2, applied: 1, waitingForRegistration: 1 });
    expect(await stateOf(registeredId)).toMatchObject({ state: 'unemployed', since: addDays(today, -10) });
    expect(await sync()).toEqual({ received: 0, applied: 0, waitingForRegistration: 0 });
    const declarations = await t.database.db.selectFrom('availability_declarations').selectAll().where('person_id', '=', registeredId).execute();
    expect(declarations).toHaveLength(1);
  });

  it('a later revocation of the same declaration updates it, not duplicates it', async () => {
    national.publishDeclaration({
      reference: 'SIU-0001',
      taxCode: computeTaxCode(registered),
      channel: 'national-portal',
      declaredOn: addDays(today, -10),
      revokedOn: addDays(today, -2),
    });
    expect(await sync()).toMatchObject({ received: 1, applied: 1 });
    expect(await stateOf(registeredId)).toMatchObject({ state: 'lost', since: addDays(today, -2) });
    const declarations = await t.database.db.selectFrom('availability_declarations').selectAll().where('person_id', '=', registeredId).execute();
    expect(declarations).toHaveLength(1);
  });

  it('a declaration received before registration is linked when the person registers', async () => {
    const { id, linkedDeclarations } = await register(notYet, '048041');
    expect(linkedDeclarations).toBe(1);
    expect(await stateOf(id)).toMatchObject({ state: 'unemployed', since: addDays(today, -4) });
  });
});
