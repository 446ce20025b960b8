// The other platform adapters in Firefox ESR, on their replicas at the real hostnames (fixture proxy):
// for each page, exactly the buttons the Chromium spec (test/e2e/platforms-more.e2e.ts) expects, and the
// first item captured with the same fields. Douyin and Toutiao (HSTS-preloaded) are reached over https at
// their real hostnames: the fixture proxy tunnels CONNECT to the server's TLS side (test certificate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture, expectButtons, open, startFirefoxPlatformEnv, stopFirefoxPlatformEnv, type FirefoxPlatformEnv } from './platforms-support';

let env: FirefoxPlatformEnv;
beforeAll(async () => {
  env = await startFirefoxPlatformEnv();
});
afterAll(() => stopFirefoxPlatformEnv(env));

interface PageCase {
  name: string;
  url: string;
  buttons: Record<string, string>;
  capture: string;
  record: Record<string, unknown>;
}

const CASES: PageCase[] = [
  {
    name: 'bilibili video',
    url: 'http://www.bilibili.com/video/BV1L9Uoa9EUx/?spm_id_from=333.1007&vd_source=abc',
    buttons: { 'bl-video': 'bilibili:video', 'bl-c1': 'bilibili:comment', 'bl-r1': 'bilibili:reply', 'bl-c2': 'bilibili:comment' },
    capture: 'bl-video',
    record: {
      platform: 'bilibili',
      kind: 'video',
      ids: { bvid: 'BV1L9Uoa9EUx', aid: '111298867365120', authorId: '3493111111' },
      permalink: 'https://www.bilibili.com/video/BV1L9Uoa9EUx/',
      pageUrl: 'http://www.bilibili.com/video/BV1L9Uoa9EUx/',
      title: '【独家】一分钟教你刷单日入过千',
      author: { name: '刷单带你飞', id: '3493111111', profileUrl: 'http://space.bilibili.com/3493111111' },
      publishedAt: '2026-11-20T12:30:00.000Z',
      engagement: { views: 123000, danmaku: 456, likes: 15000, coins: 2000, favorites: 3001 },
    },
  },
  {
    // Web components with (declarative) shadow roots: where Firefox's content-script wrappers differ most.
    name: 'bilibili 2024 comment area',
    url: 'http://www.bilibili.com/video/BV17x411w7KC/',
    buttons: {
      'bl2-video': 'bilibili:video',
      'bl2-c1': 'bilibili:comment-wc',
      'bl2-r1': 'bilibili:reply-wc',
      'bl2-r2': 'bilibili:reply-wc',
      'bl2-c2': 'bilibili:comment-wc',
    },
    capture: 'bl2-c1',
    record: {
      kind: 'comment',
      ids: { authorId: '3493777777' },
      author: { name: '键盘侠本侠', id: '3493777777', profileUrl: 'http://space.bilibili.com/3493777777' },
      text: '这种人就该被人肉出来，地址我发群里了',
      publishedAt: '2026-11-21T04:00:00.000Z',
      engagement: { likes: 35 },
      context: expect.arrayContaining([
        expect.objectContaining({ role: 'parent', kind: 'video', ids: expect.objectContaining({ bvid: 'BV17x411w7KC', aid: '170001' }) }),
        expect.objectContaining({ role: 'around', text: '视频做得不错' }),
      ]),
    },
  },
  {
    name: 'bilibili dynamic',
    url: 'http://t.bilibili.com/912345678901234567',
    buttons: { 'bl-dyn': 'bilibili:dynamic', 'bl-dyn-c1': 'bilibili:comment' },
    capture: 'bl-dyn',
    record: {
      kind: 'post',
      ids: { dynamicId: '912345678901234567', authorId: '3493444444' },
      author: { name: '地域黑专业户', id: '3493444444' },
      text: '#吐槽#某省人都是骗子，见一个打一个',
      engagement: { shares: 12, comments: 3, likes: 11000 },
    },
  },
  {
    name: 'zhihu question',
    url: 'http://www.zhihu.com/question/600000001',
    buttons: { 'zh-question': 'zhihu:question', 'zh-a1': 'zhihu:answer', 'zh-c1': 'zhihu:comment', 'zh-r1': 'zhihu:reply', 'zh-c2': 'zhihu:comment', 'zh-a2': 'zhihu:answer' },
    capture: 'zh-a1',
    record: {
      kind: 'post',
      ids: { answerId: '3000000001', questionId: '600000001', authorId: 'licai-prince' },
      permalink: 'https://www.zhihu.com/question/600000001/answer/3000000001',
    },
  },
  {
    name: 'zhihu column article',
    url: 'http://zhuanlan.zhihu.com/p/700000001',
    buttons: { 'zh-article': 'zhihu:article' },
    capture: 'zh-article',
    record: {
      kind: 'article',
      ids: { articleId: '700000001', authorId: 'ditupao' },
      permalink: 'https://zhuanlan.zhihu.com/p/700000001',
      title: '揭秘：某地人为什么都爱骗人',
      text: '我总结了十个理由，说明那里的人天生就坏。\n第一，……',
      publishedAt: '2026-11-18T02:00:00.000Z',
    },
  },
  {
    name: 'tieba thread',
    url: 'http://tieba.baidu.com/p/9100000001',
    buttons: { 'tb-f1': 'tieba:floor', 'tb-f2': 'tieba:floor', 'tb-l1': 'tieba:lzl-reply', 'tb-l2': 'tieba:lzl-reply', 'tb-f3': 'tieba:floor' },
    capture: 'tb-f1',
    record: {
      kind: 'post',
      ids: { postId: '148000000001', floor: '1', threadId: '9100000001', authorUid: '1001001', authorId: 'tb.1.aaa111' },
      author: { name: '维权的小李', id: 'tb.1.aaa111' },
      publishedAt: '2026-11-20T13:14:00.000Z',
      media: [{ type: 'image', url: 'https://tiebapic.baidu.com/forum/w%3D580/sign=abc/evidence1.jpg' }],
    },
  },
  {
    name: 'xiaohongshu explore feed',
    url: 'http://www.xiaohongshu.com/explore',
    buttons: { 'xhs-card1': 'xiaohongshu:feed-card', 'xhs-card2': 'xiaohongshu:feed-card' },
    capture: 'xhs-card1',
    record: {
      ids: { noteId: '6740aa000000000001000001', authorId: '5e0000000000000000000a01' },
      permalink: 'http://www.xiaohongshu.com/explore/6740aa000000000001000001',
      author: { name: '好孕来' },
      title: '低价出售代孕服务，包成功',
      engagement: { likes: 12000 },
    },
  },
  {
    name: 'douban group topic',
    url: 'http://www.douban.com/group/topic/310000001/?_i=1234',
    buttons: { 'db-topic': 'douban:topic', 'db-r1': 'douban:reply', 'db-r2': 'douban:reply' },
    capture: 'db-topic',
    record: {
      kind: 'post',
      ids: { topicId: '310000001', authorId: '180000001' },
      title: '求助：前男友在组里发我的私密照片怎么办',
      author: { name: '小鹿', id: '180000001', profileUrl: 'https://www.douban.com/people/180000001/' },
      publishedAt: '2026-11-20T00:00:00.000Z',
    },
  },
  {
    name: 'douyin video',
    url: 'https://www.douyin.com/video/7440000000000000001?previous_page=app_code_link',
    buttons: { 'dy-video': 'douyin:video', 'dy-c1': 'douyin:comment', 'dy-c2': 'douyin:comment' },
    capture: 'dy-video',
    record: {
      platform: 'douyin',
      kind: 'video',
      ids: { awemeId: '7440000000000000001', authorId: 'MS4wLjABAAAAscam01' },
      permalink: 'https://www.douyin.com/video/7440000000000000001',
      pageUrl: 'https://www.douyin.com/video/7440000000000000001',
      author: { name: '兼职招聘小助手', id: 'MS4wLjABAAAAscam01' },
      text: '刷单兼职日结，手机就能做，#兼职 私信领任务',
      publishedAt: '2026-11-21T11:45:00.000Z',
      engagement: { likes: 34000, comments: 1024, favorites: 5678 },
    },
  },
  {
    name: 'douyin user page',
    url: 'https://www.douyin.com/user/MS4wLjABAAAAscam01',
    buttons: { 'dy-user': 'douyin:user-header' },
    capture: 'dy-user',
    record: {
      kind: 'user',
      ids: { secUid: 'MS4wLjABAAAAscam01' },
      author: { name: '兼职招聘小助手' },
      engagement: { following: 12, followers: 88000, likes: 1205000 },
    },
  },
  {
    name: 'toutiao article',
    url: 'https://www.toutiao.com/article/7440000000000000101/?log_from=abc&wid=1',
    buttons: { 'tt-article': 'toutiao:article', 'tt-c1': 'toutiao:comment', 'tt-c2': 'toutiao:comment' },
    capture: 'tt-article',
    record: {
      platform: 'toutiao',
      kind: 'article',
      ids: { groupId: '7440000000000000101', authorId: 'MS4wLjABAAAArumor01' },
      pageUrl: expect.stringMatching(/^https:\/\/www\.toutiao\.com\/article\/7440000000000000101\/(?!.*log_from)/),
      title: '震惊！某地发生特大事故，死亡人数超千人',
      author: { name: '热点速递官' },
      publishedAt: '2026-11-21T14:10:00.000Z',
      engagement: { likes: 56000 },
    },
  },
  {
    name: 'wechat article',
    url: 'http://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01?scene=1&pass_ticket=SECRET',
    buttons: { 'wx-article': 'wechat:article' },
    capture: 'wx-article',
    record: {
      kind: 'article',
      ids: { biz: 'MzA5NjAwMDAwMQ==', mid: '2650000001', idx: '1', sn: '0123456789abcdef0123456789abcdef', token: 'Xk3mTq9sScamArticle01' },
      title: '年化 36% 保本理财，最后 100 个名额',
      publishedAt: '2026-11-21T12:00:00.000Z',
      // The reader's session secret and the share scene are gone.
      pageUrl: 'http://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01',
    },
  },
];

describe('platform adapters (Firefox)', () => {
  for (const c of CASES) {
    it(`${c.name}: one button per item, and the capture`, async () => {
      const page = await open(env, c.url);
      await expectButtons(page, c.buttons);
      const record = await captureFixture(env, page, c.capture);
      expect(record).toMatchObject({ ...c.record, extractor: c.buttons[c.capture] });
      await page.close();
    });
  }
});
