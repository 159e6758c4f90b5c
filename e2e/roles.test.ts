import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

/**
 * Every demo role logs in through the real web app served by the real server, lands on its page,
 * sees what it may and not what it may not, and every page passes axe with its data loaded.
 */
describe.runIf(browserAvailable())('web app by role (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  let names: Record<string, string>;

  beforeAll(async () => {
    t = harness.app;
    const rows = await t.database.db.selectFrom('people').select(['id', 'family_name', 'given_name']).execute();
    names = Object.fromEntries(
      Object.entries(t.demo.people).map(([key, id]) => {
        const row = rows.find((r) => r.id === id);
        return [key, `${row?.given_name} ${row?.family_name}`];
      }),
    );
  });

  it('operator: own job centre only, finds people of their centre, not the protected one nor other centres', async () => {
    const page = await pageAs('operatore.firenze');
    expect(new URL(page.url()).pathname).toBe('/operatore');
    await settled(page);
    const table = page.getByTestId('job-centres-table');
    await expect.poll(() => table.textContent()).toContain(t.demo.jobCentres.a.name);
    expect(await table.textContent()).not.toContain(t.demo.jobCentres.b.name);
    await expectAccessible(page, 'operatore: home');
    await shoot(page, 'operatore-home');

    const search = page
      .getByRole('searchbox')
      .or(page.getByLabel(/nome, cognome o codice fiscale/i))
      .first();
    await search.fill(names.citizen?.split(' ')[1] ?? 'Rossi');
    await page.getByRole('button', { name: /^cerca$/i }).click();
    await expect.poll(() => page.getByTestId('people-results').textContent()).toContain(names.citizen);
    await expectAccessible(page, 'operatore: risultati ricerca');
    expect(page.url()).not.toMatch(/[A-Z]{6}\d{2}/); // no tax code in the address bar

    await search.fill(names.protected?.split(' ').slice(1).join(' ') ?? '');
    await page.getByRole('button', { name: /^cerca$/i }).click();
    await settled(page);
    expect(await page.locator('body').textContent()).not.toContain(names.protected);

    await search.fill(names.assigned?.split(' ').slice(1).join(' ') ?? '');
    await page.getByRole('button', { name: /^cerca$/i }).click();
    await settled(page);
    expect(await page.getByTestId('people-results-summary').textContent()).toBeTruthy();
    expect(await page.locator('main').textContent()).not.toContain(names.assigned);

    await page.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.citizen}`);
    await settled(page);
    await expect.poll(() => page.locator('main').textContent()).toContain(names.citizen);
    await expectAccessible(page, 'operatore: scheda persona');
    await shoot(page, 'operatore-scheda');

    await page.goto(`${t.baseUrl}/regione`);
    await settled(page);
    expect(await page.getByTestId('forbidden-page').count()).toBe(1);
    await page.goto(`${t.baseUrl}/audit`);
    await settled(page);
    expect(await page.getByTestId('forbidden-page').count()).toBe(1);
  });

  it('manager named on a protected person sees where they are; the agency administrator sees them without location', async () => {
    const manager = await pageAs('responsabile.firenze');
    await manager.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.protected}`);
    await settled(manager);
    await expect.poll(() => manager.locator('main').textContent()).toContain(names.protected);
    expect(await manager.getByTestId('reserved').count()).toBe(0);
    await expectAccessible(manager, 'responsabile: persona protetta');

    const admin = await pageAs('admin.arti');
    await admin.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.protected}`);
    await settled(admin);
    await expect.poll(() => admin.locator('main').textContent()).toContain(names.protected);
    expect(await admin.getByTestId('reserved').count()).toBeGreaterThan(0);
    expect(await admin.locator('main').textContent()).not.toContain('Struttura protetta');
    await shoot(admin, 'admin-persona-protetta');
  });

  it('agency administrator: region page by province with the map, and the audit trail', async () => {
    const page = await pageAs('admin.arti');
    expect(new URL(page.url()).pathname).toBe('/regione');
    await settled(page);
    await expect.poll(() => page.getByTestId('region-map').count()).toBe(1);
    expect(await page.locator('[data-testid="region-map"] circle, [data-testid="region-map"] rect, [data-testid="region-map"] path').count()).toBeGreaterThan(
      5,
    );
    const body = await page.locator('main').textContent();
    expect(body).toContain(t.demo.jobCentres.a.name);
    expect(body).toContain(t.demo.jobCentres.b.name);
    // Income limits in force, each with its source; years without a limit are reported, never inferred.
    await expect.poll(() => page.getByTestId('income-limits-table').count()).toBe(1);
    expect(await page.getByTestId('income-limits-table').textContent()).toContain('D.lgs 216/2023');
    await expectAccessible(page, 'admin: regione');
    await shoot(page, 'admin-regione');

    await page.getByTestId('region-audit-link').click();
    await settled(page);
    await expect.poll(() => page.getByTestId('audit-table').count()).toBe(1);
    await expectAccessible(page, 'admin: audit');
  });

  it('auditor: the trail with filters; no back office, no people', async () => {
    const page = await pageAs('revisore');
    expect(new URL(page.url()).pathname).toBe('/audit');
    await settled(page);
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'revisore: audit');
    await shoot(page, 'revisore-audit');
    await page.getByLabel(/azione/i).selectOption('login');
    await page
      .getByTestId('audit-filters')
      .getByRole('button', { name: /applica|filtra|cerca/i })
      .click();
    await settled(page);
    const actions = await page.getByTestId('audit-table').locator('tbody tr').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    await expectAccessible(page, 'revisore: audit filtrato');
    await page.goto(`${t.baseUrl}/operatore`);
    await settled(page);
    expect(await page.getByTestId('forbidden-page').count()).toBe(1);
  });

  it('citizen: own data and who consulted them; nothing of the back office', async () => {
    const page = await pageAs('cittadino');
    expect(new URL(page.url()).pathname).toBe('/cittadino');
    await settled(page);
    await expect.poll(() => page.locator('main').textContent()).toContain('Mario');
    await expect.poll(() => page.getByTestId('consultations-table').count()).toBe(1); // the operator opened this record earlier
    expect(await page.getByTestId('consultations-table').textContent()).toContain('Giulia Neri');
    await expectAccessible(page, 'cittadino: area personale');
    await shoot(page, 'cittadino-home');
    expect(await page.getByRole('link', { name: /back office/i }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/operatore`);
    await settled(page);
    expect(await page.getByTestId('forbidden-page').count()).toBe(1);
  });

  it('employer: own company only', async () => {
    const page = await pageAs('azienda');
    expect(new URL(page.url()).pathname).toBe('/azienda');
    await settled(page);
    await expect.poll(() => page.locator('main').textContent()).toContain('Officine Fiorentine');
    expect(await page.locator('main').textContent()).not.toContain('Cantieri Pisani');
    await expectAccessible(page, 'azienda: home');
    await shoot(page, 'azienda-home');
  });

  it.each(['operatore.pisa', 'responsabile.pisa', 'collocamento.mirato', 'ente.accreditato', 'assistente.sociale'])(
    '%s: back office of their scope, accessible',
    async (username) => {
      const page = await pageAs(username);
      expect(new URL(page.url()).pathname).toBe('/operatore');
      await settled(page);
      await expect.poll(() => page.getByTestId('job-centres-table').count()).toBe(1);
      if (username.endsWith('.pisa')) expect(await page.getByTestId('job-centres-table').textContent()).not.toContain(t.demo.jobCentres.a.name);
      await expectAccessible(page, `${username}: home`);
      await shoot(page, `${username}-home`);
    },
  );

  it('the login form keeps what was typed and explains the error in Italian; English switch works', async () => {
    const page = await harness.newPage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByLabel(/nome utente/i).fill('operatore.firenze');
    await page.getByLabel(/^password/i).fill('sbagliata');
    await page.getByRole('button', { name: /^accedi$/i }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/non corrett/i);
    expect(await page.getByLabel(/nome utente/i).inputValue()).toBe('operatore.firenze');
    await expectAccessible(page, 'login con errore');
    await shoot(page, 'login-errore');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/sign in|log in/i);
    await expectAccessible(page, 'login in English');
  });
});
