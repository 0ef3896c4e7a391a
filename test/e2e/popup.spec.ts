// The toolbar popup (journey 1, "Quick check") against the built extension.
// Workspaces are imported through the playground's file input, like a user does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { navigatePastInstallTab } from './helpers';

/** The two example policy files, project fixtures in `test/fixtures`. */
function example(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', name);
}

const LEANIX = { file: 'leanix-example.json', name: 'Spec example: Acme integration' };
const QUALYTICS = { file: 'qualytics-example.json', name: 'Spec example: data quality team' };
const LEANIX_PAGE = 'https://acme.leanix.net/AcmeProd/factsheet/Application/app-shop';

/** Imports a policy file through the playground's file input and waits for its row. */
async function importExample(context: BrowserContext, extensionId: string, which: { file: string; name: string }): Promise<void> {
  const page = await context.newPage();
  await navigatePastInstallTab(page, () => page.goto(`chrome-extension://${extensionId}/options.html`));
  await page.waitForLoadState();
  const file = example(which.file);
  await page.locator('input[type=file]').setInputFiles({ name: which.file, mimeType: 'application/json', buffer: readFileSync(file) });
  await expect(page.getByTestId('ws-row').filter({ hasText: which.name })).toBeVisible();
  await page.close();
}

/**
 * Opens the popup at the popup's size. `tabUrl` stands in for the address of the tab
 * the popup was opened over: the page's own `chrome.tabs.query` is replaced before any
 * script runs, which is the one way in (the popup has no test hook of its own).
 */
async function openPopupPage(context: BrowserContext, extensionId: string, tabUrl?: string): Promise<Page> {
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

const chip = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/**
 * Every actor option shows its label whole, or cut where a word ends with `…` and the
 * whole label as its title; the chosen one fits the closed select, measured in its font.
 */
async function expectWholeWordLabels(page: Page): Promise<void> {
  const options = await page.locator('#actor option').evaluateAll((os) => os.map((o) => ({ text: o.textContent ?? '', title: (o as HTMLOptionElement).title })));
  for (const { text, title } of options) {
    if (!title) continue;
    expect(text.endsWith('…')).toBe(true);
    const kept = text.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    expect(title.slice(kept.length)).toMatch(/^[\s·+,]/);
  }
  const fit = await page.locator('#actor').evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.textContent ?? '';
    return { text: context.measureText(text).width, room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
  });
  expect(fit.text).toBeLessThanOrEqual(fit.room);
}

async function timings(page: Page): Promise<Record<string, number>> {
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  const out: Record<string, number> = {};
  for (const key of ['readyMs', 'verdictMs', 'evalMs']) if (data[key] !== undefined) out[key] = Number(data[key]);
  return out;
}

