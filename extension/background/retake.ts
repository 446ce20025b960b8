// Taking a screenshot that a capture could not take. An in-page report button on a fresh install stores
// its record without one (the browser pictures a page only with `<all_urls>` or an `activeTab` grant); the
// form then offers 授予权限并补拍. Its click asks for the permission and registers the retake here; the
// retake runs as soon as the grant is there — in this message's handler when it already is, else on
// `permissions.onAdded` (a toolbar popup that asked is often closed by the prompt, its promise lost).
// The worker finds the item's tab, brings it to the front, has the content script scroll the item into
// view, pictures it, and adds it to the signed evidence (src/evidence/add-retake.ts).
import { browser, openReportForm } from '../lib/browser';
import { EVERYWHERE_PERMISSION } from '../lib/permissions';
import { pageKey, readSessionMap } from '../lib/session-state';
import { IdbReportStore } from '../../src/storage/report-store';
import { addRetakenScreenshot, retakeRefusal, RetakeNotWanted } from '../../src/evidence/add-retake';
import { cropBox, cropImage } from '../../src/capture/crop';
import type { Rect } from '../../src/model/captured-post';
import type { RetakeOutcome } from '../../src/messaging/messages/capture';
import type { HandlerTable } from './handlers';
import { takeScreenshots } from './capture-screenshot';

/** storage.session (trusted contexts only): which tab each screenshot-less item was captured in. */
const TARGETS_KEY = 'retakeTargets';
/** storage.session: retakes asked for and not yet carried out, and the outcome of each once it is. */
const PENDING_KEY = 'retakesPending';
export const RESULTS_KEY = 'retakeResults';
/** A retake asked for longer ago than this is dropped rather than run on a later, unrelated grant. */
const PENDING_TTL_MS = 5 * 60_000;

type Targets = Record<string, { tabId: number }>;
type Pending = Record<string, { reportId: string; itemIndex: number; at: number }>;
type Results = Record<string, { outcome: RetakeOutcome; at: number }>;

const keyOf = (reportId: string, itemIndex: number) => `${reportId}:${itemIndex}`;

/** Called by the capture: remembers the tab of an item stored without a screenshot. */
export async function rememberRetakeTarget(reportId: string, itemIndex: number, tabId: number): Promise<void> {
  const targets = await readSessionMap<Targets>(TARGETS_KEY);
  targets[keyOf(reportId, itemIndex)] = { tabId };
  await browser.storage.session.set({ [TARGETS_KEY]: targets }).catch(() => undefined);
}

async function setResult(key: string, outcome: RetakeOutcome): Promise<void> {
  const results = await readSessionMap<Results>(RESULTS_KEY);
  results[key] = { outcome, at: Date.now() };
  await browser.storage.session.set({ [RESULTS_KEY]: results }).catch(() => undefined);
}

/** The tab that shows the item's page: the one it was captured in if it still does, else any that does. */
async function findTab(key: string, pageUrl: string): Promise<{ id: number; windowId: number } | undefined> {
  const remembered = (await readSessionMap<Targets>(TARGETS_KEY))[key];
  if (remembered) {
    const tab = await browser.tabs.get(remembered.tabId).catch(() => undefined);
    if (tab?.id !== undefined && pageKey(tab.url) === pageKey(pageUrl)) return { id: tab.id, windowId: tab.windowId ?? -1 };
  }
  const tabs = await browser.tabs.query({});
  const match = tabs.find((t) => t.id !== undefined && pageKey(t.url) === pageKey(pageUrl));
  return match?.id !== undefined ? { id: match.id, windowId: match.windowId ?? -1 } : undefined;
}

interface Located {
  found: true;
  rect: Rect;
  viewport: { width: number; height: number };
  scroll: { x: number; y: number };
  clip?: Rect;
}

/**
 * Asks the tab's content script for the item, in its isolated world (scripting.executeScript: the page cannot
 * reach it). A page opened again a moment ago may not have its content script yet: asked again for a few
 * seconds before giving up.
 */
