import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/testApp.ts';
import { launchBrowser, loginAs, SCREENSHOTS } from './browser.ts';

/** Every page is a fresh context: a desktop window, Italian, on Rome's clock, accepting downloads. */
const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome', acceptDownloads: true };

export interface BrowserHarness {
  /** The server under test; available from the file's own `beforeAll` on (hooks run in the order they are declared). */
  readonly app: TestApp;
  /** A page, not logged in, in a context of its own. */
  newPage(): Promise<Page>;
  /** A logged-in page in a context of its own; `prepare` runs on the page before logging in (e.g. to record requests). */
  pageAs(username: string, prepare?: (page: Page) => void): Promise<Page>;
  /** Waits until the network is idle and no loading indicator is left. */
  settled(page: Page): Promise<void>;
  /** A screenshot in var/screenshots/<name>.png: of the full page, or of one element. */
  shoot(target: Page | Locator, name: string): Promise<void>;
}

/**
 * The browser-test setup every e2e file shares, declared inside its `describe`: starts the app on PGlite and Chromium
 * before the tests and closes the pages' contexts, the browser and the app after them.
 */
export function browserHarness(): BrowserHarness {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startTestApp('pglite', { PONTE_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  function started(): { app: TestApp; browser: Browser } {
    if (!app || !browser) throw new Error('browserHarness: app e browser non ancora avviati (usateli da beforeAll o nei test)');
    return { app, browser };
  }

  async function newPage(): Promise<Page> {
    const context = await started().browser.newContext(CONTEXT);
    contexts.push(context);
    return context.newPage();
  }

  return {
    get app() {
      return started().app;
    },
    newPage,
    async pageAs(username, prepare) {
      const page = await newPage();
      prepare?.(page);
      await loginAs(page, started().app.baseUrl, username);
      return page;
    },
    async settled(page) {
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    },
    async shoot(target, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      if ('goto' in target) await target.screenshot({ path, fullPage: true });
      else await target.screenshot({ path });
    },
  };
}
