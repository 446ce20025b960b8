// Firefox MV3 treats host permissions as optional: a person can decline them at install or revoke them
// later. The extension must say so and ask, and work once they are granted. Started here like a person
// who declined them (`extensions.originControls.grantByDefault` off); the replica of weibo.com is served
// at its real hostname through the fixture proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../support/chromium';
import { eventually, gotoPage, launchFirefoxWithExtension, textOf, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefoxWithExtension({ grantHostPermissions: false, fixtureProxyPort: server.port });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const contains = (origins: string[]) =>
  async (page: Awaited<ReturnType<FirefoxExtensionSession['openPopup']>>) =>
    page.evaluate((o) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: o }), origins);

describe('host permissions in Firefox', () => {
  it('says which sites need access, asks on a click, and the report buttons appear once granted', async () => {
    // Declined: the platform's page gets no content script, hence no report buttons.
    const before = await session.newPage();
    await gotoPage(before, 'http://weibo.com/');
    await before.waitForSelector('body');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await before.$$('[data-report-assistant="report"]')).toHaveLength(0);
    await before.close();

    const popup = await session.openPopup();
    expect(await contains(['*://weibo.com/*'])(popup)).toBe(false);
    expect(await textOf(popup, '[data-testid="host-access"] strong')).toBe('需要授予访问这些网站的权限');
    const sites = await textOf(popup, '[data-testid="host-access-sites"]');
    for (const site of ['weibo.com', 'bilibili.com', 'zhihu.com', 'mp.weixin.qq.com']) expect(sites).toContain(site);
    // No serious or critical axe findings in the notice (light; the colour scheme is a launch pref here,
    // since WebDriver BiDi cannot emulate media features).
    const axeSource = await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    await popup.evaluate(axeSource);
    const axeResult = await popup.evaluate(async () => {
      type Result = { violations: Array<{ id: string; impact: string; nodes: unknown[] }>; passes: unknown[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<Result> } }).axe;
      const result = await axe.run({ include: [['[data-testid="host-access"]']] });
      return {
        serious: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`),
        passes: result.passes.length,
      };
    });
    expect(axeResult.serious).toEqual([]);
    expect(axeResult.passes).toBeGreaterThan(3);
    // The dashboard says the same.
    const dashboard = await session.openDashboard();
    await dashboard.waitForSelector('[data-testid="host-access"]', { timeout: 10_000 });

    // A real click: Firefox grants permissions.request only in a user gesture (the prompt itself is off
    // in test profiles, see test/support/firefox.ts).
    await popup.click('[data-report-assistant="grant-host-access"]');
    await popup.waitForSelector('[data-testid="host-access"]', { hidden: true, timeout: 10_000 });
    expect(await contains(['*://weibo.com/*', '*://*.bilibili.com/*', '*://mp.weixin.qq.com/*'])(popup)).toBe(true);
    // The other open page follows the change (permissions.onAdded), without a reload.
    await dashboard.waitForSelector('[data-testid="host-access"]', { hidden: true, timeout: 10_000 });

    const after = await session.newPage();
    await gotoPage(after, 'http://weibo.com/');
    await after.waitForSelector('[data-report-assistant="report"]', { timeout: 20_000 });
    const count = await eventually(() => after.$$eval('[data-report-assistant="report"]', (b) => b.length), (n) => n > 0);
    expect(count).toBeGreaterThan(0);
    await Promise.all([popup.close(), dashboard.close(), after.close()]);
  });

  it('turns report buttons on every site on and off from the settings checkbox', async () => {
    const feedButtons = async () => {
      const feed = await session.newPage();
      await gotoPage(feed, `${server.origin}/feed/`);
      await feed.waitForSelector('#post-1001');
      // Give the content script its chance (document_idle, then one idle callback).
      await new Promise((r) => setTimeout(r, 1500));
      const count = (await feed.$$('[data-report-assistant="report"]')).length;
      await feed.close();
      return count;
    };
    expect(await feedButtons()).toBe(0);

    const dashboard = await session.openDashboard();
    const checkbox = 'label.check input[type="checkbox"]';
    await dashboard.waitForFunction(
      (s) => Array.from(document.querySelectorAll(s)).some((el) => el.closest('label')?.textContent?.includes('在所有网站的帖子上显示')),
      { timeout: 10_000 },
      checkbox,
    );
    const box = (
      await dashboard.evaluateHandle(
        (s) => Array.from(document.querySelectorAll<HTMLInputElement>(s)).find((el) => el.closest('label')?.textContent?.includes('在所有网站的帖子上显示'))!,
        checkbox,
      )
    ).asElement() as ElementHandle<HTMLInputElement>;
    // A real click: the change handler calls permissions.request first, inside the gesture.
    await box.click();
    await eventually(() => contains(['<all_urls>'])(dashboard), Boolean);
    await eventually(() => box.evaluate((el) => el.checked), Boolean);
    await eventually(feedButtons, (n) => n === 3, 20_000);

    await box.click();
    await eventually(() => contains(['<all_urls>'])(dashboard), (granted) => !granted);
    await eventually(feedButtons, (n) => n === 0, 20_000);
    await dashboard.close();
  });
});
