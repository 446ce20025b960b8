// Images of the captured items, fetched and stored as evidence — only when the person asks for it
// (the form's button sends `fetch-media`): fetching tells the image host that someone looked.
// The URLs come from the page, so fetching them is the page choosing where the extension goes: never to
// this machine or the person's network (isPrivateTarget), never through a redirect, never more than
// MAX_MEDIA_BYTES read (issue 24, item 19).
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

/**
 * Without cookies or referrer: the person's session on the image host is none of its business here.
 * No redirect is followed (`redirect: 'error'`): the browser would go to a redirect's target before we
 * could check it, and a page's image can redirect to the person's router or to this machine. An image
 * that moved is counted as failed; its URL stays in the record.
 */
export const defaultFetcher: Fetcher = (url) =>
  fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', cache: 'no-store' });

/**
 * meta key: hostnames (exactly as the URL parser writes them, e.g. "127.0.0.1") whose images may be fetched
 * although they are private or loopback addresses. Nothing in the product sets it and there is no UI for it:
 * the browser tests name it, for the replica sites they serve on 127.0.0.1 (test/e2e/…). It lives in the
 * extension's IndexedDB, which no page and no content script can reach.
 */
export const MEDIA_PRIVATE_HOSTS_META = 'testMediaPrivateHosts';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function privateIpv4(a: number, b: number): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (and cloud metadata services)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments, 192.0.0.0/24 (and 192.0.2.0/24 documentation)
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/**
 * Whether a URL points at this machine or a private network: loopback, private (RFC 1918, unique-local),
 * link-local, carrier-grade NAT, multicast and reserved addresses as literals (in any form the URL parser
 * accepts: it writes `http://2130706433/` as 127.0.0.1), IPv4 inside IPv6 (::ffff:…, 64:ff9b::…),
 * `localhost`, and names that only a local network resolves (`*.local`, `*.localhost`, `*.internal`,
 * `*.lan`, `*.home.arpa`, single-label names such as `router`). A public name that a DNS server maps to a
 * private address is not caught here: an extension cannot resolve names before fetching.
 */
export function isPrivateTarget(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return true;
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::' || v6 === '::1') return true;
    if (/^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6)) return true; // unique-local, link-local, multicast
    // IPv4-mapped (::ffff:7f00:1), IPv4-compatible (::7f00:1), NAT64 (64:ff9b::7f00:1): the IPv4 inside decides.
    const embedded = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (embedded) {
      const hi = parseInt(embedded[1]!, 16);
      return privateIpv4(hi >> 8, hi & 0xff);
    }
    return false;
  }
  const v4 = IPV4.exec(host);
  if (v4) return privateIpv4(Number(v4[1]), Number(v4[2]));
  if (!host.includes('.')) return true; // localhost, router, intranet names
  return /\.(localhost|local|internal|lan|home\.arpa|intranet|corp)$/.test(host);
}

export async function fetchReportMedia(
  store: ReportStore,
  reportId: string,
  options: { fetcher?: Fetcher; userAgent: string; now?: Date },
): Promise<MediaFetchResult> {
  const report = await store.get(reportId);
  if (!report) throw new MediaRefusedError('not-found');
  if (report.evidencePolicy === 'url-only') throw new MediaRefusedError('url-only');
  const fetcher = options.fetcher ?? defaultFetcher;
  const allowedPrivate = new Set(((await store.getMeta<unknown>(MEDIA_PRIVATE_HOSTS_META)) ?? []) as unknown[]);
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
      // A page supplies these URLs: none of them may make the extension reach into the person's network.
      if (isPrivateTarget(url) && !allowedPrivate.has(new URL(url).hostname)) {
        result.failed++;
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
    // A fetcher that followed a redirect anyway (the default one does not): only within the same origin.
    if (response.redirected && new URL(response.url).origin !== new URL(url).origin) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) return undefined;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!type.startsWith('image/')) return undefined;
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_MEDIA_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const bytes = await readAtMost(response, MAX_MEDIA_BYTES);
    if (!bytes || bytes.byteLength === 0) return undefined;
    return new Blob([bytes as BlobPart], { type });
  } catch {
    return undefined;
  }
}

/** The body, read chunk by chunk; undefined as soon as it passes `max` bytes (the rest is never read). */
async function readAtMost(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}
