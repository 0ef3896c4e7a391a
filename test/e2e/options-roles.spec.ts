// Journey 2 "Design a role" against the built extension, plus the model editor's
// save-or-refuse behaviour.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';

const exampleFile = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');

async function importExample(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(exampleFile);
  await expect(page.locator('#ws-select')).toContainText('Spec example: Acme integration');
}

test('design a role: completion, live matrix flips from breaks to keeps, drafts survive a reload, errors are located', async ({
  page,
  openOptions,
}) => {
  await openOptions(page);
  await importExample(page);
  await page.getByRole('tab', { name: 'Role designer' }).click();
  await expect(page.getByTestId('no-drafts')).toBeVisible();

  // A new draft holding nothing but what it is given.
  await page.getByLabel('Start from').selectOption({ label: 'Empty role (no grants)' });
  await page.locator('#rd-new-name').fill('SYNC_DRAFT');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('draft-SYNC_DRAFT')).toBeVisible();
  await expect(page.locator('#rd-editor-h')).toContainText('SYNC_DRAFT');

  // Type the field grant with completion: Tab takes the suggestion, in its canonical
  // upper case whatever case is typed (permission strings match without case).
  const editor = page.locator('#rd-perms');
  await editor.focus();
  await page.keyboard.type('fact_sheet_fi');
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await expect(list.getByRole('option')).toHaveText([/FACT_SHEET_FIELDS/]);
  await page.keyboard.press('Tab');
  await expect(editor).toHaveValue('FACT_SHEET_FIELDS:');
  // All eight actions and `*` are offered.
  await expect(list.getByRole('option')).toHaveCount(9);
  await page.keyboard.type('up');
  await page.keyboard.press('Tab');
  await page.keyboard.type(':');
  // Arrow keys move through the declared types, Enter takes one.
  await expect(list.getByRole('option')).toHaveText([/^Application/, /^BusinessCapability/, /^\*/]);
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(editor).toHaveAttribute('aria-activedescendant', 'rd-perms-opt-0');
  await screenshot(page, 'options-roles-completion');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveValue('FACT_SHEET_FIELDS:UPDATE:Application:');
  await expect(list.getByRole('option')).toHaveText([/^lifecycle/, /^cveCount/, /^\*/]);
  await page.keyboard.type('cve');
  await page.keyboard.press('Tab');
  await expect(editor).toHaveValue('FACT_SHEET_FIELDS:UPDATE:Application:cveCount');
  await expect(page.getByTestId('permission-ok')).toHaveText('The permission reads correctly.');

  // Held by a technical user in the simulation.
  await page.getByTestId('user-cve-feed').check();
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('status')).toContainText('Draft SYNC_DRAFT saved');

  // Only the field grant: writing cveCount breaks Application's seal.
  const attributes = page.getByTestId('cell-Application-attributes');
  await expect(attributes).toHaveAttribute('data-seal', 'break');
  await expect(attributes).toContainText('breaks');
  await expect(attributes).toContainText('u'); // update on some attributes
  await expect(page.getByTestId('impact')).toHaveText(
    'A holder of this role writing what it may would break 1 seal, notify 1 owner (of 1 approved fact sheet).',
  );
  await expect(page.getByTestId('seal-Application')).toHaveText('no');
  await screenshot(page, 'options-roles-breaks');

  // With UPDATE on lxState the role holds the seal permission: the same writes keep it.
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  await page.keyboard.press('Escape');
  await expect(attributes).toHaveAttribute('data-seal', 'keep');
  await expect(attributes).toContainText('keeps');
  await expect(page.getByTestId('seal-Application')).toHaveText('holds it');
  await expect(page.getByTestId('impact')).toContainText('would break no seals');
  await expect(page.locator('#rd-editor-h')).toContainText('unsaved changes');
  await page.getByTestId('save-draft').click();
  await expect(page.locator('#rd-editor-h')).not.toContainText('unsaved changes');
  await screenshot(page, 'options-roles-keeps');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'options-roles-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The draft is in IndexedDB: it survives a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Role designer' }).click();
  const saved = page.getByTestId('draft-SYNC_DRAFT');
  await expect(saved).toContainText('2 permissions');
  await expect(saved).toContainText('1 user');
  await saved.click();
  await expect(editor).toHaveValue('FACT_SHEET_FIELDS:UPDATE:Application:cveCount\nFACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  await expect(page.getByTestId('user-cve-feed')).toBeChecked();
  await expect(page.getByTestId('cell-Application-attributes')).toHaveAttribute('data-seal', 'keep');

  // A broken permission: the error names its line and column, and saving is refused.
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('FACT_SHEET_FIELDS:UPDTE:Application:*');
  await page.keyboard.press('Escape');
  const error = page.getByTestId('permission-error');
  await expect(error).toHaveCount(1);
  await expect(error).toHaveAttribute('data-line', '3');
  await expect(error).toHaveAttribute('data-position', '19');
  await expect(error).toContainText('Line 3, column 19');
  await expect(error).toContainText('`UPDTE` at 19: expected READ, CREATE, UPDATE, DELETE, ARCHIVE, INLINE_EDIT, IMPORT, EXPORT or `*`; did you mean `UPDATE`?');
  await expect(page.locator('.pe-underline')).toHaveText('UPDTE');
  await expect(error.locator('pre')).toHaveText('FACT_SHEET_FIELDS:UPDTE:Application:*\n                  ^');
  await expect(page.getByTestId('matrix-partial')).toContainText('leaves out 1 line');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('draft-problem')).toContainText('Not saved');
  await expect(page.getByTestId('draft-problem')).toContainText('line 3, character 19');
  await screenshot(page, 'options-roles-error');

  // Apply the (saved) drafts: the role becomes a customer role of the workspace.
  await page.getByRole('button', { name: 'Revert changes' }).click();
  await expect(page.getByTestId('permission-error')).toHaveCount(0);
  await page.getByTestId('apply-drafts').click();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('status')).toContainText('Applied 1 draft');
  await expect(page.getByTestId('no-drafts')).toBeVisible();
  await page.getByLabel('Start from').selectOption({ label: 'Revise SYNC_DRAFT (same name)' });
});