async function locate(tabId: number, request: object): Promise<Located | { found: false } | undefined> {
  const deadline = Date.now() + LOCATE_WAIT_MS;
  for (;;) {
    const [first] = await browser.scripting
      .executeScript({
        target: { tabId, frameIds: [0] },
        func: (r: object) => {
          const own = globalThis as unknown as { __reportAssistantLocate?: (request: object) => Promise<unknown> };
          return own.__reportAssistantLocate ? own.__reportAssistantLocate(r) : { absent: true };
        },
        args: [request],
      })
      .catch((err: unknown) => {
        console.warn('[report-assistant] could not reach the tab', err);
        return [];
      });
    const answer = first?.result as Located | { found: false } | { absent: true } | undefined;
    if (answer && !('absent' in answer)) return answer;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function release(tabId: number): Promise<void> {
  await browser.scripting
    .executeScript({
      target: { tabId, frameIds: [0] },
      func: () => (globalThis as unknown as { __reportAssistantRelease?: () => void }).__reportAssistantRelease?.(),
    })
    .catch(() => undefined);
}
const LOCATE_WAIT_MS = 8000;

/** Retakes under way in this worker: the message and the grant's event may both start the same one. */
const running = new Map<string, Promise<RetakeOutcome>>();

/** Carries out one retake (once, however many times it is asked for meanwhile) and records its outcome for the form. */
export function retake(reportId: string, itemIndex: number): Promise<RetakeOutcome> {
  const key = keyOf(reportId, itemIndex);
  const already = running.get(key);
  if (already) return already;
  const run = retakeAndRecord(reportId, itemIndex, key).finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

async function retakeAndRecord(reportId: string, itemIndex: number, key: string): Promise<RetakeOutcome> {
  const outcome = await retakeOnce(reportId, itemIndex, key).catch((err: unknown) => {
    if (err instanceof RetakeNotWanted) return 'not-needed' as const;
    console.warn('[report-assistant] retake failed', err);
    return 'failed' as const;
  });
  const pending = await readSessionMap<Pending>(PENDING_KEY);
  delete pending[key];
  await browser.storage.session.set({ [PENDING_KEY]: pending }).catch(() => undefined);
  await setResult(key, outcome);
  return outcome;
}

async function retakeOnce(reportId: string, itemIndex: number, key: string): Promise<RetakeOutcome> {
  const store = new IdbReportStore();
  const report = await store.get(reportId);
  if (retakeRefusal(report, itemIndex)) return 'not-needed';
  if (!(await browser.permissions.contains(EVERYWHERE_PERMISSION))) return 'no-permission';
  const item = report!.items[itemIndex]!;
  const tab = await findTab(key, item.pageUrl);
  if (!tab) return 'tab-gone';
  // What the person is looking at now (the form, in a tab or a window), to come back to afterwards.
  const [before] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  await browser.tabs.update(tab.id, { active: true });
  await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  const located = await locate(tab.id, { type: 'ra-locate', key, permalink: item.permalink ?? null, ids: item.ids, kind: item.kind });
  if (!located?.found) return 'item-gone';
  let shots;
  try {
    shots = await takeScreenshots({ tabId: tab.id, windowId: tab.windowId, rect: located.rect, viewport: located.viewport, scroll: located.scroll, clip: located.clip });
  } finally {
    void release(tab.id);
  }
  if (!shots.full || !shots.fullSize) return shots.missing === 'no-permission' ? 'no-permission' : 'failed';
  const box = shots.elementShot ? undefined : cropBox(located.rect, located.viewport, shots.fullSize);
  await addRetakenScreenshot(store, reportId, itemIndex, { full: shots.full, elementShot: shots.elementShot, cropBox: box ?? undefined }, cropImage, navigator.userAgent);
  // Back to the form: its tab, or the form opened again (a toolbar popup closes when the page is shown).
  const formUrl = browser.runtime.getURL('extension/popup/index.html');
  if (before?.id !== undefined && before.id !== tab.id && before.url?.startsWith(formUrl)) {
    await browser.tabs.update(before.id, { active: true }).catch(() => undefined);
    if (before.windowId !== undefined) await browser.windows.update(before.windowId, { focused: true }).catch(() => undefined);
  } else {
    await openReportForm(reportId).catch(() => undefined);
  }
  return 'added';
}

async function runPending(): Promise<void> {
  const pending = await readSessionMap<Pending>(PENDING_KEY);
  const now = Date.now();
  for (const [key, entry] of Object.entries(pending)) {
    if (now - entry.at > PENDING_TTL_MS) continue;
    await retake(entry.reportId, entry.itemIndex);
  }
}

export const retakeHandlers: HandlerTable = {
  'retake-screenshot': async ({ reportId, itemIndex }) => {
    const key = keyOf(reportId, itemIndex);
    const results = await readSessionMap<Results>(RESULTS_KEY);
    delete results[key];
    await browser.storage.session.set({ [RESULTS_KEY]: results });
    if (await browser.permissions.contains(EVERYWHERE_PERMISSION)) return { ok: true, outcome: await retake(reportId, itemIndex) };
    const pending = await readSessionMap<Pending>(PENDING_KEY);
    pending[key] = { reportId, itemIndex, at: Date.now() };
    await browser.storage.session.set({ [PENDING_KEY]: pending });
    // A grant that landed while this was being written has had its onAdded already.
    if (await browser.permissions.contains(EVERYWHERE_PERMISSION)) return { ok: true, outcome: await retake(reportId, itemIndex) };
    return { ok: true, outcome: 'waiting' };
  },
};

export function registerRetakeListeners(): void {
  browser.permissions.onAdded.addListener((added) => {
    if (added.origins?.includes('<all_urls>')) void runPending().catch((e: unknown) => console.warn('[report-assistant] retakes', e));
  });
}
