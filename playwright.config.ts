import { defineConfig } from '@playwright/test';

// Never let Playwright fetch its own browser: the e2e tests drive Debian's
// /usr/bin/chromium (see test/e2e/fixtures.ts).
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
  },
});
