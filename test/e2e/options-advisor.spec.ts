// The Role advisor and Policy diff tabs against the built extension: which setup an
// integration user should have (LeanIX and Qualytics), and what a changed policy
// file grants that the old one did not.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';

/**
 * Opens the playground. On a fresh profile the background opens it too (on install),
 * which can interrupt our own navigation: wait for that tab first, then go.
 */
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

const vulnSyncFile = path.join(repoRoot, 'examples', 'leanix-vuln-sync.json');
const qualyticsFile = path.join(repoRoot, 'examples', 'qualytics-service-users.json');
const vulnSync = JSON.parse(readFileSync(vulnSyncFile, 'utf8')) as { name: string; roles: { name: string; permissions: string[] }[] };
const SEAL_GRANT = 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState';
const SETUPS = ['current', 'role', 'role-with-seal', 'exempt', 'subscription', 'admin', 'reapprove'];
/** The least the sync needs: reading Applications, reading and writing the one attribute. */
const ROLE_GRANTS = ['FACT_SHEET:READ:Application:*', 'FACT_SHEET_FIELDS:READ,UPDATE:Application:securityVulnerabilityCount'];
/** The people whose edits of the attribute would stop breaking seals if it were exempt. */
const SILENCED = ['alice', 'bob', 'carol', 'dave', 'gina', 'erin', 'vuln-sync-subscribed'];

/** Imports a file through the Workspaces tab's file input; `rows` workspaces afterwards. */
async function importFile(page: Page, file: string, rows: number): Promise<void> {
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('ws-row')).toHaveCount(rows);
  await expect(page.getByTestId('import-report')).toContainText('Imported');
}

/** A number as the page formats it (the browser's locale). */
const formatted = (page: Page, n: number) => page.evaluate((x) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(x), n);

