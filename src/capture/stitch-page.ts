// The page's side of stitching a long element (see stitch.ts): hide what must not be in the picture, scroll
// whatever the element scrolls in — the window, or the nearest scrollable ancestor (an `overflow: auto`
// panel, as SPA layouts have) — and put everything back afterwards.
//
// `pageStitch` is injected by the worker with `scripting.executeScript`, one call per step, so it is one
// self-contained function: no imports, no module-level values. Everything it changes is recorded in the
// DOM (attributes), so any later call — the worker's last step, a watchdog timer, the port to the worker
// closing when the worker dies, or the content script after a failed capture — can undo it.
import type { Rect } from '../model/captured-post';

/** Where the element's scroller starts, and the frame it is seen through (viewport CSS px). */
export interface StitchStart {
  /** Scroll offsets in the scrolled content's coordinates at the start (what `scroll` steps return). */
  x: number;
  y: number;
  frame: { top: number; left: number; height: number };
  /** True when an inner panel scrolls, not the window. */
  inner: boolean;
}

/** The name of the port the worker opens to the page while stitching: `${STITCH_PORT}:${token}`. */
export const STITCH_PORT = 'report-assistant-stitch';
/** Set by the content script on the element being captured, so the page side finds exactly its scroller. */
export const CAPTURING_ATTR = 'data-report-assistant-capturing';

