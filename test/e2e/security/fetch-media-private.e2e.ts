// Attack suite (issue 24, item 19): "fetch media" with image URLs a hostile page supplied.
//
// What was seen: the worker fetched whatever image URL the captured page named — the person's router at
// http://192.168.0.1/…, this machine's own services — followed redirects to anywhere, and read a whole
// body before looking at its size. What must hold: no request to a loopback, private or link-local
// target (127.0.0.1 in any spelling, localhost, …), no redirect followed (so a public image cannot bounce
// the worker to 127.0.0.1), reading stops at the size cap; public images are still saved. The replicas
// on 127.0.0.1 in other specs are reached only through the explicit test setting, shown last here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../../support/chromium';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { dbPut, inPage } from '../../support/in-page';
import { extensionPage, readStore, send } from '../submission-support';
import { MAX_MEDIA_BYTES, MEDIA_PRIVATE_HOSTS_META } from '../../../src/evidence/media';
import type { Report } from '../../../src/model/report';

const PNG = readFileSync(`${SITES_ROOT}weibo.com/pic.png`);
const HUGE_BYTES = 120 * 1024 * 1024;

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;
/** Paths asked for under /private/ (the targets that must never be reached), and the other counters. */
const privateHits: string[] = [];
let redirectHits = 0;
let hugeBytesSent = 0;

beforeAll(async () => {
  server = await startFixtureServer();
  server.handlers.push(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/private/')) {
      privateHits.push(url.pathname);
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      res.end(PNG);
      return true;
    }
    if (url.pathname === '/img/redirect.png') {
      redirectHits++;
      res.writeHead(302, { location: `http://127.0.0.1:${server.port}/private/after-redirect.png` });
      res.end();
      return true;
    }
    if (url.pathname === '/img/huge.png') {
      // No content-length: only reading tells the size. Written with backpressure, so what is counted as
      // sent is what the reader pulled (plus the socket buffers).
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(256 * 1024, 7);
      let stopped = false;
      res.on('close', () => (stopped = true));
      while (!stopped && hugeBytesSent < HUGE_BYTES) {
        hugeBytesSent += chunk.length;
        if (!res.write(chunk)) await new Promise<void>((r) => (res.once('drain', r), res.once('close', r)));
      }
      if (!stopped) res.end();
      return true;
    }
    return false;
  });
  // weibo.com at its real hostname (a platform: host permission at install, no grant needed).
  session = await launchWithExtension({ hostResolverRules: `MAP weibo.com 127.0.0.1:${server.port}` });
  ext = await extensionPage(session);
  await ext.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'report-assistant'), undefined, { timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** A report whose captured post names these images (as a hostile page's post would). */
async function seedReportWithImages(urls: string[]): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const report = {
    id, status: 'saved', createdAt: now, updatedAt: now, evidence: [], categoryId: 'illegal-11-fraud', description: '媒体攻击测试',
    destinations: [], anonymous: true,
    items: [{
      platform: 'weibo', kind: 'post', ids: { mid: '4890000000000555' }, pageUrl: 'https://weibo.com/1/4890000000000555', pageTitle: '微博',
      author: { name: '某人', id: '1' }, text: '看图', media: urls.map((url) => ({ type: 'image', url })), context: [], capturedAt: now,
    }],
  };
  await inPage(ext, dbPut, [{ store: 'reports', row: report }]);
  return id;
}

describe('attack: fetch media aimed at this machine and the person’s network', () => {
  it('reaches no loopback target, follows no redirect, stops reading at the cap, and still saves the public image', async () => {
    const port = server.port;
    const reportId = await seedReportWithImages([
      `http://127.0.0.1:${port}/private/loopback.png`,
      `http://2130706433:${port}/private/decimal.png`, // 127.0.0.1 written as one number
      `http://localhost:${port}/private/localhost.png`,
      'http://weibo.com/img/redirect.png', // 302 → http://127.0.0.1:…/private/after-redirect.png
      'http://weibo.com/img/huge.png', // 120 MB, no content-length
      'http://weibo.com/pic.png', // an ordinary public image
    ]);

    expect(await send(ext, { type: 'fetch-media', payload: { reportId } })).toEqual({ ok: true, stored: 1, failed: 5, skipped: 0 });
    expect(privateHits).toEqual([]);
    expect(redirectHits).toBe(1);
    expect(hugeBytesSent).toBeGreaterThan(MAX_MEDIA_BYTES);
    expect(hugeBytesSent).toBeLessThan(MAX_MEDIA_BYTES + 40 * 1024 * 1024);

    const report = (await readStore<Report>(ext, 'reports')).find((r) => r.id === reportId)!;
    const media = report.evidence.filter((e) => e.kind === 'media');
    expect(media.map((m) => m.sourceUrl)).toEqual(['http://weibo.com/pic.png']);
    expect(media[0]!.size).toBe(PNG.length);

    // The explicit test setting (what the specs that fetch from their 127.0.0.1 replicas name) opens that
    // one host, in any spelling the URL parser turns into it — and nothing else.
    await inPage(ext, dbPut, [{ store: 'meta', row: { key: MEDIA_PRIVATE_HOSTS_META, value: ['127.0.0.1'] } }]);
    redirectHits = 0;
    expect(await send(ext, { type: 'fetch-media', payload: { reportId } })).toEqual({ ok: true, stored: 2, failed: 3, skipped: 1 });
    expect([...privateHits].sort()).toEqual(['/private/decimal.png', '/private/loopback.png']);
    expect(redirectHits).toBe(1);
    await inPage(ext, dbPut, [{ store: 'meta', row: { key: MEDIA_PRIVATE_HOSTS_META, value: [] } }]);
  });
});
