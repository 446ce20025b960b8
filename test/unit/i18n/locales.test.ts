// Every locale has exactly the default locale's keys, no empty message, and the same substitutions.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createTranslator, resolveLocale, type LocaleMessages } from '../../../src/i18n/i18n';
import { TAXONOMY, categoryLabelKey } from '../../../src/taxonomy/taxonomy';

const dir = fileURLToPath(new URL('../../../public/_locales/', import.meta.url));
const load = (locale: string) => JSON.parse(readFileSync(path.join(dir, locale, 'messages.json'), 'utf8')) as LocaleMessages;
const zh = load('zh_CN');
const locales = readdirSync(dir);

describe('locales', () => {
  it('has zh_CN (default) and en', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN']);
  });

  it.each(locales.filter((l) => l !== 'zh_CN'))('%s has every zh_CN key and no other, with the same $n substitutions', (locale) => {
    const other = load(locale);
    expect(Object.keys(other).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, entry] of Object.entries(zh)) {
      const subs = (m: string) => (m.match(/\$\d/g) ?? []).sort().join(',');
      expect(subs(other[key]!.message), key).toBe(subs(entry.message));
    }
  });

  it.each(locales)('%s has no empty message', (locale) => {
    for (const [key, entry] of Object.entries(load(locale))) expect(entry.message.trim(), key).not.toBe('');
  });

  it('names every taxonomy item', () => {
    for (const item of TAXONOMY) expect(zh[categoryLabelKey(item)], item.id).toBeDefined();
  });

  it('every message key used in the code exists', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(e.name)) files.push(full);
      }
    };
    walk(path.join(root, 'src'));
    walk(path.join(root, 'extension'));
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) if (!zh[m[1]!]) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      for (const m of text.matchAll(/getMessage\('([A-Za-z0-9_]+)'/g)) if (!zh[m[1]!]) missing.push(`${path.relative(root, file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('translator', () => {
  it('substitutes $1 and named placeholders, and falls back to the default locale', () => {
    const t = createTranslator(
      { a: { message: '$1 / $2' }, b: { message: 'n=$COUNT$', placeholders: { count: { content: '$1' } } } },
      { c: { message: '回退' } },
    );
    expect(t('a', 3, 5)).toBe('3 / 5');
    expect(t('b', 7)).toBe('n=7');
    expect(t('c')).toBe('回退');
    expect(t('missing')).toBe('missing');
  });
  it('picks the language: choice, then browser, then Chinese', () => {
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale(undefined, 'zh-TW')).toBe('zh_CN');
    expect(resolveLocale(undefined, 'de-DE')).toBe('zh_CN');
  });
});
