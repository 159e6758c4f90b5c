import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

describe.each(testEngines())('changing residence and domicile on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  beforeAll(async () => {
    t = await startTestApp(engine);
    operator = await login(t.baseUrl, 'operatore.firenze');
  });
  afterAll(() => t.close());

  const person = async (s: Session, id: string) => fetch(`${t.baseUrl}/api/v1/people/${id}`, authed(s));
  const patch = (s: Session, id: string, body: unknown) =>
    fetch(`${t.baseUrl}/api/v1/people/${id}/address`, authed(s, { method: 'PATCH', body: JSON.stringify(body) }));

  it('a domicile in another job centre’s territory moves the record there, with the reason recorded', async () => {
    const id = t.demo.people.p0 as string;
    const { version } = (await (await person(operator, id)).json()) as { version: number };
    const response = await patch(operator, id, {
      version,
      domicile: { municipalityIstatCode: '050026', address: 'Via Santa Maria 10' },
      reason: 'Trasferimento per lavoro stagionale',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: version + 1, jobCentre: { id: t.demo.jobCentres.b.id }, movedToAnotherJobCentre: true });
    expect((await person(operator, id)).status).toBe(404); // no longer in Florence's scope
    const pisa = await login(t.baseUrl, 'operatore.pisa');
    expect((await person(pisa, id)).status).toBe(200);
    const change = await t.database.db.selectFrom('person_address_changes').selectAll().where('person_id', '=', id).executeTakeFirstOrThrow();
    expect(change).toMatchObject({ field: 'domicile', reason: 'Trasferimento per lavoro stagionale', new_job_centre_id: t.demo.jobCentres.b.id });
  });

  it('a stale version is refused with the fields changed since, and nothing is written', async () => {
    const id = t.demo.people.p2 as string;
    const { version } = (await (await person(operator, id)).json()) as { version: number };
    expect(
      (await patch(operator, id, { version, residence: { municipalityIstatCode: '048041', address: 'Via Pisana 1' }, reason: 'Cambio di residenza' })).status,
    ).toBe(200);
    const stale = await patch(operator, id, { version, residence: { municipalityIstatCode: '048017', address: 'Via Nuova 2' }, reason: 'Altra modifica' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: version + 1, changedFields: ['residence'] });
    const row = await t.database.db.selectFrom('people').select('residence_address').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.residence_address).toBe('Via Pisana 1');
  });

  it('a protected person’s addresses can be changed only by staff named on the record', async () => {
    const id = t.demo.people.protected as string;
    const admin = await login(t.baseUrl, 'admin.arti');
    expect((await patch(admin, id, { version: 1, domicile: null, reason: 'Prova di modifica' })).status).toBe(403);
    const named = await login(t.baseUrl, 'responsabile.firenze');
    const { version } = (await (await person(named, id)).json()) as { version: number };
    expect(
      (await patch(named, id, { version, residence: { municipalityIstatCode: '048041', address: 'Indirizzo riservato' }, reason: 'Nuova struttura protetta' }))
        .status,
    ).toBe(200);
  });
});
