import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, login, type TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

interface ApiSite {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
  version: number;
}

/**
 * The manager of a job centre manages it from the web app: staff, figures, and the sites' details with
 * optimistic concurrency (a 409 when someone else saved first). Other roles see none of it.
 */
describe.runIf(browserAvailable())('job-centre management (Chromium)', () => {
  const harness = browserHarness();
  const { settled, shoot } = harness;
  let t: TestApp;
  let florenceId: string;
  let pisaId: string;
  let deskId: string;

  beforeAll(async () => {
    t = harness.app;
    florenceId = t.demo.jobCentres.a.id;
    pisaId = t.demo.jobCentres.b.id;
    const desk = (await siteNow()).find((s) => s.kind === 'desk');
    if (!desk) throw new Error('il CPI dimostrativo di Firenze non ha uno sportello');
    deskId = desk.id;
  });
  /** The Florence sites as the API has them now (read as the agency administrator). */
  async function siteNow(): Promise<ApiSite[]> {
    const admin = await login(t.baseUrl, 'admin.arti');
    const res = await fetch(`${t.baseUrl}/api/v1/job-centres/${florenceId}`, authed(admin));
    return ((await res.json()) as { sites: ApiSite[] }).sites;
  }
  async function desk(): Promise<ApiSite> {
    const s = (await siteNow()).find((x) => x.id === deskId);
    if (!s) throw new Error('sportello scomparso');
    return s;
  }

  /** Someone else (the agency administrator) saves the desk first, with the version they just read. */
  async function adminChangesDesk(changes: Partial<ApiSite>): Promise<number> {
    const admin = await login(t.baseUrl, 'admin.arti');
    const current = await desk();
    const res = await fetch(
      `${t.baseUrl}/api/v1/sites/${deskId}`,
      authed(admin, { method: 'PATCH', body: JSON.stringify({ version: current.version, ...changes }) }),
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { version: number }).version;
  }

  /** Logged-in page; every API path requested is recorded. */
  async function pageAs(username: string): Promise<{ page: Page; requested: string[] }> {
    const requested: string[] = [];
    const page = await harness.pageAs(username, (p) =>
      p.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) requested.push(`${r.method()} ${url.pathname}`);
      }),
    );
    return { page, requested };
  }

  /** A close-up of the desk's card (form, alerts), besides the full page. */
  async function shootCard(page: Page, name: string): Promise<void> {
    await shoot(deskCard(page), `${name}-scheda`);
  }

  const deskCard = (page: Page): Locator => page.locator(`[data-testid="site-card"][data-site-id="${deskId}"]`);

  async function openForm(page: Page): Promise<Locator> {
    const card = deskCard(page);
    await card.getByRole('button', { name: /^(modifica|edit)\b/i }).click();
    const form = card.getByTestId('site-edit-form');
    await expect.poll(() => form.count()).toBe(1);
    return form;
  }

  it('manager: from the back office to their centre; staff and figures; edits a site; a 409 then keeping their edits; a 400 keeps what was typed', async () => {
    const { page } = await pageAs('responsabile.firenze');
    expect(new URL(page.url()).pathname).toBe('/operatore');
    await settled(page);
    // The back-office home links to the manager's centre.
    await page.getByTestId('job-centres-table').getByRole('link', { name: t.demo.jobCentres.a.name }).click();
    await page.waitForURL((url) => url.pathname === `/cpi/${florenceId}`);
    await settled(page);

    // Staff, with role labels.
    const staff = page.getByTestId('job-centre-staff');
    await expect.poll(() => staff.count()).toBe(1);
    const staffText = await staff.textContent();
    expect(staffText).toContain('Giulia Neri');
    expect(staffText).toContain('Operatore CPI');
    expect(staffText).toContain('Paolo Sarti');
    expect(staffText).toContain('Responsabile CPI');

    // Figures: five bars, and the same numbers as the API in the chart's accessible name and text.
    const manager = await login(t.baseUrl, 'responsabile.firenze');
    const figures = (await (await fetch(`${t.baseUrl}/api/v1/job-centres/${florenceId}/figures`, authed(manager))).json()) as Record<string, number>;
    const chart = page.getByTestId('job-centre-figures-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('rect').count()).toBe(5);
    const chartName = (await chart.getAttribute('aria-label')) ?? '';
    for (const key of ['people', 'employers', 'sites', 'staff', 'municipalities']) {
      expect(await chart.locator(`[data-figure="${key}"]`).getAttribute('data-value')).toBe(String(figures[key]));
    }
    expect(chartName).toContain(`Persone iscritte ${figures.people}`);
    expect(chartName).toContain(`Comuni di competenza ${figures.municipalities}`);
    await expectAccessible(page, 'responsabile: pagina del CPI');
    await shoot(page, 'gestione-cpi-responsabile');

    // 1. An ordinary edit: the phone.
    let form = await openForm(page);
    await expectAccessible(page, 'responsabile: modulo sede');
    await shoot(page, 'gestione-cpi-modulo');
    await shootCard(page, 'gestione-cpi-modulo');
    await form.getByLabel(/telefono/i).fill('055 1234567');
    await form.getByRole('button', { name: /salva le modifiche/i }).click();
    await expect.poll(() => deskCard(page).getByTestId('site-saved').count()).toBe(1);
    expect(await deskCard(page).getByTestId('site-saved').textContent()).toMatch(/salvati.*telefono/is);
    await expect.poll(() => deskCard(page).locator('dd[data-field="phone"]').textContent()).toBe('055 1234567');
    expect((await desk()).phone).toBe('055 1234567');
    await settled(page);
    await expectAccessible(page, 'responsabile: sede salvata');
    await shoot(page, 'gestione-cpi-salvata');

    // 2. Someone else saves first: the manager's form still holds the version it loaded.
    form = await openForm(page);
    const loadedVersion = (await desk()).version;
    const otherVersion = await adminChangesDesk({ phone: '055 7654321' });
    expect(otherVersion).toBe(loadedVersion + 1);
    const hours = form.getByLabel(/orari di apertura/i);
    await hours.fill('lun–ven 8:30–13:00');
    await form.getByRole('button', { name: /salva le modifiche/i }).click();
    const conflict = form.getByTestId('site-conflict');
    await expect.poll(() => conflict.count()).toBe(1);
    const conflictText = (await conflict.textContent()) ?? '';
    expect(conflictText).toContain("Questa sede è stata modificata da un'altra persona mentre la stavate modificando");
    expect(conflictText).toContain(`versione attuale ${otherVersion}`);
    expect(conflictText).toMatch(/Campi cambiati: telefono/);
    expect(conflictText).toMatch(/andranno perse/);
    expect(await hours.inputValue()).toBe('lun–ven 8:30–13:00');
    await expectAccessible(page, 'responsabile: conflitto di versione');
    await shoot(page, 'gestione-cpi-conflitto');
    await shootCard(page, 'gestione-cpi-conflitto');

    await conflict.getByRole('button', { name: /mantieni le mie modifiche/i }).click();
    expect(await form.getByTestId('site-conflict').count()).toBe(0);
    expect(await hours.inputValue()).toBe('lun–ven 8:30–13:00');
    await shootCard(page, 'gestione-cpi-mantenute');
    await form.getByRole('button', { name: /salva le modifiche/i }).click();
    await expect.poll(() => deskCard(page).getByTestId('site-saved').count()).toBe(1);
    await settled(page);
    const afterKeep = await desk();
    expect(afterKeep.openingHours).toBe('lun–ven 8:30–13:00');
    expect(afterKeep.phone).toBe('055 7654321'); // only the manager's field was sent: the other change survives
    expect(await deskCard(page).locator('dd[data-field="openingHours"]').textContent()).toBe('lun–ven 8:30–13:00');
    expect(await deskCard(page).locator('dd[data-field="phone"]').textContent()).toBe('055 7654321');

    // 3. A 400: the error next to the field, what was typed kept.
    form = await openForm(page);
    const email = form.getByLabel(/^email/i);
    await email.fill('non-una-email');
    await form.getByRole('button', { name: /salva le modifiche/i }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/email non valido/i);
    expect(await email.inputValue()).toBe('non-una-email');
    expect(await form.getByTestId('site-save-error').count()).toBe(1);
    expect((await desk()).email).toBeNull();
    await expectAccessible(page, 'responsabile: errore di validazione');
    await shoot(page, 'gestione-cpi-errore-campo');
    await shootCard(page, 'gestione-cpi-errore-campo');

    // 4. Another conflict, this time reloading: the typed edits go, the other person's data comes in.
    await email.fill('');
    const address = form.getByLabel(/indirizzo/i);
    await address.fill('Via Nuova 2');
    await adminChangesDesk({ email: 'sportello.firenze@example.it' });
    await form.getByRole('button', { name: /salva le modifiche/i }).click();
    await expect.poll(() => form.getByTestId('site-conflict').count()).toBe(1);
    expect(await form.getByTestId('site-conflict').textContent()).toMatch(/Campi cambiati: email/);
    await form.getByRole('button', { name: /ricarica i dati aggiornati/i }).click();
    await expect.poll(() => form.getByTestId('site-edit-notice').count()).toBe(1);
    expect(await email.inputValue()).toBe('sportello.firenze@example.it');
    expect(await address.inputValue()).toBe('Piazza del Comune 1');
    await expectAccessible(page, 'responsabile: dati ricaricati');
    await shootCard(page, 'gestione-cpi-ricaricata');
    await form.getByRole('button', { name: /annulla/i }).click();
    await settled(page);
    expect(await deskCard(page).locator('dd[data-field="email"]').textContent()).toBe('sportello.firenze@example.it');
  });

  it('operator of the same centre: the sites and the territory, no staff, no figures, no editing (and no calls for them)', async () => {
    const { page, requested } = await pageAs('operatore.firenze');
    await page.goto(`${t.baseUrl}/cpi/${florenceId}`);
    await settled(page);
    await expect.poll(() => page.getByTestId('site-card').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('job-centre-municipalities').count()).toBe(1);
    expect(await page.getByTestId('job-centre-staff').count()).toBe(0);
    expect(await page.getByTestId('job-centre-figures').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /personale|dati di sintesi/i }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /modifica/i }).count()).toBe(0);
    expect(requested.filter((r) => /\/(staff|figures)$/.test(r))).toEqual([]);
    await expectAccessible(page, 'operatore: pagina del CPI');
    await shoot(page, 'gestione-cpi-operatore');
  });

  it('manager of another centre: the Florence page is not available to them; their own is', async () => {
    const { page, requested } = await pageAs('responsabile.pisa');
    await page.goto(`${t.baseUrl}/cpi/${florenceId}`);
    await settled(page);
    await expect.poll(() => page.getByTestId('job-centre-unavailable').count()).toBe(1);
    expect(await page.getByTestId('job-centre-unavailable').textContent()).toMatch(/non disponibile/i);
    expect(await page.getByTestId('site-card').count()).toBe(0);
    expect(await page.getByTestId('job-centre-staff').count()).toBe(0);
    expect(await page.getByRole('button', { name: /riprova/i }).count()).toBe(0);
    expect(requested.filter((r) => /\/(staff|figures)$/.test(r))).toEqual([]);
    await expectAccessible(page, 'responsabile Pisa: CPI di Firenze');
    await shoot(page, 'gestione-cpi-altro-centro');

    await page.goto(`${t.baseUrl}/cpi/${pisaId}`);
    await settled(page);
    await expect.poll(() => page.getByTestId('job-centre-staff').count()).toBe(1);
    expect(await page.getByTestId('job-centre-staff').textContent()).toContain('Marco Baldi');
    expect(await page.getByTestId('job-centre-staff').textContent()).not.toContain('Giulia Neri');
  });

  it('agency administrator: any centre, with staff, figures and editing; in English too', async () => {
    const { page } = await pageAs('admin.arti');
    await page.goto(`${t.baseUrl}/cpi/${florenceId}`);
    await settled(page);
    await expect.poll(() => page.getByTestId('job-centre-staff').count()).toBe(1);
    expect(await page.getByTestId('job-centre-figures-chart').count()).toBe(1);
    expect(
      await page
        .getByTestId('site-card')
        .getByRole('button', { name: /^modifica/i })
        .count(),
    ).toBeGreaterThan(0);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByRole('heading', { name: 'Key figures' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Staff' }).count()).toBe(1);
    expect(await page.getByTestId('job-centre-staff').textContent()).toContain('Job-centre operator');
    await openForm(page);
    await expectAccessible(page, 'admin: CPI in inglese con modulo');
    await shoot(page, 'gestione-cpi-admin-en');
    await shootCard(page, 'gestione-cpi-admin-en');

    // Narrow screen: the chart scales down, the form stacks.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'admin: CPI su schermo stretto');
    await shoot(page, 'gestione-cpi-mobile');
  });
});
