import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionLaunchOptions } from './chromium';

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Absolute path of the built extension (`npx wxt build`); SEALCHECK_EXTENSION_DIR points at another build. */
export const extensionDir = process.env.SEALCHECK_EXTENSION_DIR ? path.resolve(process.env.SEALCHECK_EXTENSION_DIR) : path.join(repoRoot, '.output', 'chrome-mv3');
export { chromiumPath } from './chromium';
/** Where `screenshot()` writes its PNG files. */
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

type ExtensionFixtures = {
  context: BrowserContext;
  extensionId: string;
  openPopup: (page: Page) => Promise<Page>;
  openOptions: (page: Page) => Promise<Page>;
};

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await chromium.launchPersistentContext('', extensionLaunchOptions(extensionDir));
    await use(context);
    await context.close();
  },

  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // The extension opens its playground on install; let that tab settle first so it
    // cannot interrupt a test's own navigation.
    const installed = (p: Page) => p.url().includes('/options.html');
    const opened = context.pages().find(installed) ?? (await context.waitForEvent('page', { predicate: installed, timeout: 5_000 }).catch(() => null));
    await opened?.waitForLoadState('domcontentloaded').catch(() => undefined);
    await use(new URL(worker.url()).host);
  },

  openPopup: async ({ extensionId }, use) => {
    await use(async (page) => {
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },

  openOptions: async ({ extensionId }, use) => {
    await use(async (page) => {
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },
});

/** Save a full-page screenshot to `test-results/screenshots/NAME.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export { expect } from '@playwright/test';
