// Report buttons on posts, comments and accounts. A button shows on the item under the pointer or holding the
// keyboard focus (one style rule; always, where the device cannot hover), and it is placed two ways:
//  - ahead of time, on the page as it loads: one scan, then a MutationObserver that decorates what the page
//    renders after it (a feed arriving by XHR, an SPA's next view) until the person first scrolls;
//  - on demand, on the item the pointer moves onto, the focus enters or a press lands on: one delegated
//    listener each, which find the items around the element from its ancestors (no layout reads).
// Nothing of the extension runs while the page scrolls: an endless feed loading page after page costs the
// page no observer callback, no scroll listener and no layout read (see the comment at `stopWatching`).
// Everything it adds or listens to is removed when `signal` aborts (in-page navigation, see index.ts).
import { OWN_NODE_ATTR } from '../../src/capture/generic-post';
import { panelClip } from '../../src/capture/panel-clip';
import type { Message, Responses } from '../../src/messaging/protocol';
import type { CapturedPost } from '../../src/model/captured-post';
import { genericFinder, type CaptureContext, type Found, type ItemFinder } from './item-finder';

export interface ButtonOptions {
  signal: AbortSignal;
  /** The platform's finder; absent where no adapter runs (any other site). */
  finder?: ItemFinder;
  label: string;
  busyLabel: string;
  doneLabel: string;
  /** The done state of a capture stored without a screenshot, and the button's tooltip saying why. */
  doneNoScreenshotLabel: string;
  doneNoScreenshotHint: string;
  failedLabel: string;
  send: (message: Message) => Promise<unknown>;
  /** Read for each capture, so a change in the settings applies to the next one. */
  contextCount: () => Promise<number>;
  /** Called when a button is pressed: the read can start before the click. */
  prefetchContextCount?: () => void;
  /** Called before each batch of placing (observer or pointer): lets the caller notice an in-page navigation cheaply. */
  onBatch?: () => void;
}

/** Beyond this many added subtrees in one batch, one scan of the whole page is cheaper. */
const MAX_ROOTS = 200;
/** Up to this many added nodes in one batch are decorated at once; more wait for an idle callback. */
const SYNC_ROOTS = 50;

/** Set on each item that has a button: the style rule shows the button while the item is pointed at or focused. */
export const ITEM_ATTR = 'data-report-assistant-item';

/**
 * Set on the item while the worker captures it: the page side of stitching (src/capture/stitch-page.ts,
 * CAPTURING_ATTR) finds what the item scrolls in from it. Spelled out here: importing that module would add
 * it to the script that runs on every page; restoring the page is the worker's port and watchdog's job.
 */
export const CAPTURING_ATTR = 'data-report-assistant-capturing';

const BUTTON = `button[${OWN_NODE_ATTR}="report"]`;
/**
 * One style rule for every button (cheaper than an inline style per button on a 1,000-post feed). Where the
 * device can hover, a button is transparent unless its item (and every item around it) is pointed at or holds
 * the focus, or the button is busy: it keeps its place, so showing it moves nothing, and a click or Tab still
 * reaches it. A finger cannot point without pressing, so there the buttons always show.
 */
const BUTTON_CSS =
  `${BUTTON}{all:initial!important;display:inline-block!important;margin:4px 0!important;` +
  'padding:2px 10px!important;border:1px solid #d33!important;border-radius:4px!important;background:#fff!important;' +
  'color:#c00!important;font:13px/1.6 system-ui,sans-serif!important;cursor:pointer!important}' +
  `${BUTTON}:focus-visible{outline:2px solid #06c!important;outline-offset:2px!important}` +
  `@media (any-hover:hover){[${ITEM_ATTR}]:not(:hover):not(:focus-within) ${BUTTON}:not([data-state="busy"]){opacity:0!important}}`;

/** A button inside a shadow root, out of the page rule's reach, carries its style (and always shows). */
const INLINE_CSS =
  'all:initial;display:inline-block;margin:4px 0;padding:2px 10px;border:1px solid #d33;border-radius:4px;' +
  'background:#fff;color:#c00;font:13px/1.6 system-ui,sans-serif;cursor:pointer;';

