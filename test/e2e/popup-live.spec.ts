// The popup over a LeanIX fact-sheet page of a workspace pulled from LeanIX (issue 11):
// it preselects the page's fact sheet by the platform's id in the pulled workspace, and,
// opt-in, re-reads that one fact sheet live before the verdict.
//
// How the test reaches loopback without a test hook: the workspace is pulled through the
// playground's "Import from LeanIX" from the fake LeanIX of test/pull on 127.0.0.1, so the
// store records that origin as where the workspace came from. The popup accepts a page
// address on the origin a LeanIX workspace was pulled from, besides `https://*.leanix.net`
// (a pull made in this browser vouches for it), and the re-read goes only to that recorded
// origin. The page address is the active tab's URL, stubbed as in popup.spec.ts.
//
// The host permission: headless Chromium cannot answer a permission prompt, so the test
// first allows 127.0.0.1 on chrome://extensions, as a user may in the site access settings;
// the extension's own `permissions.request` at the click then resolves without a prompt
// and really grants the origin (nothing in the extension is stubbed for it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { pullLeanix } from '../../src/pull';
import type { FetchLike } from '../../src/pull';
import { startFakeLeanix } from '../pull/fake-leanix';
import type { FakeServer } from '../pull/fake-leanix';
import { API_TOKEN, factSheetNode, leanixWorkspace } from '../pull/leanix-workspace';
import { expect, screenshot, test } from './fixtures';
import { importPolicy, navigatePastInstallTab } from './helpers';

/** What the fake server answers for a fact sheet now: the test changes it after the pull. */
let live: (i: number) => Record<string, unknown> = factSheetNode;
let server: FakeServer;

test.beforeAll(async () => {
  server = await startFakeLeanix(leanixWorkspace({ factSheet: (i) => live(i) }));
});
test.afterAll(() => server.close());
test.beforeEach(() => {
  live = factSheetNode;
});

/** The fact sheet page the popup is opened over: workspace `acme-ea`, `app-3`, on the fake's origin. */
const pageUrl = () => `${server.url}/acme-ea/factsheet/Application/app-3`;

/** Allows the extension 127.0.0.1 as the user would on chrome://extensions (site access); the extension still asks at the click. */
async function allowLoopback(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${extensionId}`);
  await page.evaluate(async (id) => {
    const dev = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
    await dev.addHostPermission(id, 'http://127.0.0.1/*');
  }, extensionId);
  await page.close();
}

async function openPlayground(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await navigatePastInstallTab(page, () => page.goto(`chrome-extension://${extensionId}/options.html`));
  await page.waitForLoadState();
  return page;
}

/** Pulls the fake workspace through the playground, and imports the same model as a file named `acme-ea (file)`. */
async function pullAndImportCopy(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await openPlayground(context, extensionId);
  await page.getByTestId('pull-platform-leanix').check();
  await page.getByTestId('pull-url').fill(server.url);
  await page.getByTestId('pull-token').fill(API_TOKEN);
  await page.getByTestId('pull-start').click();
  await expect(page.getByTestId('pull-report')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ws-row').filter({ hasText: 'acme-ea' })).toHaveCount(1);

  // The same fact sheet ids in a workspace from a file: the popup must still pick the pulled one.
  const pulled = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: globalThis.fetch as unknown as FetchLike } });
  if (!pulled.ok) throw new Error(JSON.stringify(pulled.failure));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealcheck-live-')), 'acme-copy.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(pulled.text), name: 'acme-ea (file)' }, null, 2));
  await importPolicy(page, file, { rows: 2 });
  await page.close();
}

