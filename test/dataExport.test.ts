import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import { registerExportSection } from '../src/modules/people/records/exportSections.ts';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { pdfText } from './dataExportPdf.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

interface Export {
  format: string;
  subject: { personId: string; givenName: string; familyName: string };
  sections: { key: string; title: string; data: unknown }[];
}

describe.each(testEngines())('own data download (JSON and PDF) and merge list on %s', (engine) => {
  let t: TestApp;
  let citizen: Session;
  let operator: Session;
  let pisa: Session;
  let specialist: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    citizen = await login(t.baseUrl, 'cittadino');
    operator = await login(t.baseUrl, 'operatore.firenze');
    pisa = await login(t.baseUrl, 'operatore.pisa');
    specialist = await login(t.baseUrl, 'collocamento.mirato');
    // Accented Italian letters, and a letter the standard PDF fonts do not have.
    await t.database.db
      .updateTable('people')
      .set({ residence_address: 'Via Niccolò Tommaseo 5, località Città', domicile_address: 'ul. Łódź 3' })
      .where('id', '=', t.demo.people.citizen as string)
      .execute();
  });
  afterAll(() => t.close());

  it('JSON: every section of the citizen’s data, as a download, audited as an export', async () => {
    const r = await fetch(`${t.baseUrl}/api/v1/me/data-export`, authed(citizen));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="ponte-miei-dati-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await r.json()) as Export;
    expect(body.format).toBe('ponte-data-export');
    expect(body.subject).toMatchObject({ personId: t.demo.people.citizen, givenName: 'Mario', familyName: 'Rossi' });
    const keys = body.sections.map((s) => s.key);
    expect(keys.slice(0, 8)).toEqual([
      'person',
      'contacts',
      'consents',
      'availabilityDeclarations',
      'employmentStatus',
      'consultations',
      'profiling',
      'professionalProfile',
    ]);
    // biome-ignore lint/suspicious/noExplicitAny: JSON sections of different shapes, checked field by field below
    const section = (key: string) => body.sections.find((s) => s.key === key)?.data as any;
    expect(section('person')).toMatchObject({ givenName: 'Mario', familyName: 'Rossi', birthDate: '1985-04-12' });
    expect((section('person').residence as { address: string }).address).toBe('Via Niccolò Tommaseo 5, località Città');
    expect(section('availabilityDeclarations').length).toBeGreaterThan(0);
    const periods = section('employmentStatus') as { legalBasis: string }[];
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((p) => p.legalBasis.length > 0)).toBe(true);
    expect((section('profiling') as { official: { profilingClass: string } }).official.profilingClass).toBeTruthy();
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'purpose', 'fields'])
      .where('action', '=', 'export')
      .where('actor_role', '=', 'citizen')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.purpose).toMatch(/JSON/);
    expect(audit[0]?.fields).toContain('employmentStatus');
  });

  it('staff consultations appear in the download; the citizen’s own download does not', async () => {
    await fetch(`${t.baseUrl}/api/v1/people/${t.demo.people.citizen}`, authed(operator));
    const body = (await (await fetch(`${t.baseUrl}/api/v1/me/data-export`, authed(citizen))).json()) as Export;
    const consultations = body.sections.find((s) => s.key === 'consultations')?.data as { who: string; action: string }[];
    expect(consultations.some((c) => c.who.includes('Giulia Neri') && c.action === 'read')).toBe(true);
    expect(consultations.some((c) => c.action === 'export')).toBe(false);
  });

  it('PDF: a readable document with the name, the accents and the same sections; audited', async () => {
    const r = await fetch(`${t.baseUrl}/api/v1/me/data-export/pdf`, authed(citizen));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Dati personali di Mario Rossi');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const text = pdfText(bytes);
    expect(text).toContain('Mario Rossi');
    expect(text).toContain('Via Niccolò Tommaseo 5, località Città');
    expect(text).toContain('ul. Lódz 3');
    for (const title of [
      'Dati anagrafici',
      'Recapiti',
      'Dichiarazioni di immediata disponibilità (DID)',
      'Stato occupazionale: periodi e basi giuridiche',
      'Profilazione',
    ])
      expect(text).toContain(title);
    expect(text).toMatch(/art\. 19|D\.lgs/);
    expect(text).toContain('Stima locale (orientativa, non decide)');
    const audit = await t.database.db.selectFrom('audit_entries').select('purpose').where('action', '=', 'export').execute();
    expect(audit.some((a) => /PDF/.test(a.purpose ?? ''))).toBe(true);
  });

  it('other modules add their sections through the registry, and both formats carry them', async () => {
    registerExportSection({
      key: 'testNotices',
      title: 'Comunicazioni di prova',
      order: 90,
      labels: { code: 'Codice comunicazione' },
      load: async () => [{ code: 'PROVA-0001' }],
    });
    const body = (await (await fetch(`${t.baseUrl}/api/v1/me/data-export`, authed(citizen))).json()) as Export;
    expect(body.sections.find((s) => s.key === 'testNotices')?.data).toEqual([{ code: 'PROVA-0001' }]);
    const pdf = new Uint8Array(await (await fetch(`${t.baseUrl}/api/v1/me/data-export/pdf`, authed(citizen))).arrayBuffer());
    expect(pdfText(pdf)).toContain('Codice comunicazione: PROVA-0001');
  });

  it('the employment notices of the person are in the download', async () => {
    const admin = await login(t.baseUrl, 'admin.arti');
    const { tax_code } = await t.database.db
      .selectFrom('people')
      .select('tax_code')
      .where('id', '=', t.demo.people.citizen as string)
      .executeTakeFirstOrThrow();
    const upload = await fetch(
      `${t.baseUrl}/api/v1/notice-imports`,
      authed(admin, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: noticesCsv([noticeRecord({ codice_comunicazione: 'EXPORT0001', cf_lavoratore: tax_code, data_inizio: '2024-02-01', data_fine: '2024-03-31' })]),
      }),
    );
    expect(upload.status, await upload.clone().text()).toBe(200);
    const body = (await (await fetch(`${t.baseUrl}/api/v1/me/data-export`, authed(citizen))).json()) as Export;
    const notices = body.sections.find((s) => s.key === 'notices');
    expect(notices?.title).toBe('Comunicazioni obbligatorie (UNILAV)');
    expect(notices?.data).toEqual([expect.objectContaining({ communicationCode: 'EXPORT0001', eventType: 'AVV', jobStart: '2024-02-01' })]);
  });

  it('only the citizen may download, and only their own data', async () => {
    expect((await fetch(`${t.baseUrl}/api/v1/me/data-export`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/v1/me/data-export`, authed(operator))).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/v1/me/data-export/pdf`, authed(operator))).status).toBe(403);
  });

  it('the merges of a person are listed for caseworkers of their job centre, with the reversal', async () => {
    const post = (path: string, body: unknown) => fetch(`${t.baseUrl}${path}`, authed(operator, { method: 'POST', body: JSON.stringify(body) }));
    const who = { givenName: 'Sara', familyName: 'Doppia', sex: 'F' as const, birthDate: '1990-09-01', birthplaceCode: 'D612' };
    const register = async (taxCode: string) => {
      const response = await post('/api/v1/people', {
        ...who,
        taxCode,
        residence: { municipalityIstatCode: '048017', address: 'Via Maggio 2' },
        privacyNoticeGiven: true,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const duplicate = await register('12345678903');
    const survivor = await register(computeTaxCode(who));
    const list = async (id: string, s = operator) => fetch(`${t.baseUrl}/api/v1/people/${id}/merges`, authed(s));
    expect(((await (await list(survivor)).json()) as { items: unknown[] }).items).toEqual([]);
    const merged = (await (
      await post('/api/v1/people/merges', { survivorId: survivor, duplicateId: duplicate, reason: 'Codice provvisorio sostituito' })
    ).json()) as {
      mergeId: string;
    };
    const items = ((await (await list(survivor)).json()) as { items: Record<string, unknown>[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      mergeId: merged.mergeId,
      role: 'survivor',
      survivor: { id: survivor, familyName: 'Doppia' },
      merged: { id: duplicate, taxCode: '12345678903' },
      reason: 'Codice provvisorio sostituito',
      mergedBy: 'Giulia Neri',
      revertedAt: null,
    });
    expect(((await (await list(duplicate)).json()) as { items: { role: string }[] }).items[0]?.role).toBe('merged');
    expect((await post(`/api/v1/people/merges/${merged.mergeId}/reversal`, { reason: 'Unione errata' })).status).toBe(200);
    const after = ((await (await list(survivor)).json()) as { items: Record<string, unknown>[] }).items[0];
    expect(after).toMatchObject({ revertReason: 'Unione errata', revertedBy: 'Giulia Neri' });
    expect(after?.revertedAt).toBeTruthy();
    expect((await list(survivor, pisa)).status).toBe(404);
    expect((await list(survivor, specialist)).status).toBe(403);
  });
});
