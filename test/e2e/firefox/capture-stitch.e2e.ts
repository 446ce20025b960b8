// Stitching long posts that scroll inside an inner panel (an SPA layout whose window never scrolls), and a
// page left as it was when the background goes away in the middle of a stitch, in Firefox ESR: the same
// assertions as test/e2e/capture-stitch.e2e.ts (Chromium).
//
// Chromium's spec stops the service worker with CDP's ServiceWorker.stopAllWorkers. Firefox's MV3
// background is an event page, which Firefox suspends only after it has been idle for a while (30 s, or
// `backgroundIdleTimeoutMs`): that cannot be timed to land inside a stitch of a few seconds, and WebDriver
// BiDi has no command to stop it. What stops it here is what about:debugging's "Terminate background
// script" button does: `Extension.terminateBackground()`, called in the browser's chrome scope (reachable
// over BiDi with --remote-allow-system-access): `session.terminateBackground()` in test/support/firefox.ts.
// The event page is unloaded as when it is suspended for idleness: the port it holds to the page closes
// and the page's pending `runtime.sendMessage` is rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { captureEnded, clickContextMenuItem, eventually, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import { artifactPixels, inPage } from '../../support/in-page';
import { blockTallerThanPanel } from '../../support/panel-page';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // `<all_urls>`: the panel pages (127.0.0.1) get report buttons only with the "all sites" grant, and a
  // button's capture is pictured (and stitched) only with it.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const BANDS = ['255,0,0', '0,160,0', '0,0,255', '255,200,0', '0,200,200', '200,0,200', '120,60,0', '0,90,140'];
const APP_BAR = '0,0,0';
const STICKY_TABS = '60,60,60';
const STATUS_BAR = '30,30,30';
const LONG_BUTTON = '#post-long [data-report-assistant="report"]';

/** The colour down the middle column of a stored screenshot, every 10 px, and the picture's size. */
const column = (reader: Page, artifactId: string) => inPage(reader, artifactPixels, { id: artifactId, columnStep: 10 });

async function reportById(reader: Page, id: string): Promise<Report> {
  const report = ((await readReports(reader as unknown as PlaywrightPage)) as Report[]).find((r) => r.id === id);
  expect(report, `report ${id}`).toBeDefined();
  return report!;
}

const buttonState = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector<HTMLElement>(s)?.dataset.state ?? '', selector);

