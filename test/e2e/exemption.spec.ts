// Seal exemptions (format version 2) against the built extension: a version 2 file whose
// Application exempts securityVulnerabilityCount from the seal. The popup says the sync
// keeps the seal writing that field, and breaks it writing lifecycle; the model editor
// edits the exemption (and the other version 2 settings) and the quick check follows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { navigatePastInstallTab, openPlayground } from './helpers';

const FILE = path.join(repoRoot, 'test', 'fixtures', 'leanix-exemption.json');
const NAME = 'Exemption example: vulnerability sync';
const EXEMPT_REASON = 'securityVulnerabilityCount is exempt from the seal of Application';

async function importFixture(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name: 'leanix-exemption.json', mimeType: 'application/json', buffer: readFileSync(FILE) });
  await expect(page.locator('#ws-select')).toContainText(NAME);
}

async function openPopupPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

const chip = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Asks the quick check (popup or playground tab) what vuln-sync's write of `field` on CRM does. */
async function ask(page: Page, field: string): Promise<void> {
  await page.selectOption('#actor', 'vuln-sync');
  await page.fill('#fs-search', 'CRM');
  await expect(page.locator('#factsheet')).toHaveValue('app-crm');
  await chip(page, field).click();
  await expect(chip(page, field)).toHaveAttribute('aria-pressed', 'true');
}

test('popup: the exempt field keeps the seal and says why; lifecycle breaks it and offers the exemption', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await navigatePastInstallTab(options, () => options.goto(`chrome-extension://${extensionId}/options.html`));
  await importFixture(options);
  await options.close();

  const page = await openPopupPage(context, extensionId);
  await expect(page.locator('#workspace option:checked')).toContainText(NAME);
  await ask(page, 'securityVulnerabilityCount');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal kept');
  await expect(verdict).toHaveAttribute('data-tone', 'kept');
  await expect(page.getByTestId('reasons').locator('li[data-kind="seal"]', { hasText: EXEMPT_REASON })).toBeVisible();
  await expect(verdict).toContainText('APPROVED → APPROVED');
  await expect(page.getByTestId('notified')).toHaveText('no one');
  await screenshot(page, 'popup-exempt-kept');

  // The other field: the same grant, but its edit breaks the seal; exempting it is one way out.
  await chip(page, 'securityVulnerabilityCount').click();
  await chip(page, 'lifecycle').click();
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(verdict).toHaveAttribute('data-tone', 'breaks');
  await expect(page.getByTestId('reasons')).not.toContainText('is exempt');
  await expect(page.getByTestId('notified')).toHaveText('owner');
  await expect(page.getByTestId('fixes').locator('li[data-kind="exempt"]')).toContainText('exempt lifecycle from the seal of Application');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await screenshot(page, 'popup-exempt-breaks');
});

test('model editor: removing the exemption makes the quick check break the seal; adding one keeps it', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFixture(page);

  // As imported: the sync's write of the exempt field keeps the seal.
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await ask(page, 'securityVulnerabilityCount');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal kept');
  await expect(page.getByTestId('reasons')).toContainText(EXEMPT_REASON);

  // Seal exemptions are checkboxes over the type's fields and relations, by keyboard too.
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  const app = page.getByTestId('type-Application');
  const exemptions = app.getByRole('group', { name: 'Seal exemptions' });
  const vuln = exemptions.getByRole('checkbox', { name: 'securityVulnerabilityCount' });
  const lifecycle = exemptions.getByRole('checkbox', { name: 'lifecycle' });
  await expect(vuln).toBeChecked();
  await expect(lifecycle).not.toBeChecked();
  await vuln.focus();
  await page.keyboard.press('Space');
  await expect(vuln).not.toBeChecked();
  await expect(page.getByTestId('model-state')).toContainText('Unsaved changes');
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await expect(vuln).not.toBeChecked();

  // The quick check asks again, of the saved model: now the write breaks the seal.
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await expect(chip(page, 'securityVulnerabilityCount')).toHaveAttribute('aria-pressed', 'true');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(page.getByTestId('reasons')).not.toContainText('is exempt');
  await expect(page.getByTestId('fixes').locator('li[data-kind="exempt"]')).toContainText('exempt securityVulnerabilityCount from the seal of Application');

  // And the other way round: lifecycle exempted, its write keeps the seal.
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  await page.getByTestId('type-Application').getByRole('group', { name: 'Seal exemptions' }).getByRole('checkbox', { name: 'lifecycle' }).check();
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await chip(page, 'securityVulnerabilityCount').click();
  await chip(page, 'lifecycle').click();
  await expect(verdict).toContainText('Allowed · seal kept');
  await expect(page.getByTestId('reasons')).toContainText('lifecycle is exempt from the seal of Application');
  await screenshot(page, 'options-exemption-quick-check');
});

