// Screenshots for a capture: the visible tab, and the element — cropped from it, or stitched from several
// captures when it is taller than the viewport. Every captureVisibleTab call goes through one spacer,
// since Chromium refuses more than two a second.
import { browser } from '../lib/browser';
import type { Rect, ScreenshotMissing } from '../../src/model/captured-post';
import { EVERYWHERE_PERMISSION } from '../lib/permissions';
import { CAPTURE_INTERVAL_MS, spacedCalls } from '../../src/capture/throttle';
import { imageSize, pngSize } from '../../src/capture/crop';
import { captureSlices, composeSlices, needsStitching } from '../../src/capture/stitch';
import { pageStitch, STITCH_PORT, type StitchStart } from '../../src/capture/stitch-page';

const captureSlot = spacedCalls(CAPTURE_INTERVAL_MS);

/** The visible part of the window's active tab, as PNG. */
export async function captureTab(windowId: number | undefined): Promise<Blob> {
  return (await captureTabSized(windowId)).blob;
}

/** The visible tab as PNG with its pixel size, read from the bytes already in hand (no decode, no Blob read). */
async function captureTabSized(windowId: number | undefined): Promise<{ blob: Blob; bytes: Uint8Array; size: { width: number; height: number } }> {
  const dataUrl = await captureSlot(() => browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' }));
  const { bytes, type } = dataUrlBytes(dataUrl);
  const blob = new Blob([bytes], { type });
  return { blob, bytes, size: pngSize(bytes.subarray(0, 24)) ?? (await imageSize(blob)) };
}

type Base64Decoder = (text: string) => Uint8Array<ArrayBuffer>;
/** `Uint8Array.fromBase64` (Chromium 140+, Firefox 133+) decodes natively; older browsers take the loop below. */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: Base64Decoder }).fromBase64;

/** Decodes a base64 data URL directly (several times faster than `fetch(dataUrl)` for a screenshot). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const { bytes, type } = dataUrlBytes(dataUrl);
  return new Blob([bytes], { type });
}

function dataUrlBytes(dataUrl: string): { bytes: Uint8Array<ArrayBuffer>; type: string } {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  if (comma < 0 || !/;base64$/.test(header)) throw new Error('not a base64 data URL');
  const type = header.slice(5, -7) || 'application/octet-stream';
  const data = dataUrl.slice(comma + 1);
  if (fromBase64) return { bytes: fromBase64.call(Uint8Array, data), type };
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, type };
}

export interface Screenshots {
  full?: Blob;
  /** The bytes of `full`, for hashing without reading the Blob back. */
  fullBytes?: Uint8Array;
  fullSize?: { width: number; height: number };
  /** Set when the element was stitched; otherwise build-evidence crops it from `full`. */
  elementShot?: Blob;
  /** False when a long element could only be stitched in part. */
  complete?: boolean;
  /** Why there is no screenshot at all. */
  missing?: ScreenshotMissing;
}

/**
 * Why the browser gave no screenshot. `captureVisibleTab` needs `<all_urls>` or an `activeTab` grant (a
 * click on the toolbar button, the context menu or a shortcut): an in-page button on a fresh install has
 * neither. Pages of the browser and of other extensions allow none at all.
 */
export async function missingReason(err: unknown): Promise<ScreenshotMissing> {
  const text = String(err instanceof Error ? err.message : err);
  if (/cannot be (captured|scripted)|chrome:\/\/|about:|moz-extension|chrome-extension|extensions gallery|webstore|restricted/i.test(text)) return 'restricted-page';
  if (/permission|activeTab|all_urls/i.test(text)) return 'no-permission';
  const granted = await browser.permissions.contains(EVERYWHERE_PERMISSION).catch(() => true);
  return granted ? 'failed' : 'no-permission';
}

/** At most this many captures per element: about six seconds at the browser's rate limit. */
const MAX_SLICES = 12;
/** Canvas height limit with a margin (Chromium allows 32767 px; some GPUs less). */
const MAX_CANVAS_PX = 16_000;
/**
 * The page puts itself back (bars shown, scroll restored) if no step comes from the worker for this long —
 * the backstop behind the port, which tells the page at once when the worker goes away.
 */
const STITCH_WATCHDOG_MS = 15_000;