test('LeanIX role advisor: seven setups over the workspace, role-with-seal recommended, the role ready to paste, exempt and its silenced users, the request, open as draft, add these scenarios', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, vulnSyncFile, 1);
  await page.getByRole('tab', { name: 'Role advisor' }).click();
  const advisor = page.getByTestId('advisor');
  await expect(advisor.getByRole('heading', { name: 'Role advisor' })).toBeVisible();

  // Nothing to ask yet: the empty state says what to do, and Advise waits for a path.
  const advise = advisor.getByRole('button', { name: 'Advise' });
  await expect(page.getByTestId('advisor-hint')).toHaveText('Choose at least one path the integration writes, then Advise.');
  await expect(advise).toBeDisabled();

  await advisor.getByLabel('Integration user').selectOption('vuln-sync-restricted');
  await expect(advisor.getByLabel('Fact sheet type')).toHaveValue('Application');
  await expect(advisor.getByRole('group', { name: 'Paths the integration writes' })).toBeVisible();

  // The path chip toggles by keyboard.
  const chip = advisor.getByRole('button', { name: '/securityVulnerabilityCount', exact: true });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await chip.focus();
  await page.keyboard.press('Space');
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('advisor-hint')).toHaveCount(0);
  await expect(advise).toBeEnabled();

  // Enter in the form asks.
  await advisor.getByLabel('Runs a year').fill('52');
  await advisor.getByLabel('Runs a year').press('Enter');
  const advice = page.getByTestId('advice');
  await expect(advice).toContainText('vuln-sync-restricted writing /securityVulnerabilityCount on 5 Application fact sheets, 52 runs a year');

  const rows = advice.locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.locator('th code')).toHaveText(SETUPS);
  await expect(advice.locator('[data-recommended=true]')).toHaveCount(1);
  await expect(page.getByTestId('advice-role-with-seal')).toHaveAttribute('data-recommended', 'true');
  await expect(page.getByTestId('advice-role-with-seal').getByTestId('recommended')).toHaveText('recommended');
  await expect(page.getByTestId('recommended')).toHaveCount(1);
  for (const setup of SETUPS) {
    await expect(page.getByTestId(`advice-${setup}`).getByTestId('allowed')).toHaveText('5 / 5');
  }

  // Least privilege without the seal permission breaks seals on every run; with it, none.
  const roleBreaks = Number(await page.getByTestId('advice-role').getByTestId('seal-breaks').innerText());
  expect(roleBreaks).toBeGreaterThan(0);
  await expect(page.getByTestId('advice-role-with-seal').getByTestId('seal-breaks')).toHaveText('0');
  await expect(page.getByTestId('advice-role')).toContainText('without the seal permission it breaks');

  // The recommended customer role, as JSON ready to paste.
  const role = page.getByTestId('advised-role');
  await expect(role).toBeVisible();
  expect(JSON.parse(await role.innerText())).toEqual({
    name: 'VULN_SYNC_RESTRICTED_SEALCHECK',
    // The reads the job needs beside its write, then the seal permission.
    permissions: [...ROLE_GRANTS, SEAL_GRANT],
  });
  await expect(advice).toContainText('The recommended customer role (role-with-seal), ready to paste:');

  // The extra capabilities of a setup open by keyboard.
  const adminExtras = page.getByTestId('advice-admin').locator('details');
  await adminExtras.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(adminExtras).toHaveAttribute('open', '');
  await expect(adminExtras).toContainText('ADMIN: administration');
  await page.keyboard.press('Enter');
  await expect(adminExtras).not.toHaveAttribute('open', '');

  // Copy puts the role on the clipboard.
  await page.getByTestId('copy-role').click();
  await expect(page.getByTestId('status')).toContainText('Copied the customer role VULN_SYNC_RESTRICTED_SEALCHECK');
  // Paste it somewhere to read it back.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
  await page.locator('#paste-here').focus();
  await page.keyboard.press('ControlOrMeta+V');
  expect(JSON.parse(await page.locator('#paste-here').inputValue())).toEqual(JSON.parse(await role.innerText()));
  await page.evaluate(() => document.getElementById('paste-here')?.remove());

  await screenshot(page, 'advisor');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 23, 29)');
  await screenshot(page, 'advisor-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // exempt keeps every seal without any seal power, at the cost of silencing the people who edit the attribute
  const exempt = page.getByTestId('advice-exempt');
  await expect(exempt.getByTestId('seal-breaks')).toHaveText('0');
  await expect(exempt).toContainText('the cost: edits of securityVulnerabilityCount by 7 other users');
  const silenced = exempt.getByTestId('silenced').locator('details');
  await expect(silenced.locator('summary')).toHaveText('7');
  await silenced.locator('summary').click();
  await expect(silenced.locator('li')).toHaveText(SILENCED);
  await expect(page.getByTestId('advice-role-with-seal').getByTestId('silenced')).toHaveText('none');

  // The change to ask for: the recommended setup's first, as text for a ticket.
  const setupSelect = advice.getByLabel('Setup', { exact: true });
  const request = page.getByTestId('advice-request');
  await expect(setupSelect).toHaveValue('role-with-seal');
  await expect(page.getByTestId('advice-permissions').locator('li')).toHaveText(ROLE_GRANTS.concat(SEAL_GRANT));
  await expect(request).toContainText('Sealcheck advice: setup `role-with-seal` for the technical user vuln-sync-restricted');
  await expect(request).toContainText('1. Create the customer role VULN_SYNC_RESTRICTED_SEALCHECK in the identity provider.');
  await expect(request).toContainText('3. Give the technical user vuln-sync-restricted the customer role VULN_SYNC_RESTRICTED_SEALCHECK, in place of its customer role VULN_SYNC.');
  // exempt: the role without seal power, the data model change, the silenced users
  await setupSelect.selectOption('exempt');
  await expect(page.getByTestId('advice-permissions').locator('li')).toHaveText(ROLE_GRANTS);
  await expect(request).toContainText("4. Change the data model of the fact sheet type Application: add securityVulnerabilityCount to the quality seal's ignoreUpdatesForFields.");
  await expect(request).toContainText(`no longer break the seal either: ${SILENCED.join(', ')}.`);
  await expect(page.getByTestId('advice-silenced')).toContainText(SILENCED.join(', '));
  // subscription: the subscriptions to add; nothing to add as scenarios, and it says why
  await setupSelect.selectOption('subscription');
  await expect(request).toContainText('4. Subscribe vuln-sync-restricted as RESPONSIBLE to these 5 Application fact sheets:');
  await expect(page.getByTestId('add-scenarios')).toBeDisabled();
  await expect(advice).toContainText('ask for the subscriptions instead');
  // admin gives no customer role: no draft to open
  await setupSelect.selectOption('admin');
  await expect(page.getByTestId('open-draft')).toBeDisabled();
  await expect(page.getByTestId('advice-permissions-none')).toHaveText('The setup admin gives no customer role.');
  await setupSelect.selectOption('role-with-seal');
  await page.getByTestId('copy-request').click();
  await expect(page.getByTestId('status')).toContainText('Copied the request to the clipboard.');

  // Numbers are formatted: the same sync run 1,000 times a year.
  const yearly = page.getByTestId('advice-role').locator('td').nth(3);
  const perRun = Number(await yearly.innerText()) / 52;
  expect(perRun).toBeGreaterThan(0);
  await advisor.getByLabel('Runs a year').fill('1000');
  await advise.click();
  await expect(advice).toContainText(`${await formatted(page, 1000)} runs a year`);
  await expect(yearly).toHaveText(await formatted(page, perRun * 1000));
  expect(perRun * 1000).toBeGreaterThanOrEqual(1000); // so a group separator shows

  // Open as draft: a role draft held by the user, in the role designer.
  await page.getByTestId('open-draft').click();
  await expect(page.getByTestId('status')).toContainText('Opened the role draft VULN_SYNC_RESTRICTED_SEALCHECK for vuln-sync-restricted');
  await page.getByTestId('open-draft').click();
  await expect(page.getByTestId('status')).toContainText('The role draft VULN_SYNC_RESTRICTED_SEALCHECK for vuln-sync-restricted is open already');

  // Add these scenarios: the role, a user holding it and the proving scenarios go into the workspace; twice adds nothing.
  await page.getByTestId('add-scenarios').click();
  await expect(page.getByTestId('advice-written')).toHaveText('wrote role VULN_SYNC_RESTRICTED_SEALCHECK, user vuln-sync-restricted-advised, 10 scenarios to the workspace');
  await expect(page.getByTestId('advice-request')).toBeVisible(); // the advice stays, asked again of the changed workspace
  await page.getByTestId('add-scenarios').click();
  await expect(page.getByTestId('advice-written')).toContainText('nothing written: the workspace already holds role VULN_SYNC_RESTRICTED_SEALCHECK, user vuln-sync-restricted-advised and the 10 scenarios');

  await page.getByRole('tab', { name: 'Role designer' }).click();
  await expect(page.getByTestId('draft-VULN_SYNC_RESTRICTED_SEALCHECK')).toBeVisible();
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByTestId('scenario-name').filter({ hasText: 'advised role-with-seal: vuln-sync-restricted-advised reads app-crm' })).toHaveCount(1);
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('scenario-row').filter({ hasText: 'advised role-with-seal' })).toHaveCount(10);
  for (const row of await page.getByTestId('scenario-row').filter({ hasText: 'advised role-with-seal' }).all()) await expect(row).toHaveAttribute('data-result', 'pass');
});