test('with no workspace the popup says what to do next and opens the playground', async ({ context, extensionId }) => {
  const page = await openPopupPage(context, extensionId);
  const open = page.getByRole('button', { name: 'Open the playground to import a policy file' });
  await expect(open).toBeVisible();
  const [opened] = await Promise.all([context.waitForEvent('page'), open.click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(`chrome-extension://${extensionId}/options.html`);
  await screenshot(page, 'popup-empty');
});

test('quick check on the spec example: the seal breaks, the sealed feed keeps it, keyboard only', async ({ context, extensionId }) => {
  await importExample(context, extensionId, LEANIX);
  const page = await openPopupPage(context, extensionId);
  await expect(page.locator('#workspace option:checked')).toContainText(LEANIX.name);
  // Opens ready to type the fact sheet's name.
  await expect(page.locator('#fs-search')).toBeFocused();

  // Technical users come first in the actor list.
  const actors = await page.locator('#actor option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(actors.slice(0, 3)).toEqual(['cve-feed', 'cve-feed-sealed', 'ops-admin']);
  // Each actor has the one label: id, kind, standard role + customer roles; shortened only at a word's end.
  await expectWholeWordLabels(page);
  const full = await page.locator('#actor option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).title || o.textContent));
  expect(full.slice(0, 3)).toEqual(['cve-feed · technical · MEMBER + CVE_FEED', 'cve-feed-sealed · technical · MEMBER + CVE_FEED_SEALED', 'ops-admin · technical · ADMIN']);

  await page.selectOption('#actor', 'cve-feed');
  await page.fill('#fs-search', 'web');
  await expect(page.locator('#factsheet')).toHaveValue('app-shop');
  await expect(page.getByTestId('sheet-info')).toContainText('Application');
  await expect(page.getByText('Pick what changes')).toBeVisible();

  await chip(page, 'cveCount').click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(verdict).toContainText('owner');
  await expect(verdict).toHaveAttribute('data-tone', 'breaks');
  await expect(verdict).toContainText('APPROVED → BROKEN_QUALITY_SEAL');
  await expect(page.getByTestId('notified')).toHaveText('owner');
  await expect(page.getByTestId('events')).toHaveText('FACT_SHEET_UPDATED, QUALITY_SEAL_BROKEN');
  await expect(page.getByTestId('fixes')).toContainText('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  await screenshot(page, 'popup-seal-breaks');

  // The actor filter narrows the list and selects the first match.
  await page.fill('#actor-filter', 'sealed');
  await expect(page.locator('#actor')).toHaveValue('cve-feed-sealed');
  await expect(page.locator('#actor')).toHaveAttribute('title', 'cve-feed-sealed · technical · MEMBER + CVE_FEED_SEALED');
  await expectWholeWordLabels(page);
  await expect(verdict).toContainText('Allowed · seal kept');
  await expect(verdict).toHaveAttribute('data-tone', 'kept');

  // Keyboard only: Tab from the top of the page to the lifecycle chip, Enter, then Space.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-path') === '/lifecycle');
  }
  expect(reached).toBe(true);
  const lifecycle = chip(page, 'lifecycle');
  const outline = await lifecycle.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(lifecycle).toHaveAttribute('aria-pressed', 'true');
  await expect(verdict).toContainText('Denied');
  await expect(verdict).toContainText('lifecycle');
  await screenshot(page, 'popup-keyboard-denied');
  await page.keyboard.press('Space');
  await expect(lifecycle).toHaveAttribute('aria-pressed', 'false');
  await expect(verdict).toContainText('Allowed · seal kept');

  // Fits 400 px: nothing overflows sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

  // Save as scenario; the same name again is refused with its location.
  const saveAs = page.getByRole('button', { name: 'Save as scenario…' });
  await saveAs.click();
  await expect(page.locator('#scenario-name')).toBeFocused();
  await page.keyboard.type('popup: sealed feed keeps the seal');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toContainText('Saved as scenario “popup: sealed feed keeps the seal”');
  await expect(page.getByTestId('save-result')).toContainText('10 scenarios');
  await expect(saveAs).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#scenario-name')).toBeFocused();
  await page.keyboard.type('popup: sealed feed keeps the seal');
  await page.keyboard.press('Enter');
  const refused = page.getByTestId('failure');
  await expect(refused).toContainText('Not saved');
  await expect(refused).toContainText('scenarios[10].name');

  // Open in playground carries the question in the hash.
  const [opened] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open in playground' }).click()]);
  const url = new URL(opened.url());
  expect(url.pathname).toBe('/options.html');
  const question = JSON.parse(decodeURIComponent(url.hash.replace(/^#check=/, ''))) as Record<string, unknown>;
  expect(question).toMatchObject({ actor: 'cve-feed-sealed', factSheet: 'app-shop', paths: ['/cveCount'] });

  // Dark mode follows the system.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 23, 29)');
  await screenshot(page, 'popup-dark');
});

test('on a LeanIX fact-sheet page the popup opens on that fact sheet with the last actor', async ({ context, extensionId }) => {
  await importExample(context, extensionId, LEANIX);
  const first = await openPopupPage(context, extensionId);
  await selectActorAndWaitUntilStored(first, 'cve-feed-sealed');
  await first.close();

  const page = await openPopupPage(context, extensionId, LEANIX_PAGE);
  await expect(page.locator('#factsheet')).toHaveValue('app-shop');
  await expect(page.locator('#actor')).toHaveValue('cve-feed-sealed');
  // Ready for the change: the first chip has the focus.
  await expect(chip(page, 'name')).toBeFocused();
  await chip(page, 'cveCount').click();
  await expect(page.getByTestId('verdict')).toContainText('Allowed · seal kept');
  await screenshot(page, 'popup-from-leanix-page');
  const t = await timings(page);
  test.info().annotations.push({ type: 'timing', description: JSON.stringify(t) });
  console.log(`popup timings (ms since navigation start): ${JSON.stringify(t)}`);
  expect(t.verdictMs).toBeGreaterThan(0);

  // A fact sheet no workspace has: said, and nothing preselected.
  const other = await openPopupPage(context, extensionId, 'https://acme.leanix.net/AcmeProd/factsheet/Application/nope-42');
  await expect(other.getByTestId('page-note')).toContainText('nope-42');
  await expect(other.locator('#factsheet')).toHaveValue('');
});

async function selectActorAndWaitUntilStored(page: Page, id: string): Promise<void> {
  await page.selectOption('#actor', id);
  // The choice is stored through the worker; wait until it is.
  await expect
    .poll(async () => {
      const again = await page.context().newPage();
      await again.goto(page.url());
      const value = await again.locator('#actor').inputValue({ timeout: 5_000 }).catch(() => '');
      await again.close();
      return value;
    })
    .toBe(id);
}

test('Qualytics: datastore action and API request, with a clear error for a body that is not JSON', async ({ context, extensionId }) => {
  await importExample(context, extensionId, LEANIX);
  await importExample(context, extensionId, QUALYTICS);
  // The workspace chosen last is where the next popup opens.
  const first = await openPopupPage(context, extensionId);
  const qualytics = await first.locator('#workspace option', { hasText: QUALYTICS.name }).getAttribute('value');
  await first.selectOption('#workspace', qualytics!);
  await expect(first.locator('#q-action')).toBeVisible();
  await expect
    .poll(async () => {
      const again = await openPopupPage(context, extensionId);
      const value = await again.locator('#workspace').inputValue();
      await again.close();
      return value;
    })
    .toBe(qualytics);
  await first.close();

  const page = await openPopupPage(context, extensionId);
  await expect(page.locator('#workspace')).toHaveValue(qualytics!);
  // Users and tokens have the one label: a user's teams, a token's owner and state.
  const label = (value: string) => page.locator(`#actor option[value="${value}"]`).evaluate((o) => (o as HTMLOptionElement).title || o.textContent);
  expect(await label('user:sync')).toBe('sync · service · Member · teams Quality');
  expect(await label('token:t-sync')).toBe('t-sync · service token “nightly” of sync · Active');
  await expectWholeWordLabels(page);
  await page.selectOption('#actor', 'user:sync');
  await page.selectOption('#q-action', 'check.activate');
  await page.selectOption('#q-datastore', 'orders');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Allowed');
  await expect(verdict).toContainText('status 200');

  await page.selectOption('#q-action', 'operation.run');
  await expect(verdict).toContainText('Denied');
  await expect(verdict).toContainText('403: ');

  await page.getByLabel('API request').check();
  await page.selectOption('#actor', 'user:admin');
  await page.selectOption('#q-method', 'POST');
  await page.fill('#q-path', '/users');
  await page.fill('#q-body', '{"name": "svc-new", "role": "Member"');
  await expect(page.getByTestId('body-error')).toContainText('The body is not JSON');
  await expect(verdict).toHaveCount(0);
  await page.fill('#q-body', '{"name": "svc-new", "role": "Member", "teams": ["Ops"]}');
  await expect(page.getByTestId('body-error')).toHaveCount(0);
  await expect(verdict).toContainText('status 201');
  await page.getByRole('button', { name: 'Save as scenario…' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toContainText('Saved as scenario “admin: POST /users”');
  await screenshot(page, 'popup-qualytics');
});
