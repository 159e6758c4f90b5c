import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { authed, login, type TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

/**
 * The professional profile through the real web app and server: the citizen completes it in steps (with a validation
 * error that keeps what was typed); an operator of the citizen's job centre finds them by occupation, opens the case
 * file and corrects an experience, and sees a version conflict clearly without losing what they typed.
 */
describe.runIf(browserAvailable())('professional profile (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  const today = romeDateOf();

  beforeAll(() => {
    t = harness.app;
  });

  /** Types into a classification picker and chooses the first option matching `option`. */
  async function pick(page: Page, label: string | RegExp, typed: string, option: RegExp): Promise<void> {
    const input = page.getByRole('combobox', { name: label });
    await input.fill(typed);
    const choice = page.getByRole('option', { name: option }).first();
    await choice.waitFor({ state: 'visible', timeout: 10_000 });
    await choice.click();
  }
  async function step(page: Page, name: string): Promise<void> {
    await page.getByTestId(`profile-step-${name}`).waitFor({ timeout: 10_000 });
  }

  it('the citizen completes the profile in steps; a validation error keeps what was typed', async () => {
    const citizen = await pageAs('cittadino');
    await settled(citizen);
    await expect.poll(() => citizen.getByTestId('profile-completion').textContent()).toContain('0%');
    await citizen.getByTestId('profile-open').click();
    await citizen.waitForURL((url) => url.pathname === '/cittadino/profilo');
    await settled(citizen);
    await step(citizen, 'education');
    await expectAccessible(citizen, 'profilo: titoli di studio');
    await shoot(citizen, 'profilo-cittadino-1-titoli');

    // 1. education
    await citizen.getByLabel('Titolo di studio').selectOption('upper-secondary');
    await citizen.getByLabel(/Indirizzo o materia/).fill('Ragioneria');
    await citizen.getByLabel('Anno di conseguimento').fill('2004');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    await step(citizen, 'experiences');
    await expect.poll(() => citizen.getByTestId('profile-completion').textContent()).toContain('17%');

    // 2. experiences: a start date in the future is refused next to the field; what was typed stays
    await citizen.getByLabel('Datore di lavoro', { exact: true }).fill('Ristorante Da Gino');
    await pick(citizen, /Professione svolta/, 'cuoco', /cuoc/i);
    await pick(citizen, /Settore/, 'ristorazione', /ristorazione con somministrazione/i);
    await citizen.getByLabel('Data di inizio').fill(addDays(today, 10));
    await citizen.getByLabel('Tipo di contratto').selectOption('A.02.00');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    const startField = citizen.getByLabel('Data di inizio');
    await expect.poll(() => startField.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => citizen.getByText('La data non può essere nel futuro.').count()).toBeGreaterThan(0);
    expect(await citizen.getByLabel('Datore di lavoro', { exact: true }).inputValue()).toBe('Ristorante Da Gino');
    expect(await startField.inputValue()).toBe(addDays(today, 10));
    expect(await citizen.getByRole('combobox', { name: /Professione svolta/ }).inputValue()).toMatch(/cuoc/i);
    await step(citizen, 'experiences');
    await expectAccessible(citizen, 'profilo: esperienza con errore');
    await shoot(citizen, 'profilo-cittadino-2-esperienza-errore');
    await startField.fill('2015-03-01');
    await citizen.getByLabel('Data di fine').fill('2023-12-31');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    await step(citizen, 'skills');
    // Stopping here and coming back later: the page opens at the first step not yet saved.
    await citizen.reload();
    await settled(citizen);
    await step(citizen, 'skills');

    // 3. skills and languages
    await pick(citizen, /Aggiungi una competenza/, 'cucinare', /cib/i);
    await citizen.getByTestId('add-language').click();
    await citizen.getByLabel('Lingua', { exact: true }).selectOption('it');
    await citizen.getByLabel('Lingua madre').check({ force: true });
    await citizen.getByTestId('add-language').click();
    await citizen.getByLabel('Lingua', { exact: true }).nth(1).selectOption('en');
    await citizen.getByLabel('Livello (QCER)').selectOption('B1');
    await expectAccessible(citizen, 'profilo: competenze e lingue');
    await shoot(citizen, 'profilo-cittadino-3-competenze');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    await step(citizen, 'licences');

    // 4. licences and digital skills
    await citizen.getByLabel('B', { exact: true }).check({ force: true });
    await citizen.getByLabel(/Alfabetizzazione su informazioni e dati/).selectOption('3');
    await expectAccessible(citizen, 'profilo: patenti');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    await step(citizen, 'availability');

    // 5. availability
    await pick(citizen, /Professioni che cercate/, 'cuochi', /cuochi/i);
    await citizen.getByLabel('Tempo pieno').check({ force: true });
    await citizen.getByLabel(/Distanza massima/).fill('30');
    await citizen.getByLabel(/mezzo di trasporto proprio/).check({ force: true });
    await expectAccessible(citizen, 'profilo: disponibilità');
    await shoot(citizen, 'profilo-cittadino-5-disponibilita');
    await citizen.getByRole('button', { name: 'Salva e continua' }).click();
    await step(citizen, 'cv');

    // 6. CV: a PDF
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Mario Rossi - curriculum');
    await citizen
      .getByLabel('File del curriculum (PDF)')
      .setInputFiles({ name: 'curriculum-mario-rossi.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) });
    await citizen.getByRole('button', { name: 'Salva e concludi' }).click();
    await citizen.getByTestId('profile-finished').waitFor();
    await expect.poll(() => citizen.getByTestId('profile-completion').textContent()).toContain('100%');
    await expectAccessible(citizen, 'profilo: concluso');
    await shoot(citizen, 'profilo-cittadino-6-concluso');

    // Coming back later: the area shows the completed profile.
    await citizen.goto(`${t.baseUrl}/cittadino`);
    await settled(citizen);
    await expect.poll(() => citizen.getByTestId('profile-completion').textContent()).toContain('100%');
  });

  it('an operator of the job centre finds the citizen by occupation, corrects an experience, and sees a conflict clearly', async () => {
    const operator = await pageAs('operatore.firenze');
    await operator.goto(`${t.baseUrl}/operatore`);
    await settled(operator);
    await pick(operator, /Professione \(esperienze/, 'cuochi', /cuochi in alberghi e ristoranti/i);
    await operator.getByRole('button', { name: /^Cerca/ }).click();
    const results = operator.getByTestId('people-results');
    await results.waitFor();
    await expect.poll(() => results.getByRole('link', { name: /Mario Rossi/ }).count()).toBe(1);
    await expectAccessible(operator, 'ricerca per professione');
    await shoot(operator, 'profilo-operatore-ricerca-professione');
    await results.getByRole('link', { name: /Mario Rossi/ }).click();
    await settled(operator);
    const section = operator.getByTestId('profile-section');
    await section.getByTestId('experience-list').waitFor();
    await expectAccessible(operator, 'scheda: profilo professionale');
    await shoot(operator, 'profilo-operatore-scheda');

    // Correct the end date of the experience.
    await section
      .getByRole('button', { name: /^Modifica/ })
      .first()
      .click();
    const form = section.getByTestId('experience-edit-form');
    await form.getByLabel('Data di fine').fill('2023-06-30');
    await form.getByRole('button', { name: 'Salva' }).click();
    await section.getByTestId('profile-notice').waitFor();
    await expect.poll(() => section.getByTestId('experience-list').textContent()).toContain('30/06/2023');

    // Meanwhile the citizen changes the same experience: the operator's next save is a conflict, shown clearly.
    await section
      .getByRole('button', { name: /^Modifica/ })
      .first()
      .click();
    await form.getByLabel('Datore di lavoro', { exact: true }).fill('Ristorante Da Gino S.n.c.');
    const citizen = await login(t.baseUrl, 'cittadino');
    const mine = (await (await fetch(`${t.baseUrl}/api/v1/me/profile`, authed(citizen))).json()) as {
      experiences: {
        id: string;
        version: number;
        occupationCode: string;
        sectorCode: string | null;
        contractType: string | null;
        startedOn: string;
        endedOn: string | null;
      }[];
    };
    const job = mine.experiences[0];
    if (!job) throw new Error('experience missing');
    const changed = await fetch(
      `${t.baseUrl}/api/v1/me/profile/experiences/${job.id}`,
      authed(citizen, {
        method: 'PUT',
        body: JSON.stringify({
          version: job.version,
          employerName: 'Da Gino',
          occupationCode: job.occupationCode,
          sectorCode: job.sectorCode,
          contractType: job.contractType,
          startedOn: job.startedOn,
          endedOn: job.endedOn,
          description: 'Primi piatti',
        }),
      }),
    );
    expect(changed.status).toBe(200);
    await form.getByRole('button', { name: 'Salva' }).click();
    const conflict = section.getByTestId('profile-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('attività svolte, datore di lavoro');
    expect(await conflict.textContent()).toContain('Mario Rossi');
    expect(await form.getByLabel('Datore di lavoro', { exact: true }).inputValue()).toBe('Ristorante Da Gino S.n.c.');
    await expectAccessible(operator, 'scheda: conflitto di versione');
    await shoot(operator, 'profilo-operatore-conflitto');
    await conflict.getByRole('button', { name: 'Salva comunque le mie modifiche' }).click();
    await section.getByTestId('profile-notice').waitFor();
    await expect.poll(() => section.getByTestId('experience-list').textContent()).toContain('Ristorante Da Gino S.n.c.');
    await shoot(operator, 'profilo-operatore-corretto');
  });
});
