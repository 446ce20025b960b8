// Knowing when a site has changed (issue 23): on a Weibo page whose class names were all replaced (as a
// redesign or a new CSS-module build does), the adapter finds nothing, the generic finder gives the posts
// their buttons, and the form says 此网站的页面结构可能已更新 with the element picker and the page-structure
// diagnosis, whose file holds the page's structure and none of its text or links. A page the adapter knows
// raises nothing. The build as shipped (no grant): weibo.com is a platform host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expectButtons, open, startPlatformEnv, stopPlatformEnv, type PlatformEnv } from './platforms-support';

let env: PlatformEnv;
beforeAll(async () => {
  env = await startPlatformEnv();
});
afterAll(() => stopPlatformEnv(env));

const flags = (reader: Page) =>
  reader.evaluate(async () => ((await chrome.storage.session.get('siteLayoutUnknown')).siteLayoutUnknown ?? {}) as Record<string, { url: string; platform: string }>);

describe('a platform page in a layout the adapter does not know', () => {
  it('gets generic buttons, is flagged once settled, and the form offers the picker and a structure file without the page’s text', async () => {
    const known = await open(env, 'http://weibo.com/');
    const page = await open(env, 'http://weibo.com/renamed/');
    // Every post of the page (the quoted original inside the repost is part of it), by the generic finder.
    await expectButtons(page, { 'wb-post-scam': 'generic', 'wb-post-repost': 'generic', 'wb-post-plain': 'generic' });
    await expect.poll(async () => Object.values(await flags(env.reader)).map((f) => f.url), { timeout: 15_000 }).toContain('http://weibo.com/renamed/');
    // The page the adapter knows is not flagged (judged once settled, as the other).
    await known.waitForTimeout(3500);
    expect(Object.values(await flags(env.reader)).map((f) => f.url)).not.toContain('http://weibo.com/');
    expect(Object.values(await flags(env.reader)).find((f) => f.url === 'http://weibo.com/renamed/')?.platform).toBe('weibo');

    // The form, opened over that page (here in a tab of its own: it reads the web page used last).
    await page.bringToFront();
    const form = await env.session.openPopup();
    const notice = form.getByTestId('site-changed');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('此网站的页面结构可能已更新');

    const downloading = form.waitForEvent('download');
    await form.getByTestId('site-changed-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^page-structure-weibo\.com-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await readFile((await download.path())!, 'utf8');
    const structure = JSON.parse(text) as { host: string; pathPattern: string; nodes: number; root: unknown };
    expect(structure).toMatchObject({ host: 'weibo.com', pathPattern: '/renamed' });
    expect(structure.nodes).toBeGreaterThan(20);
    expect(text).toContain('"t": "article"');
    expect(text).toContain('"data-fixture"');
    // None of what the page says or links to: the posts' text, names, times, the links' addresses.
    const pageText = await page.evaluate(() => document.body.innerText);
    for (const piece of pageText.split(/\s+/).filter((w) => /[\u4e00-\u9fff]{2,}/.test(w))) expect(text).not.toContain(piece);
    expect(text).not.toMatch(/https?:|sinaimg|PcQx7aB3k|1850000001/);
    expect(await form.getByTestId('site-changed-result').textContent()).toBe('已导出页面结构诊断。');

    // The element picker, started on that page.
    await form.getByTestId('site-changed-picker').click();
    await expect.poll(() => page.locator('[data-report-assistant="picker"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await Promise.all([known.close(), page.close()]);
  });
});
