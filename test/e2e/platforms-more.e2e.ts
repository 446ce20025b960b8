// Bilibili, Zhihu, Douyin, Tieba, Xiaohongshu, Douban, Toutiao and WeChat replicas with the built
// extension, at their real hostnames: exactly one button per expected item, and the captured record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SITES_ROOT } from '../support/fixture-server';
import { captureFixture, expectButtons, minutesAgo, open, startPlatformEnv, stopPlatformEnv, type PlatformEnv } from './platforms-support';

let env: PlatformEnv;
beforeAll(async () => {
  env = await startPlatformEnv();
});
afterAll(() => stopPlatformEnv(env));

const parentOf = (r: { context: Array<{ role: string }> }) => r.context.find((c) => c.role === 'parent') as Record<string, unknown> | undefined;

describe('bilibili', () => {
  it('video page: video, comments and replies; aid from the BV id; comment parent is the video', async () => {
    const page = await open(env, 'http://www.bilibili.com/video/BV1L9Uoa9EUx/?spm_id_from=333.1007&vd_source=abc');
    await expectButtons(page, { 'bl-video': 'bilibili:video', 'bl-c1': 'bilibili:comment', 'bl-r1': 'bilibili:reply', 'bl-c2': 'bilibili:comment' });
    const video = await captureFixture(env, page, 'bl-video');
    expect(video).toMatchObject({
      platform: 'bilibili',
      kind: 'video',
      ids: { bvid: 'BV1L9Uoa9EUx', aid: '111298867365120', authorId: '3493111111' },
      permalink: 'https://www.bilibili.com/video/BV1L9Uoa9EUx/',
      pageUrl: 'http://www.bilibili.com/video/BV1L9Uoa9EUx/',
      title: '【独家】一分钟教你刷单日入过千',
      author: { name: '刷单带你飞', id: '3493111111', profileUrl: 'http://space.bilibili.com/3493111111' },
      text: '加群领取刷单任务，每单佣金 50 元，先垫付后返款。\n群号见置顶评论。',
      publishedAtText: '2026-11-20 20:30:00',
      publishedAt: '2026-11-20T12:30:00.000Z',
      engagement: { views: 123000, danmaku: 456, likes: 15000, coins: 2000, favorites: 3001 },
      media: [{ type: 'image', url: 'https://i0.hdslb.com/bfs/archive/cover-scam.jpg' }],
    });
    const comment = await captureFixture(env, page, 'bl-c1');
    expect(comment).toMatchObject({
      kind: 'comment',
      ids: { rpid: '245000000001', authorId: '3493111111' },
      author: { name: '刷单带你飞', id: '3493111111', profileUrl: 'https://space.bilibili.com/3493111111' },
      text: '群号 12345678，进群领任务，名额有限',
      engagement: { likes: 1024 },
    });
    expect(parentOf(comment)).toMatchObject({ kind: 'video', ids: { bvid: 'BV1L9Uoa9EUx' }, title: '【独家】一分钟教你刷单日入过千' });
    expect(comment.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['刷单就是诈骗，已举报']);
    const reply = await captureFixture(env, page, 'bl-r1');
    expect(reply).toMatchObject({ ids: { rpid: '245000000009' }, author: { name: '被骗了三千' }, text: '我垫付了三千块，现在群解散了，大家千万别信' });
    expect(minutesAgo(reply.publishedAt)).toBeGreaterThan(3 * 24 * 60 - 2);
    expect(parentOf(reply)).toMatchObject({ kind: 'comment', text: '群号 12345678，进群领任务，名额有限' });
    await page.close();
  });

  it('the 2024 comment area (web components, shadow roots): comments and replies, parent and neighbours', async () => {
    const page = await open(env, 'http://www.bilibili.com/video/BV17x411w7KC/');
    await expectButtons(page, {
      'bl2-video': 'bilibili:video',
      'bl2-c1': 'bilibili:comment-wc',
      'bl2-r1': 'bilibili:reply-wc',
      'bl2-r2': 'bilibili:reply-wc',
      'bl2-c2': 'bilibili:comment-wc',
    });
    const comment = await captureFixture(env, page, 'bl2-c1');
    expect(comment).toMatchObject({
      kind: 'comment',
      ids: { authorId: '3493777777' },
      author: { name: '键盘侠本侠', id: '3493777777', profileUrl: 'http://space.bilibili.com/3493777777' },
      text: '这种人就该被人肉出来，地址我发群里了',
      publishedAtText: '2026-11-21 12:00',
      publishedAt: '2026-11-21T04:00:00.000Z',
      engagement: { likes: 35 },
    });
    expect(parentOf(comment)).toMatchObject({ kind: 'video', ids: { bvid: 'BV17x411w7KC', aid: '170001' }, title: '猫咪合集' });
    expect(comment.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['视频做得不错']);
    const reply = await captureFixture(env, page, 'bl2-r2');
    expect(reply).toMatchObject({ kind: 'comment', author: { name: '键盘侠本侠' }, text: '回复 @冷静 :关你什么事', publishedAtText: '5分钟前' });
    expect(parentOf(reply)).toMatchObject({ kind: 'comment', text: '这种人就该被人肉出来，地址我发群里了' });
    expect(reply.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['回复 @键盘侠本侠 :这是违法的']);
    await page.close();
  });

  it('the 2024 comment area: a thread that comes after the page has scrolled, and a reply opening in it, get their buttons when pointed at, through the shadow roots', async () => {
    const page = await open(env, 'http://www.bilibili.com/video/BV17x411w7KC/');
    const before = { 'bl2-video': 'bilibili:video', 'bl2-c1': 'bilibili:comment-wc', 'bl2-r1': 'bilibili:reply-wc', 'bl2-r2': 'bilibili:reply-wc', 'bl2-c2': 'bilibili:comment-wc' };
    await expectButtons(page, before);
    await page.bringToFront();
    // A thread and a reply as the comment area renders them (declarative shadow roots): copies of the replica's.
    const replica = readFileSync(path.join(SITES_ROOT, 'www.bilibili.com/video/BV17x411w7KC/index.html'), 'utf8');
    const thread = /<bili-comment-thread-renderer data-fixture="bl2-c2">[\s\S]*?<\/bili-comment-thread-renderer>/.exec(replica)![0].replace('bl2-c2', 'bl2-c3').replace('视频做得不错', '第三条评论');
    const reply = /<bili-comment-reply-renderer data-fixture="bl2-r1">[\s\S]*?<\/bili-comment-reply-renderer>/.exec(replica)![0].replace('bl2-r1', 'bl2-r3');
    // The page scrolls, and the thread comes midway (once the page has scrolled, what it adds waits for the
    // pointer); the scroll ends where the comments are.
    await page.evaluate(async (html) => {
      document.body.style.minHeight = '5000px';
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const feed = document.querySelector('bili-comments')!.shadowRoot!.querySelector('#feed')!;
      for (let i = 0; i < 24; i++) {
        window.scrollBy(0, i < 12 ? 40 : -40);
        if (i === 6) {
          const holder = document.createElement('div');
          holder.setHTMLUnsafe(html);
          feed.append(...Array.from(holder.childNodes));
        }
        await frame();
      }
    }, thread);
    await page.waitForTimeout(300);
    await expectButtons(page, before);
    await page.locator('[data-fixture="bl2-c3"]').hover();
    await expectButtons(page, { ...before, 'bl2-c3': 'bilibili:comment-wc' });
    // A reply opening in the new thread's own shadow root, two shadow roots deep: its button when pointed at.
    await page.evaluate((html) => {
      const comments = document.querySelector('bili-comments')!.shadowRoot!;
      const replies = comments.querySelector('[data-fixture="bl2-c3"]')!.shadowRoot!.querySelector('#replies')!.shadowRoot!.querySelector('#expander-contents')!;
      const holder = document.createElement('div');
      holder.setHTMLUnsafe(html);
      replies.append(...Array.from(holder.childNodes));
    }, reply);
    await page.locator('[data-fixture="bl2-r3"]').hover();
    await expectButtons(page, { ...before, 'bl2-c3': 'bilibili:comment-wc', 'bl2-r3': 'bilibili:reply-wc' });
    const captured = await captureFixture(env, page, 'bl2-r3');
    expect(captured).toMatchObject({ kind: 'comment', text: '回复 @键盘侠本侠 :这是违法的' });
    expect(parentOf(captured)).toMatchObject({ kind: 'comment', text: '第三条评论' });
    await page.close();
  });

  it('dynamic: a forward with its original as quoted context, and its comment', async () => {
    const page = await open(env, 'http://t.bilibili.com/912345678901234567');
    await expectButtons(page, { 'bl-dyn': 'bilibili:dynamic', 'bl-dyn-c1': 'bilibili:comment' });
    const dyn = await captureFixture(env, page, 'bl-dyn');
    expect(dyn).toMatchObject({
      kind: 'post',
      ids: { dynamicId: '912345678901234567', authorId: '3493444444' },
      author: { name: '地域黑专业户', id: '3493444444' },
      text: '#吐槽#某省人都是骗子，见一个打一个',
      publishedAtText: '11月21日',
      engagement: { shares: 12, comments: 3, likes: 11000 },
      media: [],
    });
    expect(dyn.context.find((c) => c.role === 'quoted')).toMatchObject({
      ids: { dynamicId: '912345678900000001', authorId: '3493555555' },
      author: { name: '原作者' },
      text: '今天在某省旅游被坑了 200 块',
      media: [{ type: 'image', url: 'http://i0.hdslb.com/bfs/new_dyn/orig1.jpg@208w.webp' }],
    });
    const comment = await captureFixture(env, page, 'bl-dyn-c1');
    expect(parentOf(comment)).toMatchObject({ kind: 'post', ids: { dynamicId: '912345678901234567' } });
    await page.close();
  });
});

