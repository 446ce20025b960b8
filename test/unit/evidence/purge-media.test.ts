// Removing visual evidence (child sexual abuse category) and fetching images with consent.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore } from '../../../src/storage/report-store';
import type { CapturedPost } from '../../../src/model/captured-post';
import type { ArtifactMeta } from '../../../src/model/report';
import { sha256Hex } from '../../../src/evidence/hash';
import { recordCapture } from '../../../src/evidence/record-capture';
import { purgeVisualEvidence } from '../../../src/evidence/purge';
import { fetchReportMedia, MediaRefusedError, MAX_MEDIA_BYTES } from '../../../src/evidence/media';
import { verifyStoredReport } from '../../../src/evidence/verify-stored';

const post: CapturedPost = {
  platform: 'generic',
  kind: 'post',
  ids: { postId: '7' },
  permalink: 'https://example.com/p/7',
  pageUrl: 'https://example.com/feed',
  pageTitle: 'Feed',
  text: 'some text',
  media: [
    { type: 'image', url: 'https://img.example.com/a.png?utm_source=x' },
    { type: 'image', url: 'https://img.example.com/missing.png' },
    { type: 'image', url: 'https://img.example.com/page.html' },
    { type: 'video', url: 'https://video.example.com/v.mp4', posterUrl: 'https://img.example.com/poster.jpg' },
  ],
  context: [{ role: 'parent', kind: 'post', ids: {}, text: 'parent text' }],
  capturedAt: '2026-11-22T03:00:00.000Z',
};

function freshStore() {
  globalThis.indexedDB = new IDBFactory();
  return new IdbReportStore(`pm-${Math.random()}`);
}

async function evidence(): Promise<{ metas: ArtifactMeta[]; records: Array<{ id: string; blob: Blob }> }> {
  const metas: ArtifactMeta[] = [];
  const records: Array<{ id: string; blob: Blob }> = [];
  for (const kind of ['post-json', 'page-meta', 'screenshot', 'screenshot-full'] as const) {
    const blob = new Blob([`${kind} bytes`], { type: kind.startsWith('screenshot') ? 'image/png' : 'application/json' });
    const id = crypto.randomUUID();
    records.push({ id, blob });
    metas.push({ id, kind, mime: blob.type, size: blob.size, sha256: await sha256Hex(blob), itemIndex: 0, createdAt: post.capturedAt, excluded: false });
  }
  return { metas, records };
}

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 42]);
const fetcher = async (url: string) => {
  if (url === 'https://img.example.com/a.png') return new Response(png, { headers: { 'content-type': 'image/png' } });
  if (url.endsWith('page.html')) return new Response('<html>', { headers: { 'content-type': 'text/html' } });
  return new Response('nope', { status: 404 });
};

