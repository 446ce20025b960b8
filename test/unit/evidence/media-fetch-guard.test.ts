// Security (issue 24, item 19): "fetch media" fetches URLs a page supplied. It must never reach into the
// person's own machine or network (loopback, private, link-local addresses, local names), never follow a
// redirect (the browser would go there before anything could check it), and stop reading a body at the
// size cap instead of reading it all first. The replicas on 127.0.0.1 in the browser tests are reached
// only through an explicit setting the tests name (MEDIA_PRIVATE_HOSTS_META), never by default.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore } from '../../../src/storage/report-store';
import { newDraft, type Report } from '../../../src/model/report';
import type { CapturedPost } from '../../../src/model/captured-post';
import { defaultFetcher, fetchReportMedia, isPrivateTarget, MAX_MEDIA_BYTES, MEDIA_PRIVATE_HOSTS_META } from '../../../src/evidence/media';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);

async function reportWith(urls: string[]): Promise<{ store: IdbReportStore; report: Report }> {
  globalThis.indexedDB = new IDBFactory();
  const store = new IdbReportStore(`media-${Math.random()}`);
  const post: CapturedPost = {
    platform: 'weibo', kind: 'post', ids: { mid: '1' }, pageUrl: 'https://weibo.com/1/1', permalink: 'https://weibo.com/1/1', pageTitle: 't',
    text: 'x', author: { name: 'a' }, media: urls.map((url) => ({ type: 'image' as const, url })), context: [], capturedAt: '2026-11-01T00:00:00.000Z',
  };
  const report = newDraft([post], []);
  await store.create(report, []);
  return { store, report };
}

describe('private and local targets', () => {
  it.each([
    'http://127.0.0.1/a.png',
    'http://127.1.2.3:8080/a.png',
    'http://2130706433/a.png', // 127.0.0.1 as one number
    'http://0x7f.1/a.png',
    'http://0177.0.0.1/a.png',
    'http://10.0.0.8/a.png',
    'http://172.16.5.4/a.png',
    'http://172.31.255.255/a.png',
    'http://192.168.0.1/a.png',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/a.png',
    'http://0.0.0.0/a.png',
    'http://224.0.0.1/a.png',
    'http://255.255.255.255/a.png',
    'http://[::1]/a.png',
    'http://[::]/a.png',
    'http://[fd00::1]/a.png',
    'http://[fe80::1]/a.png',
    'http://[::ffff:127.0.0.1]/a.png',
    'http://[::ffff:192.168.1.1]/a.png',
    'http://[64:ff9b::10.0.0.1]/a.png',
    'http://localhost/a.png',
    'http://localhost.:3000/a.png',
    'http://printer.localhost/a.png',
    'http://nas.local/a.png',
    'http://router/a.png',
    'http://db.internal/a.png',
    'http://fritz.box.home.arpa/a.png',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isPrivateTarget(url)).toBe(true);
  });

  it.each([
    'https://wx1.sinaimg.cn/large/a.jpg',
    'https://i0.hdslb.com/bfs/a.png',
    'http://8.8.8.8/a.png',
    'http://172.32.0.1/a.png',
    'http://192.169.0.1/a.png',
    'http://[2001:db8::1]/a.png',
    'http://[::ffff:8.8.8.8]/a.png',
  ])('allows %s', (url) => {
    expect(isPrivateTarget(url)).toBe(false);
  });
});

describe('fetchReportMedia', () => {
  it('never asks for a private or local target a page supplied, and still fetches the public ones', async () => {
    const targets = ['http://192.168.0.1/router.png', 'http://127.0.0.1:9/x.png', 'http://[::1]/x.png', 'http://localhost/x.png', 'https://img.example.com/ok.png'];
    const { store, report } = await reportWith(targets);
    const asked: string[] = [];
    const result = await fetchReportMedia(store, report.id, {
      userAgent: 'UA',
      fetcher: async (url) => (asked.push(url), new Response(PNG, { headers: { 'content-type': 'image/png' } })),
    });
    expect(asked).toEqual(['https://img.example.com/ok.png']);
    expect(result).toEqual({ stored: 1, failed: 4, skipped: 0 });
  });

  it('reaches a private host only when the explicit test setting names it', async () => {
    const { store, report } = await reportWith(['http://127.0.0.1:9/x.png', 'http://192.168.0.1/y.png']);
    await store.setMeta(MEDIA_PRIVATE_HOSTS_META, ['127.0.0.1']);
    const asked: string[] = [];
    const result = await fetchReportMedia(store, report.id, {
      userAgent: 'UA',
      fetcher: async (url) => (asked.push(url), new Response(PNG, { headers: { 'content-type': 'image/png' } })),
    });
    expect(asked).toEqual(['http://127.0.0.1:9/x.png']);
    expect(result).toEqual({ stored: 1, failed: 1, skipped: 0 });
  });

  it('stops reading a body at the size cap: the rest is never pulled', async () => {
    const { store, report } = await reportWith(['https://img.example.com/huge.png']);
    const chunk = new Uint8Array(1024 * 1024);
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        controller.enqueue(chunk);
        if (pulled >= 500 * 1024 * 1024) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const result = await fetchReportMedia(store, report.id, {
      userAgent: 'UA',
      // No content-length: the size is only known by reading.
      fetcher: async () => new Response(body, { headers: { 'content-type': 'image/png' } }),
    });
    expect(result).toEqual({ stored: 0, failed: 1, skipped: 0 });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(MAX_MEDIA_BYTES + 2 * chunk.length);
  });

  it('refuses a response that a fetcher followed to another origin', async () => {
    const { store, report } = await reportWith(['https://img.example.com/moved.png']);
    const result = await fetchReportMedia(store, report.id, {
      userAgent: 'UA',
      fetcher: async () => {
        const r = new Response(PNG, { headers: { 'content-type': 'image/png' } });
        Object.defineProperty(r, 'redirected', { value: true });
        Object.defineProperty(r, 'url', { value: 'http://evil.example/moved.png' });
        return r;
      },
    });
    expect(result).toEqual({ stored: 0, failed: 1, skipped: 0 });
  });

  it('asks the browser not to follow redirects, without cookies or referrer', async () => {
    const seen: RequestInit[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (_u: unknown, init: RequestInit) => (seen.push(init), new Response(PNG))) as typeof fetch;
    try {
      await defaultFetcher('https://img.example.com/a.png');
    } finally {
      globalThis.fetch = original;
    }
    expect(seen[0]).toMatchObject({ redirect: 'error', credentials: 'omit', referrerPolicy: 'no-referrer' });
  });
});
