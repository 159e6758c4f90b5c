import { beforeAll, describe, expect, it } from 'vitest';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import type { TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

/**
 * Employment notices through the real web app and server: the agency administrator uploads a small UNILAV CSV with
 * one bad row and sees the rejection with its line; an operator opens the person's case file and sees the notice and
 * the employment status it changed, with its legal basis.
 */
describe.runIf(browserAvailable())('employment notices: upload and case file (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  let personId = '';

  beforeAll(() => {
    t = harness.app;
    personId = t.demo.people.p0 as string;
  });

  it('the administrator uploads a CSV with one bad row and sees the rejection with its line', async () => {
    const { tax_code } = await t.database.db.selectFrom('people').select('tax_code').where('id', '=', personId).executeTakeFirstOrThrow();
    const csv = noticesCsv([
      noticeRecord({
        codice_comunicazione: 'E2E0000001',
        cf_lavoratore: tax_code,
        data_inizio: '2024-02-01',
        data_fine: '2024-04-30',
        data_invio: '2024-01-31',
        retribuzione_annua_lorda: '16000',
      }),
      noticeRecord({ codice_comunicazione: 'E2E0000002', cf_lavoratore: tax_code, tipo_evento: 'CES', data_inizio: '2024-02-01' }),
    ]);
    const admin = await pageAs('admin.arti');
    await admin.goto(`${t.baseUrl}/regione`);
    await settled(admin);
    await admin.getByRole('link', { name: 'Comunicazioni obbligatorie' }).first().click();
    await admin.waitForURL((url) => url.pathname === '/regione/comunicazioni');
    await settled(admin);
    // Submitting without a file keeps the user on the form with a message on the field.
    await admin.getByTestId('notices-submit').click();
    await expect.poll(() => admin.getByText('Scegliete un file CSV da importare.').count()).toBe(1);
    await admin.getByTestId('notices-file').setInputFiles({ name: 'unilav-febbraio.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByTestId('notices-submit').click();
    const result = admin.getByTestId('notices-result');
    await result.waitFor();
    expect(await admin.getByTestId('result-applied').textContent()).toBe('1');
    expect(await admin.getByTestId('result-rejectedCount').textContent()).toBe('1');
    const rejected = admin.getByTestId('notices-rejections');
    expect(await rejected.locator('tbody tr th').textContent()).toBe('3');
    expect(await rejected.locator('tbody tr td').textContent()).toBe('data_cessazione mancante');
    await expectAccessible(admin, 'caricamento comunicazioni');
    await shoot(admin, 'notices-upload');
  });

  it('an operator sees the notice in the case file and the status it changed, with its legal basis', async () => {
    const operator = await pageAs('operatore.firenze');
    await operator.goto(`${t.baseUrl}/operatore/persone/${personId}`);
    await settled(operator);
    const section = operator.getByTestId('notices-section');
    const row = section.locator('tr[data-code="E2E0000001"]');
    await row.waitFor();
    expect(await row.getAttribute('data-effect')).toBe('effective');
    expect(await row.textContent()).toMatch(/Assunzione.*Officine Fiorentine S\.r\.l\..*01\/02\/2024.*30\/04\/2024.*A\.02\.00.*16\.000,00.*Efficace/s);
    // The demo notices of the same person are listed too.
    expect(await section.locator('tr[data-effect="effective"]').count()).toBeGreaterThan(1);

    // The status on a day of that job: suspended, with the rule and its legal basis.
    const status = operator.getByTestId('employment-status');
    await status.getByLabel(/data/i).first().fill('2024-03-01');
    await status.getByRole('button', { name: /mostra/i }).click();
    await settled(operator);
    await expect.poll(() => operator.getByTestId('status-current').getAttribute('data-state')).toBe('suspended');
    expect(await operator.getByTestId('status-legal-basis').textContent()).toMatch(/Art\. 19 c\.3 D\.lgs 150\/2015/);
    expect(await operator.getByTestId('status-periods').textContent()).toMatch(/comunicazione obbligatoria/);
    await expectAccessible(operator, 'scheda con comunicazioni');
    await shoot(operator, 'notices-case-file');
    await shoot(section, 'notices-section');
  });
});
