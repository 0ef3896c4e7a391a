// Journey 5 against the built extension: a generated 10,000-fact-sheet LeanIX
// workspace, imported through the file input, then one change across all of it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { importPolicy, openPlayground } from './helpers';

const SHEETS = 10_000;
const OWNERS = 50;
const TYPES = [
  { name: 'Application', seal: true },
  { name: 'ITComponent', seal: true },
  { name: 'BusinessCapability', seal: false },
] as const;

/** The workspace, and what a `replace /lifecycle` by the sync user must do to it. */
function generate() {
  const factSheets = [];
  let denied = 0;
  let broken = 0;
  const brokenByType = new Map<string, number>();
  const owners = new Set<string>();
  for (let i = 0; i < SHEETS; i++) {
    const type = TYPES[i % TYPES.length]!;
    const approved = i % 7 !== 0;
    const locked = i % 10 === 0; // a write ACL the sync user is not in
    const owner = `owner-${i % OWNERS}`;
    factSheets.push({
      id: `fs-${i}`,
      type: type.name,
      name: `${type.name} ${String(i).padStart(5, '0')}`,
      lxState: approved ? 'APPROVED' : 'BROKEN_QUALITY_SEAL',
      approvedAt: approved ? '2026-10-01T00:00:00Z' : null,
      subscriptions: [{ user: owner, type: 'RESPONSIBLE' }],
      permittedWriteACL: locked ? ['SECURITY'] : [],
      values: { description: `Fact sheet ${i}`, lifecycle: 'active' },
    });
    if (locked) denied++;
    else if (type.seal && approved) {
      broken++;
      brokenByType.set(type.name, (brokenByType.get(type.name) ?? 0) + 1);
      owners.add(owner);
    }
  }
  const policy = {
    format: 'sealcheck-policy',
    version: 1,
    platform: 'leanix',
    name: 'Generated 10k workspace',
    asOf: '2026-11-24T00:00:00Z',
    factSheetTypes: TYPES.map((t) => ({
      name: t.name,
      fields: ['lifecycle', 'cveCount'],
      mandatory: ['description'],
      qualitySeal: t.seal ? { enabled: true, renewalDays: 365 } : { enabled: false },
    })),
    roles: [{ name: 'LIFECYCLE_SYNC', permissions: ['FACT_SHEET_FIELDS:READ,UPDATE:*:lifecycle'] }],
    users: [
      ...Array.from({ length: OWNERS }, (_, i) => ({ id: `owner-${i}`, kind: 'human', role: 'MEMBER' })),
      { id: 'lifecycle-sync', kind: 'technical', role: 'MEMBER', customerRoles: ['LIFECYCLE_SYNC'] },
    ],
    factSheets,
    scenarios: [],
  };
  return { text: `${JSON.stringify(policy, null, 2)}\n`, expected: { denied, broken, brokenByType, owners: owners.size } };
}

/** A number as the page formats it, whatever the browser's group separator. */
const formatted = (n: number) => new RegExp(`(^|\\D)${n.toLocaleString('en-US').replace(/,/g, '[,.\\s\\u00a0\\u202f]?')} of`);
/** Notes in the page whether an element matching `selector` ever appears, however briefly. */
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
const saw = (page: Page, flag: string) => page.evaluate((f) => (window as unknown as Record<string, boolean>)[f] === true, flag);
const digits = (s: string | null) => Number((s ?? '').replace(/[^0-9]/g, ''));

test('(d) bulk what-if over a generated 10,000-fact-sheet workspace shows progress, then counts, chart and list', async ({ page, context, openOptions }) => {
  test.setTimeout(120_000);
  const { text, expected } = generate();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealcheck-bulk-')), 'generated-10k.json');
  writeFileSync(file, text);

  await openPlayground(page, context, openOptions);
  await watchFor(page, 'sawImportProgress', '[data-testid=import-progress] progress');
  await importPolicy(page, file, { timeout: 60_000 });
  const row = page.getByTestId('ws-row');
  await expect(row.getByTestId('ws-fact-sheets')).toHaveText(/^10[,.\s\u00a0\u202f]?000$/);
  expect(await saw(page, 'sawImportProgress')).toBe(true);
  const importReport = await page.getByTestId('import-report').innerText();
  console.log(`import (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB): ${importReport}`);
  test.info().annotations.push({ type: 'import', description: importReport });
  await screenshot(page, 'options-workspaces-10k');

  await page.getByRole('tab', { name: 'Bulk what-if' }).click();
  await page.getByTestId('bulk-actor').selectOption('lifecycle-sync');
  await page.getByTestId('bulk-paths').getByRole('button', { name: '/lifecycle', exact: true }).click();
  await page.getByLabel('/lifecycle value').fill('phaseOut');

  // Record whether the running progress bar appeared, however short the run.
  await watchFor(page, 'sawProgress', '[data-testid=bulk-progress][data-state=running] progress');
  await page.getByTestId('bulk-run').click();
  const results = page.getByTestId('bulk-results');
  await expect(results).toBeVisible({ timeout: 60_000 });
  expect(await saw(page, 'sawProgress')).toBe(true);
  await expect(page.locator('[data-testid=bulk-progress][data-state=done] progress')).toHaveAttribute('value', String(SHEETS));

  const count = async (id: string) => digits(await page.getByTestId(id).locator('dd').innerText());
  expect(await count('count-evaluated')).toBe(SHEETS);
  expect(await count('count-denied')).toBe(expected.denied);
  expect(await count('count-allowed')).toBe(SHEETS - expected.denied);
  expect(await count('count-seals-broken')).toBe(expected.broken);
  expect(await count('count-notifications')).toBe(expected.broken);
  expect(await count('count-owners-notified')).toBe(expected.owners);
  await expect(page.getByTestId('count-evaluated')).toContainText(/10[,.\s\u00a0\u202f]000/);

  const chart = page.getByTestId('bulk-chart');
  await expect(chart.getByTestId('chart-row')).toHaveCount(TYPES.length);
  for (const t of TYPES) {
    const n = expected.brokenByType.get(t.name) ?? 0;
    await expect(chart.getByTestId('chart-row').filter({ hasText: t.name })).toContainText(formatted(n));
  }
  await expect(chart.getByTestId('chart-row').filter({ hasText: 'BusinessCapability' }).getByTestId('chart-bar')).toHaveAttribute('style', /width: 0(\.00)?%/);

  const affected = page.getByTestId('bulk-affected');
  await expect(affected.getByTestId('affected-row')).toHaveCount(50);
  await expect(affected.getByTestId('affected-row').first()).toContainText(/seal breaks|denied/);
  await expect(affected).toContainText(`The first 500 of`);

  const done = await page.locator('[data-testid=bulk-progress][data-state=done]').innerText();
  console.log(`bulk: ${done.replace(/\s+/g, ' ')}`);
  test.info().annotations.push({ type: 'bulk', description: done });
  await screenshot(page, 'options-bulk');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'options-bulk-dark');
});