test('LeanIX role advisor, exempt: "add these scenarios" writes the seal exemption, and the proving scenarios pass', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, vulnSyncFile, 1);
  await page.getByRole('tab', { name: 'Role advisor' }).click();
  const advisor = page.getByTestId('advisor');
  await advisor.getByLabel('Integration user').selectOption('vuln-sync-restricted');
  await advisor.getByRole('button', { name: '/securityVulnerabilityCount', exact: true }).click();
  await advisor.getByRole('button', { name: 'Advise' }).click();
  await advisor.getByLabel('Setup', { exact: true }).selectOption('exempt');
  await page.getByTestId('add-scenarios').click();
  const written = page.getByTestId('advice-written');
  await expect(written).toContainText('wrote role VULN_SYNC_RESTRICTED_SEALCHECK, user vuln-sync-restricted-advised, the seal exemption of securityVulnerabilityCount on Application, 10 scenarios to the workspace');
  await expect(written).toContainText('existing scenarios no longer pass');
  // asked again of the changed workspace: the attribute is exempt now, so exempt silences nobody more
  await expect(page.getByTestId('advice-exempt').getByTestId('silenced')).toHaveText('none');
  await expect(page.getByTestId('advice-role').getByTestId('seal-breaks')).toHaveText('0');
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await page.getByTestId('run-all').click();
  const ours = page.getByTestId('scenario-row').filter({ hasText: 'advised exempt' });
  await expect(ours).toHaveCount(10);
  for (const row of await ours.all()) await expect(row).toHaveAttribute('data-result', 'pass');
});