describe('purgeVisualEvidence', () => {
  it('deletes screenshots and media bytes, marks the report url-only and re-signs what is left', async () => {
    const store = freshStore();
    const { report } = await recordCapture(store, { post, ...(await evidence()), urlOnly: false }, { userAgent: 'UA' });
    await fetchReportMedia(store, report.id, { fetcher, userAgent: 'UA' });
    const before = (await store.get(report.id))!;
    expect(before.evidence.map((e) => e.kind)).toContain('media');
    const visualIds = before.evidence.filter((e) => ['screenshot', 'screenshot-full', 'media'].includes(e.kind)).map((e) => e.id);

    const { report: after, removed } = await purgeVisualEvidence(store, report.id, 'UA');
    expect(removed).toBe(3);
    expect(after.evidencePolicy).toBe('url-only');
    expect(after.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    for (const id of visualIds) expect(await store.getArtifact(id)).toBeUndefined();
    const manifest = JSON.parse(after.signed!.manifest) as { evidencePolicy: string; artifacts: Array<{ kind: string }> };
    expect(manifest.evidencePolicy).toBe('url-only');
    expect(manifest.artifacts.map((a) => a.kind).sort()).toEqual(['page-meta', 'post-json']);
    expect((await verifyStoredReport(store, after)).ok).toBe(true);
    // Media can no longer be fetched for it.
    await expect(fetchReportMedia(store, report.id, { fetcher, userAgent: 'UA' })).rejects.toBeInstanceOf(MediaRefusedError);
  });

  it('a url-only capture keeps the URLs and ids, not the text or any picture', async () => {
    const store = freshStore();
    const { report } = await recordCapture(store, { post, ...(await evidence()), urlOnly: true }, { userAgent: 'UA' });
    expect(report.evidencePolicy).toBe('url-only');
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    expect(report.items[0]!.text).toBe('');
    expect(report.items[0]!.context[0]!.text).toBe('');
    expect(report.items[0]!.permalink).toBe(post.permalink);
    expect(report.items[0]!.ids).toEqual({ postId: '7' });
    const stored = (await store.get(report.id))!;
    for (const e of stored.evidence) expect(await store.getArtifact(e.id)).toBeDefined();
  });
});

describe('gathering and url-only captures', () => {
  it('never gathers a url-only capture into an ordinary report, but does into a url-only one', async () => {
    const store = freshStore();
    const { report: ordinary } = await recordCapture(store, { post, ...(await evidence()), urlOnly: false }, { userAgent: 'UA' });
    const separate = await recordCapture(store, { post, ...(await evidence()), urlOnly: true }, { userAgent: 'UA', gatherInto: ordinary.id });
    expect(separate.appended).toBe(false);
    expect(separate.report.id).not.toBe(ordinary.id);
    expect((await store.get(ordinary.id))!.items).toHaveLength(1);
    const joined = await recordCapture(store, { post, ...(await evidence()), urlOnly: true }, { userAgent: 'UA', gatherInto: separate.report.id });
    expect(joined.appended).toBe(true);
    expect(joined.report.items).toHaveLength(2);
    expect(joined.report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'page-meta', 'post-json', 'post-json']);
  });
});

describe('fetchReportMedia', () => {
  it('stores images only, hashed, with their cleaned source URL, and signs them', async () => {
    const store = freshStore();
    const { report } = await recordCapture(store, { post, ...(await evidence()), urlOnly: false }, { userAgent: 'UA' });
    const fetched: string[] = [];
    const result = await fetchReportMedia(store, report.id, { fetcher: async (u) => (fetched.push(u), fetcher(u)), userAgent: 'UA' });
    expect(result).toEqual({ stored: 1, failed: 2, skipped: 1 });
    expect(fetched).not.toContain('https://video.example.com/v.mp4');
    const after = (await store.get(report.id))!;
    const media = after.evidence.filter((e) => e.kind === 'media');
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ mime: 'image/png', size: png.length, sha256: await sha256Hex(png), sourceUrl: 'https://img.example.com/a.png', itemIndex: 0 });
    expect(JSON.parse(after.signed!.manifest).artifacts.some((a: { sourceUrl?: string }) => a.sourceUrl === 'https://img.example.com/a.png')).toBe(true);
    expect((await verifyStoredReport(store, after)).ok).toBe(true);
    // Asking again does not store the same image twice.
    expect((await fetchReportMedia(store, report.id, { fetcher, userAgent: 'UA' })).stored).toBe(0);
  });

  it('also fetches the images of the item\'s context (a quoted original)', async () => {
    const store = freshStore();
    const quoted: CapturedPost = {
      ...post,
      media: [],
      context: [{ role: 'quoted', kind: 'post', ids: {}, text: 'q', media: [{ type: 'image', url: 'https://img.example.com/a.png' }] }],
    };
    const { report } = await recordCapture(store, { post: quoted, ...(await evidence()), urlOnly: false }, { userAgent: 'UA' });
    expect(await fetchReportMedia(store, report.id, { fetcher, userAgent: 'UA' })).toEqual({ stored: 1, failed: 0, skipped: 0 });
  });

  it('refuses oversized and non-image answers and survives a network error', async () => {
    const store = freshStore();
    const { report } = await recordCapture(store, { post, ...(await evidence()), urlOnly: false }, { userAgent: 'UA' });
    const result = await fetchReportMedia(store, report.id, {
      userAgent: 'UA',
      fetcher: async (u) => {
        if (u.endsWith('a.png')) return new Response(png, { headers: { 'content-type': 'image/png', 'content-length': String(MAX_MEDIA_BYTES + 1) } });
        throw new TypeError('Failed to fetch');
      },
    });
    expect(result).toEqual({ stored: 0, failed: 3, skipped: 1 });
    expect((await store.get(report.id))!.evidence.some((e) => e.kind === 'media')).toBe(false);
  });
});
