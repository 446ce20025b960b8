// Applies a platform adapter (data) to a page: finds its items, and turns one item into a CapturedPost
// with its context. Everything read here comes from an untrusted page: sizes are clipped, URLs must be
// http(s) and are cleaned, and nothing here throws on odd markup.
import type { Author, CapturedPost, ContextItem, Media } from '../model/captured-post';
import { LIMITS } from '../model/limits';
import { parseCount } from '../capture/count';
import { OWN_NODE_ATTR } from '../capture/generic-post';
import { parsePublishedTime } from '../capture/published-time';
import { sanitizeUrl } from '../capture/url';
import type { ExtractOptions, ExtractResult, IdRule, ItemSpec, PlatformAdapter, Selectors } from './types';

export interface FoundItem {
  el: Element;
  spec: ItemSpec;
}

const joinedCache = new WeakMap<Selectors, string>();
/** Alternatives joined into one selector list; selectors that do not parse are left out. */
export function joined(sels: Selectors): string {
  let out = joinedCache.get(sels);
  if (out === undefined) {
    out = sels.filter((sel) => !isDeep(sel) && isValidSelector(sel)).join(', ');
    joinedCache.set(sels, out);
  }
  return out;
}

let probe: DocumentFragment | undefined;
const validity = new Map<string, boolean>();
/**
 * A selector that pierces open shadow roots: parts joined by ">>>", each part matched inside the shadow root
 * of the previous part's match; a leading ">>>" starts in the item's own shadow root. For sites built from
 * web components (Bilibili's comment area). Not for `find`: items in shadow roots are found by scanning the
 * shadow root itself (see `shadowHosts`).
 */
export function isDeep(sel: string): boolean {
  return sel.includes('>>>');
}

/** Every element that a (possibly shadow-piercing) selector reaches from `root`. */
export function deepAll(root: ParentNode, sel: string): Element[] {
  if (!isDeep(sel)) return safeAll(root, sel);
  const parts = sel.split('>>>').map((p) => p.trim());
  let scopes: ParentNode[] = [root];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part) {
      if (i !== 0) return [];
      scopes = scopes.map((x) => (x instanceof Element ? x.shadowRoot : null)).filter((x): x is ShadowRoot => Boolean(x));
      continue;
    }
    const matches = scopes.flatMap((x) => safeAll(x, part));
    if (i === parts.length - 1) return matches;
    scopes = matches.map((m) => m.shadowRoot).filter((x): x is ShadowRoot => Boolean(x));
  }
  return [];
}

