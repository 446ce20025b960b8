// The spine of the product in a real Chromium with the built extension: a report button on each post,
// capture with a cropped screenshot and hashes, the form, the dashboard, and nothing lost on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readEventTypes, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { hasElementShot, readUntil } from '../support/element-shot';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // Named grant: the skeleton walks a person who allowed access to pages on the welcome page (in-page buttons on
  // a generic site and their screenshots need it); fresh-install.e2e.ts walks the way there from the build as
  // shipped
  session = await launchWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function openFeed(query = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/${query}`);
  await page.waitForSelector('[data-report-assistant="report"]');
  return page;
}

/** Clicks the report button of one post and waits until the worker has stored the capture. */
async function capture(page: Page, postId: string): Promise<string> {
  const button = page.locator(`#post-${postId} [data-report-assistant="report"]`);
  // A person presses a button on the page in front of them; the worker pictures only the tab in front.
  await page.bringToFront();
  await button.click();
  await page.waitForFunction(
    (id) => document.querySelector<HTMLElement>(`#post-${id} [data-report-assistant="report"]`)?.dataset.state === 'done',
    postId,
    { timeout: 20_000 },
  );
  const reportId = await button.getAttribute('data-report-id');
  expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
  return reportId!;
}

async function storedReport(page: Page, id: string): Promise<Report> {
  const reports = (await readReports(page)) as Report[];
  const report = reports.find((r) => r.id === id);
  expect(report, `report ${id} stored`).toBeDefined();
  return report!;
}

