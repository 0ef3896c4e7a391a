// Steps the e2e specs share: reaching the playground past the tab the background opens on
// install, and importing a policy file through the playground's file input.
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Runs a navigation of `page`. On a fresh profile the background opens the playground on
 * install, and Chrome may take over this very tab, which interrupts the navigation: then
 * the load of that tab is awaited instead.
 */
export async function navigatePastInstallTab(page: Page, go: () => Promise<unknown>): Promise<void> {
  try {
    await go();
  } catch (error) {
    if (!String(error).includes('interrupted by another navigation')) throw error;
    await page.waitForLoadState();
  }
}

/**
 * Opens the playground. On a fresh profile the background opens it too (on install),
 * which can interrupt our own navigation: wait for that tab first, then go.
 */
export async function openPlayground(page: Page, context: BrowserContext, openOptions: (page: Page) => Promise<Page>): Promise<void> {
  const isOptions = (p: Page) => p !== page && p.url().endsWith('/options.html');
  if (!context.pages().some(isOptions)) await context.waitForEvent('page', { predicate: isOptions, timeout: 3_000 }).catch(() => null);
  await navigatePastInstallTab(page, () => openOptions(page));
  await expect(page.locator('h1')).toContainText('Sealcheck');
}

/** Chooses `file` in the playground's import file input. */
export async function chooseImportFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(file);
}

/**
 * Imports `file` through the playground's file input and waits until the import is
 * reported (within `timeout`, for a large file), after `rows` workspaces are listed when given.
 */
export async function importPolicy(page: Page, file: string, { rows, timeout }: { rows?: number; timeout?: number } = {}): Promise<void> {
  await chooseImportFile(page, file);
  if (rows !== undefined) await expect(page.getByTestId('ws-row')).toHaveCount(rows);
  await expect(page.getByTestId('import-report')).toContainText('Imported', timeout === undefined ? undefined : { timeout });
}
