// Issue 13, writes and concurrency: two playground tabs (two pages of the options page,
// each with its own engine worker over the one IndexedDB) editing one role draft. The later
// save of one revision is refused with the other version shown, and the user keeps either;
// a rename in one tab leaves one draft, and the other tab is told the new name.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from './fixtures';
import { importPolicy, openPlayground } from './helpers';

const exampleFile = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');
const FIELD = 'FACT_SHEET_FIELDS:UPDATE:Application:cveCount';
const SEAL = 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState';
const READ = 'FACT_SHEET:READ:Application:*';

async function openRoles(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Role designer' }).click();
  await expect(page.locator('.rd')).toBeVisible();
}

/** Replaces the draft's permission lines (the editor is a textarea-like field). */
async function setPermissions(page: Page, lines: string[]): Promise<void> {
  const editor = page.locator('#rd-perms');
  await editor.fill(lines.join('\n'));
  await page.keyboard.press('Escape');
  await expect(editor).toHaveValue(lines.join('\n'));
}

test('two tabs edit one draft: the later save is a conflict; keep mine, take theirs; a rename keeps one draft', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importPolicy(page, exampleFile, { rows: 1 });
  await openRoles(page);
  await page.getByLabel('Start from').selectOption({ label: 'Empty role (no grants)' });
  await page.locator('#rd-new-name').fill('SYNC');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('draft-SYNC')).toBeVisible();

  // the second tab opens the same draft
  const other = await context.newPage();
  await openOptions(other);
  await expect(other.locator('#ws-select')).toContainText('Spec example: Acme integration');
  await openRoles(other);
  await other.getByTestId('draft-SYNC').click();
  await expect(other.locator('#rd-editor-h')).toContainText('SYNC');

  // tab one saves first
  await setPermissions(page, [FIELD, SEAL]);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('status')).toContainText('Draft SYNC saved');

  // tab two, based on the same revision, is refused and shown tab one's version
  await setPermissions(other, [READ]);
  await other.getByTestId('save-draft').click();
  const conflict = other.getByTestId('draft-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toHaveAttribute('data-reason', 'changed');
  await expect(other.getByTestId('draft-conflict-message')).toHaveText('The draft SYNC was saved elsewhere (another tab) while you edited it; nothing was saved.');
  await expect(other.getByTestId('draft-conflict-diff')).toContainText(`only theirs: ${SEAL}`);
  await expect(other.getByTestId('draft-conflict-diff')).toContainText(`only mine: ${READ}`);
  // nothing was overwritten, and the editor still holds tab two's lines
  await expect(other.locator('#rd-perms')).toHaveValue(READ);

  // keep mine: saved over the version it was shown
  await other.getByTestId('conflict-keep-mine').click();
  await expect(other.getByTestId('status')).toContainText('Draft SYNC saved');
  await expect(other.getByTestId('draft-conflict')).toHaveCount(0);

  // now tab one is behind: its next save is refused; take theirs loads tab two's version
  await setPermissions(page, [FIELD]);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('draft-conflict')).toBeVisible();
  await page.getByTestId('conflict-take-theirs').click();
  await expect(page.getByTestId('draft-conflict')).toHaveCount(0);
  await expect(page.locator('#rd-perms')).toHaveValue(READ);
  await expect(page.locator('.rd-dirty')).toHaveCount(0);

  // a rename in tab one while tab two edits: one draft, and tab two is told the new name
  await page.locator('#rd-name').fill('FEED_ROLE');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('status')).toContainText('Draft FEED_ROLE saved');
  await expect(page.getByTestId('draft-list').getByRole('button')).toHaveCount(1);
  await setPermissions(other, [READ, FIELD]);
  await other.getByTestId('save-draft').click();
  await expect(other.getByTestId('draft-conflict')).toHaveAttribute('data-reason', 'renamed');
  await expect(other.getByTestId('draft-conflict-message')).toHaveText('The draft SYNC was renamed to FEED_ROLE elsewhere (another tab); nothing was saved.');
  await expect(other.getByTestId('draft-list').getByRole('button')).toHaveCount(1);
  await expect(other.getByTestId('draft-FEED_ROLE')).toBeVisible();
  // take theirs: the renamed draft opens; still one draft in both tabs
  await other.getByTestId('conflict-take-theirs').click();
  await expect(other.locator('#rd-editor-h')).toContainText('FEED_ROLE');
  await expect(other.locator('#rd-perms')).toHaveValue(READ);
  await page.reload();
  await openRoles(page);
  await expect(page.getByTestId('draft-list').getByRole('button')).toHaveCount(1);
  await expect(page.getByTestId('draft-FEED_ROLE')).toBeVisible();
});
