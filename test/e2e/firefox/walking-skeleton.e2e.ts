// The walking skeleton in Firefox ESR, from the Firefox build: the same flow and the same assertions as
// test/e2e/walking-skeleton.e2e.ts (Chromium), driven with puppeteer over WebDriver BiDi. Keep the two
// in step: a change to the form's or the dashboard's hooks changes both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import {
  buttonNamed,
  captureEnded,
  eventually,
  gotoPage,
  launchFirefoxWithExtension,
  textOf,
  type FirefoxExtensionSession,
} from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readArtifacts, readReports } from '../../support/extension-db';
import type { Report } from '../../../src/model/report';
import { hasElementShot, readUntil } from '../../support/element-shot';

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

// extension-db's helpers only call `page.evaluate(fn, arg)`, which puppeteer's Page has with the same meaning.
const db = (page: Page) => page as unknown as PlaywrightPage;

async function openFeed(query = ''): Promise<Page> {
  const page = await session.newPage();
  await gotoPage(page, `${server.origin}/feed/${query}`);
  await page.waitForSelector('[data-report-assistant="report"]', { timeout: 20_000 });
  return page;
}

/** Clicks the report button of one post and waits until the background has stored the capture. */
async function capture(page: Page, postId: string): Promise<string> {
  const selector = `#post-${postId} [data-report-assistant="report"]`;
  await page.click(selector);
  expect(await captureEnded(page, selector), 'the capture, with its screenshot').toBe('done');
  const reportId = await page.$eval(selector, (b) => b.getAttribute('data-report-id'));
  expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
  return reportId!;
}

async function storedReport(page: Page, id: string): Promise<Report> {
  const reports = (await readReports(db(page))) as Report[];
  const report = reports.find((r) => r.id === id);
  expect(report, `report ${id} stored`).toBeDefined();
  return report!;
}

const valueOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);

/** Replaces a text field's content by typing, as a person does. */
async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

async function save(popup: Page): Promise<void> {
  // The form asks for the good-faith statement before saving (issue 4).
  if (!(await popup.$eval('#good-faith', (el) => (el as HTMLInputElement).checked))) await popup.click('#good-faith');
  await (await buttonNamed(popup, '保存举报')).click();
  await popup.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
}