describe('zhihu', () => {
  it('question page: question, answers (collapsed one in full), comments and replies', async () => {
    const page = await open(env, 'http://www.zhihu.com/question/600000001');
    await expectButtons(page, {
      'zh-question': 'zhihu:question',
      'zh-a1': 'zhihu:answer',
      'zh-c1': 'zhihu:comment',
      'zh-r1': 'zhihu:reply',
      'zh-c2': 'zhihu:comment',
      'zh-a2': 'zhihu:answer',
    });
    const answer = await captureFixture(env, page, 'zh-a1');
    expect(answer).toMatchObject({
      kind: 'post',
      ids: { answerId: '3000000001', questionId: '600000001', authorId: 'licai-prince' },
      permalink: 'https://www.zhihu.com/question/600000001/answer/3000000001',
      author: { name: '理财小王子', id: 'licai-prince', profileUrl: 'https://www.zhihu.com/people/licai-prince' },
      text: '谢邀。我就在这样的群里，真的赚到钱了。\n老师每天早上九点发信号，跟着买就行，上个月我收益 300%。\n想进群的私信我，暗号"发财"，名额有限。',
      publishedAtText: '编辑于 2026-11-21 09:00',
      publishedAt: '2026-11-20T00:30:00.000Z',
      engagement: { likes: 1234, comments: 3 },
      media: [{ type: 'image', url: 'https://pic1.zhimg.com/v2-proof_720w.jpg' }],
    });
    expect(answer.truncated).toBeUndefined();
    expect(parentOf(answer)).toMatchObject({ ids: { questionId: '600000001' }, title: '如何看待网上流传的"内部理财群"？' });
    const a2 = await captureFixture(env, page, 'zh-a2');
    expect(a2).toMatchObject({ ids: { answerId: '3000000002' }, author: { name: '匿名用户' }, engagement: { likes: 23000 } });
    const reply = await captureFixture(env, page, 'zh-r1');
    expect(reply).toMatchObject({
      kind: 'comment',
      ids: { commentId: '10100000011', authorId: 'licai-prince' },
      text: '你懂什么，穷是有原因的',
      publishedAtText: '昨天 10:00 · 上海',
      engagement: { likes: 2 },
    });
    expect(parentOf(reply)).toMatchObject({ kind: 'comment', ids: { commentId: '10100000001' }, text: '典型的荐股诈骗，先让你小赚再收割。' });
    const comment = await captureFixture(env, page, 'zh-c1');
    expect(comment.publishedAt).toBe('2026-11-20T16:00:00.000Z');
    expect(parentOf(comment)).toMatchObject({ ids: { answerId: '3000000001' } });
    expect(comment.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['已举报']);
    await page.close();
  });

  it('column article', async () => {
    const page = await open(env, 'http://zhuanlan.zhihu.com/p/700000001');
    await expectButtons(page, { 'zh-article': 'zhihu:article' });
    const article = await captureFixture(env, page, 'zh-article');
    expect(article).toMatchObject({
      kind: 'article',
      ids: { articleId: '700000001', authorId: 'ditupao' },
      permalink: 'https://zhuanlan.zhihu.com/p/700000001',
      title: '揭秘：某地人为什么都爱骗人',
      author: { name: '地图炮' },
      text: '我总结了十个理由，说明那里的人天生就坏。\n第一，……',
      publishedAt: '2026-11-18T02:00:00.000Z',
      engagement: { likes: 56 },
      media: [{ type: 'image', url: 'https://pic1.zhimg.com/v2-map_r.jpg' }],
    });
    await page.close();
  });
});

