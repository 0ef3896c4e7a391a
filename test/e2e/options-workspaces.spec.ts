// Playground journeys 3 and 4 against the built extension: import, prove, share.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { chooseImportFile, importPolicy, openPlayground } from './helpers';

const exampleFile = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));

async function importExample(page: Page): Promise<void> {
  await importPolicy(page, exampleFile, { rows: 1 });
}

test('an empty playground says what to do next; the drop zone opens the picker by keyboard and imports a dropped file', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await expect(page.getByTestId('ws-empty')).toContainText('Import a policy file');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await screenshot(page, 'options-workspaces-empty');

  // The drop zone is reachable by keyboard: Enter opens the file picker.
  await page.getByTestId('drop-zone').focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  expect(chooser.isMultiple()).toBe(false);

  // Dropping a file on the zone imports it.
  const text = readFileSync(exampleFile, 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await expect(page.getByTestId('ws-name')).toHaveText('Spec example: Acme integration');
});

test('(a) import the LeanIX example by the file input and see all 9 scenarios pass', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importExample(page);
  const row = page.getByTestId('ws-row');
  await expect(row.getByTestId('ws-name')).toHaveText('Spec example: Acme integration');
  await expect(row).toContainText('SAP LeanIX');
  await expect(row.getByTestId('ws-fact-sheets')).toHaveText('2');
  await screenshot(page, 'options-workspaces');

  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByTestId('scenario-row')).toHaveCount(9);
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-summary')).toContainText('9 of 9 scenarios passed');
  await expect(page.locator('[data-testid=scenario-row][data-result=pass]')).toHaveCount(9);
  await expect(page.getByTestId('run-history')).toContainText('9 passed');

  // Each row opens its full explanation: the verdict card with reasons.
  await page.getByRole('button', { name: 'Explain feed with a narrow role breaks the seal' }).click();
  const explanation = page.getByTestId('explanation');
  await expect(explanation.getByTestId('verdict')).toHaveAttribute('data-tone', 'breaks');
  await expect(explanation.getByTestId('verdict')).toContainText('Allowed · seal breaks');
  await expect(explanation.getByTestId('reasons')).toContainText('CVE_FEED');
  await screenshot(page, 'options-scenarios');
});

test('a scenario added through the form is saved and runs; a failing one is listed first with expected vs actual', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importExample(page);
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await page.getByTestId('add-scenario').click();
  const form = page.getByTestId('scenario-form');
  await form.getByLabel('Name', { exact: true }).fill('editor changes the lifecycle (wrong on purpose)');
  await form.getByTestId('sf-actor').selectOption('editor');
  await form.getByTestId('sf-sheet-select').selectOption('app-shop');
  await form.getByLabel('Change 1 path').fill('/lifecycle');
  await form.getByLabel('Change 1 value').fill('phaseOut');
  await form.getByLabel('Allowed').selectOption('true');
  await form.getByLabel('Seal broken').selectOption('false'); // wrong: the editor breaks it
  await screenshot(page, 'options-scenario-form');
  await form.getByTestId('scenario-save').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('scenario-row')).toHaveCount(10);

  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-summary')).toContainText('9 of 10 scenarios passed');
  const first = page.getByTestId('scenario-row').first();
  await expect(first).toHaveAttribute('data-result', 'fail');
  await expect(first.getByTestId('scenario-name')).toHaveText('editor changes the lifecycle (wrong on purpose)');
  const mismatch = first.getByTestId('mismatches');
  await expect(mismatch).toContainText('sealBroken');
  await expect(mismatch).toContainText('false');
  await expect(mismatch).toContainText('true');

  // An invalid edit shows the validator's located errors and changes nothing.
  await page.getByRole('button', { name: 'Edit editor changes the lifecycle (wrong on purpose)' }).click();
  await form.getByLabel('Change 1 path').fill('/noSuchField');
  await form.getByTestId('scenario-save').click();
  await expect(page.getByTestId('scenario-save-errors')).toContainText('scenarios[9].operation.patches[0].path');
  await screenshot(page, 'options-scenario-form-errors');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('scenario-row')).toHaveCount(10);
});

test('(b) export, delete, re-import: the downloaded file is byte-identical to the imported one', async ({ page, context, openOptions }) => {
  const dir = tmp();
  await openPlayground(page, context, openOptions);
  await importExample(page);
  const original = readFileSync(exampleFile);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ws-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = path.join(dir, download.suggestedFilename());
  await download.saveAs(exported);
  expect(Buffer.compare(readFileSync(exported), original)).toBe(0);

  // Delete with the keyboard: the confirm step takes focus on "Keep"; Escape steps back.
  await page.getByTestId('ws-delete').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ws-delete-step')).toBeVisible();
  await expect(page.getByTestId('ws-delete-no')).toBeFocused();
  await screenshot(page, 'options-workspaces-delete-confirm');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ws-delete')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ws-delete-no')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('ws-delete-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ws-empty')).toBeVisible();

  await chooseImportFile(page, exported);
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ws-export').click()]);
  const reexported = path.join(dir, `again-${again.suggestedFilename()}`);
  await again.saveAs(reexported);
  expect(Buffer.compare(readFileSync(reexported), original)).toBe(0);
});

