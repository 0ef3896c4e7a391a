// Issue 13, long work and lost state: an import's located errors survive switching tabs;
// a huge file is checked off the engine's thread and can be cancelled while it is checked;
// meanwhile the other playground tabs, and another page, say what the engine is busy with.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, repoRoot, test } from './fixtures';
import { chooseImportFile, openPlayground } from './helpers';

const exampleFile = path.join(repoRoot, 'test', 'fixtures', 'leanix-example.json');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'sealcheck-e2e-'));

test('an import’s located errors survive switching tabs', async ({ page, context, openOptions }) => {
  await openPlayground(page, context, openOptions);
  const file = path.join(tmp(), 'typo.json');
  writeFileSync(file, readFileSync(exampleFile, 'utf8').replace('"FACT_SHEET_FIELDS:UPDATE:Application:cveCount"', '"FACT_SHEET_FIELDS:UPDAT:Application:cveCount"'));
  await chooseImportFile(page, file);
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('typo.json');
  await expect(errors).toContainText('roles[0].permissions[0]');
  const before = (await errors.textContent()) ?? '';
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await expect(page.getByTestId('import-errors')).toHaveText(before);
  // a new import clears them
  await chooseImportFile(page, exampleFile);
  await expect(page.getByTestId('import-report')).toContainText('Imported');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
});

test('a huge file is cancelled while it is checked; the other tabs say what the engine is busy with', async ({ page, context, openOptions }) => {
  test.setTimeout(120_000);
  // ~37 MB: 150,000 fact sheets, every tenth with a key the format does not have (many seconds to check)
  const base = JSON.parse(readFileSync(exampleFile, 'utf8'));
  const sheet = base.factSheets[0];
  base.factSheets = Array.from({ length: 150_000 }, (_, i) => ({ ...sheet, id: `app-${i}`, name: `App ${i}`, ...(i % 10 === 9 ? { colour: 'red' } : {}) }));
  const file = path.join(tmp(), 'huge.json');
  writeFileSync(file, JSON.stringify(base));

  await openPlayground(page, context, openOptions);
  await chooseImportFile(page, file);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('Checking huge.json', { timeout: 30_000 });

  // another page of the playground: its engine answers, and it says what is going on
  const other = await context.newPage();
  await openOptions(other);
  await expect(other.getByTestId('ws-empty')).toBeVisible();
  await expect(other.getByTestId('engine-busy')).toHaveText('The engine is busy: Importing huge.json… (in another tab)');

  // another tab of this page says it too, and coming back finds the import where it was
  await page.getByRole('tab', { name: 'Quick check' }).click();
  await expect(page.getByTestId('engine-busy')).toHaveText('The engine is busy: Importing huge.json…');
  await page.getByRole('tab', { name: 'Workspaces' }).click();
  await expect(page.getByTestId('engine-busy')).toHaveCount(0);
  await expect(progress).toContainText('Checking huge.json');

  // Cancel ends the check at once (it would take seconds more)
  const asked = Date.now();
  await page.getByTestId('import-progress-cancel').click();
  await expect(page.getByTestId('status')).toHaveText('Import of huge.json cancelled; nothing was changed.', { timeout: 5_000 });
  expect(Date.now() - asked).toBeLessThan(5_000);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expect(page.getByTestId('ws-empty')).toBeVisible();
  await expect(other.getByTestId('engine-busy')).toHaveCount(0);

  // the engine is fine afterwards: the next import goes through
  await chooseImportFile(page, exampleFile);
  await expect(page.getByTestId('import-report')).toContainText('Imported');
});
