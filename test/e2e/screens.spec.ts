// Every screen in light and dark: each playground tab at 1280 px, the popup at 400 × 600 and
// 320 × 600. Screenshots go to test-results/screenshots/screens-*.png; each screen is also
// checked: nothing visible overlaps, no horizontal scrollbar, the popup's bar with its
// actions never covers the answer. And the calm-UI rules: a status message stays on the tab
// whose action said it; an import runs the file's scenarios, whose results wait on the
// Scenarios tab.
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importPolicy, navigatePastInstallTab, openPlayground } from './helpers';
import { horizontalOverflow, intersects, overlaps } from './layout';

const LEANIX = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');
const QUALYTICS = path.join(repoRoot, 'test', 'fixtures', 'qualytics-example.json');
const SCHEMES = ['light', 'dark'] as const;

/** A tab's label as a file name part: "Bulk what-if" → "bulk-what-if". */
const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Waits until the open tab has stopped reading and loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('#tabpanel')).not.toContainText(/Reading|Loading|Running/, { timeout: 15_000 });
  await page.waitForTimeout(150);
}

/** Screenshots the page in both schemes and checks its layout in each. */
async function checkScreen(page: Page, name: string, root = 'body'): Promise<void> {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    await screenshot(page, `screens-${name}-${scheme}`);
    expect(await overlaps(page, root), `${name} (${scheme}): nothing overlaps`).toEqual([]);
    expect(await horizontalOverflow(page), `${name} (${scheme}): no horizontal scrollbar`).toBeLessThanOrEqual(0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('every playground tab at 1280 px in light and dark; messages stay on their tab; imported scenarios wait on the Scenarios tab', async ({ page, context, openOptions }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPlayground(page, context, openOptions);
  await checkScreen(page, 'options-empty');

  // The import runs the file's scenarios at once, with progress; the result is said beside the import.
  await importPolicy(page, LEANIX, { rows: 1 });
  await expect(page.getByTestId('import-report')).not.toContainText(/\bms\b|rows\/s|\d s\b/);
  await expect(page.getByTestId('import-scenarios')).toContainText('9 of 9 scenarios passed');
  await expect(page.getByTestId('status')).toBeEmpty();

  // A message belongs to the tab whose action said it.
  await page.getByTestId('ws-export').click();
  await expect(page.getByTestId('status')).toContainText('Exported');
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByTestId('status')).toBeEmpty();
  // …and the imported scenarios show their results without "Run all".
  await expect(page.getByTestId('run-summary')).toContainText('9 of 9 scenarios passed');
  await expect(page.locator('[data-testid=scenario-row][data-result=pass]')).toHaveCount(9);
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await expect(page.getByTestId('status')).toContainText('Exported');

  // Every tab the playground has, as it lists them.
  const labels = (await page.getByRole('tab').allInnerTexts()).map((t) => t.trim());
  expect(labels.length).toBeGreaterThanOrEqual(8);
  for (const label of labels) {
    await page.getByRole('tab', { name: label, exact: true }).click();
    await settled(page);
    await checkScreen(page, `options-${slug(label)}`);
  }

  // The quick check tab with an answer.
  await page.getByRole('tab', { name: 'Quick check', exact: true }).click();
  await page.selectOption('#actor', 'cve-feed');
  await page.fill('#fs-search', 'web');
  await expect(page.locator('#factsheet')).toHaveValue('app-shop');
  await page.getByRole('button', { name: 'cveCount', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Allowed · seal breaks');
  await checkScreen(page, 'options-check-answer');

  // Bulk what-if with results: counts and figures a user can act on, no timings.
  await page.getByRole('tab', { name: 'Bulk what-if', exact: true }).click();
  await settled(page);
  await page.getByTestId('bulk-actor').selectOption('cve-feed');
  await page.getByTestId('bulk-paths').getByRole('button', { name: '/cveCount', exact: true }).click();
  await page.getByTestId('bulk-run').click();
  await expect(page.getByTestId('bulk-results')).toBeVisible();
  await expect(page.locator('#tabpanel')).not.toContainText(/\d\s?ms\b|\/s\b/);
  await checkScreen(page, 'options-bulk-results');
});

/** Imports a policy file through the playground, in a page of its own. */
async function importFile(context: BrowserContext, extensionId: string, file: string): Promise<void> {
  const page = await context.newPage();
  await navigatePastInstallTab(page, () => page.goto(`chrome-extension://${extensionId}/options.html`));
  await importPolicy(page, file);
  await page.close();
}

async function openPopupAt(context: BrowserContext, extensionId: string, width: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

for (const width of [400, 320]) {
  test(`popup at ${width} × 600 in light and dark: the bar never covers the reasons, no horizontal scrollbar, the seal state only with the seal`, async ({ context, extensionId }) => {
    await importFile(context, extensionId, LEANIX);
    const page = await openPopupAt(context, extensionId, width);
    await expect(page.locator('#fs-search')).toBeFocused();
    await checkScreen(page, `popup-${width}-start`);

    await page.selectOption('#actor', 'cve-feed');
    await page.fill('#fs-search', 'web');
    await expect(page.locator('#factsheet')).toHaveValue('app-shop');
    // The seal's new state is asked only once the seal is part of the change.
    await expect(page.locator('#lxstate')).toHaveCount(0);
    await page.getByRole('button', { name: 'cveCount', exact: true }).click();
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toContainText('Allowed · seal breaks');
    await expect(page.locator('#lxstate')).toHaveCount(0);

    // The bar with the actions sits under the answer: scrolled into view, the last reason
    // and the last fix are clear of it.
    const bar = page.locator('.qc-bar');
    await expect(bar).toBeVisible();
    const lastReason = verdict.getByTestId('reasons').locator('li').last();
    await lastReason.scrollIntoViewIfNeeded();
    expect(await intersects(bar, lastReason)).toBe(false);
    const lastFix = verdict.getByTestId('fixes').locator('li').last();
    await lastFix.scrollIntoViewIfNeeded();
    expect(await intersects(bar, lastFix)).toBe(false);
    // At every scroll position of the answer, nothing visible is under the bar.
    const scroller = page.locator('.qc-body');
    const max = await scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(max).toBeGreaterThan(0);
    for (let top = 0; top <= max + 60; top += 60) {
      await scroller.evaluate((el, y) => el.scrollTo(0, y), top);
      expect(await overlaps(page), `scrolled to ${top}`).toEqual([]);
    }
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    // The bar stays in the popup's 600 px, and the whole popup is no taller.
    const barBox = await bar.boundingBox();
    expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(600);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
    await checkScreen(page, `popup-${width}-seal-breaks`);

    // Choosing the seal's chip offers its new state; letting it go hides the choice again.
    await page.getByRole('button', { name: 'lxState', exact: true }).click();
    await expect(page.locator('#lxstate')).toBeVisible();
    await expect(page.locator('#lxstate')).toHaveValue('BROKEN_QUALITY_SEAL');
    await checkScreen(page, `popup-${width}-seal-state`);
    await page.getByRole('button', { name: 'lxState', exact: true }).click();
    await expect(page.locator('#lxstate')).toHaveCount(0);

    // Save as scenario opens in the bar; the answer above still scrolls clear of it.
    await page.getByRole('button', { name: 'Save as scenario…' }).click();
    await expect(page.locator('#scenario-name')).toBeFocused();
    await lastReason.scrollIntoViewIfNeeded();
    expect(await intersects(bar, lastReason)).toBe(false);
    await checkScreen(page, `popup-${width}-save`);
  });
}

test('popup at 320 × 600 on a Qualytics workspace, light and dark', async ({ context, extensionId }) => {
  await importFile(context, extensionId, QUALYTICS);
  const page = await openPopupAt(context, extensionId, 320);
  await page.selectOption('#actor', 'user:sync');
  await page.selectOption('#q-action', 'operation.run');
  await page.selectOption('#q-datastore', 'orders');
  await expect(page.getByTestId('verdict')).toContainText('Denied');
  await checkScreen(page, 'popup-320-qualytics');
});

test('popup with no workspace at 320 × 600, light and dark', async ({ context, extensionId }) => {
  const page = await openPopupAt(context, extensionId, 320);
  await expect(page.getByTestId('empty')).toBeVisible();
  await checkScreen(page, 'popup-320-empty');
});
