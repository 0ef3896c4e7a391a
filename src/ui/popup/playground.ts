// Opens the playground (the options page) in a tab. `runtime.openOptionsPage` cannot
// carry a hash, so the question goes along in the URL of a new tab.
import { browser } from 'wxt/browser';
import { questionToHash } from '../question-link';
import type { QuestionLink } from '../question-link';

export async function openPlayground(question?: QuestionLink): Promise<void> {
  const url = browser.runtime.getURL('/options.html') + (question ? questionToHash(question) : '');
  await browser.tabs.create({ url });
}
