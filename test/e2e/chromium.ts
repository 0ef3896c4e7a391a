// How Sealcheck's built extension is started in Debian's Chromium, for the e2e tests and
// the browser benchmark alike: headless, no network chatter, never a downloaded browser.

/** Debian's chromium; Playwright must never download its own browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch options for `chromium.launchPersistentContext` with the unpacked extension in `dir`. */
export function extensionLaunchOptions(dir: string) {
  return {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless=new',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