describe('walking skeleton', () => {
  it('puts exactly one accessible report button on each post', async () => {
    const page = await openFeed();
    const buttons = page.getByRole('button', { name: '举报' });
    await expect.poll(() => buttons.count()).toBe(3);
    for (const id of ['1001', '1002', '1003']) {
      expect(await page.locator(`#post-${id} [data-report-assistant="report"]`).count()).toBe(1);
    }
    await page.close();
  });

  it('captures a post, keeps the typing across a closed popup, saves, and lists it with verified evidence', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');

    let popup = await session.openPopup(`?report=${reportId}`);
    await expect.poll(() => popup.getByTestId('item-text').textContent()).toContain('日赚三千');
    await popup.selectOption('#category', 'illegal-11');
    await popup.locator('#description').pressSequentially('冒充理财导师，诱导加微信交会员费');
    // Close mid-way: nothing typed so far may be lost.
    await popup.close();

    popup = await session.openPopup(`?report=${reportId}`);
    await expect.poll(() => popup.locator('#description').inputValue()).toBe('冒充理财导师，诱导加微信交会员费');
    expect(await popup.locator('#category').inputValue()).toBe('illegal-11');
    await popup.locator('#description').pressSequentially('，疑似诈骗。');
    // The form asks for the good-faith statement before saving (issue 4).
    await popup.check('#good-faith');
    await popup.getByRole('button', { name: '保存举报' }).click();
    await popup.getByTestId('saved').waitFor();

    const report = await readUntil(() => storedReport(popup, reportId), hasElementShot);
    expect(report.status).toBe('saved');
    // The worker records the save in the report's hash-chained history, after the capture.
    await expect.poll(() => readEventTypes(popup, reportId)).toEqual(['captured', 'saved']);
    expect(report.categoryId).toBe('illegal-11');
    expect(report.description).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    const item = report.items[0]!;
    expect(item.platform).toBe('generic');
    expect(item.author).toEqual({ name: '高收益理财导师', id: 'u-scam', profileUrl: `${server.origin}/u/scammer` });
    expect(item.text).toContain('日赚三千，稳赚不赔！');
    expect(item.text).not.toContain('举报');
    // Tracking parameters are stripped from the permalink before it is stored.
    expect(item.permalink).toBe(`${server.origin}/p/1002`);
    expect(item.pageUrl).toBe(`${server.origin}/feed/`);
    expect(item.publishedAtText).toBe('11月21日 10:05');
    expect(item.publishedAt).toBe('2026-11-21T02:05:00.000Z');
    expect(item.ids.postId).toBe('1002');
    expect(item.media).toEqual([{ type: 'image', url: `${server.origin}/feed/ad.png` }]);
    expect(Math.abs(Date.parse(item.capturedAt) - Date.now())).toBeLessThan(120_000);
    expect(item.capturedAt).toMatch(/Z$/);

    // Every artifact's stored bytes hash to the recorded SHA-256; screenshots are stored as PNG blobs.
    const kinds = report.evidence.map((e) => e.kind).sort();
    expect(kinds).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const artifacts = await readArtifacts(popup);
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
    // The crop has the post's proportions: as wide as the article, about as tall.
    const dims = await feed.locator('#post-1002').boundingBox();
    const cropSize = await popup.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = db.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      const bmp = await createImageBitmap(row.blob);
      // The report button (red #d33 border, #c00 text) must not be in the evidence.
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      let reddish = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 150 && data[i + 1]! < 90 && data[i + 2]! < 90) reddish++;
      return { width: bmp.width, height: bmp.height, reddish };
    }, crop.id);
    expect(cropSize.reddish).toBe(0);
    expect(Math.abs(cropSize.width - dims!.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(cropSize.height - dims!.height)).toBeLessThanOrEqual(2);

    const dashboard = await session.openDashboard();
    const card = dashboard.locator(`[data-report-id="${reportId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('report-status').textContent()).toBe('已保存');
    expect(await card.getByTestId('item-text').textContent()).toContain('日赚三千');
    await card.locator('summary').click();
    await expect.poll(() => card.getByTestId('evidence-hash').allTextContents()).toContain(
      report.evidence.find((e) => e.kind === 'screenshot')!.sha256,
    );
    await card.getByRole('button', { name: '校验证据完整性' }).click();
    // The exact all-good sentence: "不一致" would also contain "一致".
    await expect.poll(() => card.getByTestId('verify-result').textContent()).toMatch(/^签名有效，全部 \d+ 项证据与采集时一致。$/);
    expect(await card.getByTestId('verify-result').getAttribute('class')).toBe('ok');
    await Promise.all([feed.close(), popup.close(), dashboard.close()]);
  });

  it('keeps what was typed even when the popup closes before the database could write it', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    const popup = await session.openPopup(`?report=${reportId}`);
    await expect.poll(() => popup.getByTestId('item-text').textContent()).toContain('爬山');
    // Then another extension page holds a write lock on the reports store, so the popup's writes wait in line.
    const blocker = await session.openPopup('?report=none');
    await blocker.evaluate(() => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => {
        const tx = req.result.transaction('reports', 'readwrite');
        const store = tx.objectStore('reports');
        const w = window as { __release?: boolean };
        const spin = () => {
          if (!w.__release) store.get('nothing').onsuccess = spin;
        };
        spin();
      };
    });
    await popup.locator('#description').pressSequentially('写到一半就关掉');
    await popup.close();
    await blocker.evaluate(() => ((window as { __release?: boolean }).__release = true));
    await blocker.close();

    const again = await session.openPopup(`?report=${reportId}`);
    await expect.poll(() => again.locator('#description').inputValue()).toBe('写到一半就关掉');
    const stored = await storedReport(again, reportId);
    expect(stored.description).toBe('写到一半就关掉');
    await Promise.all([feed.close(), again.close()]);
  });

  it('loses nothing when the service worker is stopped between capture and save', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1001');
    await session.stopServiceWorker();

    const popup = await session.openPopup(`?report=${reportId}`);
    await expect.poll(() => popup.getByTestId('item-text').textContent()).toContain('公园');
    await popup.selectOption('#category', 'harmful-9');
    await popup.locator('#description').fill('测试：工作进程停止后仍能保存。');
    // The form asks for the good-faith statement before saving (issue 4).
    await popup.check('#good-faith');
    await popup.getByRole('button', { name: '保存举报' }).click();
    await popup.getByTestId('saved').waitFor();
    const report = await readUntil(() => storedReport(popup, reportId), hasElementShot);
    expect(report.status).toBe('saved');
    expect(report.evidence.length).toBe(4);
    // The worker comes back for the next capture.
    await capture(feed, '1003');
    await Promise.all([feed.close(), popup.close()]);
  });

  it('shows hostile captured text as text in the popup and the dashboard, and runs nothing', async () => {
    const feed = await openFeed('?hostile=1');
    const reportId = await capture(feed, '1003');
    const popup = await session.openPopup(`?report=${reportId}`);
    const shown = popup.getByTestId('item-text');
    await expect.poll(() => shown.textContent()).toBe(
      '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>',
    );
    expect(await popup.locator('.item-text img, .item-text script').count()).toBe(0);
    await popup.locator('#description').fill('<b>bold?</b><img src=x onerror="window.__pwned=3">');
    await popup.selectOption('#category', 'harmful-7');
    // The form asks for the good-faith statement before saving (issue 4).
    await popup.check('#good-faith');
    await popup.getByRole('button', { name: '保存举报' }).click();
    await popup.getByTestId('saved').waitFor();
    const dashboard = await session.openDashboard();
    const card = dashboard.locator(`[data-report-id="${reportId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('item-text').textContent()).toContain('<script>');
    expect(await card.getByTestId('report-description').textContent()).toContain('<img src=x');
    await dashboard.waitForTimeout(300);
    for (const page of [popup, dashboard, feed]) {
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
    expect(await dashboard.locator('.report-card img[src="x"], .report-card b').count()).toBe(0);
    await Promise.all([feed.close(), popup.close(), dashboard.close()]);
  });

  it('rejects messages from the wrong sender or with a malformed payload', async () => {
    const page = await session.openPopup();
    const replies = await page.evaluate(async () => {
      const send = (m: unknown) => chrome.runtime.sendMessage(m);
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
        // capture-post is for content scripts in a tab, not extension pages.
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
    const reachable = await feed.evaluate(() => typeof (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage);
    expect(reachable).toBe('undefined');
    await Promise.all([page.close(), feed.close()]);
  });
});
