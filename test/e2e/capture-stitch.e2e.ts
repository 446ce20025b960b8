// Stitching long posts that scroll inside an inner panel (an SPA layout whose window never scrolls), and a
// page left as it was when the worker is stopped in the middle of a stitch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { inPage } from '../support/in-page';
import { blockTallerThanPanel } from '../support/panel-page';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // Named grant: the stitched pictures of in-page captures on a generic site need access to pages (buttons there
  // and captureVisibleTab), so it starts granted (fresh-install.e2e.ts walks the way to the grant)
  session = await launchWithExtension({ grants: ['<all_urls>'] });
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const BANDS = ['255,0,0', '0,160,0', '0,0,255', '255,200,0', '0,200,200', '200,0,200', '120,60,0', '0,90,140'];
const APP_BAR = '0,0,0';
const STICKY_TABS = '60,60,60';
const STATUS_BAR = '30,30,30';

/** The colour down the middle column of a stored screenshot, every 10 px, and the picture's size. */
async function column(reader: Page, artifactId: string): Promise<{ width: number; height: number; column: string[] }> {
  return reader.evaluate(async (id) => {
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
    const out: string[] = [];
    for (let y = 0; y < bmp.height; y += 10) {
      const [r, g, b] = ctx.getImageData(Math.floor(bmp.width / 2), y, 1, 1).data;
      out.push(`${r},${g},${b}`);
    }
    return { width: bmp.width, height: bmp.height, column: out };
  }, artifactId);
}

/** How the page looks to the person: bars shown, nothing of ours left hidden, where the panel is. */
function pageState(page: Page) {
  return page.evaluate(() => ({
    tabs: getComputedStyle(document.querySelector('#tabs')!).visibility,
    appbar: getComputedStyle(document.querySelector('#appbar')!).visibility,
    button: getComputedStyle(document.querySelector('#post-long [data-report-assistant="report"]')!).visibility,
    leftHidden: document.querySelectorAll('[data-report-assistant-hidden]').length,
    stitching: document.documentElement.hasAttribute('data-report-assistant-stitching'),
    panelTop: document.querySelector('#feed')!.scrollTop,
    windowY: window.scrollY,
  }));
}

describe('stitching inside an inner scroll panel', () => {
  it('scrolls the panel the post is in, not the window, and keeps all of the post', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/panel/`);
    await page.waitForSelector('#post-long [data-report-assistant="report"]');
    const box = await page.evaluate(() => {
      const r = document.querySelector('#post-long')!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    const panelHeight = await page.evaluate(() => document.querySelector('#feed')!.clientHeight);
    expect(box.height).toBeGreaterThan(panelHeight * 3);
    const button = page.locator('#post-long [data-report-assistant="report"]');
    await button.click();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')?.dataset.state === 'done',
      undefined,
      { timeout: 60_000 },
    );
    const reportId = (await button.getAttribute('data-report-id'))!;
    const after = await pageState(page);
    expect(after).toMatchObject({ tabs: 'visible', appbar: 'visible', leftHidden: 0, stitching: false, windowY: 0 });

    const reader = await session.openPopup(`?report=${reportId}`);
    const report = ((await readReports(reader)) as Report[]).find((r) => r.id === reportId)!;
    expect(report).toBeDefined();
    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    const picture = await column(reader, shot.id);
    // All of the post, not just the part the panel showed.
    expect(Math.abs(picture.width - box.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(picture.height - box.height)).toBeLessThanOrEqual(3);
    const order: string[] = [];
    for (const c of picture.column) if (BANDS.includes(c) && order.at(-1) !== c) order.push(c);
    expect(order).toEqual(BANDS);
    for (const band of BANDS) expect(picture.column.filter((c) => c === band).length).toBeGreaterThanOrEqual(38);
    // Neither the window's bar nor the panel's sticky tabs anywhere in the picture.
    expect(picture.column).not.toContain(APP_BAR);
    expect(picture.column).not.toContain(STICKY_TABS);
    expect(picture.column).not.toContain(STATUS_BAR);
    await Promise.all([page.close(), reader.close()]);
  }, 120_000);

  it('stitches a short post cut off by the panel\'s bottom edge, though it fits in the window', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${server.origin}/panel/`);
    await page.waitForSelector('#post-after [data-report-assistant="report"]');
    // #post-after's top 60 px above the panel's bottom edge: most of it is hidden by the panel, not the window.
    await page.evaluate(() => {
      const feed = document.querySelector('#feed')!;
      const post = document.querySelector('#post-after')!;
      const f = feed.getBoundingClientRect();
      feed.scrollTop += post.getBoundingClientRect().top - (f.top + feed.clientHeight - 60);
    });
    const clippedAt = await page.evaluate(() => {
      const f = document.querySelector('#feed')!.getBoundingClientRect();
      const p = document.querySelector('#post-after')!.getBoundingClientRect();
      return { postBottom: p.bottom, panelBottom: f.bottom, height: p.height, windowHeight: innerHeight };
    });
    expect(clippedAt.postBottom).toBeGreaterThan(clippedAt.panelBottom);
    expect(clippedAt.postBottom).toBeLessThan(clippedAt.windowHeight);
    // A trusted key press on the focused button does not scroll the panel first (a click would).
    await page.evaluate(() => document.querySelector<HTMLElement>('#post-after [data-report-assistant="report"]')!.focus({ preventScroll: true }));
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#post-after [data-report-assistant="report"]')?.dataset.state === 'done',
      undefined,
      { timeout: 60_000 },
    );
    const reportId = (await page.locator('#post-after [data-report-assistant="report"]').getAttribute('data-report-id'))!;
    const reader = await session.openPopup(`?report=${reportId}`);
    const report = ((await readReports(reader)) as Report[]).find((r) => r.id === reportId)!;
    const picture = await column(reader, report.evidence.find((e) => e.kind === 'screenshot')!.id);
    expect(Math.abs(picture.height - clippedAt.height)).toBeLessThanOrEqual(3);
    // All of it, and only the post (white; a pixel row of the page may show at the rounded edges): nothing
    // of what is below the panel (its status bar), which a crop of the visible tab would have shown.
    expect(picture.column).not.toContain(STATUS_BAR);
    expect(picture.column.slice(1, -1).filter((c) => c !== '255,255,255')).toEqual([]);
    await Promise.all([page.close(), reader.close()]);
  }, 120_000);
});

