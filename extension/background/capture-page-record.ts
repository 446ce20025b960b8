// Records for what the context menu reports: a whole page, a link (without opening it), a selection.
// Everything here comes from the page or the browser's click info: it is clipped, its URLs cleaned, and
// the result validated against the record's schema before it is stored.
import * as v from 'valibot';
import { CapturedPostSchema, LIMITS, type CapturedPost, type ContentKind } from '../../src/model/captured-post';
import { sanitizeUrl } from '../../src/capture/url';

/** What the injected `readPageFacts` returns; untrusted (the page controls all of it). */
export interface PageFacts {
  url?: unknown;
  title?: unknown;
  canonical?: unknown;
  description?: unknown;
  text?: unknown;
  selectionText?: unknown;
  selectionRect?: unknown;
  linkTexts?: unknown;
  viewport?: unknown;
  scroll?: unknown;
}

/** The browser's own click info (contextMenus.OnClickData), reduced to what is used. */
export interface MenuClick {
  pageUrl?: string | undefined;
  frameUrl?: string | undefined;
  linkUrl?: string | undefined;
  selectionText?: string | undefined;
  /** Firefox gives the link's text; Chromium does not (it is then read from the page). */
  linkText?: string | undefined;
}

export type MenuKind = Extract<ContentKind, 'page' | 'link' | 'selection'>;

const str = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');
const PAGE_TEXT_CHARS = 5_000;

export function buildMenuRecord(
  kind: MenuKind,
  click: MenuClick,
  tab: { url?: string | undefined; title?: string | undefined },
  facts: PageFacts | undefined,
  now: Date,
): CapturedPost {
  // The browser's URLs first: a page cannot lie about them.
  const pageUrl = sanitizeUrl(click.frameUrl ?? click.pageUrl ?? tab.url ?? '') ?? sanitizeUrl(str(facts?.url, LIMITS.url));
  if (!pageUrl) throw new Error('menu_errorNotWebPage');
  const pageTitle = (str(tab.title, LIMITS.shortText) || str(facts?.title, LIMITS.shortText)).trim();
  const ids: Record<string, string> = {};
  let permalink: string | undefined;
  let text = '';

  if (kind === 'link') {
    permalink = sanitizeUrl(click.linkUrl ?? '');
    if (!permalink) throw new Error('menu_errorNotWebLink');
    const texts = Array.isArray(facts?.linkTexts) ? facts.linkTexts.map((t) => str(t, LIMITS.shortText).trim()).filter(Boolean) : [];
    text = str(click.linkText, LIMITS.shortText).trim() || texts[0] || '';
    ids.linkHost = new URL(permalink).host;
  } else if (kind === 'selection') {
    // The page's own selection keeps line breaks; the browser's copy is a fallback (collapsed whitespace).
    text = (str(facts?.selectionText, LIMITS.text) || str(click.selectionText, LIMITS.text)).trim();
    if (!text) throw new Error('menu_errorNoSelection');
    permalink = pageUrl;
  } else {
    const canonical = sanitizeUrl(str(facts?.canonical, LIMITS.url));
    permalink = canonical ?? pageUrl;
    const description = str(facts?.description, LIMITS.shortText).trim();
    const body = str(facts?.text, PAGE_TEXT_CHARS).trim();
    text = [description, body].filter(Boolean).join('\n\n').slice(0, LIMITS.text);
  }

  const record = {
    platform: 'generic' as const,
    kind,
    ids,
    ...(permalink ? { permalink } : {}),
    pageUrl,
    pageTitle,
    text,
    media: [],
    context: [],
    capturedAt: now.toISOString(),
  };
  return v.parse(CapturedPostSchema, record);
}

/** A selection's box in the viewport, when the page gave a usable one. */
export function selectionBox(facts: PageFacts | undefined): { x: number; y: number; width: number; height: number } | undefined {
  const r = facts?.selectionRect as Record<string, unknown> | null | undefined;
  if (!r || typeof r !== 'object') return undefined;
  const nums = ['x', 'y', 'width', 'height'].map((k) => r[k]);
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [x, y, width, height] = nums as number[];
  if (width! <= 0 || height! <= 0) return undefined;
  return { x: x!, y: y!, width: width!, height: height! };
}

/** Viewport size as the page reports it, if sane. */
export function pageViewport(facts: PageFacts | undefined): { width: number; height: number } | undefined {
  const vp = facts?.viewport as Record<string, unknown> | null | undefined;
  const width = vp?.width;
  const height = vp?.height;
  if (typeof width !== 'number' || typeof height !== 'number' || !(width >= 1) || !(height >= 1) || width > 100_000 || height > 100_000) return undefined;
  return { width, height };
}

/** Runs in the page (injected by scripting.executeScript): self-contained. */
export function readPageFacts(linkUrl: string | null): PageFacts {
  const selection = window.getSelection();
  let selectionRect: { x: number; y: number; width: number; height: number } | null = null;
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const r = selection.getRangeAt(0).getBoundingClientRect();
    selectionRect = { x: r.x, y: r.y, width: r.width, height: r.height };
  }
  const meta = (name: string) =>
    document.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute('content') ?? undefined;
  const linkTexts = linkUrl
    ? Array.from(document.links)
        .filter((a) => a.href === linkUrl)
        .slice(0, 5)
        .map((a) => (a.innerText || a.getAttribute('aria-label') || a.title || a.querySelector('img')?.alt || '').trim())
    : [];
  return {
    url: location.href,
    title: document.title,
    canonical: document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href,
    description: meta('description') ?? meta('og:description'),
    text: (document.body?.innerText ?? '').slice(0, 5_000),
    selectionText: selection?.toString() ?? '',
    selectionRect,
    linkTexts,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    scroll: { x: window.scrollX, y: window.scrollY },
  };
}
