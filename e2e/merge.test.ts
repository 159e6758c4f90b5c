import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { authed, login, type Session, type TestApp } from '../test/support/testApp.ts';
import { browserAvailable, expectAccessible } from './support/browser.ts';
import { browserHarness } from './support/harness.ts';

const PERSON = { givenName: 'Ornella', familyName: 'Duplicati', sex: 'F' as const, birthDate: '1987-10-03', birthplaceCode: 'D612' };

/**
 * Merge of duplicate records in the case file: an operator finds the duplicate (registered first with a provisional
 * numeric code), compares the two records side by side, merges with a reason, then reverts the merge with a reason.
 * The two records are created through the registration API here, so the demo fixtures stay untouched.
 */
describe.runIf(browserAvailable())('merge of duplicate records (Chromium)', () => {
  const harness = browserHarness();
  const { pageAs, settled, shoot } = harness;
  let t: TestApp;
  let operator: Page;
  let session: Session;
  let survivorId = '';
  let duplicateId = '';

  const register = async (taxCode: string, address: string) => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/people`,
      authed(session, {
        method: 'POST',
        body: JSON.stringify({ ...PERSON, taxCode, residence: { municipalityIstatCode: '048017', address }, privacyNoticeGiven: true }),
      }),
    );
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.id;
  };

  beforeAll(async () => {
    t = harness.app;
    session = await login(t.baseUrl, 'operatore.firenze');
    duplicateId = await register('12345678903', 'Via Gioberti 20');
    survivorId = await register(computeTaxCode(PERSON), 'Via Gioberti 20');
    operator = await pageAs('operatore.firenze');
  });

  it('finds the duplicate, compares the two records side by side and needs a reason and a confirmation', async () => {
    await operator.goto(`${t.baseUrl}/operatore/persone/${survivorId}`);
    await settled(operator);
    const section = operator.getByTestId('merge-section');
    await expect.poll(() => section.count()).toBe(1);
    expect(await operator.getByTestId('merge-history-empty').count()).toBe(1);
    await operator.getByLabel(/Cerca il duplicato/).fill('Duplicati');
    await operator.getByTestId('merge-search-submit').click();
    const row = operator.getByTestId('merge-results').locator(`tr[data-person-id="${duplicateId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await operator.getByTestId('merge-results').locator(`tr[data-person-id="${survivorId}"]`).count()).toBe(0);
    await row.getByTestId('merge-compare').click();
    await settled(operator);
    const compare = operator.getByTestId('merge-compare-table');
    await expect.poll(() => compare.count()).toBe(1);
    const text = (await compare.textContent()) ?? '';
    expect(text).toContain('12345678903');
    expect(text).toContain(computeTaxCode(PERSON));
    expect(text).toMatch(/diverso/);
    await expectAccessible(operator, 'unione: confronto');

    await operator.getByTestId('merge-submit').click();
    await expect.poll(() => operator.locator('#merge-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await section.textContent()).toMatch(/almeno 10 caratteri/);
    await operator.locator('#merge-reason').fill('Registrata prima con il codice provvisorio, poi con il codice fiscale definitivo');
    await operator.getByTestId('merge-submit').click();
    expect(await section.textContent()).toMatch(/Conferma che si tratta della stessa persona/);
    // What was typed is kept.
    expect(await operator.locator('#merge-reason').inputValue()).toMatch(/codice provvisorio/);
    await expectAccessible(operator, 'unione: errori');
    await shoot(operator, 'unione-confronto');
  });

  it('merges with a reason, shows the result and lists the merge', async () => {
    await operator.getByTestId('merge-confirm').check({ force: true });
    await operator.getByTestId('merge-submit').click();
    await expect.poll(() => operator.getByTestId('merge-notice').textContent()).toMatch(/Schede unite/);
    await settled(operator);
    const history = operator.getByTestId('merge-history');
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.textContent()).toMatch(/codice provvisorio/);
    expect(await history.textContent()).toContain('Giulia Neri');
    const duplicate = await t.database.db.selectFrom('people').select('merged_into').where('id', '=', duplicateId).executeTakeFirstOrThrow();
    expect(duplicate.merged_into).toBe(survivorId);
    await expectAccessible(operator, 'unione: eseguita');
  });

  it('reverts the merge with a reason: the duplicate is a record of its own again', async () => {
    await operator.getByTestId('merge-revert-open').click();
    await operator.getByTestId('merge-revert-submit').click();
    await expect.poll(() => operator.getByTestId('merge-revert-form').textContent()).toMatch(/almeno 5 caratteri/);
    await operator.getByLabel('Motivo dell’annullamento').fill('Verifica: sono due persone diverse');
    await expectAccessible(operator, 'unione: annullamento');
    await operator.getByTestId('merge-revert-submit').click();
    await expect.poll(() => operator.getByTestId('merge-notice').textContent()).toMatch(/Unione annullata/);
    await settled(operator);
    await expect.poll(() => operator.getByTestId('merge-reverted').count()).toBe(1);
    expect(await operator.getByTestId('merge-reverted').textContent()).toContain('Verifica: sono due persone diverse');
    const duplicate = await t.database.db.selectFrom('people').select('merged_into').where('id', '=', duplicateId).executeTakeFirstOrThrow();
    expect(duplicate.merged_into).toBeNull();
    await expectAccessible(operator, 'unione: annullata');
    await shoot(operator, 'unione-annullata');
  });
});
