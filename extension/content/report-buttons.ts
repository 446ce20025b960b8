// Report buttons on posts, comments and accounts, kept in step with the page by one MutationObserver
// (its records come batched, once per task). Layout is read only when the page has stopped scrolling (where
// the nodes added meanwhile are) and after a click; everything it adds or listens to is removed when `signal`
// aborts (in-page navigation, see index.ts).
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
  failedLabel: string;
  send: (message: Message) => Promise<unknown>;
  /** Read for each capture, so a change in the settings applies to the next one. */
  contextCount: () => Promise<number>;
  /** Called when a button is pressed: the read can start before the click. */
  prefetchContextCount?: () => void;
  /** Called from the batched callback: lets the caller notice an in-page navigation cheaply. */
  onBatch?: () => void;
}

/** Beyond this many added subtrees in one batch, one scan of the whole page is cheaper. */
const MAX_ROOTS = 200;
/** Up to this many added nodes in one batch are decorated at once; more wait for an idle callback. */
const SYNC_ROOTS = 50;
/** Nodes added while the page scrolls wait until it has not scrolled for this long. */
const SETTLE_MS = 150;
/** While a scroll goes on, how long it is left unheeded between looks (see the scroll sampling below). */
const SAMPLE_MS = 300;

/**
 * Set on the item while the worker captures it: the page side of stitching (src/capture/stitch-page.ts,
 * CAPTURING_ATTR) finds what the item scrolls in from it. Spelled out here: importing that module would add
 * it to the script that runs on every page; restoring the page is the worker's port and watchdog's job.
 */
const CAPTURING_ATTR = 'data-report-assistant-capturing';

/** One style rule for every button (cheaper than an inline style per button on a 1,000-post feed). */
const BUTTON_CSS =
  `button[${OWN_NODE_ATTR}="report"]{all:initial!important;display:inline-block!important;margin:4px 0!important;` +
  'padding:2px 10px!important;border:1px solid #d33!important;border-radius:4px!important;background:#fff!important;' +
  'color:#c00!important;font:13px/1.6 system-ui,sans-serif!important;cursor:pointer!important}' +
  `button[${OWN_NODE_ATTR}="report"]:focus-visible{outline:2px solid #06c!important;outline-offset:2px!important}`;

const INLINE_CSS =
  'all:initial;display:inline-block;margin:4px 0;padding:2px 10px;border:1px solid #d33;border-radius:4px;' +
  'background:#fff;color:#c00;font:13px/1.6 system-ui,sans-serif;cursor:pointer;';

