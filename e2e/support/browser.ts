import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';

export const CHROMIUM = process.env.PONTE_CHROMIUM ?? '/usr/bin/chromium';
const WEB_DIST = join(import.meta.dirname, '../../web/dist/index.html');

/**
 * Browser tests need Debian's Chromium and the built web app. Locally they skip with a printed reason;
 * in CI a missing browser is an error.
 */
export function browserAvailable(): boolean {
  const missing = [!existsSync(CHROMIUM) && `Chromium non trovato in ${CHROMIUM}`, !existsSync(WEB_DIST) && 'web/dist assente (npm run build:web)'].filter(
    Boolean,
  );
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`CI: i test nel browser devono girare — ${missing.join('; ')}`);
  console.warn(`⚠ Test nel browser saltati: ${missing.join('; ')}`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/nome utente/i).fill(username);
  await page.getByLabel(/^password/i).fill(password);
  await page.getByRole('button', { name: /^accedi$/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** axe on the page as it is now (data loaded): no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
    label,
  ).toEqual([]);
}

export const SCREENSHOTS = join(import.meta.dirname, '../../var/screenshots');
