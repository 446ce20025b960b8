// Report buttons on posts, comments and accounts, kept in step with the page by one batched
// MutationObserver. Nothing here reads layout until a button is clicked; everything it adds or listens
// to is removed when `signal` aborts (in-page navigation, see index.ts).
import { OWN_NODE_ATTR } from '../../src/capture/generic-post';
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
  /** Read at click time, so a change in the settings applies to the next capture. */
  contextCount: () => Promise<number>;
  /** Called from the batched callback: lets the caller notice an in-page navigation cheaply. */
  onBatch?: () => void;
}

/** Beyond this many added subtrees in one batch, one scan of the whole page is cheaper. */
const MAX_ROOTS = 200;

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

  const style = doc.createElement('style');
  style.setAttribute(OWN_NODE_ATTR, 'style');
  style.textContent = BUTTON_CSS;
  (doc.head ?? doc.documentElement).append(style);

  const mark = (found: Found, finder: ItemFinder) => {
    if (marked.has(found.el)) return;
    marked.add(found.el);
    const button = makeButton(doc, found, options);
    targets.set(button, { found, finder });
    made.add(button);
    // The page's style rule does not reach into a shadow root: such a button carries its style.
    if (found.slot.getRootNode() instanceof ShadowRoot) button.style.cssText = INLINE_CSS;
    found.slot.append(button);
    if (finder === genericFinder) genericButtons.set(found.el, button);
  };

  // One listener for all buttons, on the window in the capture phase: it runs before the page's handlers on
  // the post (which often open the post on any click) and keeps the click from reaching them.
  (doc.defaultView ?? doc).addEventListener(
    'click',
    (event) => {
      // composedPath: a button inside a shadow root reaches the document as its host.
      const origin = event.composedPath()[0] ?? event.target;
      const button = origin instanceof Element ? origin.closest(`button[${OWN_NODE_ATTR}="report"]`) : null;
      const target = button ? targets.get(button) : undefined;
      // Only the person's own click (or key press) captures: a page script calling button.click() must not
      // be able to file reports in their name.
      if (!button || !target || !event.isTrusted) return;
      event.preventDefault();
      event.stopPropagation();
      void capture(target.found, target.finder, button as HTMLButtonElement, options);
    },
    { capture: true, signal: options.signal },
  );

  const scan = (root: ParentNode) => {
    if (options.finder) {
      for (const found of options.finder.find(root)) {
        platformFound++;
        mark(found, options.finder);
      }
      if (platformFound > 0 && genericButtons.size > 0) {
        // The adapter has found its items after all: the generic fallback steps back.
        for (const button of genericButtons.values()) button.remove();
        genericButtons.clear();
      }
    }
    if (platformFound === 0) for (const found of genericFinder.find(root)) mark(found, genericFinder);
    if (options.finder?.shadowHosts) watchShadows(root, options.finder.shadowHosts);
  };

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

  let pending: Set<Element> | undefined;
  const flush = () => {
    const roots = pending;
    pending = undefined;
    if (options.signal.aborted || !roots) return;
    options.onBatch?.();
    if (options.signal.aborted) return;
    if (roots.size > MAX_ROOTS) {
      scan(doc);
      return;
    }
    for (const root of roots) {
      if (!root.isConnected) continue;
      const before = platformFound;
      scan(root);
      if (platformFound > before) continue;
      // A node added inside an item that only now became recognisable (its class set late).
      const around = (options.finder ?? genericFinder).enclosing(root);
      if (around && !marked.has(around.el)) scan(around.el);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType !== 1 || (node as Element).hasAttribute(OWN_NODE_ATTR)) continue;
        if (!pending) {
          pending = new Set();
          if ('requestIdleCallback' in window) requestIdleCallback(flush, { timeout: 500 });
          else setTimeout(flush, 50);
        }
        pending.add(node as Element);
      }
    }
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  scan(doc);
  options.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      pending = undefined;
      for (const el of Array.from(doc.querySelectorAll(`[${OWN_NODE_ATTR}="report"]`))) el.remove();
      for (const button of made) button.remove();
      made.clear();
      style.remove();
    },
    { once: true },
  );
}

function makeButton(doc: Document, found: Found, options: ButtonOptions): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute(OWN_NODE_ATTR, 'report');
  button.setAttribute('data-item', found.key);
  button.setAttribute('aria-label', options.label);
  button.textContent = options.label;
  return button;
}

async function capture(found: Found, finder: ItemFinder, button: HTMLButtonElement, options: ButtonOptions): Promise<void> {
  if (button.dataset.state === 'busy') return;
  button.dataset.state = 'busy';
  button.textContent = options.busyLabel;
  let restoreControls = () => {};
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
    // worker takes the screenshot, back once it answers.
    restoreControls = hideOwnControls(found.el);
    found.el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    await nextFrame();
    const r = found.el.getBoundingClientRect();
    const response = (await options.send({
      type: 'capture-post',
      payload: {
        post: record,
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
        devicePixelRatio: window.devicePixelRatio || 1,
        viewport: { width: window.innerWidth, height: window.innerHeight },
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
    restoreControls();
    setTimeout(() => {
      if (button.dataset.state !== 'busy') button.textContent = options.label;
    }, 2500);
  }
}

function hideOwnControls(root: Element): () => void {
  const hidden: Array<[HTMLElement, string]> = [];
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-report-assistant]'))) {
    hidden.push([el, el.style.getPropertyValue('visibility')]);
    el.style.setProperty('visibility', 'hidden', 'important');
  }
  return () => {
    for (const [el, before] of hidden) {
      el.style.removeProperty('visibility');
      if (before) el.style.setProperty('visibility', before);
    }
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
