import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import { computeTaxCode, omocodeVariant } from '../src/modules/people/taxCode.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

const FIRENZE = '048017';
const PISA = '050026';

function newcomer(overrides: Record<string, unknown> = {}) {
  const person = { givenName: 'Lucia', familyName: 'Bartolini', sex: 'F' as const, birthDate: '1992-07-14', birthplaceCode: 'D612' };
  const taxCode = computeTaxCode(person);
  return {
    taxCode,
    ...person,
    residence: { municipalityIstatCode: FIRENZE, address: 'Via Ghibellina 12' },
    privacyNoticeGiven: true,
    ...overrides,
  };
}

describe.each(testEngines())('registering a person by tax code on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  let pisa: Session;
  let admin: Session;
  const post = (s: Session, body: unknown) => fetch(`${t.baseUrl}/api/v1/people`, authed(s, { method: 'POST', body: JSON.stringify(body) }));

  beforeAll(async () => {
    t = await startTestApp(engine);
    operator = await login(t.baseUrl, 'operatore.firenze');
    pisa = await login(t.baseUrl, 'operatore.pisa');
    admin = await login(t.baseUrl, 'admin.arti');
  });
  afterAll(() => t.close());

  it('registers with the job centre competent for the residence, audited', async () => {
    const response = await post(operator, newcomer());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; jobCentre: { id: string }; homonymNotices: unknown[] };
    expect(body.jobCentre.id).toBe(t.demo.jobCentres.a.id);
    expect(body.homonymNotices).toEqual([]);
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where(sql<boolean>`record_ids @> array[${body.id}]::text[]`)
      .where('action', '=', 'write')
      .executeTakeFirstOrThrow();
    expect(entry.fields).toContain('registration');
  });

  it('refuses a second registration of the same code, pointing to the record only for those who may see it', async () => {
    const again = await post(operator, newcomer());
    expect(again.status).toBe(409);
    expect(((await again.json()) as { existingPersonId?: string }).existingPersonId).toBeTruthy();
    const fromPisa = await post(pisa, newcomer());
    expect(fromPisa.status).toBe(409);
    expect(await fromPisa.json()).not.toHaveProperty('existingPersonId');
  });

  it('an omocode of an existing code is a different person, with a possible-homonym notice', async () => {
    const original = newcomer();
    const omocode = omocodeVariant(original.taxCode, 1);
    expect(omocode).not.toBe(original.taxCode);
    const response = await post(operator, { ...original, taxCode: omocode });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; homonymNotices: { personId: string | null; message: string }[] };
    expect(body.homonymNotices).toHaveLength(1);
    expect(body.homonymNotices[0]?.message).toMatch(/omonimo/i);
    expect(body.homonymNotices[0]?.personId).toBeTruthy();
    const people = await t.database.db.selectFrom('people').select('id').where('family_name', '=', 'Bartolini').execute();
    expect(people).toHaveLength(2);
  });

  it('declared data that disagree with the code need a reason; the override is stored', async () => {
    const person = newcomer({ residence: { municipalityIstatCode: PISA, address: 'Via San Martino 3' } });
    const code = computeTaxCode({ givenName: 'Giovanni', familyName: 'Pieraccini', sex: 'M', birthDate: '1970-02-03', birthplaceCode: 'G702' });
    const declared = { ...person, taxCode: code, givenName: 'Vanni', familyName: 'Pieraccini', sex: 'M', birthDate: '1970-02-03', birthplaceCode: 'G702' };
    const refused = await post(pisa, declared);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['name-mismatch']);
    const accepted = await post(pisa, {
      ...declared,
      overrides: [{ warning: 'name-mismatch', reason: 'Nome abbreviato sul documento, codice rilasciato così' }],
    });
    expect(accepted.status).toBe(201);
    const { id, jobCentre } = (await accepted.json()) as { id: string; jobCentre: { id: string } };
    expect(jobCentre.id).toBe(t.demo.jobCentres.b.id);
    const override = await t.database.db.selectFrom('person_identity_overrides').selectAll().where('person_id', '=', id).executeTakeFirstOrThrow();
    expect(override.reason).toMatch(/abbreviato/);
  });

  it('competence follows the domicile when there is one', async () => {
    const person = { givenName: 'Omar', familyName: 'Haddad', sex: 'M' as const, birthDate: '1988-03-09', birthplaceCode: 'Z330' };
    const response = await post(operator, {
      ...person,
      taxCode: computeTaxCode(person),
      citizenship: 'Marocco',
      residence: { municipalityIstatCode: FIRENZE, address: 'Via Pisana 40' },
      domicile: { municipalityIstatCode: PISA, address: 'Via Bonanno 5' },
      privacyNoticeGiven: true,
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { jobCentre: { id: string } }).jobCentre.id).toBe(t.demo.jobCentres.b.id);
  });

  it('a malformed code is a field error in Italian; a citizen may not register people', async () => {
    const bad = await post(operator, newcomer({ taxCode: 'BRTLCU92L54D612Q' }));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]?.field).toBe('taxCode');
    expect(problem.errors[0]?.message).toMatch(/carattere di controllo/i);
    const citizen = await login(t.baseUrl, 'cittadino');
    expect((await post(citizen, newcomer())).status).toBe(403);
  });

  it('notices received before the registration are linked to the new person, counted, and change the status', async () => {
    const person = { givenName: 'Ilaria', familyName: 'Mancini', sex: 'F' as const, birthDate: '1993-10-21', birthplaceCode: 'D612' };
    const taxCode = computeTaxCode(person);
    const upload = await fetch(
      `${t.baseUrl}/api/v1/notice-imports`,
      authed(admin, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: noticesCsv([
          noticeRecord({
            codice_comunicazione: 'PRIMA00001',
            cf_lavoratore: taxCode,
            data_inizio: '2024-03-01',
            data_fine: '2024-04-30',
            retribuzione_annua_lorda: '20000',
          }),
        ]),
      }),
    );
    expect(upload.status, await upload.clone().text()).toBe(200);
    const response = await post(operator, newcomer({ taxCode, ...person }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; linkedNotices: number; linkedDeclarations: number };
    expect(body.linkedNotices).toBe(1);
    const declared = await fetch(
      `${t.baseUrl}/api/v1/people/${body.id}/availability-declarations`,
      authed(operator, { method: 'POST', body: JSON.stringify({ declaredOn: '2024-01-15' }) }),
    );
    expect(declared.status).toBe(201);
    const status = await fetch(`${t.baseUrl}/api/v1/people/${body.id}/employment-status?date=2024-03-15`, authed(operator));
    expect(((await status.json()) as { current: { state: string } }).current.state).toBe('suspended');
  });
});
