// Weibo replicas (weibo.com feed, detail, profile; m.weibo.cn) with the built extension, at their real hostnames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROME_DIST } from '../support/chromium';
import { inPage } from '../support/in-page';
import { feedButtons, flickUntilLoaded, LONG_FEED_PATH, scrollToPost, serveLongFeed } from '../support/long-feed';
import { captureFixture, expectButtons, minutesAgo, open, startPlatformEnv, stopPlatformEnv, type PlatformEnv } from './platforms-support';

let env: PlatformEnv;
beforeAll(async () => {
  env = await startPlatformEnv();
});
afterAll(() => stopPlatformEnv(env));

describe('the built content script', () => {
  it('loads adapters lazily from web-accessible chunks, and picks Weibo\'s only on Weibo', async () => {
    const manifest = JSON.parse(await readFile(path.join(CHROME_DIST, 'manifest.json'), 'utf8')) as {
      content_scripts: Array<{ js: string[] }>;
      web_accessible_resources: Array<{ resources: string[]; matches: string[] }>;
    };
    const files = await readdir(path.join(CHROME_DIST, 'assets'));
    const chunks = files.filter((f) => /^(weibo|bilibili|zhihu|douyin|tieba|xiaohongshu|douban|toutiao|wechat|extract)-.*\.js$/.test(f));
    expect(chunks.length).toBe(10);
    const war = manifest.web_accessible_resources.find((w) => w.resources.includes('assets/*'));
    expect(war?.matches).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    // The adapter chunks are not part of what the manifest injects on every page.
    const loader = await readFile(path.join(CHROME_DIST, manifest.content_scripts[0]!.js[0]!), 'utf8');
    expect(loader).not.toMatch(/weibo-|extract-/);
    // …and it imports the entry relatively: `chrome.runtime` would build that API's bindings on every page.
    expect(loader).not.toMatch(/chrome\.runtime/);
    expect(loader).toMatch(/import\(\s*(?:\/\*[^*]*\*\/\s*)?"\.\/extension-content-index\.ts-[\w-]+\.js"\s*\)/);

    // What the page's renderer fetches, seen through the DevTools protocol (the isolated world's imports
    // do not show in the page's own resource timing).
    const page = await env.session.context.newPage();
    const cdp = await env.session.context.newCDPSession(page);
    const loaded: string[] = [];
    const extensionFiles: string[] = [];
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
      loaded.push(e.request.url.split('/').pop() ?? '');
      if (e.request.url.startsWith('chrome-extension://')) extensionFiles.push(e.request.url.split('/').pop() ?? '');
    });
    await cdp.send('Network.enable');
    await page.goto('http://weibo.com/');
    await expectButtons(page, { 'wb-post-scam': 'weibo:post', 'wb-post-repost': 'weibo:post', 'wb-post-plain': 'weibo:post' });
    expect(loaded.some((n) => n.startsWith('weibo-'))).toBe(true);
    expect(loaded.some((n) => n.startsWith('extract-'))).toBe(true);
    expect(loaded.some((n) => n.startsWith('zhihu-') || n.startsWith('bilibili-'))).toBe(false);
    // Each file is a fetch, a compile and an instantiation on the page's main thread: the content script has its
    // own copies of the helpers it shares with the rest of the extension (scripts/content-script-chunks.ts), so
    // besides the loader (which the browser injects, not fetched) a Weibo page loads the entry (with its own
    // small stand-in for Vite's preload helper), the adapter and the engine, nothing more (eight files before).
    expect(extensionFiles.map((n) => n.replace(/-[\w-]{8}\.js$/, '')).sort()).toEqual(['extension-content-index.ts', 'extract', 'weibo']);
    await page.close();
  });
});