test('Qualytics role advisor: chosen actions on a datastore give a role and a team level', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, qualyticsFile, 1);
  await page.getByRole('tab', { name: 'Role advisor' }).click();
  const advisor = page.getByTestId('advisor');
  const advise = advisor.getByRole('button', { name: 'Advise' });
  await expect(page.getByTestId('advisor-hint')).toHaveText('Choose at least one action the integration needs, then Advise.');
  await expect(advise).toBeDisabled();

  await advisor.getByLabel('Integration user').selectOption('svc-reporter');
  const actions = advisor.getByRole('group', { name: 'Actions it needs' });
  const datastores = advisor.getByRole('group', { name: 'On datastores' });
  await actions.getByRole('button', { name: 'operation.run', exact: true }).click();
  await actions.getByRole('button', { name: 'check.activate', exact: true }).click();
  // Those actions are checked against a team level: a datastore is needed first.
  await expect(page.getByTestId('advisor-hint')).toHaveText('Choose the datastores those actions run on, then Advise.');
  await expect(advise).toBeDisabled();
  await datastores.getByRole('button', { name: 'orders', exact: true }).click();
  await expect(advise).toBeEnabled();
  await advise.click();

  const advice = page.getByTestId('advice');
  await expect(page.getByTestId('advice-headline')).toHaveText('svc-reporter needs the Member role and the Editor team level on orders (the role it has now)');
  await expect(advice).toContainText('add svc-reporter to team `Editors` (Editor, also on orders-enriched)');
  await expect(advice).toContainText('That also allows:');
  await expect(advice).toContainText('datastore.view');

  // No team holds Editor on the ledger: the advice is to create one.
  await datastores.getByRole('button', { name: 'ledger', exact: true }).click();
  await advise.click();
  await expect(page.getByTestId('advice-headline')).toHaveText('svc-reporter needs the Member role and the Editor team level on orders, ledger (the role it has now)');
  await expect(advice).toContainText('create team `svc-reporter-Editor` with Editor on orders, ledger and add svc-reporter to it');

  // An action decided by role alone: no team level, and no datastore needed.
  await actions.getByRole('button', { name: 'operation.run', exact: true }).click();
  await actions.getByRole('button', { name: 'check.activate', exact: true }).click();
  await actions.getByRole('button', { name: 'datastore.create', exact: true }).click();
  await datastores.getByRole('button', { name: 'orders', exact: true }).click();
  await datastores.getByRole('button', { name: 'ledger', exact: true }).click();
  await expect(advise).toBeEnabled();
  await advise.click();
  await expect(page.getByTestId('advice-headline')).toHaveText('svc-reporter needs the Manager role (now Member)');
  await expect(advice).toContainText('svc-reporter needs the Manager role (now Member); no team level is needed');
});

