// Signed evidence and stitched screenshots in Firefox ESR: the same assertions as
// test/e2e/capture-evidence.e2e.ts (Chromium). Firefox differs in what matters here: WebCrypto keys kept
// in IndexedDB, `captureVisibleTab` scaling and timing, scrolling and fixed elements while stitching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { webcrypto } from 'node:crypto';
import { buttonNamed, captureEnded, gotoPage, launchFirefoxWithExtension, textOf, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readArtifacts, readReports } from '../../support/extension-db';
import type { Report } from '../../../src/model/report';
import { flipArtifactBit, inPage, signingKeyFacts } from '../../support/in-page';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // `<all_urls>`: the report buttons on the feed (127.0.0.1, a site of no host permission) exist only with
  // the "all sites" grant, and an in-page button takes its screenshot only with it.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const db = (page: Page) => page as unknown as PlaywrightPage;

async function clickReport(page: Page, selector: string): Promise<string> {
  const button = `${selector} [data-report-assistant="report"]`;
  await page.click(button);
  expect(await captureEnded(page, button, 30_000), 'the capture, with its screenshot').toBe('done');
  return (await page.$eval(button, (b) => b.getAttribute('data-report-id')))!;
}

async function reportById(page: Page, id: string): Promise<Report> {
  const report = ((await readReports(db(page))) as Report[]).find((r) => r.id === id);
  expect(report, `report ${id}`).toBeDefined();
  return report!;
}

async function verifyOnDashboard(reportId: string): Promise<string> {
  const dashboard = await session.openDashboard();
  const card = `[data-report-id="${reportId}"]`;
  await dashboard.waitForSelector(card, { timeout: 10_000 });
  await dashboard.click(`${card} summary`);
  await (await buttonNamed(dashboard, '校验证据完整性', card)).click();
  const text = await textOf(dashboard, `${card} [data-testid="verify-result"]`);
  await dashboard.close();
  return text;
}

describe('signed evidence (Firefox)', () => {
  it('signs each capture with a non-extractable key; the dashboard verifies it and names a tampered artifact', async () => {
    const feed = await session.newPage();
    await gotoPage(feed, `${server.origin}/feed/`);
    await feed.waitForSelector('#post-1002 [data-report-assistant="report"]', { timeout: 20_000 });
    const reportId = await clickReport(feed, '#post-1002');
    const page = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(page, reportId);
    expect(report.signed).toBeDefined();
    const manifest = JSON.parse(report.signed!.manifest) as {
      reportId: string;
      keyId: string;
      userAgent: string;
      publicKey: JsonWebKey;
      artifacts: Array<{ id: string; sha256: string; kind: string }>;
    };
    expect(manifest.reportId).toBe(reportId);
    expect(manifest.userAgent).toContain('Firefox');
    const stored = await readArtifacts(db(page));
    expect(manifest.artifacts.map((a) => a.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    for (const a of manifest.artifacts) expect(stored.find((s) => s.id === a.id)?.sha256).toBe(a.sha256);
    // Checked in Node, independently of the extension's code.
    const key = await webcrypto.subtle.importKey('jwk', manifest.publicKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const signatureOk = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Buffer.from(report.signed!.signature, 'base64'),
      new TextEncoder().encode(report.signed!.manifest),
    );
    expect(signatureOk).toBe(true);

    // Firefox keeps the CryptoKey in IndexedDB as it is: still not extractable.
    const keyFacts = await inPage(page, signingKeyFacts, null);
    expect(keyFacts).toEqual({ extractable: false, exported: 'refused', keyId: manifest.keyId });

    expect(await verifyOnDashboard(reportId)).toContain('签名有效，全部 4 项证据与采集时一致');

    // One flipped bit in the stored screenshot is named, and only that artifact.
    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    await inPage(page, flipArtifactBit, shot.id);
    const after = await verifyOnDashboard(reportId);
    expect(after).toContain('帖子截图 与采集时不一致');
    expect(after).not.toContain('签名无效');
    expect(after).not.toContain('内容记录');
    await Promise.all([feed.close(), page.close()]);
  });
});

describe('stitched screenshots (Firefox)', () => {
  it('stitches a post taller than the window from several captures, in order, and restores the page', async () => {
    const page = await session.newPage();
    await gotoPage(page, `${server.origin}/long/`);
    await page.waitForSelector('#post-long [data-report-assistant="report"]', { timeout: 20_000 });
    const box = await page.evaluate(() => {
      const r = document.querySelector('#post-long')!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    expect(box.height).toBeGreaterThan(2400);
    const reportId = await clickReport(page, '#post-long');
    const scrollAfter = await page.evaluate(() => window.scrollY);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#topbar')!).visibility)).toBe('visible');

    const popup = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(popup, reportId);
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const shotId = report.evidence.find((e) => e.kind === 'screenshot')!.id;
    const picture = await popup.evaluate(async (id) => {
      const opened = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = opened.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      opened.close();
      const bmp = await createImageBitmap(row.blob);
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const column: string[] = [];
      for (let y = 0; y < bmp.height; y += 10) {
        const [r, g, b] = ctx.getImageData(Math.floor(bmp.width / 2), y, 1, 1).data;
        column.push(`${r},${g},${b}`);
      }
      return { width: bmp.width, height: bmp.height, column };
    }, shotId);
    expect(Math.abs(picture.width - box.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(picture.height - box.height)).toBeLessThanOrEqual(3);
    // The bands appear once each, in page order; the fixed black bar is nowhere in the picture.
    const bands = ['255,0,0', '0,160,0', '0,0,255', '255,200,0', '0,200,200', '200,0,200'];
    const order: string[] = [];
    for (const c of picture.column) if (bands.includes(c) && order.at(-1) !== c) order.push(c);
    expect(order).toEqual(bands);
    for (const band of bands) expect(picture.column.filter((c) => c === band).length).toBeGreaterThanOrEqual(38);
    expect(picture.column).not.toContain('0,0,0');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollAfter);
    await Promise.all([page.close(), popup.close()]);
  });
});