/** Opens the popup page as the popup over `tabUrl` (see popup.spec.ts: `chrome.tabs.query` answers it). */
async function openPopupOver(context: BrowserContext, extensionId: string, tabUrl?: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  if (tabUrl) {
    await page.addInitScript((url: string) => {
      const tabs = (globalThis as unknown as { chrome?: { tabs?: Record<string, unknown> } }).chrome?.tabs;
      if (!tabs) return;
      Object.defineProperty(tabs, 'query', {
        configurable: true,
        writable: true,
        value: async () => [{ id: 1, index: 0, windowId: 1, active: true, highlighted: true, pinned: false, incognito: false, url }],
      });
    }, tabUrl);
  }
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/** Everything the extension keeps in `storage.local` and `storage.session`, as text. */
async function storedText(page: Page): Promise<{ local: string; session: string }> {
  return page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> }; session: { get(k: null): Promise<unknown> } } } }).chrome;
    return { local: JSON.stringify(await chrome.storage.local.get(null)), session: JSON.stringify(await chrome.storage.session.get(null)) };
  });
}

const chip = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('over a page of a pulled workspace: the fact sheet preselected there, and re-read live on request', async ({ context, extensionId }) => {
  await allowLoopback(context, extensionId);
  await pullAndImportCopy(context, extensionId);

  // The file's copy was used last; the page's fact sheet is in both.
  const first = await openPopupOver(context, extensionId);
  const copy = await first.locator('#workspace option', { hasText: 'acme-ea (file)' }).getAttribute('value');
  await first.locator('#workspace').selectOption(copy!);
  await expect(first.locator('#workspace option:checked')).toContainText('acme-ea (file)');
  await first.waitForTimeout(300);
  await first.close();

  const page = await openPopupOver(context, extensionId, pageUrl());
  // The workspace pulled from the page's origin wins over the last used one; the fact sheet by its LeanIX id.
  await expect(page.locator('#workspace option:checked')).toHaveText(/^acme-ea · LeanIX/);
  await expect(page.locator('#factsheet')).toHaveValue('app-3');
  // Off by default: nothing is asked, nothing read.
  const opt = page.locator('#live-opt');
  await expect(opt).not.toBeChecked();
  await expect(page.locator('#live-token')).toHaveCount(0);

  await page.selectOption('#actor', 'u-erin');
  await chip(page, 'description').click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(verdict).toContainText('APPROVED → BROKEN_QUALITY_SEAL');
  const graphqlBefore = server.counts.get('POST graphql factSheet') ?? 0;

  // On LeanIX someone broke the seal and rewrote the description since the pull.
  live = (i) => {
    const node = factSheetNode(i);
    return node.id === 'app-3' ? { ...node, lxState: 'BROKEN_QUALITY_SEAL', description: 'rewritten on LeanIX' } : node;
  };

  // A wrong token: one line, and the verdict of the stored model stays.
  await opt.check();
  await page.locator('#live-token').fill('not-the-api-token-123');
  await page.getByRole('button', { name: 'Re-read', exact: true }).click();
  const failure = page.getByTestId('live-failure');
  await expect(failure).toContainText('Not re-read: authentication failed (401)');
  await expect(failure).toContainText('The verdict is from the stored model');
  await expect(failure).not.toContainText('not-the-api-token-123');
  await expect(verdict).toContainText('Allowed · seal breaks');

  // The right token: read live, what changed is said, and the verdict follows the live fact sheet.
  await page.locator('#live-token').fill(API_TOKEN);
  await page.getByRole('button', { name: 'Re-read', exact: true }).click();
  const result = page.getByTestId('live-result');
  await expect(result).toContainText('Re-read live from LeanIX at');
  await expect(result).toContainText('differs from the stored model in seal APPROVED → BROKEN_QUALITY_SEAL; description');
  await expect(verdict).not.toContainText('seal breaks');
  await expect(verdict).toContainText('BROKEN_QUALITY_SEAL → BROKEN_QUALITY_SEAL');
  await expect(page.getByTestId('notified')).toHaveText('no one');
  await expect(page.getByTestId('sheet-info')).toHaveText('Application · BROKEN_QUALITY_SEAL');
  expect(server.counts.get('POST graphql factSheet')).toBe(graphqlBefore + 1);
  // Its verdict is not the stored workspace's: it is not offered as a scenario of it.
  const saveAs = page.getByRole('button', { name: 'Save as scenario…' });
  await expect(saveAs).toBeDisabled();
  await expect(saveAs).toHaveAttribute('title', /switch the re-read off to save it as a scenario/);
  await screenshot(page, 'popup-live-reread');

  // The token is in no storage and not on the page.
  const kept = await storedText(page);
  expect(kept.local).not.toContain(API_TOKEN);
  expect(kept.session).not.toContain(API_TOKEN);
  expect(await page.locator('body').innerText()).not.toContain(API_TOKEN);

  // Opting out: the stored model answers again.
  await opt.uncheck();
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(page.getByTestId('sheet-info')).toHaveText('Application · APPROVED');
  await expect(saveAs).toBeEnabled();
  await page.close();

  // The store was not written: the popup opened again answers from the stored model.
  const again = await openPopupOver(context, extensionId, pageUrl());
  await expect(again.locator('#factsheet')).toHaveValue('app-3');
  await again.selectOption('#actor', 'u-erin');
  await chip(again, 'description').click();
  await expect(again.getByTestId('verdict')).toContainText('Allowed · seal breaks');

  // Remembered for this browser session: storage.session only, never shown, used by the next popup.
  await again.locator('#live-opt').check();
  await again.locator('#live-token').fill(API_TOKEN);
  await again.locator('#live-remember').check();
  await again.getByRole('button', { name: 'Re-read', exact: true }).click();
  await expect(again.getByTestId('live-result')).toContainText('Re-read live from LeanIX at');
  const remembered = await storedText(again);
  expect(remembered.session).toContain(API_TOKEN);
  expect(remembered.local).not.toContain(API_TOKEN);
  await again.close();

  const third = await openPopupOver(context, extensionId, pageUrl());
  await third.locator('#live-opt').check();
  await expect(third.getByTestId('live-remembered')).toContainText('Using the API token remembered for this browser session');
  await expect(third.locator('#live-token')).toHaveCount(0);
  await third.selectOption('#actor', 'u-erin');
  await chip(third, 'description').click();
  await third.getByRole('button', { name: 'Re-read', exact: true }).click();
  await expect(third.getByTestId('live-result')).toContainText('seal APPROVED → BROKEN_QUALITY_SEAL');
  await expect(third.getByTestId('verdict')).toContainText('BROKEN_QUALITY_SEAL → BROKEN_QUALITY_SEAL');
  await third.getByRole('button', { name: 'Read again' }).click();
  await third.getByRole('button', { name: 'Forget it' }).click();
  await expect(third.locator('#live-token')).toBeVisible();
  expect((await storedText(third)).session).not.toContain(API_TOKEN);
});

test('a page of a workspace only imported from a file: preselected, but nothing to re-read from', async ({ context, extensionId }) => {
  await allowLoopback(context, extensionId);
  const page = await openPlayground(context, extensionId);
  const pulled = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: globalThis.fetch as unknown as FetchLike } });
  if (!pulled.ok) throw new Error(JSON.stringify(pulled.failure));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealcheck-live-')), 'acme.json');
  writeFileSync(file, pulled.text);
  await importPolicy(page, file, { rows: 1 });
  await page.close();

  // A cloud LeanIX address: the fact sheet is found by its id, yet no re-read is offered (no pull recorded where from).
  const popup = await openPopupOver(context, extensionId, 'https://acme.leanix.net/acme-ea/factsheet/Application/app-3');
  await expect(popup.locator('#factsheet')).toHaveValue('app-3');
  await expect(popup.getByTestId('live')).toHaveCount(0);
  await popup.close();

  // The loopback address is no LeanIX page for it: no workspace was pulled from there.
  const other = await openPopupOver(context, extensionId, pageUrl());
  await expect(other.locator('#fs-search')).toBeFocused();
  await expect(other.locator('#factsheet')).toHaveValue('');
});
