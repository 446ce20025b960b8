import { describe, expect, it } from 'vitest';
import { sanitizeRecordUrls } from '../../../src/evidence/privacy';
import type { CapturedPost } from '../../../src/model/captured-post';

const dirty: CapturedPost = {
  platform: 'weibo',
  kind: 'comment',
  ids: { mid: '1' },
  permalink: 'https://weibo.com/1/AbC?spm=a.b&from=page#access_token=zzz',
  pageUrl: 'https://user:pw@weibo.com/1?utm_source=wx&token=secret',
  pageTitle: 't',
  author: { name: 'a', id: '1', profileUrl: 'https://weibo.com/u/1?sid=abc&tab=home' },
  text: 'x',
  media: [
    { type: 'image', url: 'https://wx1.sinaimg.cn/a.jpg?utm_medium=x', posterUrl: undefined as never },
    { type: 'video', url: 'https://f.video.weibocdn.com/v.mp4?auth=k&x=1', posterUrl: 'https://wx1.sinaimg.cn/p.jpg?fbclid=1' },
  ],
  context: [
    {
      role: 'parent',
      kind: 'post',
      ids: {},
      text: 'p',
      permalink: 'https://weibo.com/1/P?share_source=x',
      author: { name: 'b', profileUrl: 'https://weibo.com/u/2?session=1' },
      media: [{ type: 'image', url: 'https://wx1.sinaimg.cn/c.jpg?gclid=2' }],
    },
  ],
  capturedAt: '2026-11-22T00:00:00.000Z',
};

describe('sanitizeRecordUrls', () => {
  it('cleans every URL of a record, its author, media and context', () => {
    const clean = sanitizeRecordUrls(dirty);
    expect(clean.pageUrl).toBe('https://weibo.com/1');
    expect(clean.permalink).toBe('https://weibo.com/1/AbC?from=page');
    expect(clean.author?.profileUrl).toBe('https://weibo.com/u/1?tab=home');
    expect(clean.media).toEqual([
      { type: 'image', url: 'https://wx1.sinaimg.cn/a.jpg' },
      { type: 'video', url: 'https://f.video.weibocdn.com/v.mp4?x=1', posterUrl: 'https://wx1.sinaimg.cn/p.jpg' },
    ]);
    expect(clean.context[0]).toMatchObject({
      permalink: 'https://weibo.com/1/P',
      author: { name: 'b', profileUrl: 'https://weibo.com/u/2' },
      media: [{ type: 'image', url: 'https://wx1.sinaimg.cn/c.jpg' }],
    });
    expect(JSON.stringify(clean)).not.toMatch(/utm_|token|secret|sid=|session|spm|fbclid|gclid|auth=|pw@/);
    expect(clean.text).toBe('x');
    expect(sanitizeRecordUrls(clean)).toEqual(clean);
  });
});