describe('douyin', () => {
  it('video page with comments, and the user page header', async () => {
    const page = await open(env, 'https://www.douyin.com/video/7440000000000000001?previous_page=app_code_link');
    await expectButtons(page, { 'dy-video': 'douyin:video', 'dy-c1': 'douyin:comment', 'dy-c2': 'douyin:comment' });
    const video = await captureFixture(env, page, 'dy-video');
    expect(video).toMatchObject({
      kind: 'video',
      ids: { awemeId: '7440000000000000001', authorId: 'MS4wLjABAAAAscam01' },
      permalink: 'https://www.douyin.com/video/7440000000000000001',
      // Reached over https at the real hostname (HSTS-preloaded), the share parameter cleaned off.
      pageUrl: 'https://www.douyin.com/video/7440000000000000001',
      author: { name: '兼职招聘小助手', id: 'MS4wLjABAAAAscam01' },
      text: '刷单兼职日结，手机就能做，#兼职 私信领任务',
      publishedAtText: '发布时间：2026-11-21 19:45',
      publishedAt: '2026-11-21T11:45:00.000Z',
      engagement: { likes: 34000, comments: 1024, favorites: 5678 },
      media: [{ type: 'image', url: 'https://p3-pc-sign.douyinpic.com/tos-cn-p-0015/cover-scam.jpeg' }],
    });
    const comment = await captureFixture(env, page, 'dy-c1');
    expect(comment).toMatchObject({
      kind: 'comment',
      author: { name: '受害者', id: 'MS4wLjABAAAAvictim01' },
      text: '做了三单就被要求垫付五千，钱没了，大家别上当！',
      publishedAtText: '1天前·广东',
      engagement: { likes: 22000 },
    });
    expect(parentOf(comment)).toMatchObject({ kind: 'video', ids: { awemeId: '7440000000000000001' } });
    await page.close();

    const user = await open(env, 'https://www.douyin.com/user/MS4wLjABAAAAscam01');
    await expectButtons(user, { 'dy-user': 'douyin:user-header' });
    const account = await captureFixture(env, user, 'dy-user');
    expect(account).toMatchObject({
      kind: 'user',
      ids: { secUid: 'MS4wLjABAAAAscam01' },
      author: { name: '兼职招聘小助手' },
      text: '日结兼职 私信',
      engagement: { following: 12, followers: 88000, likes: 1205000 },
    });
    await user.close();
  });
});

