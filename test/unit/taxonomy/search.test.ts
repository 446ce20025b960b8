import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTranslator, type LocaleMessages } from '../../../src/i18n/i18n';
import { searchTaxonomy } from '../../../src/taxonomy/search';
import { TAXONOMY, categoryExamplesKey, categoryHintKey, categoryLabelKey } from '../../../src/taxonomy/taxonomy';

const load = (locale: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url)), 'utf8')) as LocaleMessages;
const zh = createTranslator(load('zh_CN'));
const en = createTranslator(load('en'));
const top = (q: string, t = zh) => searchTaxonomy(q, t)[0]?.item.id;

describe('taxonomy search', () => {
  it('finds by short name, legal text, hint and examples', () => {
    expect(top('诈骗')).toBe('illegal-11-fraud');
    expect(top('颠覆国家政权')).toBe('illegal-2');
    expect(top('人肉')).toBe('illegal-10-privacy');
    expect(top('日赚三千')).toBe('illegal-11-fraud');
    expect(top('标题党')).toBe('harmful-1');
  });
  it('searches English names and hints in English, and the law’s Chinese text in any language', () => {
    expect(top('doxxing', en)).toBe('illegal-10-privacy');
    expect(top('Clickbait', en)).toBe('harmful-1');
    expect(top('英雄烈士', en)).toBe('illegal-4');
  });
  it('needs every term to match, and returns nothing for nothing', () => {
    expect(searchTaxonomy('诈骗 英雄', zh)).toEqual([]);
    expect(searchTaxonomy('   ', zh)).toEqual([]);
    expect(searchTaxonomy('zzzzqqq', zh)).toEqual([]);
  });
  it('has a hint and examples for every item in both languages', () => {
    for (const t of [zh, en]) {
      for (const item of TAXONOMY) {
        for (const key of [categoryLabelKey(item), categoryHintKey(item), categoryExamplesKey(item)]) expect(t(key), key).not.toBe(key);
      }
    }
  });
});