describe('the element picker inside an inner scroll panel', () => {
  it('stitches a block the panel cuts off, as a report button does', async () => {
    // The worker and a page to read the database first: opening either puts another tab in front, and the
    // screenshot is of the tab in front. (The picker's overlay goes as soon as the person chooses, before
    // the worker has taken the screenshot.)
    const worker = await session.serviceWorker();
    const reader = await session.openPopup();
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${server.origin}/panel/`);
    await page.bringToFront();
    await page.waitForSelector('#post-after [data-report-assistant="report"]');
    // A block taller than the panel but not than the window: the picker scrolls it into view, the panel
    // still cuts off its bottom, and only the panel's box (the clip) tells the worker to stitch it.
    const post = await inPage(page, blockTallerThanPanel, 634);
    expect(post.height).toBeGreaterThan(post.panelHeight);
    expect(post.panelTop + post.height).toBeLessThan(800);
    const since = new Date().toISOString();
    // The context menu's "select an area" item, as the browser dispatches it for that tab.
    await worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
        { menuItemId: 'ra-pick-element', editable: false, frameId: 0, pageUrl: tab!.url },
        tab,
      );
    }, page.url());
    const picker = page.locator('[data-report-assistant="picker"]');
    await picker.waitFor({ state: 'attached' });
    // The post's header, then ↑ to the post itself; Enter chooses.
    await page.mouse.move(post.x + 4, post.headerY);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached', timeout: 60_000 });
    let report: Report | undefined;
    await expect
      .poll(async () => (report = ((await readReports(reader)) as Report[]).find((r) => r.createdAt >= since && r.items[0]?.ids.postId === '3003')), { timeout: 30_000 })
      .toBeTruthy();
    expect(report!.items[0]!.text).toContain('后面的一条');
    const picture = await column(reader, report!.evidence.find((e) => e.kind === 'screenshot')!.id);
    // All of the post, though the panel showed only part of it: stitched, without what lies below the panel.
    expect(Math.abs(picture.height - post.height)).toBeLessThanOrEqual(3);
    expect(picture.column).not.toContain(STATUS_BAR);
    expect(picture.column).not.toContain(APP_BAR);
    expect(picture.column).not.toContain(STICKY_TABS);
    await Promise.all([page.close(), reader.close()]);
  }, 120_000);
});

describe('a worker stopped in the middle of a stitch', () => {
  it('leaves the page as it was: bars shown, nothing hidden, the panel where the person left it', async () => {
    // A CDP session on an extension page, ready before the click, so the worker is stopped within the stitch.
    const extensionPage = await session.openPopup();
    const cdp = await session.context.newCDPSession(extensionPage);
    await cdp.send('ServiceWorker.enable');
    let stoppedMidway = false;
    let page: Page | undefined;
    let before: Awaited<ReturnType<typeof pageState>> | undefined;
    for (let attempt = 0; attempt < 3 && !stoppedMidway; attempt++) {
      await page?.close();
      page = await session.context.newPage();
      await page.goto(`${server.origin}/panel/`);
      await page.waitForSelector('#post-long [data-report-assistant="report"]');
      // The long post covers the whole panel (its top above, its bottom below): activating its button with
      // the keyboard scrolls nothing before the stitch begins.
      await page.evaluate(() => {
        const feed = document.querySelector('#feed')!;
        feed.scrollTop += document.querySelector('#post-long')!.getBoundingClientRect().top - feed.getBoundingClientRect().top + 500;
      });
      before = await pageState(page);
      await page.evaluate(() => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')!.focus({ preventScroll: true }));
      await page.keyboard.press('Enter');
      // The worker's page side has hidden the bars: the stitch is under way.
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-report-assistant-stitching'), undefined, {
        timeout: 30_000,
        polling: 20,
      });
      await cdp.send('ServiceWorker.stopAllWorkers');
      const state = await page.evaluate(() => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')!.dataset.state);
      // The stitch may have finished before the stop landed (a fast machine): then try again.
      stoppedMidway = state === 'busy' || state === 'failed';
    }
    expect(stoppedMidway, 'the worker was stopped while the post was being stitched').toBe(true);
    await expect
      .poll(() => pageState(page!), { timeout: 40_000, interval: 200 })
      .toMatchObject({ tabs: 'visible', appbar: 'visible', button: 'visible', leftHidden: 0, stitching: false, panelTop: before!.panelTop, windowY: 0 });
    // The button tells the person the capture did not happen.
    await expect
      .poll(() => page!.evaluate(() => document.querySelector<HTMLElement>('#post-long [data-report-assistant="report"]')!.dataset.state), { timeout: 40_000 })
      .toBe('failed');
    await cdp.detach();
    await Promise.all([page!.close(), extensionPage.close()]);
  }, 180_000);
});
