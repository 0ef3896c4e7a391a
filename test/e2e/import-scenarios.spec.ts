// An import runs the file's scenarios at once (scenario-runs.ts): a progress bar with
// Cancel beside the import, then the summary; the Scenarios tab shows each result without
// "Run all". Cancelled, the run says so and records nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importPolicy, openPlayground } from './helpers';

const COPIES = 120;
/** 1,080 as the page formats it, whatever the locale's group separator. */
const count = '1[,.\\s\\u00a0\\u202f]?080';

/** The LeanIX example with its nine scenarios repeated under new names: 1,080 scenarios. */
function manyScenarios(): string {
  const policy = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json'), 'utf8')) as { name: string; scenarios: { name: string }[] };
  const base = policy.scenarios;
  policy.name = 'Many scenarios';
  policy.scenarios = Array.from({ length: COPIES }, (_, i) => base.map((s) => ({ ...s, name: `${s.name} #${i + 1}` }))).flat();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealcheck-runs-')), 'many-scenarios.json');
  writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}

/** Sets `window[flag]` once `selector` has been in the page. */
async function watchFor(page: Page, flag: string, selector: string): Promise<void> {
  await page.evaluate(
    ([f, sel]) => {
      const w = window as unknown as Record<string, boolean>;
      w[f!] = false;
      new MutationObserver(() => {
        if (document.querySelector(sel!)) w[f!] = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    [flag, selector],
  );
}

test('an import runs its 1,080 scenarios with progress; the Scenarios tab shows each result; Cancel stops a run, or too late leaves its results', async ({ page, context, openOptions }) => {
  test.setTimeout(120_000);
  const file = manyScenarios();
  await openPlayground(page, context, openOptions);
  await watchFor(page, 'sawRunProgress', '[data-testid=import-scenarios-progress] progress');
  await importPolicy(page, file, { timeout: 60_000 });
  const summary = page.getByTestId('import-scenarios');
  await expect(summary).toContainText(new RegExp(`${count} of ${count} scenarios passed`), { timeout: 60_000 });
  await expect(summary).toContainText('run when the file was imported');
  expect(await page.evaluate(() => (window as unknown as Record<string, boolean>).sawRunProgress)).toBe(true);
  await screenshot(page, 'import-scenarios-done');

  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByTestId('run-summary')).toContainText('scenarios passed');
  await expect(page.locator('[data-testid=scenario-row][data-result=pass]').first()).toBeVisible();
  await expect(page.locator('[data-testid=scenario-row][data-result=none]')).toHaveCount(0);
  await expect(page.getByTestId('run-history')).toContainText(new RegExp(`${count} passed`));

  // Run all again and cancel it: said beside the button; the history keeps one run.
  await page.getByTestId('run-all').click();
  const cancel = page.getByTestId('scenarios-progress-cancel');
  const cancelled = await cancel.click({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  const end = page.getByTestId('run-summary');
  await expect(end).toHaveAttribute('data-state', /stopped|done/);
  if (cancelled && (await end.getAttribute('data-state')) === 'stopped') {
    await expect(end).toContainText('Run cancelled');
    await expect(end).toContainText('nothing was recorded');
    await expect(page.getByTestId('run-history').locator('li')).toHaveCount(1);
    await screenshot(page, 'import-scenarios-cancelled');
  } else {
    // The run ended before the cancel could reach it: its complete results stand.
    test.info().annotations.push({ type: 'cancel', description: 'the run ended before the cancel reached it' });
    await expect(end).toContainText('scenarios passed');
  }
});
