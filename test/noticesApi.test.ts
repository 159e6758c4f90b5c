import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

interface Summary {
  runId: string;
  status: string;
  total: number;
  applied: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  peopleRecomputed: number;
}
interface Notices {
  items: {
    communicationCode: string;
    eventType: string;
    effect: string;
    supersededBy: string | null;
    employer: { name: string } | null;
    annualPay: number | null;
  }[];
  note: string;
}

describe.each(testEngines())('employment notices over HTTP on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  let citizenTaxCode: string;

  // Headers by hand: with FormData, fetch writes the multipart content type and its boundary itself.
  const upload = (session: Session, body: BodyInit, contentType?: string) =>
    fetch(`${t.baseUrl}/api/v1/notice-imports`, {
      method: 'POST',
      body,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(contentType ? { 'content-type': contentType } : {}) },
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await login(t.baseUrl, 'admin.arti');
    operator = await login(t.baseUrl, 'operatore.firenze');
    citizenTaxCode = (
      await t.database.db
        .selectFrom('people')
        .select('tax_code')
        .where('id', '=', t.demo.people.citizen as string)
        .executeTakeFirstOrThrow()
    ).tax_code;
  });
  afterAll(() => t.close());

  it('an agency administrator uploads a CSV (text/csv): valid rows applied, each rejected row with its line and reason; the run can be read back', async () => {
    const csv = noticesCsv([
      noticeRecord({
        codice_comunicazione: 'API1A',
        cf_lavoratore: citizenTaxCode,
        data_inizio: '2024-02-01',
        data_fine: '2024-04-30',
        retribuzione_annua_lorda: '14000',
      }),
      noticeRecord({ codice_comunicazione: 'API2A', cf_lavoratore: citizenTaxCode, data_inizio: '2024-02-01', tipologia_contrattuale: '' }),
      noticeRecord({
        codice_comunicazione: 'API3R',
        codice_comunicazione_precedente: 'API1A',
        tipo_comunicazione: 'RETTIFICA',
        cf_lavoratore: citizenTaxCode,
        data_inizio: '2024-02-01',
        data_fine: '2024-04-30',
        retribuzione_annua_lorda: '15000',
      }),
    ]);
    const response = await upload(admin, csv, 'text/csv; charset=utf-8');
    const summary = (await response.json()) as Summary;
    expect(response.status, JSON.stringify(summary)).toBe(200);
    expect(summary).toMatchObject({ status: 'completed', total: 3, applied: 2, duplicates: 0, peopleRecomputed: 1 });
    expect(summary.rejected).toEqual([{ line: 3, reason: 'tipologia_contrattuale obbligatoria per AVV' }]);

    const run = await fetch(`${t.baseUrl}/api/v1/notice-imports/${summary.runId}`, authed(admin));
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ runId: summary.runId, applied: 2, rejected: [{ line: 3 }] });

    // The same file again: already imported, nothing done.
    const again = (await (await upload(admin, csv, 'text/csv')).json()) as Summary;
    expect(again).toMatchObject({ status: 'already-imported', runId: summary.runId });
  });

  it('multipart/form-data with the file in the part «file» works too; duplicates are no-ops', async () => {
    const form = new FormData();
    const csv = noticesCsv([
      noticeRecord({
        codice_comunicazione: 'API1A',
        cf_lavoratore: citizenTaxCode,
        data_inizio: '2024-02-01',
        data_fine: '2024-04-30',
        retribuzione_annua_lorda: '14000',
      }),
      noticeRecord({
        codice_comunicazione: 'API4C',
        cf_lavoratore: citizenTaxCode,
        tipo_evento: 'CES',
        data_inizio: '2024-02-01',
        data_cessazione: '2024-03-15',
        data_invio: '2024-03-15',
      }),
    ]);
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'unilav-marzo.csv');
    const response = await upload(admin, form);
    const summary = (await response.json()) as Summary;
    expect(response.status, JSON.stringify(summary)).toBe(200);
    expect(summary).toMatchObject({ source: 'unilav-marzo.csv', applied: 1, duplicates: 1, rejected: [] });
  });

  it('wrong type, empty file and unknown header are problems; only agency administrators may upload', async () => {
    const json = await upload(admin, JSON.stringify({ file: 'x' }));
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toMatch(/problem\+json/);
    const empty = await upload(admin, '', 'text/csv');
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { detail: string }).detail).toMatch(/vuoto/);
    const header = await upload(admin, 'nome;cognome\nMario;Rossi\n', 'text/csv');
    expect(header.status).toBe(422);
    expect(((await header.json()) as { detail: string }).detail).toMatch(/mancano le colonne «codice_comunicazione»/);
    const manager = await login(t.baseUrl, 'responsabile.firenze');
    expect((await upload(manager, noticesCsv([]), 'text/csv')).status).toBe(403);
    const tooBig = await upload(admin, 'x'.repeat(20 * 1024 * 1024 + 10), 'text/csv');
    expect(tooBig.status).toBe(413);
  });

  it('staff who may see the person read the notices with their effect; the citizen reads their own', async () => {
    const list = await fetch(`${t.baseUrl}/api/v1/people/${t.demo.people.citizen}/notices`, authed(operator));
    const body = (await list.json()) as Notices;
    expect(list.status).toBe(200);
    const byCode = Object.fromEntries(body.items.map((i) => [i.communicationCode, i]));
    expect(byCode.API1A).toMatchObject({ effect: 'rectified', supersededBy: 'API3R', employer: { name: 'Officine Fiorentine S.r.l.' } });
    expect(byCode.API3R).toMatchObject({ effect: 'effective', annualPay: 15000 });
    expect(byCode.API4C).toMatchObject({ effect: 'effective', eventType: 'CES' });
    expect(body.note).toMatch(/RETTIFICA/);
    const pisa = await login(t.baseUrl, 'operatore.pisa');
    expect((await fetch(`${t.baseUrl}/api/v1/people/${t.demo.people.citizen}/notices`, authed(pisa))).status).toBe(404);

    const citizen = await login(t.baseUrl, 'cittadino');
    const mine = (await (await fetch(`${t.baseUrl}/api/v1/me/notices`, authed(citizen))).json()) as Notices;
    expect(mine.items.map((i) => i.communicationCode).sort()).toEqual(['API1A', 'API3R', 'API4C']);
    // The read is in the trail the citizen sees.
    const consultations = (await (await fetch(`${t.baseUrl}/api/v1/me/consultations`, authed(citizen))).json()) as { items: { fields: string[] }[] };
    expect(consultations.items.some((c) => c.fields.includes('employmentNotices'))).toBe(true);
  });
});
