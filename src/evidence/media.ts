// Images of the captured items, fetched and stored as evidence — only when the person asks for it
// (the form's button sends `fetch-media`): fetching tells the image host that someone looked.
// Videos are never fetched (size, and the URL is what a platform needs); their URLs stay in the record.
import { newId, type ArtifactMeta, type ArtifactRecord } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { sanitizeUrl } from '../capture/url';
import { sha256Hex } from './hash';
import { updateSigned } from './sign-report';

/** A single image larger than this is not evidence we can keep sensibly; it is left as a URL. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
export const MAX_MEDIA_PER_REPORT = 60;

export interface MediaFetchResult {
  stored: number;
  failed: number;
  skipped: number;
}

export class MediaRefusedError extends Error {
  constructor(readonly reason: 'url-only' | 'not-found') {
    super(`media refused: ${reason}`);
    this.name = 'MediaRefusedError';
  }
}

export type Fetcher = (url: string) => Promise<Response>;

/** Without cookies or referrer: the person's session on the image host is none of its business here. */
export const defaultFetcher: Fetcher = (url) =>
  fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow', cache: 'no-store' });

export async function fetchReportMedia(
  store: ReportStore,
  reportId: string,
  options: { fetcher?: Fetcher; userAgent: string; now?: Date },
): Promise<MediaFetchResult> {
  const report = await store.get(reportId);
  if (!report) throw new MediaRefusedError('not-found');
  if (report.evidencePolicy === 'url-only') throw new MediaRefusedError('url-only');
  const fetcher = options.fetcher ?? defaultFetcher;
  const have = new Set(report.evidence.filter((e) => e.kind === 'media').map((e) => `${e.itemIndex} ${e.sourceUrl ?? ''}`));
  const result: MediaFetchResult = { stored: 0, failed: 0, skipped: 0 };
  const metas: ArtifactMeta[] = [];
  const records: ArtifactRecord[] = [];
  const createdAt = (options.now ?? new Date()).toISOString();

  for (const [itemIndex, item] of report.items.entries()) {
    // The item's own images, then those of its context (the quoted original, the parent post).
    for (const media of [...item.media, ...item.context.flatMap((c) => c.media ?? [])]) {
      const url = sanitizeUrl(media.url);
      if (media.type !== 'image' || !url || have.has(`${itemIndex} ${url}`)) {
        result.skipped++;
        continue;
      }
      have.add(`${itemIndex} ${url}`);
      if (metas.length >= MAX_MEDIA_PER_REPORT) {
        result.skipped++;
        continue;
      }
      const blob = await fetchImage(fetcher, url);
      if (!blob) {
        result.failed++;
        continue;
      }
      const id = newId();
      records.push({ id, reportId, blob });
      metas.push({ id, kind: 'media', mime: blob.type, size: blob.size, sha256: await sha256Hex(blob), itemIndex, createdAt, excluded: false, sourceUrl: url });
      result.stored++;
    }
  }
  if (metas.length > 0) {
    await updateSigned(
      store,
      reportId,
      (current) => {
        // Purged meanwhile (the person chose the child-abuse category): keep nothing.
        if (current.evidencePolicy === 'url-only') throw new MediaRefusedError('url-only');
        return { ...current, evidence: [...current.evidence, ...metas] };
      },
      { put: records },
      options.userAgent,
    );
  }
  return result;
}

async function fetchImage(fetcher: Fetcher, url: string): Promise<Blob | undefined> {
  try {
    const response = await fetcher(url);
    if (!response.ok) return undefined;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!type.startsWith('image/')) return undefined;
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_MEDIA_BYTES) return undefined;
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength === 0 || bytes.byteLength > MAX_MEDIA_BYTES) return undefined;
    return new Blob([bytes], { type });
  } catch {
    return undefined;
  }
}
