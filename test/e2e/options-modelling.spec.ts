// Modelling in the playground against the built extension: a workspace of three types,
// five fact sheets and four users built from the empty template without typing JSON,
// then a quick check and the Who view on it; type rename and refused delete; the raw
// JSON view (forms → text, text errors inline, text → forms, completion).
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { openPlayground } from './helpers';

const part = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function addChip(scope: Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true }).first();
  await input.fill(value);
  await input.press('Enter');
}

async function addType(page: Page, name: string, fields: string[], relations: string[]): Promise<void> {
  await page.getByLabel('New type name').fill(name);
  await page.getByRole('button', { name: 'Add type', exact: true }).click();
  const type = page.getByTestId(`type-${name}`);
  await expect(type).toBeVisible();
  for (const f of fields) await addChip(type, `Add attribute of ${name}`, f);
  for (const r of relations) await addChip(type, `Add relation of ${name}`, r);
}

async function addUser(page: Page, id: string, kind: 'human' | 'technical', role: 'ADMIN' | 'MEMBER' | 'VIEWER'): Promise<void> {
  await page.getByLabel('New user id').fill(id);
  await page.getByLabel('Kind of the new user').selectOption(kind);
  await page.getByLabel('Standard role of the new user').selectOption(role);
  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  await expect(page.getByTestId(`lx-user-${id}`)).toBeVisible();
}

async function addSheet(page: Page, id: string, type: string, name: string): Promise<Locator> {
  await page.getByLabel('New fact sheet id').fill(id);
  await page.getByLabel('of type').selectOption(type);
  await page.getByLabel('named').fill(name);
  await page.getByRole('button', { name: 'Add fact sheet', exact: true }).click();
  const sheet = page.getByTestId('chosen-fact-sheet');
  await expect(sheet.getByRole('heading', { level: 3 })).toContainText(`id ${id}`);
  return sheet;
}

async function setValue(sheet: Locator, field: string, value: string): Promise<void> {
  const box = sheet.getByLabel(`Value of ${field}`, { exact: true });
  await box.fill(value);
  await box.press('Tab');
}

