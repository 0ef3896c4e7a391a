// A browser without module workers in extension pages (or without workers there at all)
// still runs Sealcheck: the engine moves to a classic worker, or onto the page, and the
// pages say so (src/ui/engine-worker.ts). Chromium stands in for such a browser: a script
// run before the page's own hides the module option, or the Worker constructor itself.
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importPolicy, navigatePastInstallTab } from './helpers';

const LEANIX = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');

const WITHOUT = {
  /** A Worker that never reads its options: the `type: 'module'` option is unknown. */
  'classic-worker': () => {
    const Native = globalThis.Worker;
    globalThis.Worker = function Worker(url: string | URL) {
      return new Native(url);
    } as unknown as typeof Worker;
  },
  /** No Worker at all. */
  page: () => {
    delete (globalThis as { Worker?: unknown }).Worker;
  },
} as const;

async function pageWithout(context: BrowserContext, home: keyof typeof WITHOUT): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(WITHOUT[home]);
  return page;
}

for (const home of ['classic-worker', 'page'] as const) {
  test(`without ${home === 'page' ? 'workers' : 'module workers'} the engine runs in ${home === 'page' ? 'the page' : 'a classic worker'}, the pages say so, and the quick check answers`, async ({ context, extensionId }) => {
    const options = await pageWithout(context, home);
    await navigatePastInstallTab(options, () => options.goto(`chrome-extension://${extensionId}/options.html`));
    await expect(options.getByTestId('engine-home')).toHaveAttribute('data-home', home);
    await importPolicy(options, LEANIX);
    await expect(options.getByTestId('import-scenarios')).toContainText('9 of 9 scenarios passed');
    await screenshot(options, `engine-home-${home}-options`);

    const popup = await pageWithout(context, home);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('engine-home')).toHaveAttribute('data-home', home);
    await popup.selectOption('#actor', 'cve-feed');
    await popup.fill('#fs-search', 'web');
    await expect(popup.locator('#factsheet')).toHaveValue('app-shop');
    await popup.getByRole('button', { name: 'cveCount', exact: true }).click();
    await expect(popup.getByTestId('verdict')).toContainText('Allowed · seal breaks');
    await screenshot(popup, `engine-home-${home}-popup`);
  });
}

test('with module workers the pages say nothing of where the engine runs', async ({ page, context, openOptions }) => {
  await navigatePastInstallTab(page, () => openOptions(page));
  await expect(page.locator('h1')).toContainText('Sealcheck');
  await expect(page.getByTestId('engine-home')).toHaveCount(0);
  void context;
});