describe('tieba', () => {
  it('thread: floors and 楼中楼 replies, floor 1 is the thread post, replies carry their floor', async () => {
    const page = await open(env, 'http://tieba.baidu.com/p/9100000001');
    await expectButtons(page, { 'tb-f1': 'tieba:floor', 'tb-f2': 'tieba:floor', 'tb-l1': 'tieba:lzl-reply', 'tb-l2': 'tieba:lzl-reply', 'tb-f3': 'tieba:floor' });
    const first = await captureFixture(env, page, 'tb-f1');
    expect(first).toMatchObject({
      kind: 'post',
      ids: { postId: '148000000001', floor: '1', threadId: '9100000001', authorUid: '1001001', authorId: 'tb.1.aaa111' },
      author: { name: '维权的小李', id: 'tb.1.aaa111' },
      text: 'XX 网贷的催收每天打几十个电话给我的父母和同事，还 P 了我的遗照发到群里。\n大家有遇到的吗？怎么投诉？',
      publishedAtText: '2026-11-20 21:14',
      publishedAt: '2026-11-20T13:14:00.000Z',
      media: [{ type: 'image', url: 'https://tiebapic.baidu.com/forum/w%3D580/sign=abc/evidence1.jpg' }],
    });
    expect(parentOf(first)).toMatchObject({ ids: { threadId: '9100000001' }, title: '【曝光】XX 网贷催收电话轰炸我的家人' });
    const floor = await captureFixture(env, page, 'tb-f2');
    expect(floor).toMatchObject({ kind: 'comment', ids: { postId: '148000000002', floor: '2' }, text: '欠钱不还还有理了？再不还钱就去你单位闹，你家地址我们都知道。' });
    expect(floor.context.filter((c) => c.role === 'around').map((c) => c.ids.floor)).toEqual(['1', '3']);
    const lzl = await captureFixture(env, page, 'tb-l2');
    expect(lzl).toMatchObject({
      kind: 'comment',
      ids: { postId: '148000000102', authorName: '催收专员007', authorId: 'tb.1.bbb222' },
      author: { name: '催收专员007' },
      text: '回复 维权的小李 :报警也没用，等着吧',
      publishedAtText: '今天 08:10',
    });
    expect(parentOf(lzl)).toMatchObject({ ids: { postId: '148000000002', floor: '2' } });
    expect(lzl.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['已经录音了，准备报警']);
    await page.close();
  });
});

