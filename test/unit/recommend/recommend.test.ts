import { describe, expect, it } from 'vitest';
import { preselected, recommend, SPECIALISED, type Recommendation } from '../../../src/recommend/recommend';
import { destination } from '../../../src/destinations/catalog';
import { taxonomyItem, TAXONOMY } from '../../../src/taxonomy/taxonomy';

const ids = (recs: Recommendation[], role?: Recommendation['role']) => recs.filter((r) => !role || r.role === role).map((r) => r.destinationId);

describe('recommend', () => {
  it('puts the platform’s own entry first (the law’s first line), with 12377 as the escalation', () => {
    const recs = recommend({ categoryId: 'harmful-7', platforms: ['weibo'] });
    expect(recs[0]).toMatchObject({ destinationId: 'weibo', role: 'first', reasonKey: 'rec_platform_first', reasonArgKeys: ['dest_weibo'] });
    expect(ids(recs, 'escalation')).toEqual(['12377']);
    expect(preselected(recs)).toEqual(['weibo']);
  });

  it('goes to 12377 first when the platform has no entry (any other web page)', () => {
    const recs = recommend({ categoryId: 'illegal-11', platforms: ['generic'] });
    expect(recs[0]).toMatchObject({ destinationId: '12377', role: 'first', reasonKey: 'rec_no_platform_entry' });
    expect(preselected(recs)).toEqual(['12377']);
    // 12377 is not offered twice.
    expect(ids(recs).filter((id) => id === '12377')).toHaveLength(1);
  });

  it('goes to 12377 first when the platform already failed to act', () => {
    const recs = recommend({ categoryId: 'harmful-7', platforms: ['bilibili'], platformAlreadyTried: true });
    expect(recs[0]).toMatchObject({ destinationId: '12377', role: 'first', reasonKey: 'rec_platform_failed' });
    expect(ids(recs)).not.toContain('bilibili');
  });

  it('names platforms with only an in-app entry, without pre-selecting them', () => {
    const recs = recommend({ categoryId: 'harmful-2', platforms: ['xiaohongshu'] });
    expect(recs[0]!.destinationId).toBe('12377');
    expect(recs.find((r) => r.destinationId === 'xiaohongshu')).toMatchObject({ role: 'also', reasonKey: 'rec_platform_in_app' });
    expect(preselected(recs)).toEqual(['12377']);
  });

  it('uses e-mail as a platform entry when that is all there is (Douyin)', () => {
    expect(recommend({ categoryId: 'harmful-9', platforms: ['douyin'] })[0]!.destinationId).toBe('douyin');
  });

  it.each([
    ['illegal-11-fraud', 'cyberpolice'],
    ['illegal-9-porn', 'shdf'],
    ['illegal-10-piracy', 'shdf'],
    ['illegal-8', 'piyao'],
    ['illegal-11-spam-calls', '12321'],
    ['illegal-2', '12339'],
    ['illegal-11-consumer', '12315'],
    ['illegal-10-enterprise', '12377-enterprise'],
    ['illegal-9-gambling', 'cyberpolice'],
  ])('adds the specialised channel for %s → %s, pre-selected, after the platform', (categoryId, specialised) => {
    const recs = recommend({ categoryId, platforms: ['weibo'] });
    expect(recs[0]!.destinationId).toBe('weibo');
    expect(ids(recs, 'specialised')).toContain(specialised);
    expect(preselected(recs)).toEqual(['weibo', ...ids(recs, 'specialised')]);
  });

  it('tells the person to call 110 / use the anti-fraud app for fraud', () => {
    const fraud = recommend({ categoryId: 'illegal-11-fraud', platforms: ['generic'] }).find((r) => r.destinationId === 'cyberpolice');
    expect(fraud!.adviceKey).toBe('rec_fraud_advice');
  });

  it('sends child sexual abuse content to the police as well as 12377, never to a platform-only channel', () => {
    const recs = recommend({ categoryId: 'illegal-9-csam', platforms: ['generic'] });
    expect(preselected(recs)).toEqual(['12377', 'cyberpolice', 'shdf']);
  });

  it('recommends nothing specialised for a category without one, and nothing for no category', () => {
    expect(ids(recommend({ categoryId: 'harmful-1', platforms: ['zhihu'] }), 'specialised')).toEqual([]);
    expect(ids(recommend({ categoryId: null, platforms: ['zhihu'] }))).toEqual(['zhihu', '12377']);
  });

  it('offers a configured endpoint, never pre-selected', () => {
    const recs = recommend({ categoryId: 'harmful-1', platforms: ['zhihu'], apiConfigured: true });
    expect(recs.at(-1)).toMatchObject({ destinationId: 'https-api', role: 'also' });
    expect(preselected(recs)).not.toContain('https-api');
  });

  it('gives one first line per platform when items come from several', () => {
    expect(ids(recommend({ categoryId: 'harmful-9', platforms: ['weibo', 'zhihu', 'weibo'] }), 'first')).toEqual(['weibo', 'zhihu']);
  });

  it('only names real destinations and real taxonomy ids, and every category gets a first line', () => {
    for (const [categoryId, list] of Object.entries(SPECIALISED)) {
      expect(taxonomyItem(categoryId), categoryId).toBeDefined();
      for (const s of list) expect(destination(s.id), s.id).toBeDefined();
    }
    for (const item of TAXONOMY) {
      for (const platform of ['generic', 'weibo', 'wechat', 'toutiao'] as const) {
        const recs = recommend({ categoryId: item.id, platforms: [platform] });
        expect(recs.filter((r) => r.role === 'first').length, `${item.id} on ${platform}`).toBeGreaterThan(0);
        expect(new Set(ids(recs)).size).toBe(recs.length);
      }
    }
  });
});
