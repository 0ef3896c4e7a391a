// Issue 4's headline journey: a role designer drafts a customer role for the technical
// user, the popup says its update breaks the seal and names the owner notified; with the
// base-fields grant on lxState added to the draft, the popup's verdict flips to seal kept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';

const exampleFile = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');

async function popupVerdict(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.selectOption('#actor', 'cve-feed');
  await popup.fill('#fs-search', 'web');
  await expect(popup.locator('#factsheet')).toHaveValue('app-shop');
  await popup.getByRole('button', { name: 'cveCount', exact: true }).click();
  return popup;
}

test('a drafted role for the technical user: the popup says the seal breaks, then, with the lxState grant, that it is kept', async ({ context, extensionId, page, openOptions }) => {
  await openOptions(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'leanix-example.json', mimeType: 'application/json', buffer: readFileSync(exampleFile) });
  await expect(page.locator('#ws-select')).toContainText('Spec example: Acme integration');

  // Draft a narrow role held by the technical user cve-feed, without the seal permission.
  await page.getByRole('tab', { name: 'Role designer' }).click();
  await page.getByLabel('Start from').selectOption({ label: 'Empty role (no grants)' });
  await page.locator('#rd-new-name').fill('FEED_DRAFT');
  await page.getByRole('button', { name: 'Create draft' }).click();
  const editor = page.locator('#rd-perms');
  await editor.fill('FACT_SHEET_FIELDS:UPDATE:Application:cveCount');
  await page.getByTestId('user-cve-feed').check();
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('status')).toContainText('Draft FEED_DRAFT saved');

  let popup = await popupVerdict(context, extensionId);
  const verdict = popup.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-tone', 'breaks');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(popup.getByTestId('notified')).toHaveText('owner');
  await expect(popup.getByText('evaluated with the role drafts FEED_DRAFT')).toBeVisible();
  await screenshot(popup, 'journey-popup-breaks');
  await popup.close();

  // Add the seal permission to the draft: the same update keeps the seal.
  await editor.fill('FACT_SHEET_FIELDS:UPDATE:Application:cveCount\nFACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  await page.getByTestId('save-draft').click();
  await expect(page.locator('#rd-editor-h')).not.toContainText('unsaved changes');

  popup = await popupVerdict(context, extensionId);
  await expect(popup.getByTestId('verdict')).toHaveAttribute('data-tone', 'kept');
  await expect(popup.getByTestId('verdict')).toContainText('Allowed · seal kept');
  await expect(popup.getByTestId('verdict')).toContainText('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  await screenshot(popup, 'journey-popup-kept');
});