test('Policy diff: a copy with one more grant on VULN_SYNC grants new access, changes seals; the other way grants none', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importFile(page, vulnSyncFile, 1);

  // One workspace: nothing to compare with yet.
  await page.getByRole('tab', { name: 'Policy diff' }).click();
  await expect(page.getByTestId('diff-empty')).toContainText('import the other version of this policy file');

  // The newer version: one more permission on VULN_SYNC, and another name.
  const newer = structuredClone(vulnSync);
  newer.name = 'Weekly vulnerability sync, v2 (seal grant)';
  newer.roles.find((r) => r.name === 'VULN_SYNC')!.permissions.push(SEAL_GRANT);
  const dir = mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));
  const newerFile = path.join(dir, 'leanix-vuln-sync-v2.json');
  writeFileSync(newerFile, JSON.stringify(newer, null, 2));
  await importFile(page, newerFile, 2);

  const header = page.locator('#ws-select');
  await header.selectOption({ label: `${newer.name} (leanix)` });
  await page.getByRole('tab', { name: 'Policy diff' }).click();
  const diff = page.getByTestId('diff');
  await expect(page.getByTestId('diff-new')).toHaveText(newer.name);
  await diff.getByLabel('Old version').selectOption({ label: vulnSync.name });
  await diff.getByRole('button', { name: 'Compare' }).click();

  const summary = page.getByTestId('diff-summary');
  await expect(summary).toHaveText('The new version grants 2 accesses the old one did not.');
  await expect(page.getByTestId('diff-result').getByRole('heading', { level: 3 }).first()).toHaveText(`From “${vulnSync.name}” to “${newer.name}”`);

  // Added capabilities, grouped by user: the two users holding VULN_SYNC.
  const added = page.getByTestId('diff-added');
  await expect(added.getByRole('heading')).toHaveText('Access added, by user (2)');
  await expect(added.getByTestId('diff-group')).toHaveCount(2);
  for (const user of ['vuln-sync-restricted', 'vuln-sync-subscribed']) {
    const group = added.locator(`[data-testid=diff-group][data-who="${user}"]`);
    await expect(group.locator('summary')).toHaveText(`${user}: 1`);
    await expect(group.locator('li')).toHaveText([SEAL_GRANT]);
    await expect(group.locator('li')).toBeVisible();
  }
  await expect(page.getByTestId('diff-removed')).toHaveCount(0);
  await expect(page.getByTestId('diff-roles-added').locator('[data-who=VULN_SYNC] li')).toHaveText([SEAL_GRANT]);

  // Seal changes: the restricted sync now keeps the seals it used to break.
  const seals = page.getByTestId('diff-seals');
  await expect(seals.getByRole('heading')).toHaveText('Seal outcomes that change (5)');
  await expect(seals.getByTestId('seal-change')).toHaveCount(5);
  await expect(seals).toContainText('vuln-sync-restricted editing app-crm: breaks the seal → keeps the seal');
  await expect(seals).toContainText('vuln-sync-subscribed editing app-erp: breaks the seal → keeps the seal');
  await expect(page.getByTestId('diff-scenarios')).toContainText('sealBroken: true → false');
  await screenshot(page, 'diff');

  // The other way round, by keyboard: the older file is new, the newer one old.
  await header.selectOption({ label: `${vulnSync.name} (leanix)` });
  await expect(page.getByTestId('diff-new')).toHaveText(vulnSync.name);
  await expect(page.getByTestId('diff-summary')).toHaveCount(0);
  await expect(diff.getByLabel('Old version')).toHaveValue(await page.locator('#diff-old option', { hasText: newer.name }).getAttribute('value') ?? '');
  await diff.getByLabel('Old version').focus();
  await page.keyboard.press('Tab');
  await expect(diff.getByLabel('New version')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(diff.getByRole('button', { name: 'Compare' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(summary).toHaveText('The new version grants no access the old one did not, and removes 2 accesses the old one granted.');
  await expect(summary).toHaveClass(/pass/);
  await expect(page.getByTestId('diff-added')).toHaveCount(0);
  await expect(page.getByTestId('diff-removed').getByTestId('diff-group')).toHaveCount(2);
  await expect(page.getByTestId('diff-seals')).toContainText('vuln-sync-restricted editing app-crm: keeps the seal → breaks the seal');
});
