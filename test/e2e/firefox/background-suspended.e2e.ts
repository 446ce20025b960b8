// Firefox runs the MV3 background as an event page and suspends it when idle (30 s by default; 3 s
// here). Like the Chromium test that stops the service worker: a capture is stored before the form opens,
// the form saves without the background, and the next capture wakes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { buttonNamed, captureEnded, eventually, gotoPage, launchFirefoxWithExtension, textOf, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // `<all_urls>`: the report buttons on the feed (127.0.0.1, a site of no host permission) exist only with
  // the "all sites" grant, and an in-page button takes its screenshot only with it.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'], backgroundIdleTimeoutMs: 3000 });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function capture(page: Page, postId: string): Promise<string> {
  const selector = `#post-${postId} [data-report-assistant="report"]`;
  await page.click(selector);
  expect(await captureEnded(page, selector), `capture of post ${postId}, with its screenshot`).toBe('done');
  return (await page.$eval(selector, (b) => b.getAttribute('data-report-id')))!;
}

describe('background suspended (Firefox)', () => {
  it('loses nothing when the event page is suspended between capture and save, and wakes for the next capture', async () => {
    const feed = await session.newPage();
    await gotoPage(feed, `${server.origin}/feed/`);
    await feed.waitForSelector('[data-report-assistant="report"]', { timeout: 20_000 });
    const reportId = await capture(feed, '1001');
    // Open extension pages (the form the capture opened) do not keep Firefox's event page alive.
    await session.waitForBackgroundSuspended();

    const popup = await session.openPopup(`?report=${reportId}`);
    await eventually(() => textOf(popup, '[data-testid="item-text"]'), (t) => t.includes('公园'));
    await popup.select('#category', 'harmful-9');
    await popup.type('#description', '测试：后台页面挂起后仍能保存。');
    await popup.click('#good-faith');
    await (await buttonNamed(popup, '保存举报')).click();
    await popup.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    const reports = (await readReports(popup as unknown as PlaywrightPage)) as Report[];
    const report = reports.find((r) => r.id === reportId)!;
    expect(report.status).toBe('saved');
    expect(report.description).toBe('测试：后台页面挂起后仍能保存。');
    expect(report.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['screenshot', 'screenshot-full', 'post-json', 'page-meta']));

    await session.waitForBackgroundSuspended();
    expect(await session.backgroundAlive()).toBe(false);
    // The background comes back for the next capture, made where a person makes it: on the feed, in front
    // again (the form's tab opened over it; a capture from a tab in the background has no screenshot,
    // `screenshotMissing: 'tab-hidden'`).
    await feed.bringToFront();
    const next = await capture(feed, '1003');
    expect(next).not.toBe(reportId);
    await Promise.all([feed.close(), popup.close()]);
  });
});
