// The address of the tab the popup was opened over. Needs only `activeTab`: the click
// on the toolbar button grants it, so `tab.url` is readable for that one tab.
// The e2e test stubs `chrome.tabs.query` in the page (test/e2e/popup.spec.ts);
// there is no other way in, so production has no test hook.
import { browser } from 'wxt/browser';

export async function activeTabUrl(): Promise<string | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.url ?? null;
  } catch {
    return null;
  }
}
