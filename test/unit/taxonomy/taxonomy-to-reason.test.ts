// The mapping table is complete and total: every taxonomy item (the law's 20 items and every
// sub-category) resolves to a reason that exists in the destination's own list, at every destination.
import { describe, expect, it } from 'vitest';
import { DESTINATIONS, DESTINATION_IDS, destination, reasonLabelKey } from '../../../src/destinations/catalog';
import { COLUMN_DEFAULTS, TAXONOMY_TO_REASON, mappingPairs, reasonCodeFor, reasonFor } from '../../../src/destinations/reasons/taxonomy-to-reason';
import { LEGAL_ITEMS, TAXONOMY } from '../../../src/taxonomy/taxonomy';

describe('taxonomy → destination reason mapping', () => {
  it('has a row for every taxonomy item and no row for anything else', () => {
    expect(Object.keys(TAXONOMY_TO_REASON).sort()).toEqual(TAXONOMY.map((i) => i.id).sort());
  });

  it('maps every item to a reason in the destination’s own list, at every destination', () => {
    const missing = mappingPairs().filter(
      ({ categoryId, destinationId, code }) => code === undefined || !destination(destinationId)!.reasons.some((r) => r.code === code) || !categoryId,
    );
    expect(missing).toEqual([]);
    expect(mappingPairs()).toHaveLength(TAXONOMY.length * DESTINATIONS.length);
  });

  it('names only real destinations and real reason codes in the table', () => {
    for (const [categoryId, row] of Object.entries(TAXONOMY_TO_REASON)) {
      for (const [destinationId, code] of Object.entries(row)) {
        const dest = destination(destinationId);
        expect(dest, `${categoryId}: unknown destination ${destinationId}`).toBeDefined();
        expect(dest!.reasons.map((r) => r.code), `${categoryId} @ ${destinationId}`).toContain(code);
      }
    }
    for (const [destinationId, code] of Object.entries(COLUMN_DEFAULTS)) {
      expect(destination(destinationId)!.reasons.map((r) => r.code), destinationId).toContain(code);
    }
  });

  it('spells out the platforms’ and 12377’s reasons on every row (no silent defaults there)', () => {
    for (const [categoryId, row] of Object.entries(TAXONOMY_TO_REASON)) {
      for (const id of ['weibo', 'bilibili', 'zhihu', 'wechat', '12377'] as const) expect(row[id], `${categoryId} @ ${id}`).toBeTruthy();
    }
  });

  it('files what the law and 12377 agree on under the matching 12377 type', () => {
    expect(reasonCodeFor('illegal-11-fraud', '12377')).toBe('fraud');
    expect(reasonCodeFor('illegal-9-porn', '12377')).toBe('porn');
    expect(reasonCodeFor('illegal-9-csam', '12377')).toBe('porn');
    expect(reasonCodeFor('illegal-9-gambling', '12377')).toBe('gambling');
    expect(reasonCodeFor('illegal-8', '12377')).toBe('rumour');
    expect(reasonCodeFor('illegal-10-privacy', '12377')).toBe('infringement');
    expect(reasonFor('illegal-10-privacy', '12377')!.requiresRealName).toBe(true);
    expect(reasonCodeFor('illegal-5', '12377')).toBe('terror');
    expect(reasonCodeFor('harmful-7', '12377')).toBe('vulgar');
  });

  it('uses the platforms’ own codes (Weibo 22 诈骗, 801 暴恐血腥; Bilibili 12 赌博诈骗)', () => {
    expect(reasonFor('illegal-11-fraud', 'weibo')!.siteLabel).toBe('诈骗');
    expect(reasonFor('illegal-5', 'weibo')).toMatchObject({ code: '801', parent: '8', siteLabel: '暴恐血腥' });
    expect(reasonFor('illegal-9-gambling', 'bilibili')!.siteLabel).toBe('赌博诈骗');
    expect(reasonFor('illegal-10-privacy', 'weibo')!.siteLabel).toBe('泄露隐私');
  });

  it('gives provincial centres 12377’s type and the JSON endpoint the taxonomy id itself', () => {
    for (const item of TAXONOMY) {
      const national = reasonCodeFor(item.id, '12377');
      expect(reasonCodeFor(item.id, 'provincial-shanghai')).toBe(national === 'history' ? 'other' : national);
      expect(reasonCodeFor(item.id, 'https-api')).toBe(item.id);
    }
  });

  it('answers undefined for unknown categories or destinations', () => {
    expect(reasonCodeFor('illegal-99', '12377')).toBeUndefined();
    expect(reasonCodeFor('illegal-1', 'nowhere')).toBeUndefined();
  });
});

describe('destination catalog', () => {
  it('has exactly the agreed ids, each once, in order', () => {
    expect(DESTINATIONS.map((d) => d.id)).toEqual([...DESTINATION_IDS]);
  });

  it('gives every destination a name key, sources unless it is the configured endpoint, and consistent reason keys', () => {
    for (const d of DESTINATIONS) {
      expect(d.nameKey).toMatch(/^dest_[A-Za-z0-9_]+$/);
      if (d.kind !== 'api') {
        expect(d.sources.length, d.id).toBeGreaterThan(0);
        for (const r of d.reasons) expect(r.labelKey).toBe(reasonLabelKey(d.id, r.code));
      }
      const codes = d.reasons.map((r) => r.code);
      expect(new Set(codes).size, `${d.id} has duplicate codes`).toBe(codes.length);
      for (const r of d.reasons) if (r.parent) expect(codes, `${d.id} ${r.code}`).toContain(r.parent);
      // A dialog entry may be the item's own address (`{pageUrl}`); the adapter accepts only https pages of the
      // dialog profile's hosts there (test/unit/destinations/dialogs.test.ts).
      const own = (e: { url: string; purpose: string }) => e.purpose === 'dialog' && /^\{(pageUrl|permalink)\}$/.test(e.url);
      for (const url of [...d.entries.filter((e) => !own(e)).map((e) => e.url), ...d.sources]) expect(url, d.id).toMatch(/^https:\/\//);
      for (const email of d.emails) expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    }
  });

  it('records the published limits and identity rules', () => {
    expect(destination('12377')!.dailyLimit).toEqual({ count: 50, hours: 24 });
    expect(destination('12377-enterprise')!.description.max).toBe(500);
    expect(destination('wechat')!.description.max).toBe(50);
    expect(destination('piyao')!.description.min).toBe(20);
    expect(destination('12377')!.reasons.find((r) => r.code === 'infringement')!.requiresRealName).toBe(true);
    expect(destination('12377')!.emails).toContain('jubao@12377.cn');
    expect(destination('12377')!.reasons.map((r) => r.siteLabel).slice(0, 9)).toEqual([
      '政治类', '暴恐类', '诈骗类', '色情类', '低俗类', '赌博类', '侵权类', '谣言类', '其他类',
    ]);
    expect(destination('bilibili')!.reasons.map((r) => Number(r.code)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 18 }, (_, i) => i),
    );
  });

  it('has 11 + 9 law items', () => {
    expect(LEGAL_ITEMS.filter((i) => i.group === 'illegal')).toHaveLength(11);
    expect(LEGAL_ITEMS.filter((i) => i.group === 'harmful')).toHaveLength(9);
  });
});
