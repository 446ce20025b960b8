// The report form in Firefox ESR: keyboard alone (Firefox's Tab order and key handling differ from
// Chromium's in places) and axe-core on the filled form — the twins of two tests in test/e2e/form.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { REPO_ROOT } from '../../support/chromium';
import { captureEnded, eventually, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // `<all_urls>`: the form is opened on captures made with the feed's report buttons (127.0.0.1, a site of
  // no host permission), which exist only with the "all sites" grant.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function captureOnFeed(postId: string): Promise<string> {
  const feed = await session.newPage();
  await gotoPage(feed, `${server.origin}/feed/`);
  const button = `#post-${postId} [data-report-assistant="report"]`;
  await feed.waitForSelector(button, { timeout: 20_000 });
  await feed.click(button);
  expect(await captureEnded(feed, button), 'the capture, with its screenshot').toBe('done');
  const id = (await feed.$eval(button, (b) => b.getAttribute('data-report-id')))!;
  await feed.close();
  return id;
}

async function openForm(reportId: string): Promise<Page> {
  const popup = await session.openPopup(`?report=${reportId}`);
  await popup.setViewport({ width: 420, height: 900 });
  await popup.waitForSelector('[data-testid="item-text"]', { timeout: 15_000 });
  return popup;
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('report form (Firefox)', () => {
  it('is usable with the keyboard alone', async () => {
    const reportId = await captureOnFeed('1003');
    const popup = await openForm(reportId);
    await popup.mouse.click(1, 1);
    const tabTo = async (id: string) => {
      for (let i = 0; i < 80; i++) {
        if ((await activeId(popup)) === id) return;
        await popup.keyboard.press('Tab');
      }
      throw new Error(`could not reach #${id} with Tab`);
    };
    await tabTo('category-search');
    await popup.keyboard.type('地域');
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement).dataset.category)).toBe('harmful-6');
    await popup.keyboard.press('Enter');
    // The form renders the choice after the key (Preact's next render): read until it is there.
    await eventually(() => popup.$eval('#category', (el) => (el as HTMLSelectElement).value), (v) => v === 'harmful-6');
    await tabTo('description');
    await popup.keyboard.type('用侮辱性语言攻击某地人群，煽动地域歧视。');
    await tabTo('good-faith');
    await popup.keyboard.press(' ');
    await popup.$eval('[data-report-assistant="save"]', (b) => (b.id = 'save-button'));
    await tabTo('save-button');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    const report = ((await readReports(popup as unknown as PlaywrightPage)) as Report[]).find((r) => r.id === reportId);
    expect(report).toMatchObject({ status: 'saved', categoryId: 'harmful-6', destinations: ['12377'], anonymous: true });
    await popup.close();
  });

  it('has no serious or critical axe violations, and writes a screenshot', async () => {
    const reportId = await captureOnFeed('1002');
    const popup = await openForm(reportId);
    await popup.evaluate(await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const result = await popup.evaluate(async () => {
      type Result = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>; passes: unknown[] };
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<Result> } }).axe;
      const r = await axe.run(document);
      return {
        serious: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        passes: r.passes.length,
      };
    });
    expect(result.serious).toEqual([]);
    expect(result.passes).toBeGreaterThan(10);
    // Puppeteer does not make the folder (npm test does; a run of this file alone on a fresh clone does not).
    await mkdir(path.join(REPO_ROOT, 'test-output'), { recursive: true });
    await popup.screenshot({ path: path.join(REPO_ROOT, 'test-output', 'firefox-form.png'), fullPage: true });
    await popup.close();
  });
});