describe('a long feed scrolled at speed', () => {
  it('places nothing while or after the page scrolls; the post pointed at, or focused, gets its button, shown while it is', async () => {
    serveLongFeed(env.server);
    const page = await env.session.context.newPage();
    await page.goto(`http://weibo.com${LONG_FEED_PATH}`);
    await page.bringToFront();
    // The first page, there at load: every post has its button, shown only while the post is pointed at.
    await expect.poll(async () => (await inPage(page, feedButtons, { from: 0, to: 20 })).every((n) => n === 1)).toBe(true);
    const opacity = (index: number) =>
      page.evaluate((i) => {
        const button = document.getElementById('list')!.children[i]!.querySelector('[data-report-assistant="report"]');
        return button ? getComputedStyle(button).opacity : 'none';
      }, index);
    expect(await opacity(3)).toBe('0');
    // A person's pointer rests over the feed while the wheel flicks through 180 posts: nothing is placed.
    await page.mouse.move(400, 300);
    await inPage(page, flickUntilLoaded, 200);
    await page.waitForTimeout(600);
    expect((await inPage(page, feedButtons, { from: 20, to: 200 })).every((n) => n === 0)).toBe(true);
    // The pointer moves: the post under it gets its button, and it shows.
    await page.mouse.move(410, 320, { steps: 3 });
    const under = () =>
      page.evaluate(() => {
        const list = document.getElementById('list')!;
        const hit = document.elementFromPoint(410, 320);
        return Array.from(list.children).findIndex((post) => post.contains(hit));
      });
    const index = await under();
    expect(index).toBeGreaterThan(20);
    await expect.poll(async () => (await inPage(page, feedButtons, { from: index, to: index + 1 }))[0]).toBe(1);
    expect(await opacity(index)).toBe('1');
    // Scrolled back to post 60 and pointed at: that post, and only one button on it.
    await inPage(page, scrollToPost, 60);
    await page.mouse.move(420, 40, { steps: 3 });
    await page.mouse.move(420, 60, { steps: 3 });
    const at60 = await page.evaluate(() => Array.from(document.getElementById('list')!.children).findIndex((post) => post.contains(document.elementFromPoint(420, 60))));
    await expect.poll(async () => (await inPage(page, feedButtons, { from: at60, to: at60 + 1 }))[0]).toBe(1);
    // The pointer left the post it first pointed at: that post's button is transparent again, still in place.
    expect(await opacity(index)).toBe('0');
    // The keyboard: focus entering a post (the feed's posts take focus) places its button, and it shows.
    await page.evaluate(() => (document.getElementById('list')!.children[150]!.querySelector('article') as HTMLElement).focus());
    await expect.poll(async () => (await inPage(page, feedButtons, { from: 150, to: 151 }))[0]).toBe(1);
    expect(await opacity(150)).toBe('1');
    const all = await inPage(page, feedButtons, { from: 0, to: 200 });
    expect(all.every((n) => n <= 1)).toBe(true);
    expect(all.filter((n) => n === 1)).toHaveLength(23);
    await page.close();
  });
});

