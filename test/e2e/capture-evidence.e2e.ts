// Signed evidence and stitched screenshots, in Chromium with the built extension: a capture verifies;
// one changed byte in IndexedDB is named by the dashboard; a post taller than the window is stitched
// from several captures, in order, without the page's fixed bar repeating down the picture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { webcrypto } from 'node:crypto';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { verifyOnDashboard } from '../support/page-checks';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { artifactPixels, dbPut, flipArtifactBit, holdStore, inPage, signingKeyFacts } from '../support/in-page';
import { hasElementShot, readUntil } from '../support/element-shot';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // Named grant: in-page buttons on a generic site (127.0.0.1) and their screenshots need access to pages: this
  // spec is about the evidence of such captures, so it starts granted (fresh-install.e2e.ts walks the way to the
  // grant from the build as shipped)
  session = await launchWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function clickReport(page: Page, selector: string): Promise<string> {
  const button = page.locator(`${selector} [data-report-assistant="report"]`);
  await button.click();
  await page.waitForFunction(
    (sel) => document.querySelector<HTMLElement>(`${sel} [data-report-assistant="report"]`)?.dataset.state === 'done',
    selector,
    { timeout: 30_000 },
  );
  return (await button.getAttribute('data-report-id'))!;
}

async function reportById(page: Page, id: string): Promise<Report> {
  const report = ((await readReports(page)) as Report[]).find((r) => r.id === id);
  expect(report, `report ${id}`).toBeDefined();
  return report!;
}

/** Flips one bit of a stored artifact's bytes, as someone editing the profile's database would. */
const tamper = (page: Page, artifactId: string) => inPage(page, flipArtifactBit, artifactId);



