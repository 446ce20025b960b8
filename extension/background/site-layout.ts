// Knowing when a site has changed. The content script says when its adapter finds none of its items on a
// page where posts are seen; the worker keeps that per tab (in storage.session, trusted contexts only), from
// the browser's facts about the sender. The popup shows 此网站的页面结构可能已更新 for that tab, with the element
// picker and the structure diagnosis (src/capture/page-structure.ts), both run here in the tab.
import { browser } from '../lib/browser';
import { pageKey, readSessionMap } from '../lib/session-state';
import { pageStructure, type PageStructure } from '../../src/capture/page-structure';
import type { HandlerTable } from './handlers';
import { MENU_IDS, onMenuClick } from './context-menu';

export const LAYOUT_UNKNOWN_KEY = 'siteLayoutUnknown';
export type LayoutUnknown = Record<string, { platform: string; url: string; at: number }>;

const unknownTabs = () => readSessionMap<LayoutUnknown>(LAYOUT_UNKNOWN_KEY);

/** The tab, when the worker was told its page's layout is unknown and it still shows that page. */
async function flaggedTab(tabId: number) {
  const flagged = (await unknownTabs())[String(tabId)];
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return flagged && tab?.id !== undefined && pageKey(tab.url) === pageKey(flagged.url) ? tab : undefined;
}

export const siteLayoutHandlers: HandlerTable = {
  'site-layout-unknown': async ({ platform }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.url) return { ok: false, error: 'errorRejected', detail: 'no tab' };
    const all = await unknownTabs();
    all[String(tabId)] = { platform, url: pageKey(sender.url), at: Date.now() };
    await browser.storage.session.set({ [LAYOUT_UNKNOWN_KEY]: all });
    return { ok: true };
  },
  'export-page-structure': async ({ tabId }) => {
    const tab = await flaggedTab(tabId);
    if (!tab) return { ok: false, error: 'siteChanged_exportFailed', detail: 'not a flagged tab' };
    const [first] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: pageStructure });
    const structure = first?.result as PageStructure | undefined;
    return structure ? { ok: true, structure } : { ok: false, error: 'siteChanged_exportFailed' };
  },
  'pick-element-in-tab': async ({ tabId }) => {
    const tab = await flaggedTab(tabId);
    if (!tab) return { ok: false, error: 'errorRejected', detail: 'not a flagged tab' };
    await browser.tabs.update(tabId, { active: true });
    await onMenuClick({ menuItemId: MENU_IDS.picker }, tab);
    return { ok: true };
  },
};

export function registerSiteLayoutListeners(): void {
  // A flag is for the page it was raised on: forgotten when the tab closes.
  browser.tabs.onRemoved.addListener((tabId) => {
    void unknownTabs().then((all) => {
      if (!(String(tabId) in all)) return;
      delete all[String(tabId)];
      return browser.storage.session.set({ [LAYOUT_UNKNOWN_KEY]: all });
    });
  });
}
