// The Role advisor and Policy diff tabs against the built extension.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';

async function openPlayground(page: Page, context: BrowserContext, openOptions: (page: Page) => Promise<Page>): Promise<void> {
  const isOptions = (p: Page) => p !== page && p.url().endsWith('/options.html');
  if (!context.pages().some(isOptions)) await context.waitForEvent('page', { predicate: isOptions, timeout: 3_000 }).catch(() => null);
  try {
    await openOptions(page);
  } catch (error) {
    if (!/interrupted by another navigation/.test(String(error))) throw error;
    await page.waitForLoadState();
  }
  await expect(page.locator('h1')).toContainText('Sealcheck');
}

const vulnSync = path.join(repoRoot, 'examples', 'leanix-vuln-sync.json');
const qualytics = path.join(repoRoot, 'examples', 'qualytics-service-users.json');

async function importFile(page: Page, file: string, rows: number): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('ws-row')).toHaveCount(rows);
  await expect(page.getByTestId('import-report')).toContainText('Imported');
}

test('explore advisor', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, vulnSync, 1);
  await page.getByRole('tab', { name: 'Role advisor' }).click();
  await page.waitForTimeout(500);
  await screenshot(page, 'explore-advisor-0');
  await page.getByLabel('Integration user').selectOption('vuln-sync-restricted');
  await page.getByRole('button', { name: '/securityVulnerabilityCount' }).click();
  await page.getByRole('button', { name: 'Advise' }).click();
  await page.waitForTimeout(1000);
  await screenshot(page, 'explore-advisor-1');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'explore-advisor-dark');
});

test('explore qualytics + diff', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, qualytics, 1);
  await page.getByRole('tab', { name: 'Role advisor' }).click();
  await page.getByRole('button', { name: 'Advise' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'explore-q-0');
  await page.getByRole('button', { name: 'check.create' }).click().catch(() => undefined);
  await page.getByRole('button', { name: 'orders', exact: true }).click();
  await page.getByRole('button', { name: 'Advise' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'explore-q-1');
  await page.getByRole('tab', { name: 'Policy diff' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'explore-diff-0');
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await importFile(page, vulnSync, 2);
  const dir = mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));
  const p = JSON.parse(readFileSync(vulnSync, 'utf8'));
  p.name = 'Weekly sync, v2';
  p.roles[0].permissions.push('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  writeFileSync(path.join(dir, 'v2.json'), JSON.stringify(p, null, 2));
  await importFile(page, path.join(dir, 'v2.json'), 3);
  await page.getByRole('tab', { name: 'Policy diff' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'explore-diff-1');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForTimeout(1000);
  for (const d of await page.locator('details').all()) await d.locator('summary').click();
  await screenshot(page, 'explore-diff-2');
});