test('applying a draft writes into the file in place: the export differs only in the changed line and keeps the role\'s description', async ({ page, openOptions }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));
  // the example with a description on a role, written before its name
  const original = readFileSync(exampleFile, 'utf8').replace('{\n      "name": "CVE_FEED",\n', '{\n      "description": "owned by the security team",\n      "name": "CVE_FEED",\n');
  expect(original).toContain('"description": "owned by the security team"');
  const file = path.join(dir, 'described.json');
  writeFileSync(file, original);
  await openOptions(page);
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.locator('#ws-select')).toContainText('Spec example: Acme integration');

  await page.getByRole('tab', { name: 'Role designer' }).click();
  await page.getByLabel('Start from').selectOption({ label: 'Revise CVE_FEED (same name)' });
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('draft-CVE_FEED')).toBeVisible();
  const editor = page.locator('#rd-perms');
  await expect(editor).toHaveValue('FACT_SHEET_FIELDS:UPDATE:Application:cveCount');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('FACT_SHEET_FIELDS:UPDATE:Application:lifecycle');
  await page.keyboard.press('Escape');
  await page.getByTestId('save-draft').click();
  await expect(page.locator('#rd-editor-h')).not.toContainText('unsaved changes');
  await page.getByTestId('apply-drafts').click();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('status')).toContainText('Applied 1 draft');

  await page.getByRole('tab', { name: 'Workspaces' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ws-export').click()]);
  const exported = path.join(dir, 'exported.json');
  await download.saveAs(exported);
  // one line more in the role's list of permissions; every other byte as imported
  const expected = original.replace(
    '"permissions": [\n        "FACT_SHEET_FIELDS:UPDATE:Application:cveCount"\n      ]\n    },\n    {\n      "name": "CVE_FEED_SEALED"',
    '"permissions": [\n        "FACT_SHEET_FIELDS:UPDATE:Application:cveCount",\n        "FACT_SHEET_FIELDS:UPDATE:Application:lifecycle"\n      ]\n    },\n    {\n      "name": "CVE_FEED_SEALED"',
  );
  expect(expected).not.toBe(original);
  expect(readFileSync(exported, 'utf8')).toBe(expected);
});