test('a workspace of three types, five fact sheets and four users, built without typing JSON, answers a quick check and Who', async ({ page, context, openOptions }) => {
  test.setTimeout(120_000);
  await openPlayground(page, context, openOptions);
  await page.getByTestId('template-leanix-empty').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await expect(page.getByTestId('ws-name')).toHaveText('New LeanIX model');

  await page.getByRole('tab', { name: 'Model' }).click();

  // Three types.
  await part(page, 'Fact sheet types').click();
  await expect(page.getByText('The workspace declares no fact sheet types yet')).toBeVisible();
  await addType(page, 'Application', ['lifecycle', 'securityVulnerabilityCount'], ['relApplicationToITComponent']);
  await addType(page, 'ITComponent', ['vendor'], []);
  await addType(page, 'BusinessCapability', ['level'], []);
  const bc = page.getByTestId('type-BusinessCapability');
  await bc.getByTestId('BusinessCapability-enabled').uncheck();
  // A name taken in another letter case is refused where it is typed.
  await page.getByLabel('New type name').fill('application');
  await page.getByRole('button', { name: 'Add type', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Add a fact sheet type' })).toContainText('only in letter case');
  await page.getByLabel('New type name').fill('');

  // Four users.
  await part(page, 'Users').click();
  await addUser(page, 'owner', 'human', 'MEMBER');
  await addUser(page, 'editor', 'human', 'MEMBER');
  await addUser(page, 'admin', 'human', 'ADMIN');
  await addUser(page, 'reader', 'technical', 'VIEWER');

  // Five fact sheets.
  await part(page, 'Fact sheets').click();
  let sheet = await addSheet(page, 'app-crm', 'Application', 'CRM');
  await sheet.getByLabel('Seal state (lxState)').selectOption('APPROVED');
  await setValue(sheet, 'description', 'Customer data');
  await setValue(sheet, 'lifecycle', 'active');
  await setValue(sheet, 'securityVulnerabilityCount', '2');
  await sheet.getByLabel('Subscriber', { exact: true }).selectOption('owner');
  await sheet.getByLabel('Subscription type', { exact: true }).selectOption('RESPONSIBLE');
  await sheet.getByRole('button', { name: 'Add subscriber' }).click();
  await expect(sheet.getByTestId('sheet-subscriptions').getByRole('row', { name: /owner/ })).toBeVisible();
  await addChip(sheet.getByTestId('relation-relApplicationToITComponent'), 'Add target of relApplicationToITComponent', 'itc-db');
  sheet = await addSheet(page, 'app-shop', 'Application', 'Web shop');
  await addChip(sheet, 'Add write ACL entity', 'shop_team');
  await expect(sheet).toContainText('SHOP_TEAM');
  sheet = await addSheet(page, 'itc-db', 'ITComponent', 'Customer database');
  await sheet.getByLabel('Seal state (lxState)').selectOption('APPROVED');
  await setValue(sheet, 'vendor', 'PostgreSQL');
  await addSheet(page, 'itc-mq', 'ITComponent', 'Message queue');
  sheet = await addSheet(page, 'bc-sales', 'BusinessCapability', 'Sales');
  await setValue(sheet, 'level', '1');
  await expect(page.getByTestId('fact-sheet-results').getByRole('button')).toHaveCount(5);
  await screenshot(page, 'options-modelling-built');

  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await expect(page.getByTestId('status')).toContainText('saved');

  // A delete that would leave references is refused with each one located; a rename takes them along.
  await part(page, 'Fact sheet types').click();
  await page.getByRole('button', { name: 'Delete type ITComponent' }).click();
  const refused = page.getByTestId('type-delete-refused-ITComponent');
  await expect(refused).toContainText('factSheets[2].type');
  await expect(refused).toContainText('factSheets[3].type');
  await page.getByRole('button', { name: 'Rename type ITComponent' }).click();
  await page.getByLabel('New name of ITComponent').fill('Component');
  await page.getByRole('button', { name: 'Apply rename' }).click();
  await expect(page.getByTestId('type-Component')).toBeVisible();
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');

  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await expect(page.getByTestId('ws-fact-sheets')).toHaveText('5');
  await expect(page.getByTestId('ws-row')).toContainText('4');

  // The quick check on the model: the editor's edit breaks CRM's seal and notifies its owner.
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await page.selectOption('#actor', 'editor');
  await page.fill('#fs-search', 'CRM');
  await expect(page.locator('#factsheet')).toHaveValue('app-crm');
  await page.getByRole('button', { name: 'lifecycle', exact: true }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(page.getByTestId('notified')).toHaveText('owner');
  // The write ACL shuts the editor out of the web shop.
  await page.fill('#fs-search', 'Web');
  await expect(page.locator('#factsheet')).toHaveValue('app-shop');
  const lifecycle = page.getByRole('button', { name: 'lifecycle', exact: true });
  if ((await lifecycle.getAttribute('aria-pressed')) !== 'true') await lifecycle.click();
  await expect(verdict).toHaveAttribute('data-tone', 'denied');

  // Who, for CRM: the editor breaks, owner and admin keep and approve, the reader cannot touch it.
  await page.getByRole('tab', { name: 'Who', exact: true }).click();
  await page.getByTestId('who-sheet-select').selectOption('app-crm');
  await expect(page.getByTestId('who-breaks')).toContainText('editor');
  await expect(page.getByTestId('who-keeps')).toContainText('owner, admin');
  await expect(page.getByTestId('who-approvers')).toContainText('owner, admin');
  await expect(page.getByTestId('who-notified')).toContainText('owner');
  await expect(page.getByTestId('who-untouchable')).toContainText('reader');
  await expect(page.locator('[data-testid=who-row][data-user=editor]')).toHaveAttribute('data-edit', 'breaks');
  await screenshot(page, 'options-who');
});

test('the raw JSON view: forms show in the text, the validator\u2019s errors inline, a valid text reaches the forms, keys complete', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await page.getByTestId('template-leanix-empty').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByTestId('toggle-json').click();
  // (CodeMirror draws the lines in view: the model is small enough to be all there)
  const editor = page.getByTestId('json-view').locator('.cm-content');
  await expect(editor).toContainText('"name": "New LeanIX model"');

  // forms → text
  await part(page, 'Fact sheet types').click();
  await page.getByLabel('New type name').fill('Interface');
  await page.getByRole('button', { name: 'Add type', exact: true }).click();
  await expect(editor).toContainText('"Interface"');

  // text → forms, once valid; errors inline until then
  const policy = {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'leanix',
    name: 'Typed as JSON',
    asOf: '2026-11-24T00:00:00Z',
    factSheetTypes: [{ name: 'Process', fields: ['owner'] }],
    users: [{ id: 'ann', kind: 'human', role: 'MEMBR' }],
    factSheets: [],
  };
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(policy, null, 2));
  await expect(page.getByTestId('json-state')).toContainText('The JSON has 1 error');
  await expect(page.getByTestId('json-errors')).toContainText('users[0].role');
  await expect(page.getByTestId('json-view').locator('.cm-lintRange-error')).toHaveText('"MEMBR"');
  await expect(page.getByTestId('save-model')).toBeDisabled();
  await screenshot(page, 'options-model-json-errors');

  await page.getByTestId('json-view').locator('.cm-lintRange-error').dblclick();
  await page.keyboard.insertText('MEMBER');
  await expect(page.getByTestId('json-state')).toHaveCount(0);
  await expect(page.getByTestId('type-Process')).toBeVisible();
  await expect(page.getByTestId('type-Interface')).toHaveCount(0);

  // completion of the schema's keys
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.insertText(',\n  "sett');
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await expect(options.filter({ hasText: 'settings' })).toHaveCount(1);
  await options.filter({ hasText: 'settings' }).click();
  await expect(editor).toContainText('"settings":');
  await screenshot(page, 'options-model-json');

  // back to valid and saved
  await page.keyboard.insertText('{}');
  await expect(page.getByTestId('json-state')).toHaveCount(0);
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await expect(page.locator('#ws-select option:checked')).toContainText('Typed as JSON');
});