export function attachReportButtons(doc: Document, options: ButtonOptions): void {
  const marked = new WeakSet<Element>();
  /** Every button made, for teardown (buttons inside shadow roots are out of reach of querySelectorAll). */
  const made = new Set<HTMLButtonElement>();
  const watchedShadows = new WeakSet<ShadowRoot>();
  const genericButtons = new Map<Element, HTMLButtonElement>();
  /** What each button reports: read by the one click listener below. */
  const targets = new WeakMap<Element, { found: Found; finder: ItemFinder }>();
  let platformFound = 0;
  /** One button made up front; every control is a clone of it (cheaper than building each). */
  const template = makeTemplate(doc, options);

  const style = doc.createElement('style');
  style.setAttribute(OWN_NODE_ATTR, 'style');
  style.textContent = BUTTON_CSS;
  (doc.head ?? doc.documentElement).append(style);

  const mark = (found: Found, finder: ItemFinder, inShadow: boolean) => {
    if (marked.has(found.el)) return;
    marked.add(found.el);
    const button = template.cloneNode(true) as HTMLButtonElement;
    button.setAttribute('data-item', found.key);
    targets.set(button, { found, finder });
    made.add(button);
    // The page's style rule does not reach into a shadow root: such a button carries its style.
    if (inShadow) button.style.cssText = INLINE_CSS;
    found.slot.append(button);
    if (finder === genericFinder) genericButtons.set(found.el, button);
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
      const button = origin.closest(`button[${OWN_NODE_ATTR}="report"]`);
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
      const button = origin instanceof Element ? origin.closest(`button[${OWN_NODE_ATTR}="report"]`) : null;
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

  /** Whether `root` lies in a shadow tree (asked once per scanned root, not per button). */
  const inShadowTree = (root: ParentNode) => root instanceof ShadowRoot || (root as Node).getRootNode() instanceof ShadowRoot;

  const scan = (root: ParentNode) => {
    const inShadow = shadowAware && inShadowTree(root);
    if (options.finder) {
      const found = options.finder.find(root);
      for (let i = 0; i < found.length; i++) mark(found[i]!, options.finder, inShadow);
      platformFound += found.length;
      if (platformFound > 0 && genericButtons.size > 0) {
        // The adapter has found its items after all: the generic fallback steps back.
        for (const button of genericButtons.values()) button.remove();
        genericButtons.clear();
      }
    }
    if (platformFound === 0) for (const found of genericFinder.find(root)) mark(found, genericFinder, inShadow);
    if (options.finder?.shadowHosts) watchShadows(root, options.finder.shadowHosts);
  };
  // Only a platform with web components can put items in shadow roots.
  const shadowAware = Boolean(options.finder?.shadowHosts);

  // Web components render their items inside shadow roots, which the page-wide observer does not see:
  // each such shadow root is watched by the same observer and scanned like the page.
  const watchShadows = (root: ParentNode, hosts: string) => {
    const found = Array.from(root.querySelectorAll(hosts));
    if (root instanceof Element && root.matches(hosts)) found.unshift(root);
    for (const host of found) {
      const shadow = host.shadowRoot;
      if (!shadow || watchedShadows.has(shadow)) continue;
      watchedShadows.add(shadow);
      observer.observe(shadow, { childList: true, subtree: true });
      scan(shadow);
    }
  };

  // Batched three ways. A small change on a page at rest (a comment thread opening, an SPA view) is decorated
  // in the observer's callback itself: a microtask after the page's own change and before the browser first
  // lays the new nodes out, so a button costs no second style and layout pass over a post already laid out.
  // A big change is queued for one idle callback, so it never competes with the page's own rendering.
  // While the page scrolls (an infinite feed loading as the person flicks through it), new nodes wait until
  // it has been still for SETTLE_MS; then the ones near the window get their buttons and the rest wait for
  // the next stop near them. Posts scrolled past at speed never cost anything; the ones the person stops
  // on have their buttons a moment after the scroll ends.
  let pending: Element[] = [];
  /**
   * Nodes added while scrolling, or far from the window at the last stop: runs of siblings, each added by
   * one change (a page of a feed), so a run whose first and last nodes are both well above or both well below
   * the window is set aside with two layout reads instead of one per node. A run is kept as the observer gave
   * it (a record's static `addedNodes`, which may hold text and our own nodes) until it comes near the window:
   * while the page scrolls, the observer's callback only keeps its records, and a run that stays far is never
   * walked node by node.
   */
  let waiting: Array<ArrayLike<Node>> = [];
  /** The observer's records from while the page scrolled, read at the next stop. */
  let held: MutationRecord[][] = [];
  let scheduled = false;
  // Whether the page is scrolling is sampled, not followed frame by frame: every call into the content script
  // costs the page, whatever the call does (about 25 µs in Chromium). A one-shot listener hears a scroll; then
  // the scroll is left unheeded for a while (SETTLE_MS after a stop, SAMPLE_MS once it goes on), and the
  // listener is set again: the page is still when it hears nothing for SETTLE_MS. A long scroll so costs one
  // listener call and one timer per SAMPLE_MS (two calls in about twenty frames) instead of one call per frame.
  // The page counts as still 150–300 ms after a short scroll, 150–450 ms after a long one.
  /** The pending timer while the page scrolls (or has not been still for SETTLE_MS since); none at rest. */
  let scrollCheck: ReturnType<typeof setTimeout> | undefined;
  const scrolling = () => scrollCheck !== undefined;
  // Without `signal`: a listener set again every period would leave one abort step per period on the signal for
  // as long as the page lives; the abort handler below removes the last one instead.
  const listen = () => doc.addEventListener('scroll', onScroll, { capture: true, passive: true, once: true });
  const onScroll = () => {
    // Heard from rest: a short look away. Heard while waiting for the page to be still: it goes on, a longer one.
    const away = scrollCheck === undefined ? SETTLE_MS : SAMPLE_MS;
    if (scrollCheck !== undefined) clearTimeout(scrollCheck);
    scrollCheck = setTimeout(look, away);
  };
  // Neither timer runs after an abort: the abort handler clears the pending one and takes the listener off.
  const look = () => {
    listen();
    scrollCheck = setTimeout(still, SETTLE_MS);
  };
  const still = () => {
    // Nothing heard for SETTLE_MS: the page is still. What was added meanwhile, and what waited from earlier
    // stops (the person may have scrolled back to it), is placed now.
    scrollCheck = undefined;
    if (waiting.length > 0 || held.length > 0) settle();
  };
  listen();
  const onMutations = (records: MutationRecord[]) => {
    if (scrolling()) {
      // Read at the stop (settle): a feed that loads page after page while the person flicks through it
      // costs one call and no walk per page.
      held.push(records);
      return;
    }
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
    if (!scrolling()) {
      flush();
      return;
    }
    // Not one run of siblings: each node is placed on its own at the stop.
    for (const root of pending) waiting.push([root]);
    pending = [];
  };
  /** After a scroll: what was added meanwhile, and what waited from earlier stops, if near the window now. */
  const settle = () => {
    if (options.signal.aborted) return;
    const runs = waiting;
    waiting = [];
    for (const records of held) for (let r = 0; r < records.length; r++) if (records[r]!.addedNodes.length > 0) runs.push(records[r]!.addedNodes);
    held = [];
    // Layout reads only (the page is at rest, so its layout is clean), all before any button is added.
    const screen = doc.defaultView?.innerHeight ?? 800;
    /** -1 well above the window, 1 well below, 0 near it (or not laid out: decorated rather than kept waiting). */
    const side = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return 0;
      return r.bottom < -screen ? -1 : r.top > 2 * screen ? 1 : 0;
    };
    const near: Element[] = [];
    /** Both ends of a stretch of the page's elements in the page and on the same far side: it waits as it is. */
    const farAsAWhole = (first: Element, last: Element) => {
      if (!first.isConnected || !last.isConnected) return false;
      const where = side(first);
      return where !== 0 && side(last) === where;
    };
    /** One run (the nodes of one change): as a whole when it is far, else node by node. */
    const placeRun = ({ run, i, j, first, last }: Run) => {
      if (j - i >= 2 && farAsAWhole(first, last)) {
        waiting.push(run);
        return;
      }
      // Near the window, or across it, or partly gone (a list that recycles its nodes): node by node.
      const far: Element[] = [];
      for (let k = i; k <= j; k++) {
        const node = run[k]!;
        if (isTheirs(node) && node.isConnected) (side(node) === 0 ? near : far).push(node);
      }
      if (far.length > 0) waiting.push(far);
    };
    // Runs that follow one another in one parent (the pages of a feed, each added by one change) are one
    // stretch of the page: its two ends far on the same side, the whole stretch waits; across the window, it
    // is halved and each half looked at the same way. The bench's feed (49 pages of 20 posts, scrolled to its
    // end) so costs 46 reads at the stop instead of 118, and 2 instead of 98 at the next stop, far from them.
    const group: Run[] = [];
    const placeGroup = (lo: number, hi: number) => {
      if (hi - lo === 1) {
        placeRun(group[lo]!);
        return;
      }
      if (farAsAWhole(group[lo]!.first, group[hi - 1]!.last)) {
        for (let k = lo; k < hi; k++) waiting.push(group[k]!.run);
        return;
      }
      const mid = (lo + hi) >> 1;
      placeGroup(lo, mid);
      placeGroup(mid, hi);
    };
    const closeGroup = () => {
      if (group.length > 0) placeGroup(0, group.length);
      group.length = 0;
    };
    for (const run of runs) {
      // The run's first and last elements of the page's (text and our own nodes aside).
      let i = 0;
      let j = run.length - 1;
      while (i <= j && !isTheirs(run[i]!)) i++;
      while (j > i && !isTheirs(run[j]!)) j--;
      if (i > j) continue;
      const first = run[i] as Element;
      if (group.length > 0) {
        let next = group[group.length - 1]!.last.nextElementSibling;
        while (next?.hasAttribute(OWN_NODE_ATTR)) next = next.nextElementSibling;
        if (next !== first) closeGroup();
      }
      group.push({ run, i, j, first, last: run[j] as Element });
    }
    closeGroup();
    decorate(near, false);
  };
  const flush = () => {
    const roots = pending;
    pending = [];
    decorate(roots, true);
  };
  const decorate = (roots: Element[], mayRescan: boolean) => {
    if (options.signal.aborted || roots.length === 0) return;
    options.onBatch?.();
    if (options.signal.aborted) return;
    if (mayRescan && roots.length > MAX_ROOTS) {
      scan(doc);
    } else {
      for (const root of roots) {
        if (!root.isConnected) continue;
        const before = platformFound;
        scan(root);
        if (platformFound > before) continue;
        // A node added inside an item that only now became recognisable (its class set late).
        const around = (options.finder ?? genericFinder).enclosing(root);
        if (around && !marked.has(around.el)) scan(around.el);
      }
    }
    // The buttons just added are ours: their records are dropped here instead of waking the observer.
    onMutations(observer.takeRecords());
  };
  // Connected for as long as the page lives, scrolling or not. The observer costs the page's own insertions
  // about 2% (the bench feed's page, 25 insertions of 20 posts in a row: 45.1 against 44.1 ms, medians of 30).
  // Taking it off while the page scrolls was tried, with one query of the page for the adapter's item
  // selectors at each stop instead of the held records: on the 1,000-post feed that query took about 10 ms
  // and the layout reads of the posts without buttons 3 ms more, per stop, and the scroll cost more than with
  // the observer on (A/B, 15 rounds: +29 ms against +12.5).
  const observer = new MutationObserver(onMutations);
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  scan(doc);
  observer.takeRecords();
  options.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (scrollCheck !== undefined) clearTimeout(scrollCheck);
      doc.removeEventListener('scroll', onScroll, { capture: true });
      pending = [];
      waiting = [];
      held = [];
      for (const el of Array.from(doc.querySelectorAll(`[${OWN_NODE_ATTR}="report"]`))) el.remove();
      for (const button of made) button.remove();
      made.clear();
      style.remove();
    },
    { once: true },
  );
}

/** The nodes one change added, with the indexes and nodes of its first and last elements of the page's. */
interface Run {
  run: ArrayLike<Node>;
  i: number;
  j: number;
  first: Element;
  last: Element;
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
    button.dataset.state = 'done';
    button.dataset.reportId = response.reportId;
    button.textContent = options.doneLabel;
  } catch (err) {
    console.warn('[report-assistant] capture failed', err);
    button.dataset.state = 'failed';
    button.textContent = options.failedLabel;
  } finally {
    found.el.removeAttribute(CAPTURING_ATTR);
    restoreControls();
    setTimeout(() => {
      if (button.dataset.state !== 'busy') button.textContent = options.label;
    }, 2500);
  }
}

function hideOwnControls(root: Element): () => void {
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
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
