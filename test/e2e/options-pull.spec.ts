// "Import from LeanIX / Qualytics" and "Refresh" in the built extension, against the fake
// servers of test/pull on 127.0.0.1.
//
// The host permission. The manifest asks for no host at install; the import asks for its
// one origin with permissions.request at the click. Headless Chromium shows that prompt
// where no one can answer it (Playwright cannot click a browser dialog: the request
// stays pending). So the grant is made real the way a user can make it without the prompt:
// on chrome://extensions, the extension's site access (chrome.developerPrivate's
// addHostPermission, which that page calls), for http://127.0.0.1/*. The playground's
// permissions.request at the click then answers true at once, and only then do the page's
// worker's requests pass: with no grant they fail (the fake servers send no CORS headers,
// as the platforms do not either). An init script wraps permissions.request to record
// what was asked (exactly that one origin), and to answer "refused" in the refusal test.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { openPlayground } from './helpers';
import { startFakeLeanix } from '../pull/fake-leanix';
import type { FakeServer } from '../pull/fake-leanix';
import { API_TOKEN, leanixWorkspace } from '../pull/leanix-workspace';
import { Q_TOKEN, qualyticsWorkspace, startFakeQualytics } from '../pull/fake-qualytics';

const LOOPBACK = 'http://127.0.0.1/*';

/** Grants the extension access to `pattern` as a user does on chrome://extensions (site access). */
async function grantOnExtensionsPage(context: BrowserContext, extensionId: string, pattern: string): Promise<void> {
  const settings = await context.newPage();
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  await settings.evaluate(
    ([id, host]) => (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate.addHostPermission(id!, host!),
    [extensionId, pattern],
  );
  await settings.close();
}

/** Records every permissions.request of the page (`__hostRequests`); `__refuseHosts` makes it answer false. */
async function watchHostRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { chrome?: { permissions?: { request(r: { origins?: string[] }): Promise<boolean> } }; __hostRequests: unknown[]; __refuseHosts?: boolean };
    w.__hostRequests = [];
    const permissions = w.chrome?.permissions;
    if (!permissions) return;
    const original = permissions.request.bind(permissions);
    const wrapped = (request: { origins?: string[] }) => {
      w.__hostRequests.push(request.origins ?? []);
      return w.__refuseHosts ? Promise.resolve(false) : original(request);
    };
    Object.defineProperty(permissions, 'request', { value: wrapped, configurable: true, writable: true });
  });
}

const hostRequests = (page: Page) => page.evaluate(() => (window as unknown as { __hostRequests: unknown[] }).__hostRequests);
/** Whether the extension holds the host permission of `pattern` now. */
const holds = (page: Page, pattern: string) =>
  page.evaluate((origin) => (globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).chrome.permissions.contains({ origins: [origin] }), pattern);

let sheets = 260;
let leanix: FakeServer;
test.beforeAll(async () => {
  const ws = leanixWorkspace();
  Object.defineProperty(ws, 'factSheetCount', { get: () => sheets });
  leanix = await startFakeLeanix(ws, { delayMs: 5 });
});
test.afterAll(async () => {
  await leanix.close();
});

test('import from LeanIX asks for that one origin at the click, stores the workspace, runs a scenario; refresh keeps the scenario and a draft', async ({
  page,
  context,
  openOptions,
  extensionId,
}) => {
  sheets = 260;
  await watchHostRequests(page);
  await openPlayground(page, context, openOptions);

  // Without the grant the browser blocks the worker's requests: nothing is read, nothing stored.
  expect(await holds(page, LOOPBACK)).toBe(false);
  await grantOnExtensionsPage(context, extensionId, LOOPBACK);

  leanix.log.length = 0;
  await page.getByTestId('pull-platform-leanix').check();
  await page.getByTestId('pull-url').fill(leanix.url);
  await page.getByTestId('pull-token').fill(API_TOKEN);
  await expect(page.getByTestId('pull-token')).toHaveAttribute('type', 'password');
  await page.getByTestId('pull-start').click();
  await expect(page.getByTestId('pull-progress')).toBeVisible();
  await expect(page.getByTestId('pull-report')).toContainText(`Imported “acme-ea” from ${leanix.url}: 260 fact sheets, 145 users, 0 scenarios`, { timeout: 30_000 });
  expect(await hostRequests(page)).toEqual([[LOOPBACK]]);
  expect(await holds(page, LOOPBACK)).toBe(true);
  // the token field is empty again, and the token is in no stored text the page can export
  await expect(page.getByTestId('pull-token')).toHaveValue('');
  expect(leanix.log.some((l) => l.includes('graphql'))).toBe(true);

  const row = page.getByTestId('ws-row').filter({ hasText: 'acme-ea' });
  await expect(row.getByTestId('ws-fact-sheets')).toHaveText('260');
  await expect(row.getByTestId('ws-pulled-from')).toContainText(`pulled from ${new URL(leanix.url).host}`);
  await screenshot(page, 'options-pull-imported');
  const id = await row.getAttribute('data-id');

  // A scenario on the pulled workspace: erin's edit of app-1 breaks its seal; saved from the quick check, run on the Scenarios tab.
  const question = { workspace: id, actor: 'u-erin', factSheet: 'app-1', paths: ['/description'] };
  await page.goto(`chrome-extension://${extensionId}/options.html#check=${encodeURIComponent(JSON.stringify(question))}`);
  await expect(page.getByTestId('verdict')).toContainText('seal breaks');
  await page.getByRole('button', { name: 'Save as scenario…' }).click();
  await page.locator('#scenario-name').fill('erin breaks the seal of app-1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toContainText('Saved as scenario “erin breaks the seal of app-1”');
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-summary')).toContainText('1 of 1 scenario passed');

  // A role draft on it.
  await page.getByRole('tab', { name: 'Role designer' }).click();
  await page.getByLabel('Start from').selectOption({ label: 'Empty role (no grants)' });
  await page.locator('#rd-new-name').fill('AUDIT_DRAFT');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('draft-AUDIT_DRAFT')).toBeVisible();

  // The platform changed: ten more fact sheets. Refresh asks for the token again, and for the origin at the click.
  sheets = 270;
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  const asked = (await hostRequests(page)).length;
  await row.getByTestId('ws-refresh').click();
  await expect(page.getByTestId('pull-token')).toBeFocused();
  await expect(page.getByTestId('pull-url')).toHaveCount(0);
  await page.getByTestId('pull-token').fill(API_TOKEN);
  await page.getByTestId('pull-start').click();
  await expect(page.getByTestId('pull-report')).toContainText(`Refreshed “acme-ea” from ${leanix.url}: 270 fact sheets, 145 users; kept 1 scenario and 1 role draft`, {
    timeout: 30_000,
  });
  expect((await hostRequests(page)).slice(asked)).toEqual([[LOOPBACK]]);
  await expect(page.getByTestId('pull-scenarios')).toContainText('1 of 1');
  await expect(page.getByTestId('pull-scenarios')).toContainText('run when the workspace was pulled');
  await expect(row.getByTestId('ws-fact-sheets')).toHaveText('270');
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  await screenshot(page, 'options-pull-refreshed');
  await page.getByRole('tab', { name: 'Role designer' }).click();
  await expect(page.getByTestId('draft-AUDIT_DRAFT')).toBeVisible();
});