export function attachReportButtons(doc: Document, options: ButtonOptions): void {
  /** The button each item has (an item whose button the page took away gets a new one). */
  const placed = new WeakMap<Element, HTMLButtonElement>();
  /** Every button made, for teardown (buttons inside shadow roots are out of reach of querySelectorAll). */
  const made = new Set<HTMLButtonElement>();
  const watchedShadows = new WeakSet<ShadowRoot>();
  const genericButtons = new Map<Element, HTMLButtonElement>();
  /** What each button reports: read by the one click listener below. */
  const targets = new WeakMap<Element, { found: Found; finder: ItemFinder }>();
  let platformFound = 0;
  /** One button made up front; every control is a clone of it (cheaper than building each). */
  const template = makeTemplate(doc, options);
  // Only a platform with web components can put items in shadow roots.
  const shadowAware = Boolean(options.finder?.shadowHosts);

  const style = doc.createElement('style');
  style.setAttribute(OWN_NODE_ATTR, 'style');
  style.textContent = BUTTON_CSS;
  (doc.head ?? doc.documentElement).append(style);

  /** Gives `found` its button, unless it has one in the page. Returns whether it made one. */
  const mark = (found: Found, finder: ItemFinder): boolean => {
    const had = placed.get(found.el);
    if (had?.isConnected) return false;
    const button = template.cloneNode(true) as HTMLButtonElement;
    button.setAttribute('data-item', found.key);
    targets.set(button, { found, finder });
    made.add(button);
    placed.set(found.el, button);
    if (had) made.delete(had);
    // The page's style rule does not reach into a shadow root: such a button carries its style.
    if (shadowAware && found.slot.getRootNode() !== doc) button.style.cssText = INLINE_CSS;
    found.slot.append(button);
    found.el.setAttribute(ITEM_ATTR, '');
    if (finder === genericFinder) genericButtons.set(found.el, button);
    return true;
  };
  /** The adapter has found its items after all: the generic fallback steps back. */
  const platformFoundSome = (count: number) => {
    platformFound += count;
    if (platformFound === 0 || genericButtons.size === 0) return;
    for (const [el, button] of genericButtons) {
      button.remove();
      made.delete(button);
      if (placed.get(el) === button) {
        placed.delete(el);
        el.removeAttribute(ITEM_ATTR);
      }
    }
    genericButtons.clear();
  };

  /**
   * A press on a button hides the item's own controls right away: by the time the click comes (a person's
   * press lasts about a tenth of a second) the page has painted without them, and the screenshot need not
   * wait for another frame. A press that ends elsewhere puts them back.
   */
  let pressed: Pressed | undefined;
  const view = doc.defaultView ?? doc;

  // One listener for all buttons, on the window in the capture phase: it runs before the page's handlers on
  // the post (which often open the post on any click) and keeps the click from reaching them.
  view.addEventListener(
    'click',
    (event) => {
      // Most clicks on a page are not on our buttons: one attribute check before anything else.
      const origin = event.composedPath()[0] ?? event.target;
      if (!(origin instanceof Element)) return;
      // composedPath: a button inside a shadow root reaches the document as its host.
      const button = origin.closest(BUTTON);
      const target = button ? targets.get(button) : undefined;
      // Only the person's own click (or key press) captures: a page script calling button.click() must not
      // be able to file reports in their name.
      if (!button || !target || !event.isTrusted) return;
      event.preventDefault();
      event.stopPropagation();
      const press = pressed?.button === button ? pressed : undefined;
      if (pressed && !press) pressed.restore();
      pressed = undefined;
      void capture(target.found, target.finder, button as HTMLButtonElement, options, press);
    },
    { capture: true, signal: options.signal },
  );
  view.addEventListener(
    'pointerdown',
    (event) => {
      const origin = event.composedPath()[0] ?? event.target;
      // A finger or a pen may press without moving first: the item it lands on gets its button.
      pointAt(origin);
      const button = origin instanceof Element ? origin.closest(BUTTON) : null;
      if (!button) return;
      // The setting the capture needs is read now, so the click does not wait for it.
      options.prefetchContextCount?.();
      const target = targets.get(button);
      if (!target || !event.isTrusted || (button as HTMLElement).dataset.state === 'busy' || pressed) return;
      pressed = { button, restore: hideOwnControls(target.found.el), painted: nextFrame() };
    },
    { capture: true, passive: true, signal: options.signal },
  );
  const pressEnded = () => {
    if (!pressed) return;
    // The click, when there is one, is dispatched right after the release, before this timer.
    const press = pressed;
    setTimeout(() => {
      if (pressed !== press) return;
      pressed = undefined;
      press.restore();
    }, 0);
  };
  view.addEventListener('pointerup', pressEnded, { capture: true, passive: true, signal: options.signal });
  view.addEventListener('pointercancel', pressEnded, { capture: true, passive: true, signal: options.signal });

  // On demand: the item the pointer moves onto, or the focus enters. `pointermove` rather than `pointerover`:
  // a page that Chromium scrolls under a pointer at rest fires boundary events (over, out) on every frame as
  // its content passes under it, but no moves, so a scroll with the wheel or the keys costs nothing here.
  // (Neither Chromium nor Firefox sent a move in the long-feed tests; a move a browser might synthesise as the
  // page moves under the pointer comes at the pointer's same place, and is let pass.)
  let lastOrigin: Element | undefined;
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  const pointAt = (origin: EventTarget | null | undefined) => {
    if (origin === lastOrigin || !(origin instanceof Element) || origin.hasAttribute(OWN_NODE_ATTR)) return;
    lastOrigin = origin;
    options.onBatch?.();
    if (options.signal.aborted) return;
    placeAround(origin);
  };
  const pointerMoved = (event: PointerEvent) => {
    if (event.clientX === lastX && event.clientY === lastY) return;
    lastX = event.clientX;
    lastY = event.clientY;
    pointAt(event.composedPath()[0]);
  };
  view.addEventListener('pointermove', pointerMoved as EventListener, { capture: true, passive: true, signal: options.signal });
  doc.addEventListener('focusin', (event) => pointAt(event.composedPath()[0]), { capture: true, signal: options.signal });

  /** Gives a button to each item `el` sits in, innermost first, across shadow boundaries. */
  const placeAround = (el: Element) => {
    const finder = options.finder;
    for (let at: Element | null = el; at; ) {
      let found: Found | undefined = finder?.enclosing(at);
      if (found) {
        if (mark(found, finder!)) platformFoundSome(1);
      } else if (platformFound === 0) {
        found = genericFinder.enclosing(at);
        if (found) mark(found, genericFinder);
      }
      // Past the item, or out of this (shadow) tree when nothing encloses `at` in it.
      at = found ? (found.el.parentElement ?? hostOf(found.el)) : hostOf(at);
    }
  };

  const scan = (root: ParentNode) => {
    if (options.finder) {
      const found = options.finder.find(root);
      for (let i = 0; i < found.length; i++) mark(found[i]!, options.finder);
      platformFoundSome(found.length);
    }
    if (platformFound === 0) for (const found of genericFinder.find(root)) mark(found, genericFinder);
    if (options.finder?.shadowHosts) watchShadows(root, options.finder.shadowHosts);
  };

  // Web components render their items inside shadow roots, which the page-wide observer does not see:
  // while the observer watches, each such shadow root is watched by it too, and scanned like the page.
  const watchShadows = (root: ParentNode, hosts: string) => {
    const found = Array.from(root.querySelectorAll(hosts));
    if (root instanceof Element && root.matches(hosts)) found.unshift(root);
    for (const host of found) {
      const shadow = host.shadowRoot;
      if (!shadow || watchedShadows.has(shadow)) continue;
      watchedShadows.add(shadow);
      observer?.observe(shadow, { childList: true, subtree: true });
      scan(shadow);
    }
  };

  // Ahead of time. A small change is decorated in the observer's callback itself: a microtask after the page's
  // own change and before the browser first lays the new nodes out, so a button costs no second style and
  // layout pass over a post already laid out. A big change is queued for one idle callback, so it never
  // competes with the page's own rendering.
  let pending: Element[] = [];
  let scheduled = false;
  const onMutations = (records: MutationRecord[]) => {
    for (let r = 0; r < records.length; r++) {
      const added = records[r]!.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i]!;
        if (isTheirs(node)) pending.push(node);
      }
    }
    if (pending.length === 0 || scheduled) return;
    if (pending.length <= SYNC_ROOTS) {
      flush();
    } else {
      scheduled = true;
      if (typeof requestIdleCallback === 'function') requestIdleCallback(idle, { timeout: 500 });
      else setTimeout(idle, 50);
    }
  };
  const idle = () => {
    scheduled = false;
    flush();
  };
  const flush = () => {
    const roots = pending;
    pending = [];
    if (options.signal.aborted || roots.length === 0) return;
    options.onBatch?.();
    if (options.signal.aborted) return;
    if (roots.length > MAX_ROOTS) {
      scan(doc);
    } else {
      for (const root of roots) {
        if (!root.isConnected) continue;
        const before = platformFound;
        scan(root);
        if (platformFound > before) continue;
        // A node added inside an item that only now became recognisable (its class set late).
        const around = (options.finder ?? genericFinder).enclosing(root);
        if (around && !placed.get(around.el)?.isConnected) scan(around.el);
      }
    }
    // The buttons just added are ours: their records are dropped here instead of waking the observer.
    if (observer) onMutations(observer.takeRecords());
  };
  // The observer watches from the load until the person first scrolls, then it is gone for as long as the page
  // lives (an in-page navigation attaches afresh, with a new one). While a page scrolls, the nodes it adds are
  // mostly an endless feed's next pages, which the person flicks past; each call into the content script
  // costs the page about 25 µs whatever it does, and the observer's bookkeeping about 2% of the page's own
  // insertions (25 insertions of 20 posts: 45.1 against 44.1 ms, medians of 30). The buttons these pages
  // need are placed on demand, where the person points. Earlier designs held the observer's records while the
  // page scrolled and placed buttons near the window at each stop, found by sampling the scroll (a listener
  // and a timer every 300 ms): on the 1,000-post bench feed that cost +10 to +13 ms of script per scroll
  // (about 60 sampling calls, 49 observer callbacks, layout reads at the stops), a ratio of 1.06–1.09 where
  // the goal is 1.05.
  let observer: MutationObserver | undefined = new MutationObserver(onMutations);
  const stopWatching = () => {
    if (!observer) return;
    onMutations(observer.takeRecords());
    observer.disconnect();
    observer = undefined;
  };
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  scan(doc);
  observer.takeRecords();
  doc.addEventListener('scroll', stopWatching, { capture: true, passive: true, once: true, signal: options.signal });
  options.signal.addEventListener(
    'abort',
    () => {
      stopWatching();
      pending = [];
      for (const el of Array.from(doc.querySelectorAll(`[${OWN_NODE_ATTR}="report"]`))) el.remove();
      for (const button of made) {
        button.remove();
        targets.get(button)?.found.el.removeAttribute(ITEM_ATTR);
      }
      made.clear();
      style.remove();
    },
    { once: true },
  );
}