test('model editor: forms save through the validator; an invalid edit shows located errors and changes nothing', async ({
  page,
  openOptions,
}) => {
  await openOptions(page);
  await importExample(page);
  await page.getByRole('tab', { name: 'Model' }).click();

  // Seal settings of a type, saved.
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  const app = page.getByTestId('type-Application');
  await app.getByLabel('Renewal interval (empty: never expires)').fill('90');
  await app.getByLabel('Renewal interval (empty: never expires)').press('Tab');
  await expect(app.getByLabel('Renewal unit of Application')).toHaveValue('DAYS');
  await app.getByTestId('Application-draft').check();
  await expect(page.getByTestId('model-state')).toContainText('Unsaved changes');
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('status')).toContainText('saved');
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await expect(app.getByLabel('Renewal interval (empty: never expires)')).toHaveValue('90');

  // A subscriber picked by fact sheet name.
  await page.getByRole('button', { name: 'Fact sheets' }).click();
  await page.getByLabel('Find a fact sheet by name').fill('web');
  await page.getByTestId('fact-sheet-results').getByRole('button', { name: /Web shop/ }).click();
  const sheet = page.getByTestId('chosen-fact-sheet');
  await expect(sheet).toContainText('owner');
  await sheet.getByLabel('Subscriber', { exact: true }).selectOption('editor');
  await sheet.getByLabel('Subscription type', { exact: true }).selectOption('ACCOUNTABLE');
  await sheet.getByRole('button', { name: 'Add subscriber' }).click();
  await expect(sheet.getByRole('row', { name: /editor/ })).toBeVisible();
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');

  // Removing a user the model still refers to is refused, with the place of each reference.
  await page.getByRole('button', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Remove user owner' }).click();
  await page.getByTestId('save-model').click();
  const errors = page.getByTestId('model-errors');
  await expect(errors).toContainText('nothing was saved');
  await expect(errors).toContainText('factSheets[0].subscriptions[0].user');
  await screenshot(page, 'options-model-errors');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByTestId('lx-user-owner')).toBeVisible();

  // Technical user expiry through a date input.
  const feed = page.getByTestId('lx-user-cve-feed');
  await feed.getByLabel('Expiry date of cve-feed (empty: never)').fill('2028-01-31');
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await page.reload();
  await page.getByRole('tab', { name: 'Model' }).click();
  await expect(page.getByTestId('lx-user-cve-feed').getByLabel('Expiry date of cve-feed (empty: never)')).toHaveValue('2028-01-31');
  await screenshot(page, 'options-model');
});

test('model editor for Qualytics: teams, users and tokens by forms', async ({ page, openOptions }) => {
  await openOptions(page);
  await page.locator('input[type=file]').setInputFiles(path.join(repoRoot, 'test', 'fixtures', 'qualytics-example.json'));
  await expect(page.locator('#ws-select')).toContainText('Spec example: data quality team');
  await page.getByRole('tab', { name: 'Model' }).click();

  // A team's level and datastores.
  await page.getByRole('button', { name: 'Teams' }).click();
  const quality = page.getByTestId('q-team-Quality');
  await quality.getByLabel('Permission of Quality').selectOption('Editor');
  await quality.getByLabel('Add datastore of Quality').first().fill('orders-enriched');
  await quality.getByLabel('Add datastore of Quality').first().press('Enter');
  await expect(quality).toContainText('orders-enriched');

  // A service user deactivated, a token revoked and set to expire in 30 days.
  await page.getByRole('button', { name: 'Users', exact: true }).click();
  await page.getByLabel('sync is active').uncheck();
  await page.getByRole('button', { name: 'Tokens' }).click();
  const token = page.getByTestId('q-token-t-sync');
  await token.getByLabel('State of t-sync').selectOption('Revoked');
  await token.getByLabel('Set the expiry of t-sync').selectOption('30');
  await expect(token.getByLabel('Expiry date of t-sync (empty: never)')).toHaveValue('2026-12-24');
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');

  // Everything survived the save and a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Teams' }).click();
  await expect(page.getByTestId('q-team-Quality').getByLabel('Permission of Quality')).toHaveValue('Editor');
  await expect(page.getByTestId('q-team-Quality')).toContainText('orders-enriched');
  await page.getByRole('button', { name: 'Users', exact: true }).click();
  await expect(page.getByLabel('sync is active')).not.toBeChecked();
  await page.getByRole('button', { name: 'Tokens' }).click();
  await expect(page.getByTestId('q-token-t-sync').getByLabel('State of t-sync')).toHaveValue('Revoked');
  await screenshot(page, 'options-model-qualytics');
});
