// The first run: a new install opens the welcome page (what the extension does, what it keeps, and the one
// permission it asks for, with its reason). An update or a browser restart opens nothing.
import { browser } from '../lib/browser';

export const WELCOME_PAGE = 'extension/welcome/index.html';

export function registerWelcomeListeners(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) }).catch((e: unknown) => console.warn('[report-assistant] welcome page', e));
  });
}
