// Records built from a context-menu click: the browser's URLs win over the page's, URLs are cleaned,
// and hostile page answers are clipped or ignored.
import { describe, expect, it } from 'vitest';
import { buildMenuRecord, pageViewport, selectionBox } from '../../../extension/background/capture-page-record';

const now = new Date('2026-11-22T05:00:00Z');
const tab = { url: 'https://bbs.example.com/t/1?utm_source=share&token=secret', title: '论坛帖子' };

describe('buildMenuRecord', () => {
  it('reports a link without opening it: its cleaned URL, its text, and the page it was on', () => {
    const record = buildMenuRecord(
      'link',
      { pageUrl: tab.url, linkUrl: 'https://scam.example.net/pay?spm=1.2&id=9#access_token=abc' },
      tab,
      { linkTexts: ['  点击领取补贴  ', 'other'] },
      now,
    );
    expect(record).toMatchObject({
      platform: 'generic',
      kind: 'link',
      permalink: 'https://scam.example.net/pay?id=9',
      pageUrl: 'https://bbs.example.com/t/1',
      pageTitle: '论坛帖子',
      text: '点击领取补贴',
      ids: { linkHost: 'scam.example.net' },
      capturedAt: '2026-11-22T05:00:00.000Z',
    });
  });

  it('keeps the selection with its line breaks, falling back to the browser copy', () => {
    expect(buildMenuRecord('selection', { pageUrl: tab.url, selectionText: 'a b' }, tab, { selectionText: 'a\nb' }, now).text).toBe('a\nb');
    expect(buildMenuRecord('selection', { pageUrl: tab.url, selectionText: 'a b' }, tab, undefined, now).text).toBe('a b');
    expect(() => buildMenuRecord('selection', { pageUrl: tab.url }, tab, { selectionText: '   ' }, now)).toThrow('menu_errorNoSelection');
  });

  it('takes a page with its canonical URL, description and text excerpt', () => {
    const record = buildMenuRecord(
      'page',
      { pageUrl: tab.url },
      tab,
      { canonical: 'https://bbs.example.com/t/1?utm_medium=x', description: '描述', text: '正文'.repeat(5000) },
      now,
    );
    expect(record.permalink).toBe('https://bbs.example.com/t/1');
    expect(record.text.startsWith('描述\n\n正文')).toBe(true);
    expect(record.text.length).toBeLessThanOrEqual(5002 + 2);
  });

  it('never takes a javascript: link or a non-web page, and ignores hostile types', () => {
    expect(() => buildMenuRecord('link', { pageUrl: tab.url, linkUrl: 'javascript:alert(1)' }, tab, undefined, now)).toThrow('menu_errorNotWebLink');
    expect(() => buildMenuRecord('page', { pageUrl: 'chrome://settings' }, { url: 'chrome://settings' }, undefined, now)).toThrow('menu_errorNotWebPage');
    const record = buildMenuRecord('page', { pageUrl: tab.url }, tab, { canonical: 'javascript:void 0', text: { evil: true }, description: 42 }, now);
    expect(record.permalink).toBe('https://bbs.example.com/t/1');
    expect(record.text).toBe('');
    expect(selectionBox({ selectionRect: { x: 'a', y: 0, width: 1, height: 1 } })).toBeUndefined();
    expect(selectionBox({ selectionRect: { x: 1, y: 2, width: 30, height: 40 } })).toEqual({ x: 1, y: 2, width: 30, height: 40 });
    expect(pageViewport({ viewport: { width: -1, height: 5 } })).toBeUndefined();
  });
});
