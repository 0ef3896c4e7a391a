import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Firefox's add-on id: fixed, so storage and the temporary add-on keep their identity. */
const GECKO_ID = 'sealcheck@sealcheck.invalid';

// See https://wxt.dev/api/config.html
export default defineConfig({
  imports: false,
  srcDir: '.',
  // Manifest V3 for Chrome and Firefox alike (`wxt build -b firefox` writes .output/firefox-mv3).
  manifestVersion: 3,
  // SEALCHECK_OUT_DIR builds elsewhere (e.g. to test a build while another one is in use).
  outDir: process.env.SEALCHECK_OUT_DIR || '.output',
  manifest: ({ browser }) => ({
    name: 'Sealcheck',
    description: 'See before it happens what a role or an integration does to your quality seals',
    permissions: ['storage', 'activeTab'],
    // No host at install: "Import from LeanIX / Qualytics" asks for its one origin at the
    // click (permissions.request). https anywhere; http on loopback only (local test servers).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Sealcheck quick check',
      },
      'open-playground': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the Sealcheck playground',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // Firefox 140 (the ESR since 2025) is the first that reads data_collection_permissions;
              // it has module workers and IndexedDB in extension pages.
              strict_min_version: '140.0',
              // Sealcheck collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from version 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    // The Firefox sources zip (for the add-on review): the code and what builds it, no local output.
    excludeSources: ['dist/**', 'test-results/**', 'playwright-report/**', 'bench/results.local.json', '*.log', 'cli-probe*.mjs', 'tsconfig.*.tmp.json'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