test('model editor, version 2: renewal units, mandatory relations and subscriptions, subscription roles, settings; errors located', async ({
  page,
  context,
  openOptions,
}) => {
  await openPlayground(page, context, openOptions);
  await importFixture(page);
  await page.getByRole('tab', { name: 'Model' }).click();

  // A subscription role for RESPONSIBLE subscriptions on Application.
  await page.getByRole('button', { name: 'Subscription roles' }).click();
  await page.getByLabel('New subscription role').fill('Application Owner');
  await page.getByLabel('Subscription type of the new role').selectOption('RESPONSIBLE');
  await page.getByRole('button', { name: 'Add subscription role' }).click();
  const role = page.getByTestId('srole-Application Owner');
  await expect(role).toBeVisible();
  await role.getByLabel('Add fact sheet type of Application Owner', { exact: true }).first().fill('Application');
  await role.getByLabel('Add fact sheet type of Application Owner', { exact: true }).first().press('Enter');
  await expect(role).toContainText('Application');

  // Workspace settings, each explained in a line.
  await page.getByRole('button', { name: 'Workspace settings' }).click();
  const notify = page.getByRole('checkbox', { name: /Notify the actor too/ });
  await expect(notify).not.toBeChecked();
  await expect(page.locator('#me-setting-notifyActor-note')).toContainText('responsible or accountable subscriber');
  await notify.check();
  await page.getByRole('checkbox', { name: /Lock mandatory values on broken seals too/ }).check();

  // The type: a relation, made mandatory with a RESPONSIBLE Application Owner; renewal in hours.
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  const app = page.getByTestId('type-Application');
  await app.getByLabel('Add relation of Application', { exact: true }).first().fill('relApplicationToITComponent');
  await app.getByLabel('Add relation of Application', { exact: true }).first().press('Enter');
  const mandatory = app.getByRole('group', { name: 'Mandatory' });
  await mandatory.getByRole('group', { name: 'Relations' }).getByRole('checkbox', { name: 'relApplicationToITComponent' }).check();
  await mandatory.getByLabel('Type of the new mandatory subscription of Application').selectOption('RESPONSIBLE');
  await mandatory.getByLabel('Subscription role of the new mandatory subscription of Application').selectOption('Application Owner');
  await mandatory.getByRole('button', { name: 'Add mandatory subscription' }).click();
  await expect(mandatory.getByLabel('Subscription role of mandatory subscription 1 of Application')).toHaveValue('Application Owner');
  await app.getByLabel('Renewal unit of Application').selectOption('HOURS');
  await app.getByLabel('Renewal interval (empty: never expires)').fill('0');
  await app.getByLabel('Renewal interval (empty: never expires)').press('Tab');

  // Saved as a file is checked: the zero renewal and the APPROVED sheet without a target, a
  // subscription role or approvedAt... the errors are listed with their paths, nothing is saved.
  await page.getByTestId('save-model').click();
  const errors = page.getByTestId('model-errors');
  await expect(errors).toContainText('nothing was saved');
  await expect(errors).toContainText('factSheetTypes[0].qualitySeal.renewal.value');
  await expect(app.getByTestId('errors-factSheetTypes[0]')).toContainText('factSheetTypes[0].qualitySeal.renewal.value');
  await expect(page.getByRole('button', { name: /Fact sheet types · \d+ errors?/ })).toBeVisible();
  await screenshot(page, 'options-model-v2-errors');

  // A valid renewal: 12 hours; the fact sheet gets its relation target and the owner the role.
  await app.getByLabel('Renewal interval (empty: never expires)').fill('12');
  await app.getByLabel('Renewal interval (empty: never expires)').press('Tab');
  await page.getByRole('button', { name: 'Fact sheets' }).click();
  await page.getByLabel('Find a fact sheet by name').fill('CRM');
  await page.getByTestId('fact-sheet-results').getByRole('button', { name: /CRM/ }).click();
  const sheet = page.getByTestId('chosen-fact-sheet');
  const rel = sheet.getByTestId('relation-relApplicationToITComponent');
  await expect(rel).toContainText('mandatory');
  await rel.getByLabel('Add target of relApplicationToITComponent', { exact: true }).first().fill('itc-42');
  await rel.getByLabel('Add target of relApplicationToITComponent', { exact: true }).first().press('Enter');
  await expect(rel).toContainText('itc-42');
  const owner = sheet.getByTestId('sheet-subscriptions').getByRole('row', { name: /owner/ });
  await owner.getByLabel('Add subscription role of owner', { exact: true }).first().fill('Application Owner');
  await owner.getByLabel('Add subscription role of owner', { exact: true }).first().press('Enter');
  await expect(owner).toContainText('Application Owner');
  await screenshot(page, 'options-model-v2-fact-sheet');
  await page.getByTestId('save-model').click();
  // The approved sheet of a type with a renewal needs approvedAt: said where it belongs.
  await expect(errors).toContainText('factSheets[0]');
  await expect(sheet.getByTestId('errors-factSheets[0]')).toContainText('approvedAt');

  // Leave the renewal off again: saved.
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  await app.getByLabel('Renewal interval (empty: never expires)').fill('');
  await app.getByLabel('Renewal interval (empty: never expires)').press('Tab');
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('status')).toContainText('saved');
  await expect(page.getByTestId('model-state')).toContainText('No unsaved changes');

  // Everything survived the save and a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Workspace settings' }).click();
  await expect(page.getByRole('checkbox', { name: /Notify the actor too/ })).toBeChecked();
  await page.getByRole('button', { name: 'Fact sheet types' }).click();
  await expect(
    page.getByTestId('type-Application').getByRole('group', { name: 'Mandatory' }).getByRole('group', { name: 'Relations' }).getByRole('checkbox', { name: 'relApplicationToITComponent' }),
  ).toBeChecked();
  await expect(page.getByTestId('type-Application').getByLabel('Subscription role of mandatory subscription 1 of Application')).toHaveValue('Application Owner');
  await screenshot(page, 'options-model-v2');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 23, 29)');
  await screenshot(page, 'options-model-v2-dark');
});
