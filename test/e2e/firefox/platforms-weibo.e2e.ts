// The Weibo adapter in Firefox ESR, on the weibo.com replica at its real hostname (fixture proxy): the
// same assertions as the first tests of test/e2e/platforms-weibo.e2e.ts. Platform adapters run in the
// content script, where Firefox differs most (Xray wrappers around page objects).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/firefox';
import { inPage } from '../../support/in-page';
import { feedButtons, flickUntilLoaded, LONG_FEED_PATH, scrollToPost, serveLongFeed } from '../../support/long-feed';
import { captureFixture as capture, expectButtons, open as openIn, startFirefoxPlatformEnv, stopFirefoxPlatformEnv, type FirefoxPlatformEnv } from './platforms-support';

let env: FirefoxPlatformEnv;
beforeAll(async () => {
  env = await startFirefoxPlatformEnv();
});
afterAll(() => stopFirefoxPlatformEnv(env));

const open = (url: string) => openIn(env, url);
const captureFixture = (page: Parameters<typeof capture>[1], fixture: string) => capture(env, page, fixture);

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

    // Infinite scroll, after the page has scrolled (each capture scrolls its post into view): the new post gets
    // its button when the pointer comes onto it, the others keep exactly one.
    await page.evaluate(() => (window as unknown as { __loadMore(): void }).__loadMore());
    await page.hover('[data-fixture="wb-post-more"]');
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

describe('a long feed scrolled at speed (Firefox)', () => {
  it('places nothing while or after the page scrolls, also under a pointer at rest; the post pointed at gets its button, shown while it is', async () => {
    serveLongFeed(env.server);
    const page = await open(`http://weibo.com${LONG_FEED_PATH}`);
    await page.bringToFront();
    await eventually(() => inPage(page, feedButtons, { from: 0, to: 20 }), (c) => c.every((n) => n === 1));
    const opacity = (index: number) =>
      page.evaluate((i) => {
        const button = document.getElementById('list')!.children[i]!.querySelector('[data-report-assistant="report"]');
        return button ? getComputedStyle(button).opacity : 'none';
      }, index);
    const postAt = (x: number, y: number) =>
      page.evaluate((px, py) => Array.from(document.getElementById('list')!.children).findIndex((post) => post.contains(document.elementFromPoint(px, py))), x, y);
    // The pointer rests over the feed while it is flicked through.
    await page.mouse.move(400, 300);
    await inPage(page, flickUntilLoaded, 200);
    await new Promise((r) => setTimeout(r, 600));
    expect((await inPage(page, feedButtons, { from: 20, to: 200 })).every((n) => n === 0)).toBe(true);
    await page.mouse.move(410, 320, { steps: 3 });
    const index = await postAt(410, 320);
    expect(index).toBeGreaterThan(20);
    await eventually(() => inPage(page, feedButtons, { from: index, to: index + 1 }), (c) => c[0] === 1);
    expect(await opacity(index)).toBe('1');
    // A post not pointed at: its button transparent where the device can hover, else always shown (headless
    // Firefox may say it has no pointer that hovers).
    const hovers = await page.evaluate(() => matchMedia('(any-hover: hover)').matches);
    expect(await opacity(3)).toBe(hovers ? '0' : '1');
    await inPage(page, scrollToPost, 60);
    await page.mouse.move(420, 60, { steps: 3 });
    const at60 = await postAt(420, 60);
    await eventually(() => inPage(page, feedButtons, { from: at60, to: at60 + 1 }), (c) => c[0] === 1);
    expect((await inPage(page, feedButtons, { from: 0, to: 200 })).every((n) => n <= 1)).toBe(true);
    await page.close();
  });
});
