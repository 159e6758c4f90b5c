import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTaxCode, omocodeVariant } from '../src/modules/people/taxCode.ts';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import type { TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

const LUCIA = { givenName: 'Lucia', familyName: 'Bartolini', sex: 'F' as const, birthDate: '1992-07-14', birthplaceCode: 'D612' };
const PIERACCINI = { givenName: 'Giovanni', familyName: 'Pieraccini', sex: 'M' as const, birthDate: '1970-02-03', birthplaceCode: 'G702' };

/** dd/mm/yyyy, as the Italian UI shows calendar dates. */
function italian(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

interface Identity {
  taxCode: string;
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
}

/**
 * People in the back office and the citizen area, through the real web app and server: an operator registers a
 * person (with the homonym, tax-code warning and duplicate flows), records and revokes a DID and sees the
 * employment status with its legal basis; the citizen sees their status history with the reasons.
 */
// Each scenario is many browser steps with axe checks and screenshots: on two cores shared with the other test files a
// step can take seconds, so a scenario gets three minutes (the polls inside still fail after 15 s).
describe.runIf(browserAvailable())('people: registration and employment status (Chromium)', { timeout: 180_000 }, () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  let operator: Page;
  let luciaId = '';
  const today = romeDateOf();
  const didDate = addDays(today, -4);
  const luciaCode = computeTaxCode(LUCIA);

  beforeAll(async () => {
    t = harness.app;
    operator = await pageAs('operatore.firenze');
  });

  async function openRegistration(page: Page): Promise<void> {
    await page.goto(`${t.baseUrl}/operatore`);
    await settled(page);
    await page.getByTestId('register-person-link').click();
    await page.waitForURL((url) => url.pathname === '/operatore/persone/nuova');
    // The URL changes before the page is drawn: until then the back-office home (whose search field's label also
    // contains "codice fiscale") is still on screen.
    await page.getByTestId('register-form').waitFor();
    await settled(page);
  }

  // bootstrap-italia draws radios and checkboxes on the label, over the native input: `force` lets the click land there.
  async function fillIdentity(page: Page, who: Identity, address = 'Via Ghibellina 12'): Promise<void> {
    await page.getByLabel('Codice fiscale', { exact: true }).fill(who.taxCode);
    await page.getByLabel('Cognome').fill(who.familyName);
    await page.getByLabel('Nome o nomi').fill(who.givenName);
    await page.getByLabel(who.sex === 'F' ? 'Femmina' : 'Maschio').check({ force: true });
    await page.getByLabel('Data di nascita').fill(who.birthDate);
    // The operator's territory has one province, chosen already; Firenze is in its list.
    await expect.poll(() => page.getByLabel('Provincia di residenza').inputValue()).toBe('FI');
    await expect.poll(() => page.getByLabel('Comune di residenza').locator('option[value="048017"]').count()).toBe(1);
    await page.getByLabel('Comune di residenza').selectOption('048017');
    await page.getByLabel('Indirizzo di residenza').fill(address);
    await page.getByLabel(/informativa sul trattamento/i).check({ force: true });
    // Late data (job centres, municipalities) must not have reset what was chosen.
    await expect.poll(() => page.getByLabel('Comune di residenza').inputValue()).toBe('048017');
    await expect.poll(() => page.getByLabel(/informativa sul trattamento/i).isChecked()).toBe(true);
  }

  /** Submits the registration form and waits for the server's answer (slow on a loaded CI machine). */
  async function submitRegistration(page: Page): Promise<void> {
    const submit = page.getByTestId('register-submit');
    await expect.poll(() => submit.isEnabled()).toBe(true);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people' && r.request().method() === 'POST', {
      timeout: 60_000,
    });
    answered.catch(() => {}); // awaited below, or superseded by the form's own errors
    await submit.click();
    // The form refuses to send what it finds incomplete: say what, rather than wait for a request that never comes.
    const refused = page.getByTestId('register-errors');
    const shown = refused.waitFor({ state: 'visible', timeout: 60_000 }).then(() => 'refused' as const);
    shown.catch(() => {}); // still waiting when the answer came first
    const outcome = await Promise.race([answered.then(() => 'answered' as const), shown]);
    if (outcome === 'refused') throw new Error(`Il modulo non è stato inviato: ${await refused.textContent()}`);
  }

  async function submitAndLand(page: Page): Promise<string> {
    await submitRegistration(page);
    await page.waitForURL((url) => /^\/operatore\/persone\/[0-9a-f-]{36}$/.test(url.pathname));
    await settled(page);
    await expect.poll(() => page.getByTestId('status-current').count()).toBe(1);
    return new URL(page.url()).pathname.split('/').pop() ?? '';
  }

  it('the form explains what is missing in Italian, next to the fields, and keeps what was typed', async () => {
    await openRegistration(operator);
    await expect.poll(() => operator.locator('#main-nav a[href="/operatore/persone/nuova"]').getAttribute('aria-current')).toBe('page');
    await expectAccessible(operator, 'registrazione: modulo vuoto');
    await operator.getByLabel('Codice fiscale', { exact: true }).fill('ABC');
    await operator.getByTestId('register-submit').click();
    const summary = operator.getByTestId('register-errors');
    await expect.poll(() => summary.count()).toBe(1);
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/16 caratteri/);
    expect(text).toMatch(/Inserisci il cognome/);
    expect(text).toMatch(/informativa/i);
    expect(await operator.getByLabel('Codice fiscale', { exact: true }).inputValue()).toBe('ABC');
    expect(await operator.getByLabel('Codice fiscale', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(operator, 'registrazione: errori');
    await shoot(operator, 'persone-registrazione-errori');
  });

  it('operator registers a new person and lands on their page: not registered, no declarations', async () => {
    await openRegistration(operator);
    await fillIdentity(operator, { taxCode: luciaCode, ...LUCIA });
    await operator.getByLabel('Email').fill('lucia.bartolini@example.org');
    await expectAccessible(operator, 'registrazione: modulo compilato');
    await shoot(operator, 'persone-registrazione-compilata');
    luciaId = await submitAndLand(operator);
    expect(await operator.getByTestId('registration-notice').textContent()).toMatch(/Persona registrata/);
    expect(await operator.getByTestId('homonym-notices').count()).toBe(0);
    await expect.poll(() => operator.getByTestId('person-detail').textContent()).toContain('Bartolini');
    expect(await operator.getByTestId('status-current').textContent()).toMatch(/non registrato/i);
    expect(await operator.getByTestId('declarations-empty').count()).toBe(1);
    await expectAccessible(operator, 'scheda: appena registrata');
    await shoot(operator, 'persone-scheda-registrata');
  });

  it('records a DID dated a few days ago: unemployed since that date, art. 19', async () => {
    await operator.getByTestId('did-open').click();
    await operator.getByLabel('Data della dichiarazione').fill(didDate);
    await expectAccessible(operator, 'scheda: modulo DID');
    await operator.getByTestId('did-submit').click();
    await expect.poll(() => operator.getByTestId('status-notice').count()).toBe(1);
    await settled(operator);
    const current = operator.getByTestId('status-current');
    await expect.poll(() => current.getAttribute('data-state')).toBe('unemployed');
    const text = (await current.textContent()) ?? '';
    expect(text).toMatch(/disoccupato/i);
    expect(text).toContain(`dal ${italian(didDate)}`);
    expect(await operator.getByTestId('status-legal-basis').textContent()).toMatch(/art\. 19/i);
    expect(await operator.getByTestId('status-days').textContent()).toBe('5');
    expect(await operator.getByTestId('status-periods').textContent()).toMatch(/dalla data della DID/);
    expect(await operator.getByTestId('status-bar').getAttribute('aria-label')).toMatch(/disoccupato/i);
    await expectAccessible(operator, 'scheda: DID registrata');
    await shoot(operator, 'persone-scheda-did');

    // A second DID while one is active: the server's explanation, in Italian.
    await operator.getByTestId('did-open').click();
    await operator.getByTestId('did-submit').click();
    await expect.poll(() => operator.getByTestId('did-error').count()).toBe(1);
    expect(await operator.getByTestId('did-error').textContent()).toMatch(/già attiva/i);
    await operator.getByTestId('did-form').getByRole('button', { name: 'Annulla' }).click();
  });

  it('revokes the DID with a reason: status lost; the date picker shows the status on a past day', async () => {
    await operator.getByTestId('revoke-open').click();
    await operator.getByLabel('Data della revoca').fill(today);
    await operator.getByLabel('Motivo della revoca').fill('Rinuncia della persona allo stato di disoccupazione');
    await expectAccessible(operator, 'scheda: modulo revoca');
    await operator.getByTestId('revoke-submit').click();
    await expect.poll(() => operator.getByTestId('status-notice').textContent()).toMatch(/revocata/i);
    await settled(operator);
    const current = operator.getByTestId('status-current');
    await expect.poll(() => current.getAttribute('data-state')).toBe('lost');
    expect(await current.textContent()).toMatch(/stato perso/i);
    expect(await operator.getByTestId('declarations').textContent()).toContain('Rinuncia della persona');
    const periods = (await operator.getByTestId('status-periods').textContent()) ?? '';
    expect(periods).toMatch(/Revoca della DID/);
    await expectAccessible(operator, 'scheda: DID revocata');
    await shoot(operator, 'persone-scheda-revoca');

    await operator.getByLabel('Stato alla data').fill(addDays(didDate, 1));
    await operator.getByRole('button', { name: 'Mostra lo stato' }).click();
    await settled(operator);
    await expect.poll(() => current.getAttribute('data-state')).toBe('unemployed');
    expect(await current.textContent()).toContain(`Stato al ${italian(addDays(didDate, 1))}`);
    await expectAccessible(operator, 'scheda: stato a una data passata');
    await shoot(operator, 'persone-scheda-data-passata');
  });

  it('an omocode variant is a different person, registered with a possible-homonym notice linking the other', async () => {
    await openRegistration(operator);
    await fillIdentity(operator, { taxCode: omocodeVariant(luciaCode, 1), ...LUCIA }, 'Via dei Serragli 5');
    const id = await submitAndLand(operator);
    expect(id).not.toBe(luciaId);
    const notice = operator.getByTestId('homonym-notices');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/omonimo/i);
    expect(await notice.textContent()).toMatch(/persona diversa/i);
    await expectAccessible(operator, 'scheda: possibile omonimo');
    await shoot(operator, 'persone-omonimo');
    await notice.getByTestId('homonym-link').click();
    await operator.waitForURL((url) => url.pathname.endsWith(luciaId));
    await settled(operator);
    await expect.poll(() => operator.getByTestId('status-current').getAttribute('data-state')).toBe('lost');
  });

  it('the same tax code again: "Persona già registrata" with a link to the existing record', async () => {
    await openRegistration(operator);
    await fillIdentity(operator, { taxCode: luciaCode, ...LUCIA });
    await submitRegistration(operator);
    const conflict = operator.getByTestId('register-conflict');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.textContent()).toMatch(/già registrata/i);
    await expect.poll(() => operator.getByTestId('existing-person-link').count()).toBe(1);
    expect(await operator.getByTestId('existing-person-link').getAttribute('href')).toBe(`/operatore/persone/${luciaId}`);
    expect(await operator.getByLabel('Cognome').inputValue()).toBe('Bartolini');
    await expectAccessible(operator, 'registrazione: già registrata');
  });

  it('a name that disagrees with the tax code shows the warning; confirmed with a reason, the person is registered', async () => {
    await openRegistration(operator);
    await fillIdentity(operator, { taxCode: computeTaxCode(PIERACCINI), ...PIERACCINI, givenName: 'Vanni' }, 'Via Pisana 40');
    await submitRegistration(operator);
    const panel = operator.getByTestId('identity-warnings');
    await expect.poll(() => panel.count()).toBe(1);
    const warning = operator.getByTestId('identity-warning-name-mismatch');
    expect(await warning.textContent()).toMatch(/Vanni/);
    expect(await panel.textContent()).toMatch(/non coerenti con il codice fiscale/i);
    expect(await operator.getByLabel('Nome o nomi').inputValue()).toBe('Vanni');
    await expectAccessible(operator, 'registrazione: avviso codice fiscale');
    await shoot(operator, 'persone-avviso-codice-fiscale');

    await operator.getByLabel('Confermo il dato dichiarato (differenza 1)').check({ force: true });
    // A reason is required for the confirmation.
    await operator.getByTestId('register-confirm-submit').click();
    await expect.poll(() => operator.getByLabel('Motivo della conferma (differenza 1)').getAttribute('aria-invalid')).toBe('true');
    await operator.getByLabel('Motivo della conferma (differenza 1)').fill('Nome abbreviato sul documento, codice rilasciato così');
    await expectAccessible(operator, 'registrazione: conferma con motivo');
    await shoot(operator, 'persone-avviso-conferma');
    await operator.getByTestId('register-confirm-submit').click();
    await operator.waitForURL((url) => /^\/operatore\/persone\/[0-9a-f-]{36}$/.test(url.pathname));
    await settled(operator);
    expect(await operator.getByTestId('overridden-warnings').textContent()).toMatch(/nome non corrisponde/);
    await expect.poll(() => operator.getByTestId('person-detail').textContent()).toContain('Vanni');
  });

  it('the citizen sees the status and its history with the reason of each change', async () => {
    // The operator revokes the citizen's DID ten days ago and records a new one three days ago.
    await operator.goto(`${t.baseUrl}/operatore/persone/${t.demo.people.citizen}`);
    await settled(operator);
    await expect.poll(() => operator.getByTestId('status-current').getAttribute('data-state')).toBe('unemployed');
    await operator.getByTestId('revoke-open').click();
    await operator.getByLabel('Data della revoca').fill(addDays(today, -10));
    await operator.getByLabel('Motivo della revoca').fill('Trasferimento all’estero, poi rientrato');
    await operator.getByTestId('revoke-submit').click();
    await expect.poll(() => operator.getByTestId('status-current').getAttribute('data-state')).toBe('lost');
    await operator.getByTestId('did-open').click();
    await operator.getByLabel('Data della dichiarazione').fill(addDays(today, -3));
    await operator.getByTestId('did-submit').click();
    await expect.poll(() => operator.getByTestId('status-current').getAttribute('data-state')).toBe('unemployed');
    await settled(operator);
    expect(await operator.getByTestId('status-periods').locator('tbody tr').count()).toBe(3);
    await expectAccessible(operator, 'scheda cittadino: storia con revoca');
    await shoot(operator, 'persone-scheda-storia');

    const citizen = await pageAs('cittadino');
    expect(new URL(citizen.url()).pathname).toBe('/cittadino');
    await settled(citizen);
    const section = citizen.getByTestId('employment-status');
    await expect.poll(() => section.textContent()).toMatch(/Il mio stato occupazionale/);
    await expect.poll(() => citizen.getByTestId('status-current').getAttribute('data-state')).toBe('unemployed');
    expect(await citizen.getByTestId('status-current').textContent()).toContain(`dal ${italian(addDays(today, -3))}`);
    const rows = citizen.getByTestId('status-periods').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/Stato di disoccupazione dalla data della DID/);
    expect(await rows.nth(1).textContent()).toMatch(/Revoca della DID: stato perso/);
    expect(await rows.nth(1).textContent()).toMatch(/stato perso/i);
    expect(await rows.nth(2).textContent()).toMatch(/Art\. 19/);
    expect(await citizen.getByTestId('declarations').textContent()).toContain('Trasferimento all’estero');
    expect(await citizen.getByTestId('did-open').count()).toBe(0);
    expect(await citizen.getByTestId('revoke-open').count()).toBe(0);
    await expectAccessible(citizen, 'cittadino: stato occupazionale');
    await shoot(citizen, 'persone-cittadino-stato');

    await citizen.getByTestId('language-switch').click();
    await expect.poll(() => section.textContent()).toMatch(/My employment status/);
    expect(await citizen.getByTestId('status-current').textContent()).toMatch(/unemployed/i);
    await expectAccessible(citizen, 'cittadino: stato in inglese');
    await citizen.getByTestId('language-switch').click();
  });

  it('staff who may not record declarations see the status read-only; the registration page is not theirs', async () => {
    const specialist = await pageAs('collocamento.mirato');
    await specialist.goto(`${t.baseUrl}/operatore/persone/nuova`);
    await settled(specialist);
    expect(await specialist.getByTestId('forbidden-page').count()).toBe(1);
    expect(await specialist.getByRole('link', { name: 'Registra persona' }).count()).toBe(0);
    await specialist.goto(`${t.baseUrl}/operatore/persone/${luciaId}`);
    await settled(specialist);
    await expect.poll(() => specialist.getByTestId('status-current').getAttribute('data-state')).toBe('lost');
    expect(await specialist.getByTestId('did-open').count()).toBe(0);
    expect(await specialist.getByTestId('revoke-open').count()).toBe(0);
    await expectAccessible(specialist, 'specialista: stato in sola lettura');
  });

  it('the agency administration registers from the whole region: province first, then its municipalities', async () => {
    const admin = await pageAs('admin.arti');
    await admin.getByRole('link', { name: 'Registra persona' }).click();
    await admin.waitForURL((url) => url.pathname === '/operatore/persone/nuova');
    await settled(admin);
    await expect.poll(() => admin.getByLabel('Provincia di residenza').locator('option').count()).toBeGreaterThan(2);
    expect(await admin.getByLabel('Comune di residenza').locator('option').count()).toBe(1);
    await admin.getByLabel('Provincia di residenza').selectOption('PI');
    await expect.poll(() => admin.getByLabel('Comune di residenza').locator('option[value="050026"]').count()).toBe(1);
    await expectAccessible(admin, 'admin: registrazione, provincia scelta');
  });
});
