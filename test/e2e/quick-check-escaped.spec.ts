// The one quick check, in the popup and in the playground, on fields whose names hold a
// `/` or a `~` (test/fixtures/quick-check-escaped-fields.json): each chip patches its own
// escaped path (`/cost~1eur`, `/a~0b`), the verdict is the same in both, the question
// carries over from the popup to the playground, and the actor chosen in one is the
// actor the other starts with.
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importPolicy, openPlayground } from './helpers';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'quick-check-escaped-fields.json');
const NAME = 'Quick check: fields with / and ~';

async function openPopupPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

const chip = (page: Page, name: string) => page.getByTestId('qc-chips').getByRole('button', { name, exact: true });

test('a field named cost/eur: its chip patches /cost~1eur in the popup and in the playground alike', async ({ page, context, openOptions, extensionId }) => {
  await openPlayground(page, context, openOptions);
  await importPolicy(page, FIXTURE, { rows: 1 });
  const workspace = await page.locator('[data-testid=ws-row]', { hasText: NAME }).getAttribute('data-id');
  expect(workspace).toBeTruthy();

  // The popup: the actor's one label, the chips named as declared, the paths escaped.
  const popup = await openPopupPage(context, extensionId);
  await expect(popup.locator('#actor option[value=cost-sync]')).toHaveText('cost-sync · technical · MEMBER + COST_SYNC');
  await popup.selectOption('#actor', 'cost-sync');
  await popup.fill('#fs-search', 'Bill');
  await expect(popup.locator('#factsheet')).toHaveValue('app-billing');
  const cost = chip(popup, 'cost/eur');
  await expect(cost).toHaveAttribute('data-path', '/cost~1eur');
  await expect(chip(popup, 'a~b')).toHaveAttribute('data-path', '/a~0b');
  await cost.click();
  const verdict = popup.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-tone', 'breaks');
  await expect(verdict).toContainText('Allowed · seal breaks');
  await expect(verdict).toContainText('COST_SYNC grants UPDATE');
  await chip(popup, 'a~b').click();
  await expect(verdict).toHaveAttribute('data-tone', 'denied');
  await chip(popup, 'a~b').click();
  await expect(verdict).toHaveAttribute('data-tone', 'breaks');
  await screenshot(popup, 'quick-check-escaped-popup');

  // "Open in playground" carries the escaped path; the playground asks the same question.
  const [linked] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Open in playground' }).click()]);
  await linked.waitForLoadState();
  const question = JSON.parse(decodeURIComponent(new URL(linked.url()).hash.replace(/^#check=/, ''))) as Record<string, unknown>;
  expect(question).toMatchObject({ workspace, actor: 'cost-sync', factSheet: 'app-billing', paths: ['/cost~1eur'] });
  await expect(linked.getByRole('tab', { name: 'Quick check' })).toHaveAttribute('aria-selected', 'true');
  await expect(chip(linked, 'cost/eur')).toHaveAttribute('aria-pressed', 'true');
  const there = linked.getByTestId('verdict');
  await expect(there).toHaveAttribute('data-tone', 'breaks');
  await expect(there).toContainText('COST_SYNC grants UPDATE');

  // The playground's own clicks patch escaped paths too, and save as a scenario that passes.
  await chip(linked, 'a~b').click();
  await expect(there).toHaveAttribute('data-tone', 'denied');
  await expect(there).toContainText('a~b');
  await expect.poll(() => decodeURIComponent(new URL(linked.url()).hash)).toContain('"paths":["/cost~1eur","/a~0b"]');
  await linked.getByRole('button', { name: 'Save as scenario…' }).click();
  await linked.locator('#scenario-name').fill('cost sync writes cost/eur and a~b');
  await linked.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(linked.getByTestId('save-result')).toContainText('Saved as scenario “cost sync writes cost/eur and a~b”');
  await screenshot(linked, 'quick-check-escaped-playground');
  await linked.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(linked.getByTestId('scenario-row')).toHaveCount(3);
  await expect(linked.getByTestId('scenario-row').last()).toContainText('/cost~1eur');
  await linked.getByTestId('run-all').click();
  await expect(linked.getByTestId('run-summary')).toContainText('3 of 3 scenarios passed');
});

test('the actor chosen in the popup is the actor the playground’s quick check starts with, and back', async ({ page, context, openOptions, extensionId }) => {
  await openPlayground(page, context, openOptions);
  await importPolicy(page, FIXTURE, { rows: 1 });

  const popup = await openPopupPage(context, extensionId);
  await popup.selectOption('#actor', 'owner');
  // Stored through the worker: a fresh popup starts with it.
  await expect
    .poll(async () => {
      const again = await openPopupPage(context, extensionId);
      const value = await again.locator('#actor').inputValue({ timeout: 5_000 }).catch(() => '');
      await again.close();
      return value;
    })
    .toBe('owner');

  await page.getByRole('tab', { name: 'Quick check' }).click();
  await expect(page.locator('#actor')).toHaveValue('owner');
  await expect(page.locator('#actor option:checked')).toHaveText('owner · human · MEMBER');
  await page.selectOption('#actor', 'cost-sync');
  await expect
    .poll(async () => {
      const again = await openPopupPage(context, extensionId);
      const value = await again.locator('#actor').inputValue({ timeout: 5_000 }).catch(() => '');
      await again.close();
      return value;
    })
    .toBe('cost-sync');
});