test('(c) a broken file lists every located error as text and leaves the workspaces untouched', async ({ page, context, openOptions }) => {
  const dir = tmp();
  await openPlayground(page, context, openOptions);
  await importExample(page);
  const before = await page.getByTestId('ws-row').allInnerTexts();

  const broken = JSON.parse(readFileSync(exampleFile, 'utf8'));
  broken.roles[0].permissions[0] = 'FACT_SHEET_FIELDS:UPDAT:Application:cveCount';
  broken.factSheets[0].subscriptions[0].user = '<img src=x onerror="document.title=1">';
  const brokenFile = path.join(dir, 'broken.json');
  writeFileSync(brokenFile, JSON.stringify(broken, null, 2));
  await chooseImportFile(page, brokenFile);

  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('nothing was imported');
  await expect(errors.getByTestId('policy-error')).toHaveCount(2);
  await expect(errors).toContainText('roles[0].permissions[0]');
  await expect(errors).toContainText('character');
  await expect(errors).toContainText('factSheets[0].subscriptions[0].user');
  await expect(errors).toContainText('<img src=x'); // shown as text ...
  await expect(errors.locator('img')).toHaveCount(0); // ... never as markup
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  expect(await page.getByTestId('ws-row').allInnerTexts()).toEqual(before);
  await screenshot(page, 'options-workspaces-import-errors');

  // A syntax error is located by line and column.
  const syntax = path.join(dir, 'syntax.json');
  writeFileSync(syntax, '{\n  "format": "sealcheck-policy",\n  "version": 1,,\n}\n');
  await chooseImportFile(page, syntax);
  await expect(errors.getByTestId('policy-error-where')).toHaveText(/line 3, column \d+/);
  expect(await page.getByTestId('ws-row').allInnerTexts()).toEqual(before);
});

test('templates create workspaces of both platforms; the quick check answers a question from the URL hash', async ({ page, context, openOptions, extensionId }) => {
  await openPlayground(page, context, openOptions);
  await page.getByTestId('template-leanix').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await page.getByTestId('template-qualytics').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(2);
  await expect(page.getByTestId('ws-table')).toContainText('Qualytics');
  await chooseImportFile(page, exampleFile);
  await expect(page.getByTestId('ws-row')).toHaveCount(3);
  const id = await page.locator('[data-testid=ws-row]', { hasText: 'Spec example' }).getAttribute('data-id');
  expect(id).toBeTruthy();

  const question = { workspace: id, actor: 'cve-feed', factSheet: 'app-shop', paths: ['/cveCount'] };
  // As the popup's "Open in playground" does: a new tab with the question in its hash.
  const linked = await context.newPage();
  await linked.goto(`chrome-extension://${extensionId}/options.html#check=${encodeURIComponent(JSON.stringify(question))}`);
  await expect(linked.getByRole('tab', { name: 'Quick check' })).toHaveAttribute('aria-selected', 'true');
  const verdict = linked.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(verdict).toContainText('owner');
  // Clicking a chip asks again: lifecycle is not granted to the feed.
  await linked.getByRole('button', { name: 'lifecycle', exact: true }).click();
  await expect(verdict).toHaveAttribute('data-tone', 'denied');
  await screenshot(linked, 'options-quickcheck');
});

test('Qualytics: scenarios added through the form (an action on a datastore, an API request) are saved and pass', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await page.getByTestId('template-qualytics').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByTestId('scenario-row')).toHaveCount(1);

  const form = page.getByTestId('scenario-form');
  await page.getByTestId('add-scenario').click();
  await form.getByLabel('Name', { exact: true }).fill('the sync service cannot run operations');
  await form.getByTestId('sf-actor').selectOption('svc-sync');
  await form.getByLabel('Action', { exact: true }).selectOption('operation.run');
  await form.getByLabel('Datastore', { exact: true }).selectOption('orders');
  await form.getByLabel('Allowed').selectOption('false');
  await form.getByLabel('Status').selectOption('403');
  await form.getByTestId('scenario-save').click();
  await expect(page.getByTestId('scenario-row')).toHaveCount(2);

  await page.getByTestId('add-scenario').click();
  await form.getByLabel('Name', { exact: true }).fill('the admin creates a service user');
  await form.getByTestId('sf-actor').selectOption('admin');
  await form.getByLabel('an API request').check();
  await form.getByLabel('Method').selectOption('POST');
  await form.getByLabel('Path', { exact: true }).fill('/users');
  await form.getByLabel('Body (JSON, optional)').fill('{"name": "svc-new", "role": "Member"}');
  await form.getByRole('button', { name: 'Fill expectations from the current outcome' }).click();
  await expect(form.getByLabel('Status')).toHaveValue('201');
  await screenshot(page, 'options-scenario-form-qualytics');
  await form.getByTestId('scenario-save').click();
  await expect(page.getByTestId('scenario-row')).toHaveCount(3);

  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-summary')).toContainText('3 of 3 scenarios passed');
});
