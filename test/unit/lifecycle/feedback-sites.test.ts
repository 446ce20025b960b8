// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FEEDBACK_SITES,
  feedbackSiteFor,
  noticeMentions,
  outcomeOfText,
  parseNotices,
  parseQueryResults,
  QUERY_12377,
} from '../../../src/lifecycle/feedback-sites';

describe('result wording → outcome', () => {
  it.each([
    ['已处理：相关信息已删除', 'removed'],
    ['该微博已被删除，感谢您的举报', 'removed'],
    ['已对该账号禁言 7 天', 'restricted'],
    ['经核实未发现违规', 'no-violation'],
    ['不予受理：举报信息不全', 'rejected'],
    ['已受理，正在处理中', null],
    ['已转交属地网信部门处置', null],
  ])('%s → %s', (text, outcome) => {
    expect(outcomeOfText(text)).toBe(outcome);
  });
});

describe('12377 query results', () => {
  it('reads each row by its column header, whatever the column order', () => {
    document.body.innerHTML = `<div id="cxjg"><table>
      <thead><tr><th>查询码</th><th>危害类型</th><th>处理结果</th><th>举报时间</th><th>举报网址</th></tr></thead>
      <tbody><tr><td>ABCD2345EFGH6789</td><td>诈骗类</td><td> 已处理：相关信息已删除 </td><td>2026/11/1 10:00</td><td>https://weibo.com/1/2</td></tr>
      <tr><td>bad code!</td><td>x</td><td>y</td><td></td><td></td></tr></tbody></table></div>`;
    expect(parseQueryResults(document)).toEqual([
      { code: 'ABCD2345EFGH6789', harmType: '诈骗类', result: '已处理：相关信息已删除', reportedAt: '2026/11/1 10:00', reportedUrl: 'https://weibo.com/1/2' },
    ]);
  });

  it('finds nothing on a page without the table', () => {
    document.body.innerHTML = '<form><input id="cxm"></form>';
    expect(parseQueryResults(document)).toEqual([]);
  });
});

describe('platform notification pages', () => {
  it('recognises the pages by URL', () => {
    expect(feedbackSiteFor('https://message.bilibili.com/#/system')?.destinationId).toBe('bilibili');
    expect(feedbackSiteFor('https://service.account.weibo.com/notifications/?mid=1')?.destinationId).toBe('weibo');
    expect(feedbackSiteFor('https://service.account.weibo.com/reportspam?rid=1')).toBeUndefined();
    expect(feedbackSiteFor('not a url')).toBeUndefined();
  });

  it('reads the notices about reports and matches them to a report by id or permalink', () => {
    const site = feedbackSiteFor('https://message.bilibili.com/')!;
    document.body.innerHTML = `
      <div class="system-item"><div class="system-item-content">您举报的评论（7001234567）已被删除。<a href="https://www.bilibili.com/video/BV1xx411c7mD">BV1xx411c7mD</a></div></div>
      <div class="system-item"><div class="system-item-content">您的订单已发货。</div></div>`;
    const notices = parseNotices(document, site);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.links).toEqual(['https://www.bilibili.com/video/BV1xx411c7mD']);
    expect(noticeMentions(notices[0]!, [{ ids: { rpid: '7001234567' } }])).toBe(true);
    expect(noticeMentions(notices[0]!, [{ ids: {}, permalink: 'https://www.bilibili.com/video/BV1xx411c7mD#reply1' }])).toBe(true);
    expect(noticeMentions(notices[0]!, [{ ids: { rpid: '123' } }])).toBe(false);
    expect(noticeMentions(notices[0]!, [{ ids: { rpid: '7009999999' } }])).toBe(false);
  });
});

describe('manifest', () => {
  it('runs the tracking content script on every page the site data names', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(process.cwd(), 'manifest.json'), 'utf8')) as {
      content_scripts: Array<{ matches: string[]; js: string[] }>;
    };
    const entry = manifest.content_scripts.find((c) => c.js.includes('extension/tracking/index.ts'))!;
    expect(entry).toBeDefined();
    expect([...entry.matches].sort()).toEqual([...QUERY_12377.matches, ...FEEDBACK_SITES.flatMap((s) => s.matches)].sort());
  });
});
