import { describe, expect, it } from 'vitest';
import { contentKeys, findDuplicates, normalisePermalink } from '../../../src/recommend/duplicates';
import { newDraft, type Report } from '../../../src/model/report';
import type { CapturedPost } from '../../../src/model/captured-post';

const post = (over: Partial<CapturedPost>): CapturedPost => ({
  platform: 'weibo',
  kind: 'post',
  ids: {},
  pageUrl: 'https://weibo.com/',
  pageTitle: '微博',
  text: 't',
  media: [],
  context: [],
  capturedAt: '2026-11-21T02:05:00.000Z',
  ...over,
});
const report = (...items: CapturedPost[]): Report => newDraft(items, []);

describe('duplicate detection', () => {
  it('normalises permalinks: host without www/m, no trailing slash, sorted query, no fragment', () => {
    expect(normalisePermalink('https://www.Example.com/p/1/?b=2&a=1#top')).toBe('example.com/p/1?a=1&b=2');
    expect(normalisePermalink('http://m.example.com/p/1')).toBe('example.com/p/1');
    expect(normalisePermalink('javascript:alert(1)')).toBeUndefined();
    expect(normalisePermalink('not a url')).toBeUndefined();
    expect(normalisePermalink(undefined)).toBeUndefined();
  });

  it('keys content by platform ids but never by the author’s id', () => {
    expect(contentKeys(post({ ids: { mid: 'M1', authorUid: 'U9' } }))).toEqual(['id:weibo:mid=M1']);
    // A generic page's ids are the page's own, not a platform's: only the URL counts.
    expect(contentKeys(post({ platform: 'generic', ids: { postId: '1' }, permalink: 'https://a.example/p/1' }))).toEqual(['url:a.example/p/1']);
  });

  it('finds the same post in another report by platform id, even under another URL', () => {
    const mine = report(post({ ids: { mid: 'M1' }, permalink: 'https://weibo.com/1/M1' }));
    const other = report(post({ ids: { mid: 'M1' }, permalink: 'https://m.weibo.cn/detail/M1' }));
    const unrelated = report(post({ ids: { mid: 'M2' } }));
    const found = findDuplicates(mine, [mine, unrelated, other]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ report: { id: other.id }, itemIndex: 0, otherItemIndex: 0, matchedBy: 'id' });
  });

  it('finds it by normalised permalink when there are no ids', () => {
    const mine = report(post({ platform: 'generic', permalink: 'https://forum.example/t/9?utm=x' }), post({ platform: 'generic', permalink: 'https://forum.example/t/10' }));
    const other = report(post({ platform: 'generic', permalink: 'https://www.forum.example/t/10/' }));
    expect(findDuplicates(mine, [other])).toMatchObject([{ itemIndex: 1, matchedBy: 'url' }]);
  });

  it('does not match the same author’s other posts, or the report itself', () => {
    const mine = report(post({ ids: { mid: 'M1', authorUid: 'U' } }));
    expect(findDuplicates(mine, [mine, report(post({ ids: { mid: 'M2', authorUid: 'U' } }))])).toEqual([]);
  });
});