describe('walking skeleton (Firefox)', () => {
  it('puts exactly one accessible report button on each post', async () => {
    const page = await openFeed();
    await eventually(
      () => page.$$eval('button', (bs) => bs.filter((b) => (b.getAttribute('aria-label') ?? b.textContent) === '举报').length),
      (n) => n === 3,
    );
    for (const id of ['1001', '1002', '1003']) {
      expect(await page.$$eval(`#post-${id} [data-report-assistant="report"]`, (b) => b.length)).toBe(1);
    }
    await page.close();
  });

  it('captures a post, keeps the typing across a closed popup, saves, and lists it with verified evidence', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');

    let popup = await session.openPopup(`?report=${reportId}`);
    await eventually(() => textOf(popup, '[data-testid="item-text"]'), (t) => t.includes('日赚三千'));
    await popup.select('#category', 'illegal-11');
    await popup.type('#description', '冒充理财导师，诱导加微信交会员费');
    // Close mid-way: nothing typed so far may be lost.
    await popup.close();

    popup = await session.openPopup(`?report=${reportId}`);
    await eventually(() => valueOf(popup, '#description'), (v) => v === '冒充理财导师，诱导加微信交会员费');
    expect(await valueOf(popup, '#category')).toBe('illegal-11');
    await popup.focus('#description');
    await popup.keyboard.press('End');
    await popup.type('#description', '，疑似诈骗。');
    await save(popup);

    const report = await readUntil(() => storedReport(popup, reportId), hasElementShot);
    expect(report.status).toBe('saved');
    expect(report.categoryId).toBe('illegal-11');
    expect(report.description).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    const item = report.items[0]!;
    expect(item.platform).toBe('generic');
    expect(item.author).toEqual({ name: '高收益理财导师', id: 'u-scam', profileUrl: `${server.origin}/u/scammer` });
    expect(item.text).toContain('日赚三千，稳赚不赔！');
    expect(item.text).not.toContain('举报');
    // The permalink's tracking parameters: its own test below.
    expect(item.permalink?.startsWith(`${server.origin}/p/1002`)).toBe(true);
    expect(item.pageUrl).toBe(`${server.origin}/feed/`);
    expect(item.publishedAtText).toBe('11月21日 10:05');
    expect(item.publishedAt).toBe('2026-11-21T02:05:00.000Z');
    expect(item.ids.postId).toBe('1002');
    expect(item.media).toEqual([{ type: 'image', url: `${server.origin}/feed/ad.png` }]);
    expect(Math.abs(Date.parse(item.capturedAt) - Date.now())).toBeLessThan(120_000);

    // Every artifact's stored bytes hash to the recorded SHA-256; screenshots are PNG blobs.
    const kinds = report.evidence.map((e) => e.kind).sort();
    expect(kinds).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const artifacts = await readArtifacts(db(popup));
    for (const meta of report.evidence) {
      const stored = artifacts.find((a) => a.id === meta.id);
      expect(stored, meta.kind).toBeDefined();
      expect(stored!.sha256).toBe(meta.sha256);
      expect(stored!.size).toBe(meta.size);
      expect(stored!.reportId).toBe(reportId);
    }
    const crop = artifacts.find((a) => a.id === report.evidence.find((e) => e.kind === 'screenshot')!.id)!;
    const full = artifacts.find((a) => a.id === report.evidence.find((e) => e.kind === 'screenshot-full')!.id)!;
    expect(crop.type).toBe('image/png');
    expect(crop.size).toBeGreaterThan(500);
    expect(crop.size).toBeLessThan(full.size);
    // Firefox's captureVisibleTab gives the same device pixels as Chromium's: the crop is the post's box.
    const dims = await (await feed.$('#post-1002'))!.boundingBox();
    const cropSize = await popup.evaluate(async (id) => {
      const opened = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = opened.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      const bmp = await createImageBitmap(row.blob);
      return { width: bmp.width, height: bmp.height };
    }, crop.id);
    expect(Math.abs(cropSize.width - dims!.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(cropSize.height - dims!.height)).toBeLessThanOrEqual(2);

    const dashboard = await session.openDashboard();
    const card = `[data-report-id="${reportId}"]`;
    await dashboard.waitForSelector(card, { timeout: 10_000 });
    expect(await textOf(dashboard, `${card} [data-testid="report-status"]`)).toBe('已保存');
    expect(await textOf(dashboard, `${card} [data-testid="item-text"]`)).toContain('日赚三千');
    await dashboard.click(`${card} summary`);
    await eventually(
      () => dashboard.$$eval(`${card} [data-testid="evidence-hash"]`, (els) => els.map((e) => e.textContent ?? '')),
      (hashes) => hashes.includes(report.evidence.find((e) => e.kind === 'screenshot')!.sha256),
    );
    await (await buttonNamed(dashboard, '校验证据完整性', card)).click();
    await eventually(() => textOf(dashboard, `${card} [data-testid="verify-result"]`), (t) => t.includes('一致'));
    await Promise.all([feed.close(), popup.close(), dashboard.close()]);
  });

  it('strips tracking parameters from the permalink in the content script, as in Chromium', async () => {
    // In a Firefox content script, `url.searchParams.keys()` (and values/entries) is not iterable:
    // `Array.from(...)` gives [] and `for…of` throws, so URL cleaning written that way (src/capture/url.ts)
    // keeps every parameter in Firefox only. This failed until the background cleaned
    // every URL of a record again (b91d2a3); it keeps that true.
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');
    const popup = await session.openPopup(`?report=${reportId}`);
    const report = await readUntil(() => storedReport(popup, reportId), hasElementShot);
    expect(report.items[0]!.permalink).toBe(`${server.origin}/p/1002`);
    await Promise.all([feed.close(), popup.close()]);
  });

  it('shows hostile captured text as text in the popup and the dashboard, and runs nothing', async () => {
    const feed = await openFeed('?hostile=1');
    const reportId = await capture(feed, '1003');
    const popup = await session.openPopup(`?report=${reportId}`);
    await eventually(
      () => textOf(popup, '[data-testid="item-text"]'),
      (t) => t === '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>',
    );
    expect(await popup.$$eval('.item-text img, .item-text script', (els) => els.length)).toBe(0);
    await fill(popup, '#description', '<b>bold?</b><img src=x onerror="window.__pwned=3">');
    await popup.select('#category', 'harmful-7');
    await save(popup);
    const dashboard = await session.openDashboard();
    const card = `[data-report-id="${reportId}"]`;
    await dashboard.waitForSelector(card, { timeout: 10_000 });
    expect(await textOf(dashboard, `${card} [data-testid="item-text"]`)).toContain('<script>');
    expect(await textOf(dashboard, `${card} [data-testid="report-description"]`)).toContain('<img src=x');
    await new Promise((r) => setTimeout(r, 300));
    for (const page of [popup, dashboard, feed]) {
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
    expect(await dashboard.$$eval('.report-card img[src="x"], .report-card b', (els) => els.length)).toBe(0);
    await Promise.all([feed.close(), popup.close(), dashboard.close()]);
  });

  it('rejects messages from the wrong sender or with a malformed payload', async () => {
    const page = await session.openPopup();
    const replies = await page.evaluate(async () => {
      const send = (m: unknown) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m);
      const post = {
        platform: 'generic',
        kind: 'post',
        ids: {},
        pageUrl: 'https://example.com/',
        pageTitle: 't',
        text: 'x',
        media: [],
        context: [],
        capturedAt: new Date().toISOString(),
      };
      return {
        wrongSender: await send({
          type: 'capture-post',
          payload: { post, rect: { x: 0, y: 0, width: 1, height: 1 }, devicePixelRatio: 1, viewport: { width: 1, height: 1 } },
        }),
        malformed: await send({ type: 'open-form', payload: { reportId: 'not-a-uuid', where: 'tab' } }),
        unknownType: await send({ type: 'delete-everything', payload: {} }),
        notAnObject: await send('capture-post'),
      };
    });
    for (const [name, reply] of Object.entries(replies)) {
      expect(reply, name).toMatchObject({ ok: false, error: 'errorRejected' });
    }
    expect((replies.wrongSender as { detail: string }).detail).toContain('not allowed from extension-page');
    expect((replies.malformed as { detail: string }).detail).toContain('malformed');
    // A web page has no channel to the extension at all.
    const feed = await openFeed();
    const reachable = await feed.evaluate(() => {
      const w = window as { chrome?: { runtime?: { sendMessage?: unknown } }; browser?: { runtime?: { sendMessage?: unknown } } };
      return [typeof w.chrome?.runtime?.sendMessage, typeof w.browser?.runtime?.sendMessage];
    });
    expect(reachable).toEqual(['undefined', 'undefined']);
    await Promise.all([page.close(), feed.close()]);
  });
});
