import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { authed, login, type TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

const FIRENZE = '048017';
const DID_DATE = '2024-01-08';

/** Three job seekers, each with a DID at the job centre on 8/1/2024 and one job from 1/3/2024 (2024 limit: 8,500 €). */
const PEOPLE = {
  shortAbove: { givenName: 'Beatrice', familyName: 'Ferrini', sex: 'F' as const, birthDate: '1990-05-20', birthplaceCode: 'D612' },
  withinLimit: { givenName: 'Tommaso', familyName: 'Ulivi', sex: 'M' as const, birthDate: '1988-11-02', birthplaceCode: 'D612' },
  longAbove: { givenName: 'Caterina', familyName: 'Lapini', sex: 'F' as const, birthDate: '1995-03-09', birthplaceCode: 'D612' },
};
type Key = keyof typeof PEOPLE;

/**
 * The employment-status rules of art. 19 D.lgs 150/2015 and ANPAL circ. 1/2019 driven by UNILAV notices, end to end:
 * the agency administrator uploads the notices in the browser, an operator reads each person's timeline with the rule
 * and the legal basis of every change.
 */
describe.runIf(browserAvailable())('employment status from UNILAV notices (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  const ids = {} as Record<Key, string>;
  const codes = Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, computeTaxCode(p)])) as Record<Key, string>;

  beforeAll(async () => {
    t = harness.app;
    // Registration and DID through the API (their own browser tests are in e2e/people.test.ts).
    const operator = await login(t.baseUrl, 'operatore.firenze');
    for (const [key, person] of Object.entries(PEOPLE) as [Key, (typeof PEOPLE)[Key]][]) {
      const body = { taxCode: codes[key], ...person, residence: { municipalityIstatCode: FIRENZE, address: 'Via dei Servi 1' }, privacyNoticeGiven: true };
      const response = await fetch(`${t.baseUrl}/api/v1/people`, authed(operator, { method: 'POST', body: JSON.stringify(body) }));
      expect(response.status, await response.clone().text()).toBe(201);
      ids[key] = ((await response.json()) as { id: string }).id;
      const did = await fetch(
        `${t.baseUrl}/api/v1/people/${ids[key]}/availability-declarations`,
        authed(operator, { method: 'POST', body: JSON.stringify({ declaredOn: DID_DATE }) }),
      );
      expect(did.status, await did.clone().text()).toBe(201);
    }
  });
  /** The rows of the status table: state, period text, reason and legal basis. */
  async function periods(page: Page) {
    const rows = page.getByTestId('status-periods').locator('tbody tr');
    await rows.first().waitFor();
    const out: { state: string | null; text: string }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({ state: await row.getAttribute('data-state'), text: (await row.textContent()) ?? '' });
    }
    return out;
  }

  async function openCaseFile(page: Page, key: Key) {
    await page.goto(`${t.baseUrl}/operatore/persone/${ids[key]}`);
    await settled(page);
    return periods(page);
  }

  it('the administrator uploads the notices of the three jobs in the browser', async () => {
    const csv = noticesCsv([
      // 1. Fixed-term, 3 months, above the limit; its termination arrives too.
      noticeRecord({
        codice_comunicazione: 'STATO00001',
        cf_lavoratore: codes.shortAbove,
        cognome_lavoratore: PEOPLE.shortAbove.familyName,
        nome_lavoratore: PEOPLE.shortAbove.givenName,
        data_invio: '2024-02-29',
        data_inizio: '2024-03-01',
        data_fine: '2024-05-31',
        tipologia_contrattuale: 'A.02.00',
        retribuzione_annua_lorda: '21000',
      }),
      noticeRecord({
        codice_comunicazione: 'STATO00002',
        tipo_evento: 'CES',
        cf_lavoratore: codes.shortAbove,
        cognome_lavoratore: PEOPLE.shortAbove.familyName,
        nome_lavoratore: PEOPLE.shortAbove.givenName,
        data_invio: '2024-06-03',
        data_inizio: '2024-03-01',
        data_cessazione: '2024-05-31',
      }),
      // 2. Part-time fixed-term within the limit.
      noticeRecord({
        codice_comunicazione: 'STATO00003',
        cf_lavoratore: codes.withinLimit,
        cognome_lavoratore: PEOPLE.withinLimit.familyName,
        nome_lavoratore: PEOPLE.withinLimit.givenName,
        data_invio: '2024-02-29',
        data_inizio: '2024-03-01',
        data_fine: '2024-12-31',
        tipologia_contrattuale: 'A.02.00',
        tipo_orario: 'P',
        retribuzione_annua_lorda: '6000',
      }),
      // 3. Open-ended, above the limit.
      noticeRecord({
        codice_comunicazione: 'STATO00004',
        cf_lavoratore: codes.longAbove,
        cognome_lavoratore: PEOPLE.longAbove.familyName,
        nome_lavoratore: PEOPLE.longAbove.givenName,
        data_invio: '2024-02-29',
        data_inizio: '2024-03-01',
        tipologia_contrattuale: 'A.01.00',
        retribuzione_annua_lorda: '28000',
      }),
    ]);
    const admin = await pageAs('admin.arti');
    await admin.goto(`${t.baseUrl}/regione/comunicazioni`);
    await settled(admin);
    await admin.getByTestId('notices-file').setInputFiles({ name: 'unilav-marzo-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByTestId('notices-submit').click();
    await admin.getByTestId('notices-result').waitFor();
    expect(await admin.getByTestId('result-applied').textContent()).toBe('4');
    expect(await admin.getByTestId('result-rejectedCount').textContent()).toBe('0');
  });

  it('a short hire above the income limit suspends the status; its termination restores it (art. 19 c.3)', async () => {
    const page = await pageAs('operatore.firenze');
    const rows = await openCaseFile(page, 'shortAbove');
    expect(rows.map((r) => r.state)).toEqual(['unemployed', 'suspended', 'unemployed']);
    const [first, suspended, restored] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(first.text).toContain('08/01/2024');
    expect(suspended.text).toMatch(/01\/03\/2024.*31\/05\/2024/s);
    expect(suspended.text).toContain('Art. 19 c.3 D.lgs 150/2015');
    expect(suspended.text).toMatch(/Limite di reddito applicato: 8\.?500/);
    expect(restored.text).toContain('01/06/2024');
    expect(restored.text).toContain('Art. 19 c.3 D.lgs 150/2015');
    await expectAccessible(page, 'stato: sospensione e ripresa');
    await shoot(page.getByTestId('employment-status'), 'stato-sospeso-ripreso');
  });

  it('a hire within the income limit keeps the status (art. 4 c.15-quater DL 4/2019)', async () => {
    const page = await pageAs('operatore.firenze');
    const rows = await openCaseFile(page, 'withinLimit');
    // Kept while the job lasts; the planned end (31/12/2024) closes the job and the person is unemployed again.
    expect(rows.map((r) => r.state)).toEqual(['unemployed', 'employed-keeping', 'unemployed']);
    const keeping = rows[1] as (typeof rows)[0];
    expect(keeping.text).toContain('01/03/2024');
    expect(keeping.text).toContain('Art. 4 c.15-quater DL 4/2019');
    expect(keeping.text).toMatch(/comunicazione obbligatoria/);
    await shoot(page.getByTestId('employment-status'), 'stato-conservato');
  });

  it('a long hire above the income limit suspends for 180 days, then ends the status (art. 19 c.3, ANPAL circ. 1/2019)', async () => {
    const page = await pageAs('operatore.firenze');
    const rows = await openCaseFile(page, 'longAbove');
    expect(rows.map((r) => r.state)).toEqual(['unemployed', 'suspended', 'lost']);
    const [, suspended, lost] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    // 1/3/2024 is day 1 of the suspension, 27/8/2024 day 180; from day 181 the status is lost.
    expect(suspended.text).toMatch(/01\/03\/2024.*27\/08\/2024/s);
    expect(lost.text).toContain('28/08/2024');
    expect(lost.text).toContain('ANPAL circ. n. 1 del 23/7/2019');
    expect(lost.text).toMatch(/art\. 19 c\.3 D\.lgs 150\/2015/i);
    await shoot(page.getByTestId('employment-status'), 'stato-perso');
  });
});
