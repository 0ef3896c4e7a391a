import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, extensionDir, screenshot, test } from './fixtures';

test('the built extension loads with a background service worker', async ({ extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
});

test('popup renders the Sealcheck heading', async ({ page, openPopup }) => {
  await openPopup(page);
  await expect(page.locator('h1')).toContainText('Sealcheck');
  await screenshot(page, 'popup');
});

test('options page renders the Sealcheck heading', async ({ page, openOptions }) => {
  await openOptions(page);
  await expect(page.locator('h1')).toContainText('Sealcheck');
  await screenshot(page, 'options');
});

test('manifest asks only for storage and activeTab, with no host permission at install (hosts are optional, asked for at an import)', async ({
  page,
  extensionId,
  openPopup,
}) => {
  await openPopup(page);
  const served = (await page.evaluate(async (id) => {
    const res = await fetch(`chrome-extension://${id}/manifest.json`);
    return res.json();
  }, extensionId)) as Record<string, unknown>;
  const onDisk = JSON.parse(
    readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'),
  ) as Record<string, unknown>;

  for (const manifest of [served, onDisk]) {
    expect(manifest.manifest_version).toBe(3);
    expect([...((manifest.permissions as string[] | undefined) ?? [])].sort()).toEqual([
      'activeTab',
      'storage',
    ]);
    expect(manifest).not.toHaveProperty('host_permissions');
    // "Import from LeanIX / Qualytics" asks for its one origin at the click: https anywhere, http on loopback only
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
  }
});