/** The host of the shadow root `el` lies in, if it lies in one. */
function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** An element of the page's own (not text, not one of the extension's nodes). */
function isTheirs(node: Node): node is Element {
  return node.nodeType === 1 && !(node as Element).hasAttribute(OWN_NODE_ATTR);
}

function makeTemplate(doc: Document, options: ButtonOptions): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute(OWN_NODE_ATTR, 'report');
  button.setAttribute('aria-label', options.label);
  button.textContent = options.label;
  return button;
}

/** A press on a report button: the item's controls already hidden, and the frame that shows it so. */
interface Pressed {
  button: Element;
  restore: () => void;
  painted: Promise<void>;
}

async function capture(found: Found, finder: ItemFinder, button: HTMLButtonElement, options: ButtonOptions, press?: Pressed): Promise<void> {
  if (button.dataset.state === 'busy') {
    press?.restore();
    return;
  }
  button.dataset.state = 'busy';
  // The label is for the person only: the button is invisible in the screenshot either way, and a hidden
  // button that changes its text could move what is around it after the press was painted.
  if (!press) button.textContent = options.busyLabel;
  let restoreControls = press?.restore ?? (() => {});
  try {
    const ctx: CaptureContext = {
      pageUrl: location.href,
      pageTitle: document.title,
      now: new Date(),
      contextCount: await options.contextCount(),
    };
    // Read the page before scrolling: lazy lists may recycle nodes once they leave the viewport.
    const record: CapturedPost = finder.extract(found, ctx);
    // On a platform's page the generic fallback still knows which platform it is on.
    if (record.platform === 'generic' && options.finder) record.platform = options.finder.platform as CapturedPost['platform'];
    // The extension's own controls inside the item are not evidence: invisible (layout kept) while the
    // worker takes the screenshot, back once it answers. A press has hidden them already.
    if (!press) restoreControls = hideOwnControls(found.el);
    // Marked while the worker works: a long item is stitched by scrolling what it scrolls in.
    found.el.setAttribute(CAPTURING_ATTR, '');
    const before = press && found.el.getBoundingClientRect();
    found.el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    let r = found.el.getBoundingClientRect();
    if (press && before && before.x === r.x && before.y === r.y) {
      // Nothing moved: the frame painted after the press is the picture.
      await press.painted;
    } else {
      await nextFrame();
      r = found.el.getBoundingClientRect();
    }
    const clip = panelClip(found.el);
    const response = (await options.send({
      type: 'capture-post',
      payload: {
        post: record,
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
        devicePixelRatio: window.devicePixelRatio || 1,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        ...(clip ? { clip } : {}),
      },
    })) as Responses['capture-post'] | undefined;
    if (!response?.ok) throw new Error(response ? `${response.error}${'detail' in response ? `: ${String(response.detail)}` : ''}` : 'no response');
    // The item is kept (in this isolated world, out of the page's reach) so that a screenshot taken later
    // finds it again (extension/background/retake.ts).
    capturedItems.set(`${response.reportId}:${(response.itemCount ?? 1) - 1}`, new WeakRef(found.el));
    button.dataset.state = response.screenshotMissing ? 'done-no-screenshot' : 'done';
    button.dataset.reportId = response.reportId;
    button.textContent = response.screenshotMissing ? options.doneNoScreenshotLabel : options.doneLabel;
    if (response.screenshotMissing) button.title = options.doneNoScreenshotHint;
  } catch (err) {
    console.warn('[report-assistant] capture failed', err);
    button.dataset.state = 'failed';
    button.textContent = options.failedLabel;
  } finally {
    found.el.removeAttribute(CAPTURING_ATTR);
    restoreControls();
    // A capture without its screenshot says so for longer: the person is to know the form has a step for it.
    setTimeout(() => {
      if (button.dataset.state !== 'busy') {
        button.textContent = options.label;
        button.removeAttribute('title');
      }
    }, button.dataset.state === 'done-no-screenshot' ? 8000 : 2500);
  }
}

/** Captured items of this page, by `<report id>:<item index>`, for a screenshot taken later (locate.ts). */
export const capturedItems = new Map<string, WeakRef<Element>>();

export function hideOwnControls(root: Element): () => void {
  const hidden: Array<[HTMLElement, string]> = [];
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-report-assistant]'))) {
    hidden.push([el, el.style.getPropertyValue('opacity')]);
    el.style.setProperty('opacity', '0', 'important');
  }
  return () => {
    for (const [el, before] of hidden) {
      el.style.removeProperty('opacity');
      if (before) el.style.setProperty('opacity', before);
    }
  };
}

/**
 * Resolves once the page's next frame, with the changes made before the call, has been committed to the
 * compositor: a frame's callbacks, style, layout, paint and commit run in one task, and a timer set from its
 * animation-frame callback runs after that task.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