export function pageStitch(op: 'begin', rect: Rect, token: string, watchdogMs: number): StitchStart;
export function pageStitch(op: 'scroll', y: number, token: string): Promise<{ x: number; y: number }>;
export function pageStitch(op: 'end', token?: string): void;
export function pageStitch(op: 'begin' | 'scroll' | 'end', a?: unknown, b?: unknown, c?: unknown): unknown {
  const STATE = 'data-report-assistant-stitching';
  const SCROLLER = 'data-report-assistant-scroller';
  const HIDDEN = 'data-report-assistant-hidden';
  const PORT = 'report-assistant-stitch';
  const root = document.documentElement;
  type State = { token: string; x: number; y: number; offset: number; inner: boolean };
  type Guard = { timer?: ReturnType<typeof setTimeout>; listening?: boolean };
  const g = globalThis as unknown as { __reportAssistantStitch?: Guard };
  const guard: Guard = (g.__reportAssistantStitch ??= {});
  const readState = (): State | undefined => {
    try {
      const raw = root.getAttribute(STATE);
      return raw ? (JSON.parse(raw) as State) : undefined;
    } catch {
      return undefined;
    }
  };
  const scroller = (): HTMLElement | null => document.querySelector<HTMLElement>(`[${SCROLLER}]`);

  /** Undoes everything: hidden elements shown, the scroller back where it was. `token`: only that stitch's. */
  const end = (token?: string) => {
    const state = readState();
    if (token !== undefined && state && state.token !== token) return;
    if (guard.timer !== undefined) clearTimeout(guard.timer);
    guard.timer = undefined;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[${HIDDEN}]`))) {
      const before = el.getAttribute(HIDDEN) ?? '';
      el.style.removeProperty('visibility');
      if (before) el.style.setProperty('visibility', before);
      el.removeAttribute(HIDDEN);
    }
    const panel = scroller();
    if (state) {
      if (panel) panel.scrollTo({ top: state.y - state.offset, left: state.x, behavior: 'instant' });
      else window.scrollTo({ top: state.y, left: state.x, behavior: 'instant' });
    }
    panel?.removeAttribute(SCROLLER);
    root.removeAttribute(STATE);
    root.removeAttribute(`${STATE}-watchdog`);
  };
  /** If nothing more comes from the worker within `ms` (it died, or lost the page), the page restores itself. */
  const arm = (token: string, ms: number) => {
    if (guard.timer !== undefined) clearTimeout(guard.timer);
    guard.timer = setTimeout(() => end(token), ms);
  };

  if (op === 'end') {
    end(a as string | undefined);
    return undefined;
  }

  if (op === 'scroll') {
    const state = readState();
    // Restored in between (the watchdog fired): the rest cannot be taken as it was measured.
    if (!state || state.token !== b) throw new Error('the page is no longer being stitched');
    arm(state.token, Number(root.getAttribute(`${STATE}-watchdog`)) || 15_000);
    const panel = scroller();
    const y = a as number;
    if (panel) panel.scrollTo({ top: y - state.offset, left: panel.scrollLeft, behavior: 'instant' });
    else window.scrollTo({ top: y, left: window.scrollX, behavior: 'instant' });
    return new Promise((resolve) =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          resolve(panel ? { x: panel.scrollLeft, y: panel.scrollTop + state.offset } : { x: window.scrollX, y: window.scrollY }),
        ),
      ),
    );
  }

  // begin
  const rect = a as Rect;
  const token = b as string;
  const watchdogMs = c as number;
  // A stitch left behind by a worker that went away is undone first.
  if (root.hasAttribute(STATE)) end();
  // Fixed and sticky bars neither cover the element's top nor repeat down the picture; the extension's own
  // controls are not evidence either. Hidden before the scroller is looked for, so they are not hit.
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const own = el.hasAttribute('data-report-assistant');
    if (!own) {
      const position = getComputedStyle(el).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
    }
    el.setAttribute(HIDDEN, el.style.getPropertyValue('visibility'));
    el.style.setProperty('visibility', 'hidden', 'important');
  }
  // The element: marked by the content script, else what is at the middle of its visible part.
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  let target: Element | null = document.querySelector('[data-report-assistant-capturing]');
  if (!target) {
    const x = Math.min(vw - 1, Math.max(0, rect.x + rect.width / 2));
    const y = Math.min(vh - 1, Math.max(0, (Math.max(0, rect.y) + Math.min(vh, rect.y + rect.height)) / 2));
    target = document.elementFromPoint(x, y);
  }
  // Its nearest ancestor that scrolls vertically and holds it across its width; the page's own scrolling
  // element means the window.
  let panel: HTMLElement | null = null;
  const pageScroller = document.scrollingElement;
  for (let n = target?.parentElement ?? null; n && n !== root; n = n.parentElement) {
    if (n === pageScroller) break;
    const overflowY = getComputedStyle(n).overflowY;
    if (overflowY !== 'auto' && overflowY !== 'scroll' && overflowY !== 'overlay') continue;
    if (n.scrollHeight <= n.clientHeight + 1) continue;
    const box = n.getBoundingClientRect();
    if (box.left > rect.x + 1 || box.right < rect.x + rect.width - 1) continue;
    panel = n;
    break;
  }
  let state: State;
  let frame: StitchStart['frame'];
  if (panel) {
    const box = panel.getBoundingClientRect();
    const clientTop = box.top + panel.clientTop;
    const top = Math.max(0, clientTop);
    const bottom = Math.min(vh, clientTop + panel.clientHeight);
    frame = { top, left: box.left + panel.clientLeft, height: Math.max(1, bottom - top) };
    const offset = top - clientTop;
    panel.setAttribute(SCROLLER, '');
    state = { token, x: panel.scrollLeft, y: panel.scrollTop + offset, offset, inner: true };
  } else {
    frame = { top: 0, left: 0, height: vh };
    state = { token, x: window.scrollX, y: window.scrollY, offset: 0, inner: false };
  }
  root.setAttribute(STATE, JSON.stringify(state));
  root.setAttribute(`${STATE}-watchdog`, String(watchdogMs));
  arm(token, watchdogMs);
  // The worker holds a port to this page while it stitches: when the worker goes away (stopped, crashed,
  // reloaded) the port closes and the page is put back at once, without waiting for the watchdog.
  const api = (globalThis as unknown as { browser?: { runtime?: unknown }; chrome?: { runtime?: unknown } }).browser?.runtime ??
    (globalThis as unknown as { chrome?: { runtime?: unknown } }).chrome?.runtime;
  const onConnect = (api as { onConnect?: { addListener(f: (port: { name: string; onDisconnect: { addListener(f: () => void): void } }) => void): void } } | undefined)
    ?.onConnect;
  if (onConnect && !guard.listening) {
    guard.listening = true;
    onConnect.addListener((port) => {
      if (!port.name.startsWith(`${PORT}:`)) return;
      const portToken = port.name.slice(PORT.length + 1);
      port.onDisconnect.addListener(() => end(portToken));
    });
  }
  return { x: state.x, y: state.y, frame, inner: state.inner };
}
