// Workspaces and sharing against the built extension: a share link opens with a preview
// and imports only when asked, the same-name question (keep both, replace), the file
// coming back byte for byte; a file too large for a link is offered as a file; the diff
// of a workspace with a file.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { chooseImportFile, importPolicy, navigatePastInstallTab, openPlayground } from './helpers';
import { shareFragment } from '../../src/ui/share-link';

const exampleFile = path.join(repoRoot, 'examples', 'leanix-vuln-sync.json');
const exampleName = 'Weekly vulnerability sync vs. the quality seal';

test('a share link opens with a preview, imports only when asked, asks about the same name, and gives the file back byte for byte', async ({ page, context, openOptions, extensionId }) => {
  test.setTimeout(120_000);
  await openPlayground(page, context, openOptions);
  await importPolicy(page, exampleFile, { rows: 1 });

  await page.getByTestId('share-make').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(new RegExp(`^chrome-extension://${extensionId}/options\\.html#share=v1\\.[A-Za-z0-9_-]+$`));
  await screenshot(page, 'options-share-link');

  // Opened in another tab: a preview, nothing stored until Import.
  const other = await context.newPage();
  await navigatePastInstallTab(other, () => other.goto(url));
  const open = other.getByTestId('share-open');
  await expect(open.getByTestId('share-summary')).toContainText(exampleName);
  await expect(open.getByTestId('share-summary')).toContainText('SAP LeanIX');
  await open.getByTestId('share-text').locator('summary').click();
  await expect(open.getByTestId('share-text').locator('pre')).toContainText('"VULN_SYNC"');
  await screenshot(other, 'options-share-preview');
  await expect(other.getByTestId('ws-row')).toHaveCount(1);

  // The same name is taken: keep both names it apart.
  await open.getByTestId('share-import').click();
  const ask = open.getByTestId('same-name');
  await expect(ask).toContainText(`A workspace named “${exampleName}” is already here.`);
  await expect(ask).toContainText(`the new one is named “${exampleName} (2)”`);
  await screenshot(other, 'options-share-same-name');
  await ask.getByTestId('same-name-apart').click();
  await expect(other.getByTestId('share-open')).toHaveCount(0);
  await expect(other.getByTestId('ws-row')).toHaveCount(2);
  await expect(other.getByTestId('ws-name').filter({ hasText: '(2)' })).toHaveText(`${exampleName} (2)`);
  expect(other.url()).not.toContain('#share=');

  // Opened again: replace keeps one workspace of that name, and its export is the file byte for byte.
  await navigatePastInstallTab(other, () => other.goto(url));
  await other.reload();
  await other.getByTestId('share-import').click();
  await other.getByTestId('same-name-replace').click();
  await expect(other.getByTestId('share-open')).toHaveCount(0);
  await expect(other.getByTestId('ws-row')).toHaveCount(2);
  const row = other.locator('[data-testid=ws-row]', { has: other.getByTestId('ws-name').getByText(exampleName, { exact: true }) });
  const [download] = await Promise.all([other.waitForEvent('download'), row.getByTestId('ws-export').click()]);
  const saved = await download.path();
  expect(readFileSync(saved!).equals(readFileSync(exampleFile))).toBe(true);
});

test('a damaged link says so; a file too large for a link is offered as a file; an import of the same name can be cancelled', async ({ page, context, openOptions, extensionId }) => {
  await openPlayground(page, context, openOptions);
  await navigatePastInstallTab(page, () => page.goto(`chrome-extension://${extensionId}/options.html#share=v1.AAAA`));
  await page.reload();
  await expect(page.getByTestId('share-unreadable')).toContainText('cannot be opened');
  await expect(page.getByTestId('share-import')).toBeDisabled();
  await page.getByTestId('share-dismiss').click();
  await expect(page.getByTestId('share-open')).toHaveCount(0);

  // A link made elsewhere (here in node, as the page makes it) with markup in the file: shown as text.
  const hostile = JSON.parse(readFileSync(exampleFile, 'utf8'));
  hostile.name = '<img src=x onerror="document.title=1">';
  await navigatePastInstallTab(page, async () => page.goto(`chrome-extension://${extensionId}/options.html${await shareFragment(JSON.stringify(hostile, null, 2))}`));
  await page.reload();
  await expect(page.getByTestId('share-summary')).toContainText('<img src=x onerror="document.title=1">');
  await page.getByTestId('share-text').locator('summary').click();
  await expect(page.getByTestId('share-open').locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('1');
  await page.getByTestId('share-dismiss').click();

  // A file whose compressed text is over the limit: random descriptions do not compress.
  const policy = JSON.parse(readFileSync(exampleFile, 'utf8'));
  const random = (n: number) => Array.from({ length: n }, () => Math.random().toString(36).slice(2)).join('');
  policy.description = random(4000);
  const dir = mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));
  const big = path.join(dir, 'big.json');
  writeFileSync(big, JSON.stringify(policy, null, 2));
  await importPolicy(page, big, { rows: 1 });
  await page.getByTestId('share-make').click();
  await expect(page.getByTestId('share-too-large')).toContainText('more than the 32,768 a link can carry');
  await expect(page.getByTestId('share-download')).toBeVisible();

  // The same file again, by the file picker: asked, and cancelled: nothing changes.
  await chooseImportFile(page, big);
  await expect(page.getByTestId('same-name')).toBeVisible();
  await page.getByTestId('same-name-cancel').click();
  await expect(page.getByTestId('same-name')).toHaveCount(0);
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
});

test('policy diff of a stored workspace with a file', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  await importPolicy(page, exampleFile, { rows: 1 });
  const policy = JSON.parse(readFileSync(exampleFile, 'utf8'));
  policy.roles.find((r: { name: string }) => r.name === 'VULN_SYNC').permissions.push('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
  const dir = mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));
  const newer = path.join(dir, 'newer.json');
  writeFileSync(newer, JSON.stringify(policy, null, 2));

  await page.getByRole('tab', { name: 'Policy diff' }).click();
  const diff = page.getByTestId('diff');
  await expect(page.getByTestId('diff-empty')).toBeVisible();
  await diff.getByLabel('Old version').selectOption({ label: exampleName });
  await diff.getByLabel('New version').selectOption('file');
  await diff.getByLabel('New side: policy file').setInputFiles(newer);
  await expect(page.getByTestId('diff-new')).toHaveText('file newer.json');
  await diff.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('diff-summary')).toHaveText('The new version grants 2 accesses the old one did not.');
  await expect(page.getByTestId('diff-result').getByRole('heading', { level: 3 }).first()).toHaveText(`From “${exampleName}” to “file newer.json”`);
});
