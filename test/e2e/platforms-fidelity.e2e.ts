// Capture fidelity (issue 23: nested items, class 2; field rules, class 4) on replicas written from what public
// scripts show of the real pages, at the real hostnames, with the build as it ships: exactly one button per item,
// each on the item itself (a reply's on the reply, not on its parent), and pressing it stores a record whose
// ids, permalink, author and text are the item's own and whose parent context is the right one.
//  - Douyin's video page: the related-videos rail inside the video's element has other ids and authors; the
//    comments arrive after the page; replies are comment-items inside their parent's, shown by "展开2条回复"; a
//    comment's text is in a span with only hashed classes; comment ids are not in the page (missingFields).
//  - Douyin's 精选 feed with ?modal_id=<id>, and a user page with a video open in the modal.
//  - Tieba: 楼中楼 inside their floor, authored by the nickname shown (not the internal user name), some
//    arriving after the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { captureFixture, expectButtons, open, startPlatformEnv, stopPlatformEnv, type PlatformEnv } from './platforms-support';
import type { CapturedPost } from '../../src/model/captured-post';

let env: PlatformEnv;
beforeAll(async () => {
  env = await startPlatformEnv();
});
afterAll(() => stopPlatformEnv(env));

const parentOf = (r: CapturedPost) => r.context.find((c) => c.role === 'parent');
const around = (r: CapturedPost) => r.context.filter((c) => c.role === 'around');

/** Moves the pointer over an item, as a person does before pressing its button (it may have come after a scroll). */
async function pointAt(page: Page, fixture: string): Promise<void> {
  await page.locator(`[data-fixture="${fixture}"]`).first().hover({ position: { x: 8, y: 8 } });
}