/** Like `closest`, but continues from a shadow root to its host. */
export function composedClosest(el: Element | null | undefined, sel: string): Element | null {
  for (let n: Element | null | undefined = el; n; ) {
    const hit = safeClosest(n, sel);
    if (hit) return hit;
    const root = n.getRootNode();
    n = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

export function isValidSelector(sel: string): boolean {
  if (isDeep(sel)) {
    const parts = sel.split('>>>').map((p) => p.trim());
    return parts.every((p, i) => (p === '' ? i === 0 : isValidSelector(p)));
  }
  let ok = validity.get(sel);
  if (ok === undefined) {
    try {
      probe ??= document.createDocumentFragment();
      probe.querySelector(sel);
      ok = true;
    } catch {
      ok = false;
    }
    validity.set(sel, ok);
  }
  return ok;
}

function safeAll(root: ParentNode, sel: string): Element[] {
  if (!sel) return [];
  try {
    return Array.from(root.querySelectorAll(sel));
  } catch {
    return [];
  }
}

function safeMatches(el: Element, sel: string): boolean {
  if (!sel) return false;
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

function safeClosest(el: Element | null | undefined, sel: string): Element | null {
  if (!el || !sel) return null;
  try {
    return el.closest(sel);
  } catch {
    return null;
  }
}

/** Every item selector of the adapter, for "which item does this element belong to". */
const allItemsCache = new WeakMap<PlatformAdapter, string>();
function allItems(adapter: PlatformAdapter): string {
  let out = allItemsCache.get(adapter);
  if (out === undefined) {
    out = adapter.items.map((s) => joined(s.find)).filter(Boolean).join(', ');
    allItemsCache.set(adapter, out);
  }
  return out;
}

/** The selector list of every spec that gets a button. */
const buttonItemsCache = new WeakMap<PlatformAdapter, string>();
function buttonItems(adapter: PlatformAdapter): string {
  let out = buttonItemsCache.get(adapter);
  if (out === undefined) {
    out = adapter.items
      .filter((s) => !s.noButton)
      .map((s) => joined(s.find))
      .filter(Boolean)
      .join(', ');
    buttonItemsCache.set(adapter, out);
  }
  return out;
}

/**
 * The items (with a button) in `root` and below, `root` included, in document order. An element matched by
 * two specs belongs to the first; an element inside another item of its own spec is part of that item.
 * One query for all specs: this runs for every batch of new nodes on a feed.
 */
export function findItems(adapter: PlatformAdapter, root: ParentNode): FoundItem[] {
  const all = buttonItems(adapter);
  if (!all) return [];
  const candidates = safeAll(root, all);
  if (root instanceof Element && safeMatches(root, all)) candidates.unshift(root);
  if (candidates.length === 0) return [];
  // Whether `root` itself lies inside an item of a spec: asked once per spec for the whole subtree, so each
  // candidate only walks up to `root` (a batch of new nodes is usually one post, a level or two deep).
  const above = root instanceof Element ? root.parentElement : null;
  const insideOf = new Map<ItemSpec, boolean>();
  const out: FoundItem[] = [];
  for (const el of candidates) {
    const spec = adapter.items.find((s) => !s.noButton && safeMatches(el, joined(s.find)));
    if (!spec) continue;
    const sel = joined(spec.find);
    let inside = insideOf.get(spec);
    if (inside === undefined) {
      inside = above ? safeClosest(above, sel) !== null : false;
      insideOf.set(spec, inside);
    }
    if (inside) continue;
    let nested = false;
    for (let n = el.parentElement; n && n !== above; n = n.parentElement) {
      if (safeMatches(n, sel)) {
        nested = true;
        break;
      }
    }
    if (!nested) out.push({ el, spec });
  }
  return out;
}

/** The item spec an element is, if any (first spec wins). */
export function specOf(adapter: PlatformAdapter, el: Element): ItemSpec | undefined {
  return adapter.items.find((s) => safeMatches(el, joined(s.find)));
}

/** The spec each element is being read as (set before any field is read from it). */
const readingAs = new WeakMap<Element, ItemSpec>();

/**
 * What inside an item of `spec` is not the item's: the item selectors of every other spec (a nested match of
 * the item's own spec is part of it) and the spec's excluded regions (a related-videos rail).
 */
const notOwnCache = new WeakMap<ItemSpec, string>();
function notOwn(adapter: PlatformAdapter, spec: ItemSpec | undefined): string {
  if (!spec) return allItems(adapter);
  let out = notOwnCache.get(spec);
  if (out === undefined) {
    out = [
      ...adapter.items.filter((s) => s !== spec).map((s) => joined(s.find)),
      spec.exclude ? joined(spec.exclude) : '',
    ]
      .filter(Boolean)
      .join(', ');
    notOwnCache.set(spec, out);
  }
  return out;
}

/** Elements matching `sel` inside `item` that belong to it, not to another item nested in it. */
function own(adapter: PlatformAdapter, item: Element, sel: string): Element[] {
  return safeAll(item, sel).filter((x) => isOwn(adapter, item, x));
}

/**
 * Whether `x` (inside `item`) belongs to it: no other item, and no region the item's spec excludes, lies
 * between them. Walks up to `item` only.
 */
function isOwn(adapter: PlatformAdapter, item: Element, x: Element): boolean {
  const items = notOwn(adapter, readingAs.get(item));
  if (!items) return true;
  for (let n: Element | null = x; n && n !== item; n = n.parentElement) if (safeMatches(n, items)) return false;
  return true;
}

function firstOwn(adapter: PlatformAdapter, item: Element, sels: Selectors | undefined): Element | undefined {
  if (!sels) return undefined;
  for (const sel of sels) {
    if (!isValidSelector(sel)) continue;
    if (isDeep(sel)) {
      // Shadow roots keep other items out by themselves.
      const hit = deepAll(item, sel)[0];
      if (hit) return hit;
      continue;
    }
    if (safeMatches(item, sel)) return item;
    // Usually the first match is the item's own: check it alone before listing every match.
    let first: Element | null = null;
    try {
      first = item.querySelector(sel);
    } catch {
      continue;
    }
    if (!first) continue;
    if (isOwn(adapter, item, first)) return first;
    const found = own(adapter, item, sel)[0];
    if (found) return found;
  }
  return undefined;
}

export function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

function squash(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** An http(s) URL from an attribute value, absolute, cleaned, within the stored size. */
export function webUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href || href.length > LIMITS.url) return undefined;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const clean = sanitizeUrl(url.href);
    return clean && clean.length <= LIMITS.url ? clean : undefined;
  } catch {
    return undefined;
  }
}

function urlOf(el: Element | undefined, base: string): string | undefined {
  if (!el) return undefined;
  return webUrl(el.getAttribute('href') ?? el.getAttribute('content') ?? el.getAttribute('data-href'), base);
}

const FOLD_TAIL = /\s*(?:\.{2,}|…+)?\s*(?:展开全文|阅读全文|查看全文|全文|展开)\s*[>∨⌄›]?\s*$/u;

/** Text of an element without our own controls, nested items and noise; whitespace collapsed per line. */
function textOf(adapter: PlatformAdapter, item: Element, el: Element, noise: Selectors | undefined): { text: string; foldTail: boolean } {
  const nestedItems = notOwn(adapter, readingAs.get(item));
  const clone = el.cloneNode(true) as Element;
  const drop = [`[${OWN_NODE_ATTR}]`, 'script', 'style', 'noscript', 'template', ...(noise ?? [])].filter(isValidSelector).join(', ');
  for (const x of safeAll(clone, drop)) x.remove();
  if (nestedItems) {
    // Nested items (a quoted post, replies) are captured as context, not as this item's text; excluded
    // regions (a related-videos rail) are not the item's at all.
    for (const x of safeAll(clone, nestedItems)) if (el !== item || x !== clone) x.remove();
  }
  // Line breaks the page shows with <br> and block elements.
  for (const br of safeAll(clone, 'br')) br.replaceWith('\n');
  for (const block of safeAll(clone, 'p, div, li, h1, h2, h3, h4, blockquote')) block.append('\n');
  const lines = (clone.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  let text = lines.join('\n');
  const foldTail = FOLD_TAIL.test(text) && text.replace(FOLD_TAIL, '').length > 0;
  if (foldTail) text = text.replace(FOLD_TAIL, '');
  return { text: clip(text, LIMITS.text), foldTail };
}

/** JSON, or the single-quoted pseudo-JSON some pages write into attributes (Tieba's 楼中楼 data-field). */
function parseLooseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    if (!raw.includes("'")) throw err;
    return JSON.parse(raw.replace(/'/g, '"'));
  }
}

/**
 * The text of a short field (a name, a title, a time, a count) without the extension's own nodes (a report
 * button placed in it) and without the given labels.
 */
function plainText(el: Element, noise?: Selectors): string {
  const drop = [`[${OWN_NODE_ATTR}]`, noise ? joined(noise) : ''].filter(Boolean).join(', ');
  if (safeAll(el, drop).length === 0) return el.textContent ?? '';
  const clone = el.cloneNode(true) as Element;
  for (const x of safeAll(clone, drop)) x.remove();
  return clone.textContent ?? '';
}

function readJsonPath(raw: string, path: string): string | undefined {
  if (raw.length > 100_000) return undefined;
  try {
    let cur: unknown = parseLooseJson(raw);
    for (const key of path.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    return typeof cur === 'string' || typeof cur === 'number' ? String(cur) : undefined;
  } catch {
    return undefined;
  }
}

/** Ids read from URLs may be percent-encoded (WeChat's __biz ends in "%3D%3D"). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function applyIdRule(
  adapter: PlatformAdapter,
  item: Element,
  rule: IdRule,
  sources: { permalink?: string | undefined; page: string; profile?: string | undefined; subject: () => boolean },
): string | undefined {
  let raw: string | null | undefined;
  if (rule.from === 'permalink') raw = sources.permalink;
  else if (rule.from === 'page') raw = sources.page;
  else if (rule.from === 'profile') raw = sources.profile;
  else {
    const el = rule.sel ? firstOwn(adapter, item, rule.sel) : item;
    raw = el && rule.attr ? el.getAttribute(rule.attr) : undefined;
  }
  if (!raw) return undefined;
  if (rule.json) raw = readJsonPath(raw, rule.json);
  if (!raw) return undefined;
  if (rule.pattern) {
    const m = rule.pattern.exec(raw);
    raw = m ? (m[1] ?? m[0]) : undefined;
  }
  if (!raw) return undefined;
  // The page URL names the page's subject: another item on the page must not take its id. (Asked only when the
  // URL has one: the question looks at the whole page.)
  if (rule.from === 'page' && !rule.pageWide && !sources.subject()) return undefined;
  const id = squash(safeDecode(raw));
  return id ? clip(id, 200) : undefined;
}

function extractAuthor(adapter: PlatformAdapter, item: Element, spec: ItemSpec, base: string): Author | undefined {
  const rule = spec.author;
  if (!rule) return undefined;
  const link = firstOwn(adapter, item, rule.link);
  const nameEl = firstOwn(adapter, item, rule.name) ?? link;
  if (!nameEl) return undefined;
  let name = '';
  for (const attr of rule.nameAttr ?? []) {
    name = squash(nameEl.getAttribute(attr));
    if (name) break;
  }
  if (!name) name = squash(plainText(nameEl, rule.nameNoise)).replace(/^@/, '').replace(/[:：]$/, '');
  name = clip(name, LIMITS.shortText);
  const profileUrl = urlOf(link, base);
  let id: string | undefined;
  for (const attr of rule.idAttr ?? []) {
    id = squash(link?.getAttribute(attr) ?? nameEl.getAttribute(attr)) || undefined;
    if (id) break;
  }
  if (!id && profileUrl && rule.idPattern) id = rule.idPattern.exec(profileUrl)?.[1];
  if (!name && !profileUrl && !id) return undefined;
  return {
    name,
    ...(id ? { id: clip(id, 200) } : {}),
    ...(profileUrl ? { profileUrl } : {}),
  };
}

const STYLE_URL = /url\((['"]?)([^'")]+)\1\)/;

function extractMedia(adapter: PlatformAdapter, item: Element, spec: ItemSpec, base: string): Media[] {
  const out: Media[] = [];
  const seen = new Set<string>();
  if (!spec.media) return out;
  const push = (m: Media) => {
    if (seen.has(m.url) || out.length >= LIMITS.media) return;
    seen.add(m.url);
    out.push(m);
  };
  for (const sel of spec.media) {
    if (!isValidSelector(sel)) continue;
    const roots = isDeep(sel) ? deepAll(item, sel) : safeMatches(item, sel) ? [item] : own(adapter, item, sel);
    for (const root of roots) {
      // Only the item's own: not a nested item's (a reply's picture) nor an excluded region's.
      const els = [root, ...safeAll(root, 'img, video, [style*="url("]').filter((x) => isOwn(adapter, item, x))];
      for (const el of els) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'img') {
          // Lazy images keep the real address in data-src / data-original until scrolled into view.
          const url = webUrl(
            el.getAttribute('data-src') ??
              el.getAttribute('data-original') ??
              el.getAttribute('data-actualsrc') ??
              el.getAttribute('data-lazy-src') ??
              el.getAttribute('src'),
            base,
          );
          if (url) push({ type: 'image', url });
        } else if (tag === 'video') {
          const url = webUrl(el.getAttribute('src') ?? el.querySelector('source')?.getAttribute('src'), base);
          const posterUrl = webUrl(el.getAttribute('poster'), base);
          // Players stream from blob: URLs; then the poster is what can be kept.
          if (url) push({ type: 'video', url, ...(posterUrl ? { posterUrl } : {}) });
          else if (posterUrl) push({ type: 'image', url: posterUrl });
        } else {
          const styleUrl = STYLE_URL.exec(el.getAttribute('style') ?? '')?.[2];
          const url = webUrl(styleUrl, base);
          if (url) push({ type: 'image', url });
        }
      }
    }
  }
  return out;
}

function extractTime(adapter: PlatformAdapter, item: Element, spec: ItemSpec, now: Date): { shown?: string; iso?: string } {
  const rule = spec.time;
  if (!rule) return {};
  const shownEl = firstOwn(adapter, item, rule.shown);
  const shown = clip(squash(rule.shownAttr ? shownEl?.getAttribute(rule.shownAttr) : shownEl && plainText(shownEl)), LIMITS.shortText);
  const candidates: string[] = [];
  const machineEl = firstOwn(adapter, item, rule.machine);
  for (const el of [machineEl, shownEl]) {
    for (const attr of ['datetime', 'content', 'title', 'data-time', 'data-timestamp']) {
      const value = el?.getAttribute(attr);
      if (value) candidates.push(value);
    }
  }
  if (shown) candidates.push(shown);
  let iso: string | undefined;
  for (const c of candidates) {
    iso = safeIso(c, now);
    if (iso) break;
  }
  const shownOut = shown || squash(candidates[0]);
  return { ...(shownOut ? { shown: clip(shownOut, LIMITS.shortText) } : {}), ...(iso ? { iso } : {}) };
}

function safeIso(text: string, now: Date): string | undefined {
  try {
    return parsePublishedTime(text, now);
  } catch {
    return undefined;
  }
}

function extractEngagement(adapter: PlatformAdapter, item: Element, spec: ItemSpec): Record<string, number> | undefined {
  if (!spec.engagement) return undefined;
  const out: Record<string, number> = {};
  for (const [name, sels] of Object.entries(spec.engagement)) {
    const el = firstOwn(adapter, item, sels);
    if (!el) continue;
    const value = parseCount(squash(plainText(el))) ?? parseCount(el.getAttribute('content')) ?? parseCount(el.getAttribute('aria-label'));
    if (value !== undefined) out[clip(name, 32)] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Whether `el` is the page's own subject: the one item of its spec in its tree (a nested match of the spec is
 * part of its item). A video page's video is; one of a feed's slides, or a floor among floors, is not.
 */
function isPageSubject(adapter: PlatformAdapter, el: Element, spec: ItemSpec): boolean {
  const sel = joined(spec.find);
  if (!sel) return false;
  const root = el.getRootNode() as Document | ShadowRoot;
  let count = 0;
  for (const x of safeAll(root, sel)) {
    if (x.parentElement && safeClosest(x.parentElement, sel)) continue;
    if (specOf(adapter, x) !== spec) continue;
    if (++count > 1) return false;
  }
  return count === 1;
}

/** A permalink template ("https://…/video/{awemeId}") filled from the item's ids; none unless all are there. */
function fromTemplate(template: string | undefined, ids: Record<string, string>, base: string): string | undefined {
  if (!template) return undefined;
  let missing = false;
  const url = template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const id = ids[key];
    if (!id) missing = true;
    return encodeURIComponent(id ?? '');
  });
  return missing ? undefined : webUrl(url, base);
}

function canonicalPageUrl(doc: Document | null, pageUrl: string): string | undefined {
  const canonical =
    doc?.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc?.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return webUrl(canonical, pageUrl) ?? webUrl(pageUrl, pageUrl);
}

/** The record of one item, without context. */
function extractBare(adapter: PlatformAdapter, el: Element, spec: ItemSpec, options: ExtractOptions): CapturedPost {
  readingAs.set(el, spec);
  const base = options.pageUrl;
  let subject: boolean | undefined;
  const isSubject = () => (subject ??= isPageSubject(adapter, el, spec));
  // Ids, permalink and author come from the item's own element, or from the page's URL when the item is the
  // page's subject; never from the first match elsewhere in the document.
  const linked = urlOf(firstOwn(adapter, el, spec.permalink), base);
  const fromPage = !linked && spec.permalinkFromPage && isSubject() ? canonicalPageUrl(el.ownerDocument, base) : undefined;
  const author = extractAuthor(adapter, el, spec, base);
  const ids: Record<string, string> = {};
  for (const rule of spec.ids ?? []) {
    if (ids[rule.key]) continue;
    const id = applyIdRule(adapter, el, rule, { permalink: linked ?? fromPage, page: base, profile: author?.profileUrl, subject: isSubject });
    if (id && Object.keys(ids).length < LIMITS.ids - 1) ids[clip(rule.key, 64)] = id;
  }
  if (author?.id && !ids.authorId) ids.authorId = author.id;
  const permalink = linked ?? fromTemplate(spec.permalinkTemplate, ids, base) ?? fromPage;

  const fullEl = firstOwn(adapter, el, spec.fullText);
  const textEl = fullEl ?? firstOwn(adapter, el, spec.text);
  const shown = textEl ? textOf(adapter, el, textEl, spec.noise) : { text: '', foldTail: false };
  const folded = !fullEl && (shown.foldTail || Boolean(firstOwn(adapter, el, spec.foldMarker)));
  // The ellipsis before a removed "全文" link is the page's, not the author's.
  const text = folded ? shown.text.replace(/\s*(?:\.{2,}|…+)$/u, '') : shown.text;
  const titleEl = firstOwn(adapter, el, spec.title);
  const title = titleEl ? clip(squash(titleEl.getAttribute('content') ?? plainText(titleEl)), LIMITS.shortText) : '';
  const time = extractTime(adapter, el, spec, options.now);
  const engagement = extractEngagement(adapter, el, spec);
  const pageUrl = webUrl(base, base) ?? 'about:blank';
  return {
    platform: adapter.id,
    kind: spec.kind,
    ids,
    ...(permalink ? { permalink } : {}),
    pageUrl,
    pageTitle: clip(options.pageTitle, LIMITS.shortText),
    ...(author ? { author } : {}),
    ...(title ? { title } : {}),
    text,
    ...(folded ? { truncated: true } : {}),
    ...(time.shown ? { publishedAtText: time.shown } : {}),
    ...(time.iso ? { publishedAt: time.iso } : {}),
    ...(engagement ? { engagement } : {}),
    media: extractMedia(adapter, el, spec, base),
    context: [],
    capturedAt: options.now.toISOString(),
    extractor: `${adapter.id}:${spec.id}`,
  };
}

function refined(adapter: PlatformAdapter, record: CapturedPost, el: Element, spec: ItemSpec): CapturedPost {
  try {
    adapter.refine?.(record, el, spec);
  } catch {
    // A refinement is a nicety; the data-driven record stands without it.
  }
  return record;
}

function toContext(role: ContextItem['role'], r: CapturedPost): ContextItem {
  return {
    role,
    kind: r.kind,
    ids: r.ids,
    ...(r.permalink ? { permalink: r.permalink } : {}),
    ...(r.author ? { author: r.author } : {}),
    ...(r.title ? { title: r.title } : {}),
    text: r.text,
    ...(r.publishedAtText ? { publishedAtText: r.publishedAtText } : {}),
    ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
    ...(r.media.length ? { media: r.media } : {}),
    ...(r.engagement ? { engagement: r.engagement } : {}),
  };
}

/**
 * The fields the spec looks for that the record lacks: they were not read on the page (and nothing was
 * borrowed in their place). Names are the record's: "permalink", "author", "author.id", "text", "title",
 * "publishedAtText", "ids.<key>".
 */
export function missingFields(r: CapturedPost, spec: ItemSpec): string[] {
  const out: string[] = [];
  for (const key of new Set((spec.ids ?? []).map((rule) => rule.key))) if (!r.ids[key]) out.push(`ids.${key}`);
  if ((spec.permalink || spec.permalinkFromPage || spec.permalinkTemplate) && !r.permalink) out.push('permalink');
  if (spec.author) {
    if (!r.author) out.push('author');
    else {
      if (!r.author.name) out.push('author.name');
      if ((spec.author.idPattern || spec.author.idAttr) && !r.author.id) out.push('author.id');
    }
  }
  if (spec.title && !r.title) out.push('title');
  if ((spec.text || spec.fullText) && !r.text) out.push('text');
  if (spec.time && !r.publishedAtText) out.push('publishedAtText');
  return out.slice(0, LIMITS.ids).map((f) => clip(f, 64));
}

function isEmpty(r: CapturedPost): boolean {
  return !r.text && !r.title && !r.permalink && !r.author && r.media.length === 0 && Object.keys(r.ids).length === 0;
}

function specById(adapter: PlatformAdapter, id: string): ItemSpec | undefined {
  return adapter.items.find((s) => s.id === id);
}

/**
 * The item's parent (the post a comment is under): its nearest ancestor of the parent specs, else the page's
 * one item of a parent spec (a video page's video, for comments listed beside it). When the page has several,
 * none of them is taken: a neighbour's post is not the parent.
 */
function findParent(adapter: PlatformAdapter, el: Element, spec: ItemSpec): { el: Element; spec: ItemSpec } | undefined {
  for (const id of spec.parent ?? []) {
    const parentSpec = specById(adapter, id);
    if (!parentSpec) continue;
    const sel = joined(parentSpec.find);
    let up = el.parentElement ? composedClosest(el.parentElement, sel) : composedClosest((el.getRootNode() as ShadowRoot).host, sel);
    // The parent item is the outermost element of its spec there, as its button's (a nested match is part of it).
    for (let outer = up?.parentElement ? safeClosest(up.parentElement, sel) : null; outer; outer = outer.parentElement ? safeClosest(outer.parentElement, sel) : null) {
      if (specOf(adapter, outer) === parentSpec) up = outer;
    }
    if (up) return { el: up, spec: parentSpec };
  }
  for (const id of spec.parent ?? []) {
    const parentSpec = specById(adapter, id);
    if (!parentSpec) continue;
    const sel = joined(parentSpec.find);
    const all = safeAll(el.ownerDocument, sel).filter(
      (x) => x !== el && !el.contains(x) && !(x.parentElement && safeClosest(x.parentElement, sel)) && specOf(adapter, x) === parentSpec,
    );
    if (all.length === 1) return { el: all[0]!, spec: parentSpec };
    if (all.length > 1) return undefined;
  }
  return undefined;
}

function findQuoted(adapter: PlatformAdapter, el: Element, spec: ItemSpec): { el: Element; spec: ItemSpec } | undefined {
  const quotedSpec = spec.quoted ? specById(adapter, spec.quoted) : undefined;
  if (!quotedSpec) return undefined;
  const sel = joined(quotedSpec.find);
  const items = allItems(adapter);
  const found = safeAll(el, sel).find((x) => safeClosest(x.parentElement, items) === el);
  return found ? { el: found, spec: quotedSpec } : undefined;
}

/** Up to `n` items of the same spec before and after `el`, in the same list (same parent item, else the page). */
function findAround(adapter: PlatformAdapter, el: Element, spec: ItemSpec, n: number): Element[] {
  if (!spec.around || n <= 0) return [];
  const sel = joined(spec.find);
  const parent = findParent(adapter, el, spec);
  // The parent's subtree, else the tree the item is in (the document, or the shadow root of a web component).
  const scope: ParentNode = parent && parent.el.contains(el) ? parent.el : (el.getRootNode() as Document | ShadowRoot);
  const siblings = safeAll(scope, sel).filter((x) => !safeClosest(x.parentElement, sel));
  const at = siblings.indexOf(el);
  if (at < 0) return [];
  return [...siblings.slice(Math.max(0, at - n), at), ...siblings.slice(at + 1, at + 1 + n)];
}

/** Turns one item into a record with its context: parent, quoted original, neighbours. Never throws. */
export function extractItem(adapter: PlatformAdapter, el: Element, spec: ItemSpec | undefined, options: ExtractOptions): ExtractResult {
  try {
    const itemSpec = spec ?? specOf(adapter, el);
    if (!itemSpec) return { ok: false, reason: 'not-found', detail: `no ${adapter.id} item here` };
    const record = refined(adapter, extractBare(adapter, el, itemSpec, options), el, itemSpec);
    if (isEmpty(record)) return { ok: false, reason: 'empty', detail: `${adapter.id}:${itemSpec.id} has no content` };
    const missing = missingFields(record, itemSpec);
    if (missing.length) record.missingFields = missing;
    const context: ContextItem[] = [];
    const bare = (x: { el: Element; spec: ItemSpec }) => refined(adapter, extractBare(adapter, x.el, x.spec, options), x.el, x.spec);
    const parent = findParent(adapter, el, itemSpec);
    if (parent) context.push(toContext('parent', bare(parent)));
    const quoted = findQuoted(adapter, el, itemSpec);
    if (quoted) context.push(toContext('quoted', bare(quoted)));
    const n = Math.max(0, Math.min(Math.floor(options.contextCount) || 0, Math.floor((LIMITS.context - 2) / 2)));
    for (const x of findAround(adapter, el, itemSpec, n)) context.push(toContext('around', bare({ el: x, spec: itemSpec })));
    record.context = context.slice(0, LIMITS.context);
    return { ok: true, post: record };
  } catch (err) {
    return { ok: false, reason: 'not-found', detail: `extraction failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Where an item's report button goes: the spec's slot inside it, else the item itself. */
export function findSlot(adapter: PlatformAdapter, el: Element, spec: ItemSpec): Element {
  readingAs.set(el, spec);
  return firstOwn(adapter, el, spec.slot) ?? el;
}

/** The item (with a button) that an element belongs to: its nearest enclosing item of any spec. */
export function enclosingItem(adapter: PlatformAdapter, el: Element): FoundItem | undefined {
  const items = allItems(adapter);
  let cur = safeClosest(el, items);
  while (cur) {
    const spec = adapter.items.find((s) => !s.noButton && safeMatches(cur!, joined(s.find)));
    if (spec) {
      // The outermost element of that spec is the item (nested matches are part of it).
      let top: Element = cur;
      for (let up = safeClosest(top.parentElement, joined(spec.find)); up; up = safeClosest(up.parentElement, joined(spec.find))) top = up;
      return { el: top, spec };
    }
    cur = safeClosest(cur.parentElement, items);
  }
  return undefined;
}