describe('xiaohongshu', () => {
  it('explore feed cards and a note page with comments and replies', async () => {
    const feed = await open(env, 'http://www.xiaohongshu.com/explore');
    await expectButtons(feed, { 'xhs-card1': 'xiaohongshu:feed-card', 'xhs-card2': 'xiaohongshu:feed-card' });
    const card = await captureFixture(env, feed, 'xhs-card1');
    expect(card).toMatchObject({
      ids: { noteId: '6740aa000000000001000001', authorId: '5e0000000000000000000a01' },
      permalink: 'http://www.xiaohongshu.com/explore/6740aa000000000001000001',
      author: { name: '好孕来' },
      title: '低价出售代孕服务，包成功',
      engagement: { likes: 12000 },
      media: [{ type: 'image', url: 'https://sns-webpic-qc.xhscdn.com/202611/cover1.jpg' }],
    });
    await feed.close();

    const page = await open(env, 'http://www.xiaohongshu.com/explore/6740aa000000000001000001?xsec_source=pc_feed');
    await expectButtons(page, { 'xhs-note': 'xiaohongshu:note', 'xhs-c1': 'xiaohongshu:comment', 'xhs-r1': 'xiaohongshu:reply', 'xhs-c2': 'xiaohongshu:comment' });
    const note = await captureFixture(env, page, 'xhs-note');
    expect(note).toMatchObject({
      kind: 'post',
      ids: { noteId: '6740aa000000000001000001', authorId: '5e0000000000000000000a01' },
      permalink: 'http://www.xiaohongshu.com/explore/6740aa000000000001000001',
      title: '低价出售代孕服务，包成功',
      author: { name: '好孕来', profileUrl: 'http://www.xiaohongshu.com/user/profile/5e0000000000000000000a01' },
      text: '正规医院合作，包生男孩，价格私聊 ✨#备孕',
      publishedAtText: '编辑于 11-19 上海',
      publishedAt: '2026-11-18T16:00:00.000Z',
      engagement: { likes: 12000, favorites: 3456, comments: 3 },
      media: [
        { type: 'image', url: 'https://sns-webpic-qc.xhscdn.com/202611/img1.jpg' },
        { type: 'image', url: 'https://sns-webpic-qc.xhscdn.com/202611/img2.jpg' },
      ],
    });
    const reply = await captureFixture(env, page, 'xhs-r1');
    expect(reply).toMatchObject({ ids: { commentId: '6741bb000000000002000011' }, author: { name: '好孕来' }, text: '回复 正义路人 : 多管闲事' });
    expect(parentOf(reply)).toMatchObject({ ids: { commentId: '6741bb000000000002000001' } });
    const comment = await captureFixture(env, page, 'xhs-c2');
    expect(comment).toMatchObject({ text: '多少钱？私信你了', publishedAtText: '11-20', engagement: { likes: 2 } });
    expect(parentOf(comment)).toMatchObject({ kind: 'post', ids: { noteId: '6740aa000000000001000001' } });
    await page.close();
  });
});