describe('signed evidence', () => {
  it('finishes a crop the worker did not get to (stopped after storing the record): the form cuts it and signs again', async () => {
    const feed = await session.context.newPage();
    await feed.goto(`${server.origin}/feed/`);
    const reportId = await clickReport(feed, '#post-1003');
    const reader = await session.openPopup(`?report=${reportId}`);
    const done = await readUntil(() => reportById(reader, reportId), hasElementShot);
    const crop = done.evidence.find((e) => e.kind === 'screenshot')!;
    const full = done.evidence.find((e) => e.kind === 'screenshot-full')!;
    // The record as the worker stores it before cropping: no element picture yet, the crop to make noted.
    const box = { sx: 0, sy: 0, sw: 120, sh: 80 };
    const before = { ...done, evidence: done.evidence.filter((e) => e.id !== crop.id), pendingCrops: [{ fromId: full.id, box }] };
    await inPage(reader, dbPut, [{ store: 'reports', row: before }]);
    // The signing key's store held open from this page: the form can cut and store the picture, but not sign
    // until it is released. A picture stored before its signature would show here unsigned.
    await inPage(reader, holdStore, 'meta');

    const form = await session.openPopup(`?report=${reportId}`);
    const seenWhileHeld = await readUntil(() => reportById(reader, reportId), hasElementShot, 2_000).catch(() => undefined);
    expect(seenWhileHeld, 'the cropped picture was stored before the signature that covers it').toBeUndefined();
    await reader.evaluate(() => (window as unknown as { releaseHeldStore: () => void }).releaseHeldStore());
    const report = await readUntil(() => reportById(reader, reportId), (r) => hasElementShot(r) && !r.pendingCrops);
    await reader.close();
    const made = report.evidence.find((e) => e.kind === 'screenshot')!;
    expect(made.id).not.toBe(crop.id);
    // Stored with the signature that covers it, in one write: closing the form at once cannot leave it outside.
    expect((JSON.parse(report.signed!.manifest) as { artifacts: Array<{ id: string }> }).artifacts.map((a) => a.id)).toContain(made.id);
    expect(made).toMatchObject({ itemIndex: 0, mime: 'image/png', createdAt: full.createdAt });
    expect(report.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta', 'screenshot', 'screenshot-full']);
    const pixels = await inPage(form, artifactPixels, { id: made.id });
    expect([pixels.width, pixels.height]).toEqual([box.sw, box.sh]);
    await form.close();
    expect(await verifyOnDashboard(session, reportId)).toContain('签名有效，全部 4 项证据与采集时一致');
    await feed.close();
  });


  it('signs each capture with a non-extractable key; the dashboard verifies it and names a tampered artifact', async () => {
    const feed = await session.context.newPage();
    await feed.goto(`${server.origin}/feed/`);
    const reportId = await clickReport(feed, '#post-1002');
    const page = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(page, reportId);
    expect(report.signed).toBeDefined();

    // The manifest lists every artifact with the hash of its stored bytes, and the signature holds
    // under the public key it carries — checked here in Node, independently of the extension's code.
    const manifest = JSON.parse(report.signed!.manifest) as {
      reportId: string;
      keyId: string;
      userAgent: string;
      publicKey: JsonWebKey;
      artifacts: Array<{ id: string; sha256: string; kind: string }>;
    };
    expect(manifest.reportId).toBe(reportId);
    expect(manifest.userAgent).toContain('Chrome');
    const stored = await readArtifacts(page);
    expect(manifest.artifacts.map((a) => a.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    for (const a of manifest.artifacts) expect(stored.find((s) => s.id === a.id)?.sha256).toBe(a.sha256);
    const key = await webcrypto.subtle.importKey('jwk', manifest.publicKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const signatureOk = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Buffer.from(report.signed!.signature, 'base64'),
      new TextEncoder().encode(report.signed!.manifest),
    );
    expect(signatureOk).toBe(true);

    // The private key in IndexedDB cannot be read out.
    const keyFacts = await inPage(page, signingKeyFacts, null);
    expect(keyFacts).toEqual({ extractable: false, exported: 'refused', keyId: manifest.keyId });

    expect(await verifyOnDashboard(session, reportId)).toContain('签名有效，全部 4 项证据与采集时一致');

    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    await tamper(page, shot.id);
    const after = await verifyOnDashboard(session, reportId);
    expect(after).toContain('帖子截图 与采集时不一致');
    expect(after).not.toContain('签名无效');
    expect(after).not.toContain('内容记录');
    await Promise.all([feed.close(), page.close()]);
  });

  it('says the signature is invalid when the stored manifest itself was edited', async () => {
    const feed = await session.context.newPage();
    await feed.goto(`${server.origin}/feed/`);
    const reportId = await clickReport(feed, '#post-1001');
    const page = await session.openPopup(`?report=${reportId}`);
    await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const tx = db.transaction('reports', 'readwrite');
      const r = tx.objectStore('reports').get(id);
      r.onsuccess = () => {
        const report = r.result as { signed: { manifest: string } };
        report.signed.manifest = report.signed.manifest.replace('"post"', '"comment"');
        tx.objectStore('reports').put(report);
      };
      await new Promise((res) => (tx.oncomplete = res));
      db.close();
    }, reportId);
    expect(await verifyOnDashboard(session, reportId)).toContain('签名无效');
    await Promise.all([feed.close(), page.close()]);
  });
});

describe('stitched screenshots', () => {
  it('stitches a post taller than the window from several captures, in order, and restores the page', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/long/`);
    await page.waitForSelector('#post-long [data-report-assistant="report"]');
    const box = await page.evaluate(() => {
      const r = document.querySelector('#post-long')!.getBoundingClientRect();
      return { width: r.width, height: r.height, top: r.top + window.scrollY };
    });
    expect(box.height).toBeGreaterThan(2400);
    const buttonAt = await page.evaluate(() => {
      const a = document.querySelector('#post-long')!.getBoundingClientRect();
      const b = document.querySelector('#post-long [data-report-assistant="report"]')!.getBoundingClientRect();
      return { x: Math.round(b.left - a.left), y: Math.round(b.top - a.top + b.height / 2) };
    });
    const reportId = await clickReport(page, '#post-long');
    const scrollAfter = await page.evaluate(() => window.scrollY);
    const barVisible = await page.evaluate(() => getComputedStyle(document.querySelector('#topbar')!).visibility);
    expect(barVisible).toBe('visible');

    const popup = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(popup, reportId);
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const shotId = report.evidence.find((e) => e.kind === 'screenshot')!.id;
    const picture = await popup.evaluate(async ({ id, at }) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = db.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      db.close();
      const bmp = await createImageBitmap(row.blob);
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      // The colour down the middle column, every 10 px.
      const column: string[] = [];
      for (let y = 0; y < bmp.height; y += 10) {
        const [r, g, b] = ctx.getImageData(Math.floor(bmp.width / 2), y, 1, 1).data;
        column.push(`${r},${g},${b}`);
      }
      // The extension's own report button, at the bottom of the post, is hidden while the parts are taken.
      const strip = ctx.getImageData(Math.max(0, at.x - 1), at.y, 4, 1).data;
      const atButton = new Set<string>();
      for (let i = 0; i < strip.length; i += 4) atButton.add(`${strip[i]},${strip[i + 1]},${strip[i + 2]}`);
      return { width: bmp.width, height: bmp.height, column, atButton: [...atButton] };
    }, { id: shotId, at: buttonAt });
    expect(Math.abs(picture.width - box.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(picture.height - box.height)).toBeLessThanOrEqual(3);
    // The bands appear once each, in page order; the fixed black bar is nowhere in the picture.
    const bands = ['255,0,0', '0,160,0', '0,0,255', '255,200,0', '0,200,200', '200,0,200'];
    const order: string[] = [];
    for (const c of picture.column) if (bands.includes(c) && order.at(-1) !== c) order.push(c);
    expect(order).toEqual(bands);
    const runs = bands.map((band) => picture.column.filter((c) => c === band).length);
    for (const run of runs) expect(run).toBeGreaterThanOrEqual(38);
    expect(picture.column).not.toContain('0,0,0');
    expect(picture.atButton).toEqual(['255,255,255']);
    // Back where the person was.
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollAfter);
    await Promise.all([page.close(), popup.close()]);
  });

  it('keeps the fixed bar out when the long post\'s top is already in the window, under the bar', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/long/`);
    await page.waitForSelector('#post-long [data-report-assistant="report"]');
    // The post's top 20 px below the window's top, behind the 48 px bar; clicked without Playwright scrolling.
    await page.evaluate(() => window.scrollTo(0, document.querySelector('#post-long')!.getBoundingClientRect().top + window.scrollY - 20));
    // A trusted activation without scrolling (the content script ignores clicks made by page scripts):
    // focus without scrolling, then Enter from the keyboard.
    await page.evaluate(() => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')!.focus({ preventScroll: true }));
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')?.dataset.state === 'done',
      undefined,
      { timeout: 30_000 },
    );
    const reportId = (await page.locator('#post-long [data-report-assistant="report"]').getAttribute('data-report-id'))!;
    const popup = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(popup, reportId);
    const top = await popup.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = db.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      db.close();
      const bmp = await createImageBitmap(row.blob);
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      // The first 60 rows down the middle: the post's header, never the black bar.
      const blackRows: number[] = [];
      for (let y = 0; y < Math.min(60, bmp.height); y++) {
        const [r, g, b] = ctx.getImageData(Math.floor(bmp.width / 2), y, 1, 1).data;
        if (r === 0 && g === 0 && b === 0) blackRows.push(y);
      }
      return { height: bmp.height, blackRows };
    }, report.evidence.find((e) => e.kind === 'screenshot')!.id);
    expect(top.height).toBeGreaterThan(2400);
    expect(top.blackRows).toEqual([]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('crops a post that fits from a single capture', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/long/`);
    await page.waitForSelector('#post-short [data-report-assistant="report"]');
    const reportId = await clickReport(page, '#post-short');
    const popup = await session.openPopup(`?report=${reportId}`);
    const report = await readUntil(() => reportById(popup, reportId), hasElementShot);
    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    const full = report.evidence.find((e) => e.kind === 'screenshot-full')!;
    expect(shot.size).toBeLessThan(full.size);
    await Promise.all([page.close(), popup.close()]);
  });
});
