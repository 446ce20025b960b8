// The API differences that extension/lib/browser.ts hides, seen from Firefox: the form opens by itself
// after a capture (`action.openPopup`, else a window), and "open in the sidebar" uses Firefox's
// `sidebarAction` (the build derives `sidebar_action` from the manifest's `side_panel`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { captureEnded, eventually, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // `<all_urls>`: the captures go through the feed's report buttons (127.0.0.1, a site of no host
  // permission), which exist only with the "all sites" grant.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

type Api = {
  extension: { getViews(): Window[] };
  sidebarAction: { isOpen(details: { windowId?: number }): Promise<boolean>; getPanel(details: { windowId?: number }): Promise<string> };
  windows: { getAll(): Promise<Array<{ id: number }>> };
  runtime: { getManifest(): Record<string, unknown> };
};

/** The extension's open pages (popup, sidebar, tabs, background), as paths with their query. */
const views = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { browser: Api }).browser.extension.getViews().map((v) => v.location.pathname + v.location.search),
  );

async function captureOnFeed(): Promise<string> {
  const feed = await session.newPage();
  await gotoPage(feed, `${server.origin}/feed/`);
  const selector = '#post-1002 [data-report-assistant="report"]';
  await feed.waitForSelector(selector, { timeout: 20_000 });
  await feed.click(selector);
  expect(await captureEnded(feed, selector), 'the capture, with its screenshot').toBe('done');
  const id = (await feed.$eval(selector, (b) => b.getAttribute('data-report-id')))!;
  await feed.close();
  return id;
}

describe('browser differences (Firefox)', () => {
  it('builds a sidebar from the side panel and opens the form there on a click', async () => {
    const reportId = await captureOnFeed();
    const form = await session.openPopup(`?report=${reportId}`);
    const manifest = await form.evaluate(() => (globalThis as unknown as { browser: Api }).browser.runtime.getManifest());
    expect(manifest.side_panel).toBeUndefined();
    // (Firefox's getManifest() answers with absolute moz-extension:// URLs.)
    expect((manifest.sidebar_action as { default_panel: string }).default_panel).toMatch(/\/extension\/popup\/index\.html$/);
    expect(await form.evaluate(() => (globalThis as unknown as { browser: Api }).browser.sidebarAction.isOpen({}))).toBe(false);

    await form.waitForSelector('[data-testid="open-in-panel"]', { timeout: 10_000 });
    await form.click('[data-testid="open-in-panel"]');
    const probe = await session.openPopup('?probe=sidebar');
    await eventually(() => probe.evaluate(() => (globalThis as unknown as { browser: Api }).browser.sidebarAction.isOpen({})), Boolean);
    const panels = await probe.evaluate(async () => {
      const b = (globalThis as unknown as { browser: Api }).browser;
      return Promise.all((await b.windows.getAll()).map((w) => b.sidebarAction.getPanel({ windowId: w.id })));
    });
    expect(panels.some((p) => p.endsWith(`/extension/popup/index.html?report=${reportId}&panel=1`))).toBe(true);
    // The sidebar's page is running and shows that report.
    await eventually(() => views(probe), (v) => v.includes(`/extension/popup/index.html?report=${reportId}&panel=1`));
    await probe.close();
    await form.close().catch(() => undefined); // it closes itself once the sidebar has the form
  });

  it('opens the form by itself after a capture', async () => {
    const probe = await session.openPopup('?probe=after-capture');
    const before = (await views(probe)).filter((v) => v === '/extension/popup/index.html').length;
    await captureOnFeed();
    // The toolbar popup (action.openPopup) or, where that is refused, a popup window with the form.
    await eventually(
      () => views(probe),
      (v) => v.filter((p) => p === '/extension/popup/index.html' || p.includes('window=1')).length > before,
    );
    await probe.close();
  });
});