describe('douban', () => {
  it('group topic and replies; a reply quoting another carries it', async () => {
    const page = await open(env, 'http://www.douban.com/group/topic/310000001/?_i=1234');
    await expectButtons(page, { 'db-topic': 'douban:topic', 'db-r1': 'douban:reply', 'db-r2': 'douban:reply' });
    const topic = await captureFixture(env, page, 'db-topic');
    expect(topic).toMatchObject({
      kind: 'post',
      ids: { topicId: '310000001', authorId: '180000001' },
      title: '求助：前男友在组里发我的私密照片怎么办',
      author: { name: '小鹿', id: '180000001', profileUrl: 'https://www.douban.com/people/180000001/' },
      text: '他在另一个小组发帖，附了我的照片和单位名称，已经被很多人转了。\n我该向谁举报？',
      publishedAt: '2026-11-20T00:00:00.000Z',
      engagement: { likes: 25 },
      media: [{ type: 'image', url: 'https://img9.doubanio.com/view/group_topic/l/public/p100000001.webp' }],
    });
    const reply = await captureFixture(env, page, 'db-r2');
    expect(reply).toMatchObject({
      kind: 'comment',
      ids: { commentId: '4200000002', authorId: '180000003' },
      text: '楼上封禁。楼主可以向 12377 和豆瓣举报，保留证据。',
      publishedAtText: '2026-11-20 09:30:00 北京',
      engagement: { likes: 128 },
    });
    expect(reply.context.find((c) => c.role === 'quoted')).toMatchObject({ ids: { commentId: '4200000001', authorId: '180000002' }, text: '图呢？发出来看看' });
    expect(parentOf(reply)).toMatchObject({ ids: { topicId: '310000001' } });
    await page.close();
  });
});

describe('account headers and folded statuses', () => {
  it('zhihu member, xiaohongshu user: the header is reportable as the account', async () => {
    const zh = await open(env, 'http://www.zhihu.com/people/licai-prince');
    await expectButtons(zh, { 'zh-user': 'zhihu:user-header' });
    expect(await captureFixture(env, zh, 'zh-user')).toMatchObject({
      kind: 'user',
      ids: { urlToken: 'licai-prince' },
      permalink: 'http://www.zhihu.com/people/licai-prince',
      author: { name: '理财小王子' },
      text: '带你财富自由，私信进群',
    });
    await zh.close();
    const xhs = await open(env, 'http://www.xiaohongshu.com/user/profile/5e0000000000000000000a01');
    await expectButtons(xhs, { 'xhs-user': 'xiaohongshu:user-header' });
    expect(await captureFixture(env, xhs, 'xhs-user')).toMatchObject({
      kind: 'user',
      ids: { userId: '5e0000000000000000000a01' },
      author: { name: '好孕来' },
      text: '专业助孕 | 合作私信',
      engagement: { followers: 12000, likes: 30000 },
    });
    await xhs.close();
  });

  it('douban status: the folded text is read in full from the page, never clicked open', async () => {
    const page = await open(env, 'http://www.douban.com/');
    await expectButtons(page, { 'db-status-long': 'douban:status', 'db-status-short': 'douban:status' });
    const status = await captureFixture(env, page, 'db-status-long');
    expect(status).toMatchObject({
      kind: 'post',
      ids: { statusId: '4500000001', uid: '180000009', authorId: '180000009' },
      permalink: 'https://www.douban.com/people/180000009/status/4500000001/',
      author: { name: '代写论文工作室' },
      text: '本科硕士论文代写，查重率保证低于 10%，答辩包过。\n可开发票，联系微信 lunwen888。',
      publishedAtText: '11月21日',
      publishedAt: '2026-11-21T10:00:00.000Z',
      engagement: { likes: 12, comments: 4 },
      media: [{ type: 'image', url: 'https://img2.doubanio.com/view/status/m/public/ad1.jpg' }],
    });
    expect(status.truncated).toBeUndefined();
    // The fold is still closed: capture reads, it does not click.
    expect(await page.locator('[data-fixture="db-status-long"] .full').isVisible()).toBe(false);
    await page.close();
  });
});

