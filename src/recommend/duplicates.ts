// Is this post already in another report? Compared by the platform's own ids (a post id survives URL
// changes) and by the normalised permalink (for pages with no ids). Reporting the same post twice
// splits its evidence and, sent twice, looks like the mass reporting platforms must screen out.
import type { CapturedPost } from '../model/captured-post';
import type { Report } from '../model/report';

/** Ids that name the content itself, not its author: `authorUid` and the like would match every post of a person. */
const NOT_CONTENT_ID = /^(author|user|uid|owner|member)/i;

/** A permalink reduced to what identifies the page: host without `www.`/`m.`, path without a trailing slash, sorted query, no fragment. */
export function normalisePermalink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol)) return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^(www|m)\./, '');
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  const params = [...parsed.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${path}${query}`;
}

/** The keys under which an item is the same content as another. */
export function contentKeys(item: Pick<CapturedPost, 'platform' | 'ids' | 'permalink'>): string[] {
  const keys: string[] = [];
  if (item.platform !== 'generic') {
    for (const [name, value] of Object.entries(item.ids)) {
      if (!NOT_CONTENT_ID.test(name) && value) keys.push(`id:${item.platform}:${name}=${value}`);
    }
  }
  const link = normalisePermalink(item.permalink);
  if (link) keys.push(`url:${link}`);
  return keys;
}

export interface Duplicate {
  /** The other report that holds the same content. */
  report: Report;
  /** Index of the item in this report that is duplicated. */
  itemIndex: number;
  /** Index of the matching item in the other report. */
  otherItemIndex: number;
  matchedBy: 'id' | 'url';
}

/** Other reports (not `report` itself) that already hold one of `report`'s items. Newest report first, as given. */
export function findDuplicates(report: Pick<Report, 'id' | 'items'>, others: readonly Report[]): Duplicate[] {
  const mine = report.items.map((item) => new Set(contentKeys(item)));
  const found: Duplicate[] = [];
  for (const other of others) {
    if (other.id === report.id) continue;
    other.items.some((otherItem, otherItemIndex) => {
      const keys = contentKeys(otherItem);
      const itemIndex = mine.findIndex((set) => keys.some((k) => set.has(k)));
      if (itemIndex < 0) return false;
      const key = keys.find((k) => mine[itemIndex]!.has(k))!;
      found.push({ report: other, itemIndex, otherItemIndex, matchedBy: key.startsWith('id:') ? 'id' : 'url' });
      return true;
    });
  }
  return found;
}