describe('douyin', () => {
  it('video page: the video is the one the page is about, not the related rail\'s; replies are items on their own, their parent comment as context', async () => {
    const page = await open(env, 'https://www.douyin.com/video/7440000000000000002');
    // The comments arrive after the page.
    await expectButtons(page, { 'dyf-video': 'douyin:video', 'dyf-c1': 'douyin:comment', 'dyf-c2': 'douyin:comment' });
    // "展开2条回复": the replies come inside the parent comment's element.
    await page.locator('[data-fixture="dyf-c1"] button.comment-reply-expand-btn').click();
    await expect.poll(() => page.locator('[data-fixture="dyf-r2"]').count()).toBe(1);
    await pointAt(page, 'dyf-r1');
    await pointAt(page, 'dyf-r2');
    await expectButtons(page, {
      'dyf-video': 'douyin:video',
      'dyf-c1': 'douyin:comment',
      'dyf-r1': 'douyin:reply',
      'dyf-r2': 'douyin:reply',
      'dyf-c2': 'douyin:comment',
    });

    const video = await captureFixture(env, page, 'dyf-video');
    expect(video).toMatchObject({
      platform: 'douyin',
      kind: 'video',
      ids: { awemeId: '7440000000000000002', authorId: 'MS4wLjABAAAAscam02' },
      permalink: 'https://www.douyin.com/video/7440000000000000002',
      author: { name: '兼职日结宝宝', id: 'MS4wLjABAAAAscam02', profileUrl: 'https://www.douyin.com/user/MS4wLjABAAAAscam02?from_tab_name=main' },
      title: '在家刷单日赚三百，#刷单 评论区扣1带你做',
      publishedAtText: '发布时间：2026-11-19 22:10',
      engagement: { likes: 88000, comments: 3, favorites: 12000 },
      media: [{ type: 'image', url: 'https://p3-pc-sign.douyinpic.com/tos-cn-p-0015/cover-scam02.jpeg' }],
    });
    expect(video.missingFields).toBeUndefined();

    await pointAt(page, 'dyf-c1');
    const comment = await captureFixture(env, page, 'dyf-c1');
    expect(comment).toMatchObject({
      kind: 'comment',
      ids: { authorId: 'MS4wLjABAAAAvictim02' },
      author: { name: '受骗的小王', id: 'MS4wLjABAAAAvictim02', profileUrl: 'https://www.douyin.com/user/MS4wLjABAAAAvictim02' },
      // Read from the span with only hashed classes; the replies' texts are not the parent's.
      text: '交了680元会员费就被拉黑了，大家千万别信',
      publishedAtText: '3天前·江苏',
      engagement: { likes: 11000 },
      missingFields: ['ids.commentId'],
    });
    expect(Object.keys(comment.ids)).toEqual(['authorId']);
    expect(parentOf(comment)).toMatchObject({ kind: 'video', ids: { awemeId: '7440000000000000002' }, title: '在家刷单日赚三百，#刷单 评论区扣1带你做' });
    expect(around(comment).map((c) => c.author?.name)).toEqual(['热心网友小李']);

    await pointAt(page, 'dyf-r1');
    const reply = await captureFixture(env, page, 'dyf-r1');
    expect(reply).toMatchObject({
      kind: 'comment',
      extractor: 'douyin:reply',
      // The "作者" badge is not part of the name.
      author: { name: '兼职日结宝宝', id: 'MS4wLjABAAAAscam02' },
      text: '任务没做完当然不退，再交300解冻',
      publishedAtText: '2天前·河南',
      engagement: { likes: 12 },
    });
    expect(parentOf(reply)).toMatchObject({ kind: 'comment', author: { name: '受骗的小王' }, text: '交了680元会员费就被拉黑了，大家千万别信' });
    expect(around(reply).map((c) => c.text)).toEqual(['已举报，典型的刷单诈骗']);

    await pointAt(page, 'dyf-r2');
    const second = await captureFixture(env, page, 'dyf-r2');
    expect(second).toMatchObject({ author: { name: '路过的网友', id: 'MS4wLjABAAAApasser01' }, text: '已举报，典型的刷单诈骗' });
    expect(parentOf(second)).toMatchObject({ author: { name: '受骗的小王' } });
    await page.close();
  });

  it('精选 with ?modal_id: one button per slide, each slide\'s own id; the playing one is the video the URL names', async () => {
    const page = await open(env, 'https://www.douyin.com/jingxuan?modal_id=7440000000000000003');
    await expectButtons(page, {
      'dyj-prev': 'douyin:feed-video',
      'dyj-active': 'douyin:feed-video',
      'dyj-c1': 'douyin:comment',
      'dyj-next': 'douyin:feed-video',
    });
    const active = await captureFixture(env, page, 'dyj-active');
    expect(active).toMatchObject({
      kind: 'video',
      ids: { awemeId: '7440000000000000003', authorId: 'MS4wLjABAAAAloan0003' },
      permalink: 'https://www.douyin.com/video/7440000000000000003',
      author: { name: '秒批小额贷', id: 'MS4wLjABAAAAloan0003' },
      text: '黑户也能下款，私信发你链接',
    });
    await pointAt(page, 'dyj-next');
    const next = await captureFixture(env, page, 'dyj-next');
    expect(next).toMatchObject({
      ids: { awemeId: '7440000000000000922', authorId: 'MS4wLjABAAAAtravel001' },
      permalink: 'https://www.douyin.com/video/7440000000000000922',
      author: { name: '旅行日记' },
      text: '大理三日游攻略',
    });
    await pointAt(page, 'dyj-c1');
    const comment = await captureFixture(env, page, 'dyj-c1');
    expect(comment).toMatchObject({ author: { name: '借了两千还了八千' }, text: '先收“工本费”再放款，放款后砍头息一半，别碰' });
    expect(parentOf(comment)).toMatchObject({ kind: 'video', ids: { awemeId: '7440000000000000003' }, author: { name: '秒批小额贷' } });
    await page.close();
  });

  it('user page with a video in the modal: the video is the one ?modal_id names, the account keeps its own address', async () => {
    const page = await open(env, 'https://www.douyin.com/user/MS4wLjABAAAAscam02?modal_id=7440000000000000002');
    await expectButtons(page, { 'dyu-user': 'douyin:user-header', 'dyu-modal-video': 'douyin:video' });
    const video = await captureFixture(env, page, 'dyu-modal-video');
    expect(video).toMatchObject({
      kind: 'video',
      ids: { awemeId: '7440000000000000002', authorId: 'MS4wLjABAAAAscam02' },
      permalink: 'https://www.douyin.com/video/7440000000000000002',
      author: { name: '兼职日结宝宝' },
      title: '在家刷单日赚三百，评论区扣1带你做',
    });
    await pointAt(page, 'dyu-user');
    const account = await captureFixture(env, page, 'dyu-user');
    expect(account).toMatchObject({
      kind: 'user',
      ids: { secUid: 'MS4wLjABAAAAscam02' },
      permalink: 'https://www.douyin.com/user/MS4wLjABAAAAscam02',
      author: { name: '兼职日结宝宝' },
      text: '日结兼职 评论区扣1',
    });
    await page.close();
  });
});

