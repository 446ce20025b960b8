// WeChat articles with their 精选留言 in Firefox ESR, at the real hostname mp.weixin.qq.com (fixture proxy):
// the same assertions as test/e2e/platforms-wechat.e2e.ts (Chromium). One button on the article, each
// comment and the account's reply; a comment's record carries the article as its parent and the comments
// beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { captureFixture as capture, expectButtons, open as openIn, startFirefoxPlatformEnv, stopFirefoxPlatformEnv, type FirefoxPlatformEnv } from './platforms-support';

let env: FirefoxPlatformEnv;
beforeAll(async () => {
  env = await startFirefoxPlatformEnv();
});
afterAll(() => stopFirefoxPlatformEnv(env));

const open = (url: string) => openIn(env, url);
const captureFixture = (page: Page, fixture: string) => capture(env, page, fixture);

const parentOf = (r: { context: Array<{ role: string }> }) => r.context.find((c) => c.role === 'parent') as Record<string, unknown> | undefined;
const around = (r: { context: Array<{ role: string; text?: string }> }) => r.context.filter((c) => c.role === 'around').map((c) => c.text);

const ALL_BUTTONS = {
  'wx-article2': 'wechat:article',
  'wx-c1': 'wechat:comment',
  'wx-r1': 'wechat:reply',
  'wx-c2': 'wechat:comment',
  'wx-c3': 'wechat:comment',
};

describe('wechat 精选留言 (Firefox)', () => {
  it('article, comments and the account\'s reply each get one button', async () => {
    const page = await open('http://mp.weixin.qq.com/s/Rm7cPq2vCommentArticle02?scene=1&pass_ticket=SECRET');
    await expectButtons(page, ALL_BUTTONS);
    // The article's own text is the article, not its comments.
    const article = await captureFixture(page, 'wx-article2');
    expect(article).toMatchObject({
      kind: 'article',
      ids: { biz: 'MzI2NjAwMDAwMg==', mid: '2247480002', idx: '2', token: 'Rm7cPq2vCommentArticle02' },
      author: { name: '牛股内参', id: 'MzI2NjAwMDAwMg==' },
      text: '主力资金已进场，明天开盘直接拉涨停。\n加老师微信进 VIP 群，交 3888 元会费跟单。',
    });
    await page.close();
  });

  it('a comment: id, commenter, text without the reply, time, likes; the article as parent; its neighbours', async () => {
    const page = await open('http://mp.weixin.qq.com/s/Rm7cPq2vCommentArticle02');
    await expectButtons(page, ALL_BUTTONS);
    const comment = await captureFixture(page, 'wx-c1');
    expect(comment).toMatchObject({
      platform: 'wechat',
      kind: 'comment',
      ids: { commentId: '1001' },
      author: { name: '跟着老师赚钱' },
      text: '已交会费，上周跟单赚了两万，老师微信 laoshi888',
      publishedAtText: '2026年11月20日',
      publishedAt: '2026-11-19T16:00:00.000Z',
      engagement: { likes: 56 },
      extractor: 'wechat:comment',
      pageUrl: 'http://mp.weixin.qq.com/s/Rm7cPq2vCommentArticle02',
    });
    expect(comment.author).not.toHaveProperty('profileUrl');
    expect(comment.text).not.toContain('名额有限');
    expect(parentOf(comment)).toMatchObject({
      kind: 'article',
      title: '内部消息：某股明天必涨停',
      ids: { biz: 'MzI2NjAwMDAwMg==', mid: '2247480002', sn: 'fedcba9876543210fedcba9876543210' },
    });
    expect(String(parentOf(comment)!.permalink)).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=MzI2NjAwMDAwMg/);
    expect(around(comment)).toEqual(['荐股收会费是违法的，大家别上当', '交了钱就拉黑了']);

    const second = await captureFixture(page, 'wx-c2');
    expect(second).toMatchObject({ kind: 'comment', ids: { commentId: '1002' }, author: { name: '理性投资者' }, engagement: { likes: 12000 } });
    expect(around(second)).toEqual(['已交会费，上周跟单赚了两万，老师微信 laoshi888', '交了钱就拉黑了']);
    // A bare "赞" is no count.
    const third = await captureFixture(page, 'wx-c3');
    expect(third.engagement?.likes).toBeUndefined();
    await page.close();
  });

  it('the account\'s reply: its own record, with the comment it answers as parent', async () => {
    const page = await open('http://mp.weixin.qq.com/s/Rm7cPq2vCommentArticle02');
    await expectButtons(page, ALL_BUTTONS);
    const reply = await captureFixture(page, 'wx-r1');
    expect(reply).toMatchObject({ kind: 'comment', author: { name: '作者' }, text: '名额有限，速加', extractor: 'wechat:reply' });
    expect(parentOf(reply)).toMatchObject({ kind: 'comment', ids: { commentId: '1001' }, text: '已交会费，上周跟单赚了两万，老师微信 laoshi888' });
    await page.close();
  });
});
