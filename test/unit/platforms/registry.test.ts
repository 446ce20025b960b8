// The registry is plain data: unique ids, valid match patterns, each platform's adapter present and sane,
// and the registry agreeing with manifest.json (content_scripts and host_permissions) both ways.
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PLATFORMS, platformForUrl } from '../../../src/platforms/registry';
import { matchesUrl, parseMatchPattern, patternCovers } from '../../../src/platforms/match-pattern';
import { PLATFORM_IDS } from '../../../src/model/captured-post';
import { REPORT_ENTRIES, fillReportEntry, reportEntriesFor } from '../../../src/platforms/report-entries';
import { isValidSelector } from '../../../src/platforms/extract';

// The repository root (vitest runs from it; import.meta.url is not a file: URL under happy-dom).
const root = process.cwd();
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
  host_permissions: string[];
  content_scripts: Array<{ matches: string[]; js: string[] }>;
};
const platformScript = manifest.content_scripts.find((c) => c.js.includes('extension/content/index.ts'))!;

describe('platform registry', () => {
  it('has one entry per platform id, ids unique, each folder present', () => {
    const ids = PLATFORMS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(PLATFORM_IDS.filter((id) => id !== 'generic').sort());
    const folders = readdirSync(path.join(root, 'src/platforms')).filter((f) => statSync(path.join(root, 'src/platforms', f)).isDirectory());
    expect(folders.sort()).toEqual([...ids].sort());
    for (const p of PLATFORMS) {
      expect(p.label.zh_CN.length, p.id).toBeGreaterThan(0);
      expect(p.label.en.length, p.id).toBeGreaterThan(0);
    }
  });

  it('uses valid match patterns', () => {
    for (const p of PLATFORMS) for (const m of p.matches) expect(parseMatchPattern(m), `${p.id}: ${m}`).toBeDefined();
    expect(parseMatchPattern('weibo.com/*')).toBeUndefined();
    expect(parseMatchPattern('*://*weibo.com/*')).toBeUndefined();
    expect(parseMatchPattern('ftp://weibo.com/*')).toBeUndefined();
  });

  it('agrees with manifest.json both ways: content script matches and host permissions', () => {
    const registry = PLATFORMS.flatMap((p) => p.matches);
    for (const m of registry) {
      expect(platformScript.matches.some((x) => patternCovers(x, m)), `${m} gets the content script`).toBe(true);
      expect(manifest.host_permissions.some((x) => patternCovers(x, m)), `${m} is a host permission`).toBe(true);
    }
    // Every page the content script is declared for has an adapter. (Host permissions also list
    // destinations such as 12377, which are not platforms: they are checked one way only.)
    for (const x of platformScript.matches) expect(registry.some((m) => patternCovers(m, x)), `${x} has an adapter`).toBe(true);
  });

  it('picks the adapter by URL, and none for other sites', () => {
    const cases: Array<[string, string | undefined]> = [
      ['https://weibo.com/1850000001/PcQx7aB3k', 'weibo'],
      ['https://www.weibo.com/u/1', 'weibo'],
      ['https://m.weibo.cn/status/4999123456789012', 'weibo'],
      ['https://www.bilibili.com/video/BV1L9Uoa9EUx/', 'bilibili'],
      ['https://t.bilibili.com/912345678901234567', 'bilibili'],
      ['https://www.zhihu.com/question/1/answer/2', 'zhihu'],
      ['https://zhuanlan.zhihu.com/p/700000001', 'zhihu'],
      ['https://www.douyin.com/video/7440000000000000001', 'douyin'],
      ['https://tieba.baidu.com/p/9100000001', 'tieba'],
      ['https://www.baidu.com/s?wd=x', undefined],
      ['https://www.xiaohongshu.com/explore/6740aa000000000001000001', 'xiaohongshu'],
      ['https://www.douban.com/group/topic/310000001/', 'douban'],
      ['https://www.toutiao.com/article/7440000000000000101/', 'toutiao'],
      ['https://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01', 'wechat'],
      ['https://weixin.qq.com/', undefined],
      ['https://notweibo.com/', undefined],
      ['https://weibo.com.evil.example/', undefined],
      ['file:///etc/passwd', undefined],
      ['not a url', undefined],
    ];
    for (const [url, id] of cases) expect(platformForUrl(url)?.id, url).toBe(id);
    expect(matchesUrl('*://*.zhihu.com/*', 'https://zhihu.com/')).toBe(true);
  });

  it('loads every adapter: item specs with unique ids, valid selectors, known references', async () => {
    for (const p of PLATFORMS) {
      const { default: adapter } = await p.load();
      expect(adapter.id).toBe(p.id);
      const specIds = adapter.items.map((s) => s.id);
      expect(new Set(specIds).size, p.id).toBe(specIds.length);
      expect(adapter.items.some((s) => !s.noButton), `${p.id} has reportable items`).toBe(true);
      for (const spec of adapter.items) {
        expect(spec.find.length, `${p.id}:${spec.id}`).toBeGreaterThan(0);
        const selectorLists = [
          spec.find,
          spec.slot,
          spec.permalink,
          spec.title,
          spec.text,
          spec.fullText,
          spec.foldMarker,
          spec.noise,
          spec.media,
          spec.time?.shown,
          spec.time?.machine,
          spec.author?.link,
          spec.author?.name,
          ...Object.values(spec.engagement ?? {}),
          ...(spec.ids ?? []).map((r) => r.sel),
        ];
        for (const list of selectorLists) for (const sel of list ?? []) expect(isValidSelector(sel), `${p.id}:${spec.id} ${sel}`).toBe(true);
        for (const ref of [spec.quoted, ...(spec.parent ?? [])].filter(Boolean)) {
          expect(specIds, `${p.id}:${spec.id} refers to ${ref}`).toContain(ref);
        }
      }
      // Site knowledge says where it came from.
      const source = readFileSync(path.join(root, 'src/platforms', p.id, 'index.ts'), 'utf8');
      expect(source, p.id).toMatch(/export const SOURCES = \{\s*pages: \[/);
      // Test-only markers of the replicas are never read by an adapter.
      expect(source).not.toContain('data-fixture');
    }
  });

  it('fills report entry URLs from a record, and only when every id is there', () => {
    const weiboPost = REPORT_ENTRIES.weibo.find((e) => e.kind === 'post')!;
    expect(fillReportEntry(weiboPost, { ids: { mid: '4999123456789012' } })).toBe(
      'https://service.account.weibo.com/reportspam?rid=4999123456789012&type=1',
    );
    expect(fillReportEntry(weiboPost, { ids: {} })).toBeUndefined();
    expect(reportEntriesFor({ platform: 'bilibili', kind: 'video', ids: { aid: '111298867365120' } })).toEqual([
      'https://www.bilibili.com/appeal/?avid=111298867365120',
    ]);
    expect(
      reportEntriesFor({ platform: 'wechat', kind: 'article', ids: {}, permalink: 'https://mp.weixin.qq.com/s?__biz=MzA=&mid=1&idx=1&sn=ab' }),
    ).toEqual(['https://mp.weixin.qq.com/mp/infringement?url=https%3A%2F%2Fmp.weixin.qq.com%2Fs%3F__biz%3DMzA%3D%26mid%3D1%26idx%3D1%26sn%3Dab#wechat_redirect']);
    expect(reportEntriesFor({ platform: 'weibo', kind: 'user', ids: { uid: '185&x=1' } })).toEqual([
      'https://service.account.weibo.com/reportspam?url=/u/185%26x%3D1&type=3',
    ]);
    expect(reportEntriesFor({ platform: 'generic', kind: 'post', ids: {} })).toEqual([]);
  });
});