async function waitDone(page: Page, selector: string): Promise<string> {
  expect(await captureEnded(page, selector, 60_000), `capture through ${selector}, with its screenshot`).toBe('done');
  return (await page.$eval(selector, (b) => b.getAttribute('data-report-id')))!;
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

describe('stitching inside an inner scroll panel (Firefox)', () => {
  it('scrolls the panel the post is in, not the window, and keeps all of the post', async () => {
    const page = await session.newPage();
    await gotoPage(page, `${server.origin}/panel/`);
    await page.waitForSelector(LONG_BUTTON, { timeout: 20_000 });
    const box = await page.evaluate(() => {
      const r = document.querySelector('#post-long')!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    const panelHeight = await page.evaluate(() => document.querySelector('#feed')!.clientHeight);
    expect(box.height).toBeGreaterThan(panelHeight * 3);
    await page.click(LONG_BUTTON);
    const reportId = await waitDone(page, LONG_BUTTON);
    const after = await pageState(page);
    expect(after).toMatchObject({ tabs: 'visible', appbar: 'visible', leftHidden: 0, stitching: false, windowY: 0 });

    const reader = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(reader, reportId);
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
  });

  it('stitches a short post cut off by the panel\'s bottom edge, though it fits in the window', async () => {
    const page = await session.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await gotoPage(page, `${server.origin}/panel/`);
    const button = '#post-after [data-report-assistant="report"]';
    await page.waitForSelector(button, { timeout: 20_000 });
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
    await page.evaluate((s) => document.querySelector<HTMLElement>(s)!.focus({ preventScroll: true }), button);
    await page.keyboard.press('Enter');
    const reportId = await waitDone(page, button);
    const reader = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(reader, reportId);
    const picture = await column(reader, report.evidence.find((e) => e.kind === 'screenshot')!.id);
    expect(Math.abs(picture.height - clippedAt.height)).toBeLessThanOrEqual(3);
    // All of it, and only the post (white; a pixel row of the page may show at the rounded edges): nothing
    // of what is below the panel (its status bar), which a crop of the visible tab would have shown.
    expect(picture.column).not.toContain(STATUS_BAR);
    expect(picture.column.slice(1, -1).filter((c) => c !== '255,255,255')).toEqual([]);
    await Promise.all([page.close(), reader.close()]);
  });
});

describe('the element picker inside an inner scroll panel (Firefox)', () => {
  it('stitches a block the panel cuts off, as a report button does', async () => {
    // A page to read the database first: opened later, it would come to the front while the worker takes
    // the screenshot (the picker's overlay goes as soon as the person chooses).
    const reader = await session.openPopup();
    const page = await session.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await gotoPage(page, `${server.origin}/panel/`);
    await page.bringToFront();
    await page.waitForSelector('#post-after [data-report-assistant="report"]', { timeout: 20_000 });
    // A block taller than the panel but not than the window: the picker scrolls it into view, the panel
    // still cuts off its bottom, and only the panel's box (the clip) tells the worker to stitch it.
    const post = await inPage(page, blockTallerThanPanel, 634);
    expect(post.height).toBeGreaterThan(post.panelHeight);
    expect(post.panelTop + post.height).toBeLessThan(800);
    const before = new Set(((await readReports(reader as unknown as PlaywrightPage)) as Report[]).map((r) => r.id));
    await clickContextMenuItem(session.browser, page, { x: post.x + 4, y: post.headerY }, 'ra-pick-element');
    await page.waitForSelector('[data-report-assistant="picker"]', { timeout: 15_000 });
    await page.mouse.move(post.x + 4, post.headerY);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const all = await eventually(
      async () => (await readReports(reader as unknown as PlaywrightPage)) as Report[],
      (rs) => rs.some((r) => !before.has(r.id) && r.signed && r.evidence.some((e) => e.kind === 'screenshot')),
      30_000,
    );
    const report = all.find((r) => !before.has(r.id))!;
    expect(report.items[0]!.text).toContain('后面的一条');
    const picture = await column(reader, report.evidence.find((e) => e.kind === 'screenshot')!.id);
    expect(Math.abs(picture.height - post.height)).toBeLessThanOrEqual(3);
    expect(picture.column).not.toContain(STATUS_BAR);
    expect(picture.column).not.toContain(APP_BAR);
    expect(picture.column).not.toContain(STICKY_TABS);
    await Promise.all([page.close(), reader.close()]);
  });
});

describe('the event page terminated in the middle of a stitch (Firefox)', () => {
  it('leaves the page as it was: bars shown, nothing hidden, the panel where the person left it', async () => {
    // The probe page of backgroundAlive(), opened before the click so it costs nothing mid-stitch.
    await session.backgroundAlive();
    let stoppedMidway = false;
    let terminatedAt = 0;
    let page: Page | undefined;
    let before: Awaited<ReturnType<typeof pageState>> | undefined;
    for (let attempt = 0; attempt < 3 && !stoppedMidway; attempt++) {
      await page?.close();
      page = await session.newPage();
      await gotoPage(page, `${server.origin}/panel/`);
      await page.waitForSelector(LONG_BUTTON, { timeout: 20_000 });
      // The long post covers the whole panel (its top above, its bottom below): activating its button with
      // the keyboard scrolls nothing before the stitch begins.
      await page.evaluate(() => {
        const feed = document.querySelector('#feed')!;
        feed.scrollTop += document.querySelector('#post-long')!.getBoundingClientRect().top - feed.getBoundingClientRect().top + 500;
      });
      before = await pageState(page);
      await page.evaluate((s) => document.querySelector<HTMLElement>(s)!.focus({ preventScroll: true }), LONG_BUTTON);
      await page.keyboard.press('Enter');
      // The background's page side has hidden the bars: the stitch is under way.
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-report-assistant-stitching'), { timeout: 30_000, polling: 20 });
      expect(await session.terminateBackground()).toBe('stopped');
      terminatedAt = Date.now();
      expect(await session.backgroundAlive()).toBe(false);
      const state = await buttonState(page, LONG_BUTTON);
      // The stitch may have finished before the termination landed (a fast machine): then try again.
      stoppedMidway = state === 'busy' || state === 'failed';
    }
    expect(stoppedMidway, 'the event page was terminated while the post was being stitched').toBe(true);
    const restored = { tabs: 'visible', appbar: 'visible', button: 'visible', leftHidden: 0, stitching: false, panelTop: before!.panelTop, windowY: 0 };
    await eventually(
      () => pageState(page!),
      (s) => Object.entries(restored).every(([k, v]) => s[k as keyof typeof s] === v),
      40_000,
    ).catch(() => undefined);
    expect(await pageState(page!)).toMatchObject(restored);
    // Well before the page's own watchdog (15 s without a step): the port the background held open closed
    // when the event page was unloaded, and that put the page back.
    expect(Date.now() - terminatedAt).toBeLessThan(10_000);
    // The button tells the person the capture did not happen.
    await eventually(() => buttonState(page!, LONG_BUTTON), (s) => s === 'failed', 40_000).catch(() => undefined);
    expect(await buttonState(page!, LONG_BUTTON)).toBe('failed');
    // The event page comes back for the next capture, which stitches the whole post.
    await page!.evaluate((s) => document.querySelector<HTMLElement>(s)!.focus({ preventScroll: true }), LONG_BUTTON);
    await page!.keyboard.press('Enter');
    const reportId = await waitDone(page!, LONG_BUTTON);
    expect(await pageState(page!)).toMatchObject(restored);
    const reader = await session.openPopup(`?report=${reportId}`);
    const report = await reportById(reader, reportId);
    const picture = await column(reader, report.evidence.find((e) => e.kind === 'screenshot')!.id);
    const order: string[] = [];
    for (const c of picture.column) if (BANDS.includes(c) && order.at(-1) !== c) order.push(c);
    expect(order).toEqual(BANDS);
    await Promise.all([page!.close(), reader.close()]);
  });
});
