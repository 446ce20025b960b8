// The zip that goes to addons.mozilla.org, installed as it is (not the build folder): Firefox accepts it,
// its manifest is the Firefox one, and the extension works from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { captureEnded, FIREFOX_DIST, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { DIST_ROOT } from '../../support/chromium';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { GECKO_ID } from '../../../scripts/manifest-for-browser.mjs';

let server: FixtureServer;
let session: FirefoxExtensionSession;
const { version } = JSON.parse(readFileSync(path.join(FIREFOX_DIST, 'manifest.json'), 'utf8')) as { version: string };
const zip = path.join(DIST_ROOT, `report-assistant-firefox-${version}.zip`);

beforeAll(async () => {
  expect(existsSync(zip), zip).toBe(true);
  server = await startFixtureServer();
  // `<all_urls>`: the capture goes through a report button on the feed (127.0.0.1, a site of no host
  // permission), which exists only with the "all sites" grant.
  session = await launchFirefoxWithExtension({ dist: zip, grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the Firefox store package', () => {
  it('installs from the zip, carries the Firefox manifest, and captures a post', async () => {
    const popup = await session.openPopup();
    const manifest = await popup.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.getManifest());
    expect(manifest.version).toBe(version);
    // (Firefox's getManifest() lists every background key, unset ones as null, and files as URLs.)
    const background = manifest.background as { type?: string; scripts?: string[]; service_worker?: string | null };
    expect(background.type).toBe('module');
    expect(background.scripts).toHaveLength(1);
    expect(background.service_worker ?? null).toBeNull();
    expect((manifest as { browser_specific_settings?: { gecko?: { id?: string } } }).browser_specific_settings?.gecko?.id).toBe(GECKO_ID);

    const feed = await session.newPage();
    await gotoPage(feed, `${server.origin}/feed/`);
    const button = '#post-1001 [data-report-assistant="report"]';
    await feed.waitForSelector(button, { timeout: 20_000 });
    await feed.click(button);
    expect(await captureEnded(feed, button), 'the capture, with its screenshot').toBe('done');
    expect(await feed.$eval(button, (b) => b.getAttribute('data-report-id'))).toMatch(/^[0-9a-f-]{36}$/);
    await Promise.all([popup.close(), feed.close()]);
  });
});