export async function takeScreenshots(target: {
  tabId: number | undefined;
  windowId: number | undefined;
  rect: Rect;
  viewport: { width: number; height: number };
  scroll?: { x: number; y: number } | undefined;
  /** The visible box of the inner panel the element scrolls in, when that is not the window. */
  clip?: Rect | undefined;
}): Promise<Screenshots> {
  let full: Blob;
  let fullBytes: Uint8Array;
  let fullSize: { width: number; height: number };
  // captureVisibleTab takes whatever tab its window shows: a capture from a tab in the background (a
  // button pressed by script, a tab switched away from meanwhile) would picture another page.
  if (target.tabId !== undefined) {
    const tab = await browser.tabs.get(target.tabId).catch(() => undefined);
    if (tab && !tab.active) return { missing: 'tab-hidden' };
  }
  try {
    ({ blob: full, bytes: fullBytes, size: fullSize } = await captureTabSized(target.windowId));
  } catch (err) {
    // The record is still worth keeping without a picture; it says why it has none, and the form offers
    // to take it again (extension/background/retake.ts).
    const missing = await missingReason(err);
    console.warn('[report-assistant] screenshot failed:', missing, err);
    return { missing };
  }
  if (target.tabId === undefined || !needsStitching(target.rect, target.viewport, target.clip)) return { full, fullBytes, fullSize };
  try {
    return { full, fullBytes, fullSize, ...(await stitchElement(target.tabId, target.windowId, fullSize, target)) };
  } catch (err) {
    console.warn('[report-assistant] stitching failed; keeping the visible part', err);
    return { full, fullBytes, fullSize };
  }
}

async function stitchElement(
  tabId: number,
  windowId: number | undefined,
  size: { width: number; height: number },
  target: { rect: Rect; viewport: { width: number; height: number }; scroll?: { x: number; y: number } | undefined },
): Promise<{ elementShot?: Blob; complete: boolean }> {
  const token = crypto.randomUUID();
  // Fixed and sticky bars are hidden so they neither cover the post's top nor repeat down the picture (the
  // full visible tab, taken first, shows the page as the person saw it); so are the extension's own
  // controls. The page finds what the element scrolls in: the window, or an inner panel.
  const begun = await inPage(tabId, pageStitch as (op: 'begin', rect: Rect, token: string, ms: number) => StitchStart, [
    'begin',
    target.rect,
    token,
    STITCH_WATCHDOG_MS,
  ]);
  // When the window scrolls, the offsets measured with the rect (menu, picker) are the ones it belongs to.
  const start = !begun.inner && target.scroll ? { ...begun, ...target.scroll } : begun;
  // Held open while stitching: if this worker is stopped midway, the page sees the port close and restores itself.
  let port: { disconnect(): void } | undefined;
  try {
    port = browser.tabs.connect(tabId, { name: `${STITCH_PORT}:${token}`, frameId: 0 });
  } catch (err) {
    console.warn('[report-assistant] no port to the page while stitching; its watchdog restores it', err);
  }
  const scale = size.width / target.viewport.width;
  try {
    const result = await captureSlices({
      element: {
        top: target.rect.y - start.frame.top + start.y,
        left: target.rect.x - start.frame.left + start.x,
        width: target.rect.width,
        height: target.rect.height,
      },
      viewport: target.viewport,
      frame: start.frame,
      start: { x: start.x, y: start.y },
      // The visible-tab capture is not reused as the first part: bars fixed at the top of the window may
      // cover the post's first lines there. Every part is taken with them hidden (one capture more).
      scrollTo: (y) => inPage(tabId, pageStitch as (op: 'scroll', y: number, token: string) => Promise<{ x: number; y: number }>, ['scroll', y, token]),
      capture: () => captureTab(windowId),
      maxSlices: MAX_SLICES,
      maxHeight: Math.floor(MAX_CANVAS_PX / scale),
    });
    const elementShot = await composeSlices(result, target.viewport, imageSize);
    return { ...(elementShot ? { elementShot } : {}), complete: result.complete };
  } finally {
    await inPage(tabId, pageStitch as (op: 'end', token?: string) => void, ['end', token]).catch(() => undefined);
    port?.disconnect();
  }
}

async function inPage<A extends unknown[], R>(tabId: number, func: (...args: A) => R | Promise<R>, args: A): Promise<R> {
  const [first] = await browser.scripting.executeScript({ target: { tabId }, func: func as () => unknown, args });
  if (!first) throw new Error('no result from the page');
  return first.result as R;
}