test('a refused host permission reads nothing and stores nothing; a wrong token says why in one line', async ({ page, context, openOptions, extensionId }) => {
  sheets = 260;
  await watchHostRequests(page);
  await openPlayground(page, context, openOptions);
  await page.evaluate(() => ((window as unknown as { __refuseHosts: boolean }).__refuseHosts = true));
  leanix.log.length = 0;
  await page.getByTestId('pull-url').fill(leanix.url);
  await page.getByTestId('pull-token').fill(API_TOKEN);
  await page.getByTestId('pull-start').click();
  await expect(page.getByTestId('pull-error')).toContainText(`the browser did not give Sealcheck access to ${leanix.url}, so nothing was read`);
  expect(await hostRequests(page)).toEqual([[LOOPBACK]]);
  expect(leanix.log).toEqual([]);
  await expect(page.getByTestId('ws-empty')).toBeVisible();

  // an http URL to another host is refused before anything is asked
  await page.getByTestId('pull-url').fill('http://acme.leanix.net');
  await page.getByTestId('pull-token').fill(API_TOKEN);
  await page.getByTestId('pull-start').click();
  await expect(page.getByTestId('pull-error')).toContainText('`http://` is accepted for loopback hosts only');
  expect(await hostRequests(page)).toHaveLength(1);

  // granted, but the token is wrong: the one-line cause, without the token
  await grantOnExtensionsPage(context, extensionId, LOOPBACK);
  await page.evaluate(() => ((window as unknown as { __refuseHosts: boolean }).__refuseHosts = false));
  await page.getByTestId('pull-url').fill(leanix.url);
  await page.getByTestId('pull-token').fill('wrong-token-0000');
  await page.getByTestId('pull-start').click();
  const error = page.getByTestId('pull-error');
  await expect(error).toContainText('authentication failed (401) at POST /services/mtm/v1/oauth2/token (token.json): check the API token; nothing was stored');
  await expect(error).not.toContainText('wrong-token-0000');
  await expect(page.getByTestId('ws-empty')).toBeVisible();
});

test('import from Qualytics, and Cancel of a slow pull stores nothing', async ({ page, context, openOptions, extensionId }) => {
  const qualytics = await startFakeQualytics(qualyticsWorkspace());
  const slow = await startFakeLeanix(leanixWorkspace({ factSheetCount: 2_000 }), { delayMs: 150 });
  try {
    await watchHostRequests(page);
    await openPlayground(page, context, openOptions);
    await grantOnExtensionsPage(context, extensionId, LOOPBACK);

    await page.getByTestId('pull-platform-qualytics').check();
    await expect(page.getByTestId('pull-types')).toHaveCount(0);
    await page.getByTestId('pull-url').fill(qualytics.url);
    await page.getByTestId('pull-token').fill(Q_TOKEN);
    await page.getByTestId('pull-start').click();
    await expect(page.getByTestId('pull-report')).toContainText(`from ${qualytics.url}: 130 users, 0 scenarios`, { timeout: 30_000 });
    await expect(page.getByTestId('ws-row')).toHaveCount(1);

    await page.getByTestId('pull-platform-leanix').check();
    await page.getByTestId('pull-url').fill(slow.url);
    await page.getByTestId('pull-token').fill(API_TOKEN);
    await page.getByTestId('pull-start').click();
    await expect(page.getByTestId('pull-progress')).toContainText('fact sheets: ');
    await page.getByTestId('pull-progress-cancel').click();
    await expect(page.getByTestId('status')).toContainText('cancelled; nothing was changed');
    await expect(page.getByTestId('pull-progress')).toHaveCount(0);
    await expect(page.getByTestId('ws-row')).toHaveCount(1);
  } finally {
    await qualytics.close();
    await slow.close();
  }
});
