// The Weibo adapter in Firefox ESR, on the weibo.com replica at its real hostname (fixture proxy): the
// same assertions as the first tests of test/e2e/platforms-weibo.e2e.ts. Platform adapters run in the
// content script, where Firefox differs most (Xray wrappers around page objects).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import type { CapturedPost } from '../../../src/model/captured-post';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let reader: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port });
  reader = await session.openPopup('?reader=1');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await session.newPage();
  await page.goto(url);
  return page;
}

/** For every report button: the data-fixture of the nearest marked ancestor, and the button's item type. */
const buttonsByFixture = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const b of Array.from(document.querySelectorAll('[data-report-assistant="report"]'))) {
      const key = b.closest('[data-fixture]')?.getAttribute('data-fixture') ?? '(none)';
      (out[key] ??= []).push(b.getAttribute('data-item') ?? '?');
    }
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  });

async function expectButtons(page: Page, expected: Record<string, string>): Promise<void> {
  const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [v]]));
  // Waits until the buttons are exactly these; on a timeout, the assertion below shows the difference.
  const got = await eventually(() => buttonsByFixture(page), (b) => sameButtons(b, want), 15_000).catch(() => buttonsByFixture(page));
  expect(got).toEqual(want);
}
const sameButtons = (a: Record<string, string[]>, b: Record<string, string[]>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => JSON.stringify(a[k]) === JSON.stringify(v));

async function captureFixture(page: Page, fixture: string): Promise<CapturedPost> {
  const selector = `[data-fixture="${fixture}"] [data-report-assistant="report"]`;
  // The nearest marked ancestor must be this fixture (not a nested one).
  await page.evaluate((key) => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('[data-report-assistant="report"]'));
    const mine = all.find((b) => b.closest('[data-fixture]')?.getAttribute('data-fixture') === key);
    if (!mine) throw new Error(`no button in ${key}`);
    mine.setAttribute('data-test-target', key);
  }, fixture);
  const target = `[data-test-target="${fixture}"]`;
  await page.click(target);
  await page.waitForFunction((s) => ['done', 'failed'].includes(document.querySelector<HTMLElement>(s)?.dataset.state ?? ''), { timeout: 20_000 }, target);
  expect(await page.$eval(target, (b) => b.getAttribute('data-state')), `capture of ${fixture} (${selector})`).toBe('done');
  const reportId = await page.$eval(target, (b) => b.getAttribute('data-report-id'));
  const reports = (await readReports(reader as unknown as PlaywrightPage)) as Report[];
  const report = reports.find((r) => r.id === reportId);
  expect(report, `report ${reportId}`).toBeDefined();
  return report!.items[0]!;
}

describe('weibo (Firefox)', () => {
  it('feed: one button per post, capture with folded text, lazy images, counts, repost original', async () => {
    const page = await open('http://weibo.com/');
    await expectButtons(page, { 'wb-post-scam': 'weibo:post', 'wb-post-repost': 'weibo:post', 'wb-post-plain': 'weibo:post' });

    const scam = await captureFixture(page, 'wb-post-scam');
    expect(scam).toMatchObject({
      platform: 'weibo',
      kind: 'post',
      ids: { bid: 'PcQx7aB3k', authorId: '1850000001' },
      permalink: 'https://weibo.com/1850000001/PcQx7aB3k',
      author: { name: '理财导师老王', id: '1850000001', profileUrl: 'http://weibo.com/u/1850000001' },
      text: '内部消息！跟着老师买这只币，一周翻十倍，名额只剩最后三个，私信我进群，先交 2000 元会员费',
      truncated: true,
      publishedAtText: '5分钟前',
      publishedAt: '2026-11-22T01:15:00.000Z',
      engagement: { reposts: 12000, comments: 356, likes: 2048 },
      extractor: 'weibo:post',
    });
    expect(scam.ids.mid).toMatch(/^\d{16}$/);
    expect(scam.media).toEqual([
      { type: 'image', url: 'https://wx1.sinaimg.cn/orj360/006scam01.jpg' },
      { type: 'image', url: 'https://wx2.sinaimg.cn/orj360/006scam02.jpg' },
    ]);

    const repost = await captureFixture(page, 'wb-post-repost');
    expect(repost.text).toContain('身份证号');
    expect(repost.text).not.toContain('幸福小区');
    expect(repost.engagement).toEqual({ comments: 15, likes: 40 });
    expect(repost.context.find((c) => c.role === 'quoted')).toMatchObject({
      kind: 'post',
      ids: { bid: 'PcQzXyZ12', authorId: '1850000003' },
      author: { name: '爆料君', id: '1850000003' },
      text: '某某的家庭住址是幸福小区 3 栋，电话 138xxxx，大家去找他',
      publishedAt: '2026-11-20T15:10:00.000Z',
    });

    // Infinite scroll: the new post gets its button, the others keep exactly one.
    await page.evaluate(() => (window as unknown as { __loadMore(): void }).__loadMore());
    await expectButtons(page, {
      'wb-post-scam': 'weibo:post',
      'wb-post-repost': 'weibo:post',
      'wb-post-plain': 'weibo:post',
      'wb-post-more': 'weibo:post',
    });
    await page.close();
  });

  it('SPA navigation from the feed to a detail page tears down and re-attaches; comments carry their parent', async () => {
    const page = await open('http://weibo.com/');
    await expectButtons(page, { 'wb-post-scam': 'weibo:post', 'wb-post-repost': 'weibo:post', 'wb-post-plain': 'weibo:post' });
    await page.click('[data-fixture="wb-post-scam"] a[class*="head-info_time"]');
    await eventually(() => page.evaluate(() => location.href), (u) => u === 'http://weibo.com/1850000001/PcQx7aB3k?refer_flag=1001030103_');
    await expectButtons(page, {
      'wb-detail-post': 'weibo:post',
      'wb-c1': 'weibo:comment',
      'wb-c2': 'weibo:comment',
      'wb-r1': 'weibo:reply',
      'wb-r2': 'weibo:reply',
      'wb-c3': 'weibo:comment',
      'wb-c4': 'weibo:comment',
      'wb-c5': 'weibo:comment',
    });
    const comment = await captureFixture(page, 'wb-c2');
    expect(comment).toMatchObject({
      kind: 'comment',
      author: { name: '托儿一号', id: '1850000012', profileUrl: 'http://weibo.com/u/1850000012' },
      text: '老师真的厉害，我上周刚赚了五万，私信老师！',
      publishedAt: '2026-11-22T01:25:00.000Z',
      // Cleaned of refer_flag, as in Chromium.
      pageUrl: 'http://weibo.com/1850000001/PcQx7aB3k',
    });
    expect(comment.context.find((c) => c.role === 'parent')).toMatchObject({ kind: 'post', ids: { bid: 'PcQx7aB3k', authorId: '1850000001' } });
    await page.close();
  });
});
