// Every URL of a record is cleaned again in the worker before anything is stored or hashed: credentials,
// tracking parameters and token fragments never reach the evidence, whichever extractor produced the
// record (a platform adapter, the generic finder, the picker) and whatever that extractor missed.
import type { Author, CapturedPost, ContextItem, Media } from '../model/captured-post';
import { sanitizeUrl } from '../capture/url';

export function sanitizeRecordUrls(post: CapturedPost): CapturedPost {
  const pageUrl = sanitizeUrl(post.pageUrl);
  // The schema only lets http(s) through, so this holds for any validated record; refuse rather than keep a raw URL.
  if (!pageUrl) throw new Error('record without a web page URL');
  const permalink = optionalUrl(post.permalink);
  const { permalink: _p, author: _a, ...rest } = post;
  const author = cleanAuthor(post.author);
  return {
    ...rest,
    pageUrl,
    ...(permalink ? { permalink } : {}),
    ...(author ? { author } : {}),
    media: cleanMedia(post.media),
    context: post.context.map(cleanContext),
  };
}

function optionalUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : sanitizeUrl(url);
}

function cleanAuthor(author: Author | undefined): Author | undefined {
  if (!author) return undefined;
  const { profileUrl: _u, ...rest } = author;
  const profileUrl = optionalUrl(author.profileUrl);
  return { ...rest, ...(profileUrl ? { profileUrl } : {}) };
}

function cleanMedia(media: Media[]): Media[] {
  const out: Media[] = [];
  for (const m of media) {
    const url = sanitizeUrl(m.url);
    if (!url) continue;
    const posterUrl = optionalUrl(m.posterUrl);
    const { posterUrl: _p, ...rest } = m;
    out.push({ ...rest, url, ...(posterUrl ? { posterUrl } : {}) });
  }
  return out;
}

function cleanContext(item: ContextItem): ContextItem {
  const { permalink: _p, author: _a, media: _m, ...rest } = item;
  const permalink = optionalUrl(item.permalink);
  const author = cleanAuthor(item.author);
  return {
    ...rest,
    ...(permalink ? { permalink } : {}),
    ...(author ? { author } : {}),
    ...(item.media ? { media: cleanMedia(item.media) } : {}),
  };
}