describe('tieba', () => {
  it('thread: 楼中楼 are items inside their floor, authored by the name shown; late 楼中楼 get theirs too', async () => {
    const page = await open(env, 'http://tieba.baidu.com/p/9100000002');
    await expectButtons(page, {
      'tbf-f1': 'tieba:floor',
      'tbf-f2': 'tieba:floor',
      'tbf-l1': 'tieba:lzl-reply',
      'tbf-l2': 'tieba:lzl-reply',
      'tbf-f3': 'tieba:floor',
      // Loaded after the page, into floor 3.
      'tbf-l3': 'tieba:lzl-reply',
    });
    const lzl = await captureFixture(env, page, 'tbf-l2');
    expect(lzl).toMatchObject({
      platform: 'tieba',
      kind: 'comment',
      // data-field is single-quoted on the page; the account's internal user name stays an id.
      ids: { postId: '150000000202', authorName: 'kefu_zhuanyuan_88', authorId: 'tb.1.fff666' },
      author: { name: '追款专员王老师', id: 'tb.1.fff666', profileUrl: 'http://tieba.baidu.com/home/main?id=tb.1.fff666&fr=pb' },
      text: '回复 被骗的阿泽 :先交 2000 保证金，追回后退还',
      publishedAtText: '2026-11-21 10:02',
      publishedAt: '2026-11-21T02:02:00.000Z',
    });
    expect(lzl.missingFields).toBeUndefined();
    expect(parentOf(lzl)).toMatchObject({ kind: 'comment', ids: { postId: '150000000002', floor: '2' }, author: { name: '追款专员王老师' } });
    expect(around(lzl).map((c) => c.author?.name)).toEqual(['被骗的阿泽']);

    await pointAt(page, 'tbf-f2');
    const floor = await captureFixture(env, page, 'tbf-f2');
    expect(floor).toMatchObject({
      kind: 'comment',
      ids: { postId: '150000000002', floor: '2', threadId: '9100000002', authorUid: '2002002', authorId: 'tb.1.fff666' },
      author: { name: '追款专员王老师', id: 'tb.1.fff666' },
      // The floor's own text: its 楼中楼 are not part of it.
      text: '专业追回被骗款，成功后再收费，加 V：zhuikuan888',
    });

    await pointAt(page, 'tbf-l3');
    const late = await captureFixture(env, page, 'tbf-l3');
    expect(late).toMatchObject({ ids: { postId: '150000000301', authorName: 'zhang_2009_xyz' }, author: { name: '热心市民老张' }, text: '支持，二楼已举报' });
    expect(parentOf(late)).toMatchObject({ ids: { postId: '150000000003', floor: '3' }, author: { name: '反诈小助手' } });
    await page.close();
  });
});
