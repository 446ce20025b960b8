// The generic post finder: works on any page whose posts are `<article>` (or role=article) blocks,
// using stable anchors (time elements, rel/itemprop attributes, permalink hrefs) rather than class names.
// Platform adapters (src/platforms) are tried first; this is the fallback.
import type { Author, CapturedPost, ContentKind, Media } from '../model/captured-post';
import { LIMITS } from '../model/limits';
import { parsePublishedTime } from './published-time';
import { sanitizeUrl } from './url';

export const GENERIC_POST_SELECTOR = 'article, [role="article"]';

/** Marks the extension's own injected nodes so extraction never reads them as content. */
export const OWN_NODE_ATTR = 'data-report-assistant';

export interface ExtractContext {
  pageUrl: string;
  pageTitle: string;
  now: Date;
}

/** Posts on the page; nested articles (a quoted post inside a post) count as part of their outer post. */
export function findGenericPosts(root: ParentNode): Element[] {
  const all = Array.from(root.querySelectorAll(GENERIC_POST_SELECTOR));
  return all.filter((el) => !el.parentElement?.closest(GENERIC_POST_SELECTOR));
}

export function extractGenericPost(el: Element, ctx: ExtractContext, kind: ContentKind = 'post'): CapturedPost {
  const base = ctx.pageUrl;
  const timeEl = el.querySelector('time');
  const publishedAtText = clip(textOf(timeEl), LIMITS.shortText) || undefined;
  const datetime = timeEl?.getAttribute('datetime');
  const publishedAt = (datetime ? toUtcIso(datetime) : undefined) ?? (publishedAtText ? parsePublishedTime(publishedAtText, ctx.now) : undefined);

  const permalink =
    absoluteUrl(el.querySelector('a[rel~="bookmark"]')?.getAttribute('href'), base) ??
    absoluteUrl(timeEl?.closest('a')?.getAttribute('href'), base) ??
    absoluteUrl(el.querySelector('a[itemprop="url"]')?.getAttribute('href'), base);

  const ids: Record<string, string> = {};
  const postId = el.getAttribute('data-post-id') ?? el.getAttribute('data-id') ?? el.id;
  if (postId) ids.postId = clip(postId, 200);

  const author = extractAuthor(el, base);
  if (author?.id) ids.authorId = clip(author.id, 200);

  const bodyEl = el.querySelector('[itemprop="articleBody"], [itemprop="text"], [data-role="text"]');
  const text = clip(cleanText(bodyEl ?? el), LIMITS.text);

  return {
    platform: 'generic',
    kind,
    ids,
    ...(permalink ? { permalink } : {}),
    pageUrl: sanitizeUrl(base) ?? base,
    pageTitle: clip(ctx.pageTitle, LIMITS.shortText),
    ...(author ? { author } : {}),
    text,
    ...(publishedAtText ? { publishedAtText } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    media: extractMedia(el, base),
    context: [],
    capturedAt: ctx.now.toISOString(),
    extractor: 'generic',
  };
}

function extractAuthor(el: Element, base: string): Author | undefined {
  const authorEl = el.querySelector('[rel~="author"], [itemprop="author"], address, [data-role="author"]');
  if (!authorEl) return undefined;
  const link = authorEl.matches('a[href]') ? authorEl : authorEl.querySelector('a[href]');
  const name = clip(
    textOf(authorEl.querySelector('[itemprop="name"]') ?? authorEl) || authorEl.getAttribute('title') || '',
    LIMITS.shortText,
  );
  if (!name) return undefined;
  const profileUrl = absoluteUrl(link?.getAttribute('href'), base);
  const id = authorEl.getAttribute('data-user-id') ?? link?.getAttribute('data-user-id') ?? undefined;
  return { name, ...(id ? { id: clip(id, 200) } : {}), ...(profileUrl ? { profileUrl } : {}) };
}

function extractMedia(el: Element, base: string): Media[] {
  const media: Media[] = [];
  for (const img of Array.from(el.querySelectorAll('img'))) {
    if (img.closest(`[${OWN_NODE_ATTR}]`)) continue;
    const url = absoluteUrl(img.getAttribute('data-src') ?? img.getAttribute('src'), base);
    if (url) media.push({ type: 'image', url });
    if (media.length >= LIMITS.media) return media;
  }
  for (const video of Array.from(el.querySelectorAll('video'))) {
    const url = absoluteUrl(video.getAttribute('src') ?? video.querySelector('source')?.getAttribute('src'), base);
    const posterUrl = absoluteUrl(video.getAttribute('poster'), base);
    if (url) media.push({ type: 'video', url, ...(posterUrl ? { posterUrl } : {}) });
    if (media.length >= LIMITS.media) return media;
  }
  return media;
}

/** Visible-ish text of an element, without the extension's own controls, whitespace collapsed per line. */
export function cleanText(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const own of Array.from(clone.querySelectorAll(`[${OWN_NODE_ATTR}], script, style, noscript, template`))) {
    own.remove();
  }
  const raw = clone.textContent ?? '';
  return raw
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

export function absoluteUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return sanitizeUrl(url.href);
  } catch {
    return undefined;
  }
}

export function toUtcIso(value: string): string | undefined {
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Tag and classes: what makes the items of one list look alike. */
function signature(el: Element): string {
  return `${el.tagName}.${Array.from(el.classList).sort().join('.')}`;
}

/**
 * The post around an element on a page that marks nothing up (no article, no adapter): the nearest ancestor
 * that repeats among its siblings (the same tag and classes at least `minRepeats` times, as feed items,
 * comments and list rows do). An <article> / role=article around the element wins if there is one.
 * For the element picker and the context menu, which start from what the person pointed at.
 */
export function findPostAround(el: Element, minRepeats = 3): Element | undefined {
  const article = el.closest(GENERIC_POST_SELECTOR);
  if (article) {
    let outer: Element = article;
    for (let up = outer.parentElement?.closest(GENERIC_POST_SELECTOR); up; up = up.parentElement?.closest(GENERIC_POST_SELECTOR)) outer = up;
    return outer;
  }
  for (let cur: Element | null = el; cur && cur.parentElement; cur = cur.parentElement) {
    const parent: Element = cur.parentElement;
    if (cur.tagName === 'BODY' || cur.tagName === 'HTML' || parent.tagName === 'HTML') break;
    const sig = signature(cur);
    let same = 0;
    for (const sibling of Array.from(parent.children)) if (signature(sibling) === sig && ++same >= minRepeats) break;
    if (same >= minRepeats && (cur.textContent ?? '').trim()) return cur;
  }
  return undefined;
}
