import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';

// Opens the playground on first install and routes the "open playground" command.
// The quick check's shortcut is the action's own command (`_execute_action`).
export default defineBackground(() => {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.commands.onCommand.addListener((command) => {
    if (command === 'open-playground') void browser.runtime.openOptionsPage();
  });
});
