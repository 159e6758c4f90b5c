import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { pdfText } from '../test/dataExportPdf.ts';
import { authed, login, type TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

/**
 * Profiling in the case file (official class from the national system, local estimate with each factor's contribution)
 * and the citizen's own-data download (JSON and PDF), through the real web app and server.
 */
describe.runIf(browserAvailable())('profiling and own-data download (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;

  beforeAll(() => {
    t = harness.app;
  });

  it('an operator sees the official class and date, and the estimate with each factor’s contribution (chart and table)', async () => {
    const operator = await pageAs('operatore.firenze');
    await operator.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.citizen}`);
    await settled(operator);
    const section = operator.getByTestId('profiling-section');
    await expect.poll(() => section.count()).toBe(1);
    expect(await operator.getByTestId('profiling-official-class').textContent()).toMatch(/^(bassa|medio-bassa|medio-alta|alta)$/);
    expect(await operator.getByTestId('profiling-official-date').textContent()).toMatch(/^01\/\d{2}\/\d{4}$/);
    expect(await operator.getByTestId('profiling-history').count()).toBe(1);
    expect(await operator.getByTestId('profiling-estimate-heading').textContent()).toBe('Stima locale — orientativa, non decide');
    const table = operator.getByTestId('profiling-contributions');
    const text = (await table.textContent()) ?? '';
    for (const factor of ['Durata della disoccupazione', 'Titolo di studio più alto (livello EQF)', 'Esperienza di lavoro', 'Fascia d’età'])
      expect(text).toContain(factor);
    expect(await operator.getByTestId('profiling-bars').locator('[data-factor]').count()).toBe(4);
    expect(await operator.getByTestId('profiling-bars').getAttribute('aria-hidden')).toBe('true');
    expect(await section.textContent()).toMatch(/non decide/);
    await expectAccessible(operator, 'profilazione: scheda con indice ufficiale');
    await shoot(section, 'profilazione-scheda');
  });

  it('for a person with nothing received yet, the operator refreshes from the national system and sees the result', async () => {
    const session = await login(t.baseUrl, 'operatore.firenze');
    const who = { givenName: 'Elisa', familyName: 'Nuovaprofilata', sex: 'F' as const, birthDate: '1990-05-20', birthplaceCode: 'D612' };
    const response = await fetch(
      `${t.baseUrl}/api/v1/people`,
      authed(session, {
        method: 'POST',
        body: JSON.stringify({
          ...who,
          taxCode: computeTaxCode(who),
          residence: { municipalityIstatCode: '048017', address: 'Via Pietrapiana 3' },
          privacyNoticeGiven: true,
        }),
      }),
    );
    const { id } = (await response.json()) as { id: string };
    const operator = await pageAs('operatore.firenze');
    await operator.goto(`${t.baseUrl}/operatore/persone/${id}`);
    await settled(operator);
    await expect.poll(() => operator.getByTestId('profiling-not-received').count()).toBe(1);
    await operator.getByTestId('profiling-refresh').click();
    await expect.poll(() => operator.getByTestId('profiling-refresh-outcome').textContent()).toMatch(/aggiornata/);
    await expect.poll(() => operator.getByTestId('profiling-official-class').count()).toBe(1);
    expect(await operator.getByTestId('profiling-not-received').count()).toBe(0);
    await expectAccessible(operator, 'profilazione: dopo l’aggiornamento');
  });

  it('a specialist reads the profiling but has no refresh button', async () => {
    const specialist = await pageAs('collocamento.mirato');
    await specialist.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.citizen}`);
    await settled(specialist);
    await expect.poll(() => specialist.getByTestId('profiling-official-class').count()).toBe(1);
    expect(await specialist.getByTestId('profiling-refresh').count()).toBe(0);
    expect(await specialist.getByTestId('merge-section').count()).toBe(0);
  });

  it('the citizen downloads their data as JSON and as PDF', async () => {
    const citizen = await pageAs('cittadino');
    await citizen.goto(`${t.baseUrl}/cittadino`);
    await settled(citizen);
    const card = citizen.getByTestId('my-data-download');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toMatch(/art\. 15/);
    await expectAccessible(citizen, 'area personale: scarica i miei dati');

    const [jsonDownload] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('my-data-json').click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^ponte-miei-dati-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(readFileSync((await jsonDownload.path()) as string, 'utf8')) as { subject: { familyName: string }; sections: { key: string }[] };
    expect(json.subject.familyName).toBe('Rossi');
    expect(json.sections.map((s) => s.key)).toContain('employmentStatus');

    const [pdfDownload] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('my-data-pdf').click()]);
    expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = new Uint8Array(readFileSync((await pdfDownload.path()) as string));
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    expect((await PDFDocument.load(bytes)).getTitle()).toBe('Dati personali di Mario Rossi');
    expect(pdfText(bytes)).toContain('Mario Rossi');
    expect(pdfText(bytes)).toContain('Stato occupazionale: periodi e basi giuridiche');
  });
});