describe('toutiao', () => {
  it('article and comments', async () => {
    const page = await open(env, 'https://www.toutiao.com/article/7440000000000000101/?log_from=abc&wid=1');
    await expectButtons(page, { 'tt-article': 'toutiao:article', 'tt-c1': 'toutiao:comment', 'tt-c2': 'toutiao:comment' });
    const article = await captureFixture(env, page, 'tt-article');
    expect(article).toMatchObject({
      kind: 'article',
      ids: { groupId: '7440000000000000101', authorId: 'MS4wLjABAAAArumor01' },
      title: '震惊！某地发生特大事故，死亡人数超千人',
      author: { name: '热点速递官' },
      publishedAtText: '2026-11-21 22:10',
      publishedAt: '2026-11-21T14:10:00.000Z',
      engagement: { likes: 56000 },
      media: [{ type: 'image', url: 'https://p3-sign.toutiaoimg.com/tos-cn-i-6w9my0ksvp/fake-scene~tplv-tt-origin-web:gif.jpeg' }],
    });
    expect(article.text).toContain('官方至今隐瞒');
    expect(article.pageUrl).not.toContain('log_from');
    expect(article.pageUrl).toMatch(/^https:\/\/www\.toutiao\.com\/article\/7440000000000000101\//);
    const comment = await captureFixture(env, page, 'tt-c2');
    expect(comment).toMatchObject({ ids: { commentId: '7440000000000999002' }, author: { name: '转发狂人' }, text: '太可怕了，已转发十个群' });
    expect(minutesAgo(comment.publishedAt)).toBeGreaterThan(29);
    expect(parentOf(comment)).toMatchObject({ kind: 'article', ids: { groupId: '7440000000000000101' } });
    await page.close();
  });
});

describe('wechat', () => {
  it('article: ids from og:url, lazy images, account name', async () => {
    const page = await open(env, 'http://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01?scene=1&pass_ticket=SECRET');
    await expectButtons(page, { 'wx-article': 'wechat:article' });
    const article = await captureFixture(env, page, 'wx-article');
    expect(article).toMatchObject({
      kind: 'article',
      ids: { biz: 'MzA5NjAwMDAwMQ==', mid: '2650000001', idx: '1', sn: '0123456789abcdef0123456789abcdef', token: 'Xk3mTq9sScamArticle01' },
      title: '年化 36% 保本理财，最后 100 个名额',
      author: { name: '稳赢财富圈', id: 'MzA5NjAwMDAwMQ==' },
      text: '保本保息，年化收益 36%，三个月回本。\n扫码添加客服，转账即可锁定名额。',
      publishedAtText: '2026年11月21日 20:00',
      publishedAt: '2026-11-21T12:00:00.000Z',
      media: [{ type: 'image', url: 'https://mmbiz.qpic.cn/mmbiz_jpg/scamqr01/640?wx_fmt=jpeg' }],
    });
    expect(article.permalink).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=/);
    expect(article.permalink).not.toContain('chksm');
    expect(article.pageUrl).toBe('http://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01');
    await page.close();
  });
});
