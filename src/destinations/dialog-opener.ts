// Opening a platform's in-page report dialog for one item, driven by a profile's DialogSpec (DOM in, DOM
// out): find the item by its ids, open its menu, choose the report entry, and wait for the dialog. Runs in
// the content script on the item's own page. It only opens the dialog; filling is page-filler's, and the
// dialog's submit button stays the person's.
import type { DialogTargetRef } from './adapters/destination-adapter';
import type { DialogSpec, DialogTarget } from './adapters/site-profiles';
import { deepAll } from '../platforms/extract';

const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The extension's own controls on the page (its report buttons, src/capture OWN_NODE_ATTR): never the site's. */
const OWN = '[data-report-assistant]';
const isOwn = (el: Element) => Boolean(el.closest(OWN));

/** The target's item selectors with the item's ids put in; templates naming a missing id are left out. */
export function itemSelectors(target: DialogTarget, ids: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const template of target.item) {
    let missing = false;
    const sel = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = ids[name];
      if (v === undefined || !PLAIN_ID.test(v)) missing = true;
      return v ?? '';
    });
    if (!missing) out.push(sel);
  }
  return out;
}

function visible(el: Element): boolean {
  const html = el as HTMLElement;
  if (html.hidden) return false;
  const style = el.ownerDocument.defaultView?.getComputedStyle(html);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

function firstDeep(root: ParentNode, selectors: readonly string[], accept: (el: Element) => boolean = () => true): Element | null {
  for (const sel of selectors) {
    const hit = deepAll(root, sel).find((el) => !isOwn(el) && accept(el));
    if (hit) return hit;
  }
  return null;
}

/** The reported item on the page, by the first target for its kind whose selectors find it. */
export function findDialogItem(root: ParentNode, spec: DialogSpec, ref: DialogTargetRef): { item: Element; target: DialogTarget } | null {
  for (const target of spec.targets) {
    if (!target.kinds.includes(ref.kind)) continue;
    const match = firstDeep(root, itemSelectors(target, ref.ids));
    if (!match) continue;
    const item = (target.closest ? match.closest(target.closest) : null) ?? match;
    return { item, target };
  }
  return null;
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * The report entry for the item: visible, by its words; in the item, or, for an item whose menu opens from
 * a `more` control, anywhere on the page (menus are often appended to body).
 */
export function findEntry(doc: Document, spec: DialogSpec, target: DialogTarget, item: Element): HTMLElement | null {
  const entry = target.entry ?? spec.entry;
  const words = new RegExp(entry.text);
  const ok = (el: Element) => visible(el) && words.test(text(el));
  const inItem = firstDeep(item, entry.selectors, ok);
  if (inItem || !target.more) return inItem as HTMLElement | null;
  return firstDeep(doc, entry.selectors, ok) as HTMLElement | null;
}

/** The open report dialog, if one is shown. */
export function dialogRoot(doc: ParentNode, spec: DialogSpec): Element | null {
  return firstDeep(doc, spec.root, visible);
}

/**
 * Moves the pointer over an element as a person would, without clicking: `over` events bubble from it, and
 * `enter` events reach it and each ancestor up to `upTo` (menus that open while the pointer is over them).
 */
function hover(el: Element, upTo: Element): void {
  const view = el.ownerDocument.defaultView;
  // The content script's own constructors (in Firefox the page's come through Xray wrappers).
  const Pointer = typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
  el.dispatchEvent(new Pointer('pointerover', { bubbles: true, cancelable: true, view }));
  el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, cancelable: true, view }));
  const chain: Element[] = [];
  for (let n: Element | null = el; n; n = n === upTo ? null : n.parentElement) chain.push(n);
  for (const n of chain.reverse()) {
    n.dispatchEvent(new Pointer('pointerenter', { bubbles: false, view }));
    n.dispatchEvent(new MouseEvent('mouseenter', { bubbles: false, view }));
  }
}

/** Resolves with `probe()`'s first truthy value, checked at every DOM change and every 100 ms, or null at the deadline. */
export function waitFor<T>(doc: Document, probe: () => T | null | undefined, timeoutMs: number): Promise<T | null> {
  return new Promise((resolve) => {
    const now = probe();
    if (now) return resolve(now);
    let done = false;
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearInterval(interval);
      clearTimeout(deadline);
      resolve(value);
    };
    const check = () => {
      const value = probe();
      if (value) finish(value);
    };
    const observer = new MutationObserver(check);
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
    const interval = setInterval(check, 100);
    const deadline = setTimeout(() => finish(null), timeoutMs);
  });
}

export type OpenResult =
  | { status: 'opened'; root: Element; item: Element | null }
  | { status: 'no-item' }
  | { status: 'no-entry'; item: Element }
  | { status: 'no-dialog'; item: Element };

export interface OpenOptions {
  /** How long to wait for the item to appear (lists that load after the page). */
  itemTimeoutMs?: number;
  /** How long to wait for the menu and for the dialog after each click. */
  stepTimeoutMs?: number;
}

/**
 * Opens the item's report dialog: waits for the item, scrolls it into view, opens its menu (hover, then a
 * click if hovering shows nothing) and chooses the report entry. A dialog already open is used as it is.
 */
export async function openReportDialog(doc: Document, spec: DialogSpec, ref: DialogTargetRef, options: OpenOptions = {}): Promise<OpenResult> {
  const step = options.stepTimeoutMs ?? 5000;
  const already = dialogRoot(doc, spec);
  if (already) return { status: 'opened', root: already, item: null };
  const found = await waitFor(doc, () => findDialogItem(doc, spec, ref), options.itemTimeoutMs ?? 15_000);
  if (!found) return { status: 'no-item' };
  const { item, target } = found;
  (item as HTMLElement).scrollIntoView?.({ block: 'center' });
  let entry = findEntry(doc, spec, target, item);
  if (!entry && !target.more) {
    // Actions shown while the pointer is over the item.
    hover(item, item);
    entry = await waitFor(doc, () => findEntry(doc, spec, target, item), step);
  }
  if (!entry && target.more) {
    const more = firstDeep(item, target.more) as HTMLElement | null;
    if (!more) return { status: 'no-entry', item };
    hover(more, item);
    entry = await waitFor(doc, () => findEntry(doc, spec, target, item), Math.min(step, 600));
    if (!entry) {
      more.click();
      entry = await waitFor(doc, () => findEntry(doc, spec, target, item), step);
    }
  }
  if (!entry) return { status: 'no-entry', item };
  entry.click();
  const root = await waitFor(doc, () => dialogRoot(doc, spec), step);
  return root ? { status: 'opened', root, item } : { status: 'no-dialog', item };
}
