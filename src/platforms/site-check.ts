// What `npm run check:sites` measures on a page: per platform adapter and item spec, how many items it finds
// and how often each field is read (ids, permalink, author, text, publish time). Run in the page itself
// (scripts/check-sites.ts injects it), on a live page a maintainer opened or on a replica in the test suite.
import { platformForUrl } from './registry';
import { findItems, extractItem } from './extract';

export const CHECKED_FIELDS = ['ids', 'permalink', 'author', 'text', 'publishedAt'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

export interface SpecCheck {
  count: number;
  /** Items whose record has the field, per field. */
  fields: Record<CheckedField, number>;
  /** Items the adapter found but could not read (the generic extractor would take over). */
  unreadable: number;
}

export interface PageCheck {
  url: string;
  platform: string | null;
  specs: Record<string, SpecCheck>;
}

export async function checkPage(doc: Document, url: string): Promise<PageCheck> {
  const registration = platformForUrl(url);
  if (!registration) return { url, platform: null, specs: {} };
  const adapter = (await registration.load()).default;
  const specs: Record<string, SpecCheck> = {};
  for (const spec of adapter.items) specs[spec.id] = { count: 0, fields: { ids: 0, permalink: 0, author: 0, text: 0, publishedAt: 0 }, unreadable: 0 };
  const options = { pageUrl: url, pageTitle: doc.title, now: new Date(), contextCount: 0 };
  for (const { el, spec } of findItems(adapter, doc)) {
    const tally = specs[spec.id]!;
    tally.count++;
    const result = extractItem(adapter, el, spec, options);
    if (!result.ok) {
      tally.unreadable++;
      continue;
    }
    const r = result.post;
    if (Object.keys(r.ids).length) tally.fields.ids++;
    if (r.permalink) tally.fields.permalink++;
    if (r.author?.name) tally.fields.author++;
    if (r.text.trim()) tally.fields.text++;
    if (r.publishedAt) tally.fields.publishedAt++;
  }
  return { url, platform: registration.id, specs };
}
