// The content script: report buttons on each post, comment and account, and the capture message.
// It runs on every page of the supported platforms (and, once allowed, on any site), so it stays small:
// the platform adapter and the extraction engine are loaded lazily, only where the URL calls for them.
// In-page navigation (SPAs) tears everything down through an AbortSignal and attaches afresh.
import { buttonLabels, pageApi as browser } from '../lib/page-api';
import { platformForUrl } from '../../src/platforms/registry';
import { attachReportButtons } from './report-buttons';
import type { LocateRequest } from './locate';
import { genericFinder, loadPlatformFinder, type ItemFinder } from './item-finder';

const DEFAULT_CONTEXT_COUNT = 3;
const MAX_CONTEXT_COUNT = 50;

const labels = buttonLabels(browser.i18n.getUILanguage());

async function readContextCount(): Promise<number> {
  try {
    const { contextCount: stored } = (await browser.storage.local.get('contextCount')) as { contextCount?: unknown };
    const n = typeof stored === 'number' ? stored : Number(stored);
    return Number.isFinite(n) && stored !== undefined && stored !== null && stored !== '' ? Math.max(0, Math.min(MAX_CONTEXT_COUNT, Math.floor(n))) : DEFAULT_CONTEXT_COUNT;
  } catch {
    return DEFAULT_CONTEXT_COUNT;
  }
}

// A press on a report button starts the read (see report-buttons.ts) and the click that follows uses it,
// so the capture does not wait for storage. When the click comes before the read is back (a press shorter
// than a storage round trip, which only automation makes), the value read at this page's last press is used;
// a key press, which has no press to start from, reads afresh.
const PRESS_TO_CLICK_MS = 3000;
let pressRead: { at: number; value: Promise<number>; settled?: number } | undefined;
let lastRead: number | undefined;
const prefetchContextCount = () => {
  const read: NonNullable<typeof pressRead> = { at: Date.now(), value: readContextCount() };
  void read.value.then((n) => {
    read.settled = n;
    lastRead = n;
  });
  pressRead = read;
};
function contextCount(): Promise<number> {
  const read = pressRead && Date.now() - pressRead.at < PRESS_TO_CLICK_MS ? pressRead : undefined;
  pressRead = undefined;
  if (read?.settled !== undefined) return Promise.resolve(read.settled);
  if (read && lastRead !== undefined) return Promise.resolve(lastRead);
  return read?.value ?? readContextCount().then((n) => (lastRead = n));
}

/** A page, for our purposes: the URL without its fragment (an anchor jump is not a navigation). */
const pageKey = (href: string) => href.replace(/#.*$/, '');

let current: AbortController | undefined;
let currentFinder: ItemFinder | undefined;
let currentKey = '';

async function start(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  currentKey = pageKey(location.href);
  const registration = platformForUrl(location.href);
  const finder = registration
    ? await loadPlatformFinder(registration).catch((err: unknown) => {
        console.warn('[report-assistant] adapter failed to load; using the generic finder', err);
        return undefined;
      })
    : undefined;
  if (controller.signal.aborted) return;
  currentFinder = finder;
  if (finder) checkLayoutOnceSettled(finder, controller.signal);
  attachReportButtons(document, {
    signal: controller.signal,
    ...(finder ? { finder } : {}),
    ...labels,
    send: (message) => browser.runtime.sendMessage(message),
    contextCount,
    prefetchContextCount,
    onBatch: checkNavigation,
  });
}

/** How long after the page's load event its layout is judged: late feeds and comment lists have come by then. */
const SETTLE_MS = 2500;

/**
 * Knowing when a site has changed: once the page has settled, an adapter that finds none of its items on a
 * page where the generic finder sees posts does not know this layout. The worker is told (it keeps it for the
 * tab, from the browser's facts about the sender); the popup then says so and offers the element picker and
 * the structure diagnosis. The generic finder already gives the page its buttons (report-buttons.ts).
 */
function checkLayoutOnceSettled(finder: ItemFinder, signal: AbortSignal): void {
  const judge = () =>
    setTimeout(() => {
      if (signal.aborted || finder.find(document).length > 0 || genericFinder.find(document).length === 0) return;
      void browser.runtime.sendMessage({ type: 'site-layout-unknown', payload: { platform: finder.platform } }).catch(() => undefined);
    }, SETTLE_MS);
  if (document.readyState === 'complete') judge();
  else window.addEventListener('load', judge, { once: true, signal });
}

function checkNavigation(): void {
  if (pageKey(location.href) !== currentKey) void start();
}

// Same-document navigations: the Navigation API where the browser has it (it also sees pushState);
// otherwise popstate, plus the href check that runs before each batch of buttons placed (the observer's,
// until the first scroll, and the pointer's after it: SPAs re-render).
const nav = (globalThis as { navigation?: EventTarget }).navigation;
if (nav && typeof nav.addEventListener === 'function') nav.addEventListener('currententrychange', checkNavigation);
window.addEventListener('popstate', checkNavigation);

// The worker finds a captured item again to take the screenshot it was stored without
// (extension/background/retake.ts). It calls these through `scripting.executeScript` in this isolated world,
// which the page cannot reach; no message listener is added.
const own = globalThis as unknown as { __reportAssistantLocate?: (request: LocateRequest) => Promise<unknown>; __reportAssistantRelease?: () => void };
own.__reportAssistantLocate = async (request) =>
  (await import('./locate')).locateItem(request, currentFinder, () => ({ pageUrl: location.href, pageTitle: document.title, now: new Date(), contextCount: 0 }));
own.__reportAssistantRelease = () => void import('./locate').then((m) => m.releaseItem());

void start();