describe('weibo', () => {
  it('feed: one button per post, capture with folded text, lazy images, counts, repost original', async () => {
    const page = await open(env, 'http://weibo.com/');
    await expectButtons(page, { 'wb-post-scam': 'weibo:post', 'wb-post-repost': 'weibo:post', 'wb-post-plain': 'weibo:post' });

    const scam = await captureFixture(env, page, 'wb-post-scam');
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

    const repost = await captureFixture(env, page, 'wb-post-repost');
    expect(repost.text).toContain('身份证号');
    expect(repost.text).not.toContain('幸福小区');
    expect(repost.engagement).toEqual({ comments: 15, likes: 40 });
    const quoted = repost.context.find((c) => c.role === 'quoted');
    expect(quoted).toMatchObject({
      kind: 'post',
      ids: { bid: 'PcQzXyZ12', authorId: '1850000003' },
      author: { name: '爆料君', id: '1850000003' },
      text: '某某的家庭住址是幸福小区 3 栋，电话 138xxxx，大家去找他',
      publishedAtText: '11-20 23:10',
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

  it('detail: post, comments and replies each get a button; comments carry their parent and neighbours', async () => {
    await env.reader.evaluate(() => chrome.storage.local.set({ contextCount: 2 }));
    const page = await open(env, 'http://weibo.com/1850000001/PcQx7aB3k');
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
    const post = await captureFixture(env, page, 'wb-detail-post');
    expect(post.text).toBe('内部消息！跟着老师买这只币，一周翻十倍，名额只剩最后三个，私信我进群，先交 2000 元会员费。\n老师带单三年从未亏损，已有上千学员财富自由，错过再等一年！');
    expect(post.truncated).toBeUndefined();

    const comment = await captureFixture(env, page, 'wb-c2');
    expect(comment).toMatchObject({
      kind: 'comment',
      author: { name: '托儿一号', id: '1850000012', profileUrl: 'http://weibo.com/u/1850000012' },
      text: '老师真的厉害，我上周刚赚了五万，私信老师！',
      publishedAtText: '26-11-22 09:25 来自广东',
      publishedAt: '2026-11-22T01:25:00.000Z',
    });
    const parent = comment.context.find((c) => c.role === 'parent');
    expect(parent).toMatchObject({ kind: 'post', ids: { bid: 'PcQx7aB3k', authorId: '1850000001' } });
    const around = comment.context.filter((c) => c.role === 'around').map((c) => c.text);
    expect(around).toEqual(['这是典型的杀猪盘，大家别信！', '已举报。投资理财请认准正规渠道。', '围观']);

    const reply = await captureFixture(env, page, 'wb-r2');
    expect(reply.text).toBe('回复@清醒的路人:你才是，穷鬼活该');
    expect(minutesAgo(reply.publishedAt)).toBeGreaterThan(2);
    expect(minutesAgo(reply.publishedAt)).toBeLessThan(5);
    expect(reply.context.find((c) => c.role === 'parent')).toMatchObject({ kind: 'comment', text: '老师真的厉害，我上周刚赚了五万，私信老师！' });
    expect(reply.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['回复@托儿一号:你就是托吧']);
    await env.reader.evaluate(() => chrome.storage.local.remove('contextCount'));
    await page.close();
  });

  it('SPA navigation from the feed to a detail page tears down and re-attaches', async () => {
    const page = await open(env, 'http://weibo.com/');
    await expectButtons(page, { 'wb-post-scam': 'weibo:post', 'wb-post-repost': 'weibo:post', 'wb-post-plain': 'weibo:post' });
    const before = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.locator('[data-fixture="wb-post-scam"] a[class*="head-info_time"]').click();
    await expect.poll(() => page.url()).toBe('http://weibo.com/1850000001/PcQx7aB3k?refer_flag=1001030103_');
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
    // Still the same document: the router swapped the content.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(before);
    const comment = await captureFixture(env, page, 'wb-c1');
    expect(comment.pageUrl).toBe('http://weibo.com/1850000001/PcQx7aB3k');
    await page.close();
  });

  it('profile: the account header is reportable as a user', async () => {
    const page = await open(env, 'http://weibo.com/u/1850000001');
    await expectButtons(page, { 'wb-user': 'weibo:user-header', 'wb-user-post': 'weibo:post' });
    const user = await captureFixture(env, page, 'wb-user');
    expect(user).toMatchObject({
      kind: 'user',
      ids: { uid: '1850000001' },
      permalink: 'http://weibo.com/u/1850000001',
      author: { name: '理财导师老王' },
      text: '带你财富自由 | 合作私信 | V：laowang888',
      engagement: { followers: 125000 },
    });
    await page.close();
  });

  it('when the adapter finds nothing (markup it does not know), the generic finder keeps the page reportable', async () => {
    const page = await open(env, 'http://weibo.com/redesign/');
    await expectButtons(page, { 'wb-redesign-1': 'generic', 'wb-redesign-2': 'generic' });
    const post = await captureFixture(env, page, 'wb-redesign-2');
    expect(post).toMatchObject({ platform: 'weibo', extractor: 'generic', kind: 'post', text: '第二条', publishedAtText: '5分钟前', author: { name: '另一个' } });
    expect(minutesAgo(post.publishedAt)).toBeGreaterThan(4);
    expect(minutesAgo(post.publishedAt)).toBeLessThan(7);
    await page.close();
  });

  it('m.weibo.cn: cards, "...全文" marks the text as truncated, mid from the link', async () => {
    const page = await open(env, 'http://m.weibo.cn/');
    await expectButtons(page, { 'mwb-post-long': 'weibo:post', 'mwb-post-short': 'weibo:post' });
    const long = await captureFixture(env, page, 'mwb-post-long');
    expect(long).toMatchObject({
      ids: { mid: '4999123456789012', bid: 'NFAExsu8c', authorId: '1850000001' },
      permalink: 'http://m.weibo.cn/status/4999123456789012',
      author: { name: '理财导师老王', id: '1850000001' },
      truncated: true,
      publishedAtText: '11-20',
      engagement: { comments: 12000, likes: 5 },
      media: [{ type: 'image', url: 'https://wx1.sinaimg.cn/orj360/006mscam.jpg' }],
    });
    expect(long.text).toBe('跟着老师买币稳赚不赔，已经带了上千学员，名额有限先到先得，加我微信进群领取内部资料，先交会员费');
    await page.close();
  });
});
