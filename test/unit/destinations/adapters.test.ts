import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { DESTINATIONS } from '../../../src/destinations/catalog';
import { allAdapters, destinationAdapter } from '../../../src/destinations/adapters';
import { SITE_PROFILES, matchPage, NOTES_SLUG_12377 } from '../../../src/destinations/adapters/site-profiles';
import type { SubmittableReport } from '../../../src/destinations/adapters/destination-adapter';
import { apiPayload, checkEndpointUrl, sendToApi } from '../../../src/destinations/adapters/https-api';
import { buildEvidencePack } from '../../../src/destinations/evidence-pack';
import { mailtoUrl } from '../../../src/destinations/report-text';
import { newSubmission } from '../../../src/model/submission';
import { DESTINATIONS as ALL } from '../../../src/destinations/catalog';
import { reasonFor } from '../../../src/destinations/reasons/taxonomy-to-reason';

const NOW = '2026-11-22T10:00:00.000Z';
function report(over: Partial<SubmittableReport> = {}): SubmittableReport {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'saved',
    createdAt: NOW,
    updatedAt: NOW,
    items: [
      {
        platform: 'weibo',
        kind: 'post',
        ids: { mid: '4890123456789012' },
        pageUrl: 'https://weibo.com/1234567890/NxAbCdEfG',
        pageTitle: '微博',
        text: '日赚三千',
        media: [],
        context: [],
        capturedAt: NOW,
      },
    ],
    evidence: [
      { id: 'a1', kind: 'screenshot', mime: 'image/png', size: 3, sha256: 'ab'.repeat(32), itemIndex: 0, createdAt: NOW, excluded: false },
      { id: 'a2', kind: 'screenshot-full', mime: 'image/png', size: 3, sha256: 'cd'.repeat(32), itemIndex: 0, createdAt: NOW, excluded: true },
    ],
    categoryId: 'illegal-11-fraud',
    description: '冒充理财导师，诱导加微信交会员费，疑似诈骗。',
    destinations: ['weibo'],
    anonymous: true,
    goodFaith: { statementKey: 'goodFaithStatement', at: NOW },
    ...over,
  };
}
const sub = (destinationId: string) => newSubmission({ reportId: report().id, destinationId, channel: destinationAdapter(destinationId)!.channel });

describe('destination adapters', () => {
  it('every catalog destination has an adapter that says what to do', () => {
    expect(allAdapters().map((a) => a.id).sort()).toEqual(DESTINATIONS.map((d) => d.id).sort());
    for (const d of ALL) {
      const action = destinationAdapter(d.id)!.prepare(report(), sub(d.id));
      expect(['open-page', 'email', 'api', 'elsewhere']).toContain(action.kind);
      if (action.kind === 'open-page') expect(action.url).toMatch(/^https:\/\//);
    }
    expect(destinationAdapter('https-api')!.channel).toBe('api');
    expect(allAdapters().filter((a) => a.channel === 'api').map((a) => a.id)).toEqual(['https-api']);
  });

  it("opens Weibo's report page for that exact post with its reason code", () => {
    const action = destinationAdapter('weibo')!.prepare(report(), sub('weibo'));
    expect(action).toMatchObject({
      kind: 'open-page',
      url: 'https://service.account.weibo.com/reportspam?rid=4890123456789012&type=1',
      fill: { profileId: 'weibo', values: { reason: '22', description: '冒充理财导师，诱导加微信交会员费，疑似诈骗。' }, uploads: [] },
    });
    const terror = destinationAdapter('weibo')!.prepare(report({ categoryId: 'illegal-5' }), sub('weibo'));
    expect(terror.kind === 'open-page' && terror.fill?.values).toMatchObject({ reason: '801', reasonParent: '8' });
  });

  it('12377: the notes page of the category, the non-excluded screenshots to upload, reporter only if real-name', () => {
    const a = destinationAdapter('12377')!.prepare(report(), sub('12377'));
    expect(a).toMatchObject({ kind: 'open-page', url: 'https://www.12377.cn/jbxzxq/zp_web.html', fill: { uploads: ['a1'], values: { reason: '诈骗类', siteName: '新浪微博' } } });
    expect(a.kind === 'open-page' && a.email?.to).toBe('jubao@12377.cn');
    expect(a.kind === 'open-page' && a.fill?.values.reporterName).toBeUndefined();
    const named = destinationAdapter('12377')!.prepare(report({ anonymous: false, reporter: { name: '张三', phone: '138' } }), sub('12377'));
    expect(named.kind === 'open-page' && named.fill?.values).toMatchObject({ reporterName: '张三', reporterPhone: '138' });
    const hiddenName = destinationAdapter('12377')!.prepare(report({ anonymous: true, reporter: { name: '张三' } }), sub('12377'));
    expect(hiddenName.kind === 'open-page' && hiddenName.fill?.values.reporterName).toBeUndefined();
    // Every 12377 type has a notes page.
    for (const r of ALL.find((d) => d.id === '12377')!.reasons) expect(NOTES_SLUG_12377[r.code]).toBeTruthy();
  });

  it('WeChat keeps the description within its 50 characters; Douyin is an e-mail; Xiaohongshu points elsewhere', () => {
    const long = report({ description: '很长'.repeat(60), items: [{ ...report().items[0]!, platform: 'wechat', pageUrl: 'https://mp.weixin.qq.com/s/abc' }] });
    const w = destinationAdapter('wechat')!.prepare(long, sub('wechat'));
    expect(w.kind).toBe('open-page');
    if (w.kind === 'open-page') {
      expect([...w.fill!.values.description!].length).toBe(50);
      expect(w.url).toBe('https://mp.weixin.qq.com/mp/infringement?url=https%3A%2F%2Fmp.weixin.qq.com%2Fs%2Fabc#wechat_redirect');
    }
    const d = destinationAdapter('douyin')!.prepare(report(), sub('douyin'));
    expect(d).toMatchObject({ kind: 'email', email: { to: 'jubao@douyin.com' } });
    const x = destinationAdapter('xiaohongshu')!.prepare(report(), sub('xiaohongshu'));
    expect(x).toMatchObject({ kind: 'elsewhere', url: 'https://www.shjbzx.cn/' });
  });

  it('piyao fills its own form fields (title, link, platform)', () => {
    const p = destinationAdapter('piyao')!.prepare(report({ categoryId: 'illegal-8' }), sub('piyao'));
    expect(p).toMatchObject({ kind: 'open-page', url: 'https://www.piyao.org.cn/jubao/', fill: { profileId: 'piyao', values: { url: 'https://weibo.com/1234567890/NxAbCdEfG', platformName: '新浪微博', reason: reasonFor('illegal-8', 'piyao')!.siteLabel } } });
  });

  it('site profiles: each names its sources, and pages resolve by host and path', () => {
    for (const p of Object.values(SITE_PROFILES)) {
      expect(p.sources.length).toBeGreaterThan(0);
      expect(p.answers.some((a) => a.kind === 'confirmed')).toBe(true);
      for (const a of p.answers) expect(() => new RegExp(a.text)).not.toThrow();
    }
    expect(matchPage('https://www.12377.cn/jbxzxq/zp_web.html')).toMatchObject({ role: 'notes', profile: { id: '12377' } });
    expect(matchPage('https://www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html?type=zp')).toMatchObject({ role: 'form' });
    expect(matchPage('https://service.account.weibo.com/reportspam?rid=1&type=1')?.profile.id).toBe('weibo');
    expect(matchPage('https://evil.example/jbxzxq/zp_web.html')).toBeUndefined();
  });
});

describe('HTTPS API', () => {
  it('accepts https, and http only to this machine', () => {
    expect(checkEndpointUrl('https://desk.example.org/reports/')).toEqual({ ok: true, url: 'https://desk.example.org/reports', origin: 'https://desk.example.org' });
    expect(checkEndpointUrl('http://127.0.0.1:8080/desk').ok).toBe(true);
    expect(checkEndpointUrl('http://localhost/desk').ok).toBe(true);
    expect(checkEndpointUrl('http://desk.example.org/')).toEqual({ ok: false, errorKey: 'apiEndpointErrorScheme' });
    expect(checkEndpointUrl('https://u:p@desk.example.org/')).toEqual({ ok: false, errorKey: 'apiEndpointErrorCredentials' });
    expect(checkEndpointUrl('desk')).toEqual({ ok: false, errorKey: 'apiEndpointErrorInvalid' });
  });

  it('classifies answers: 2xx accepted, 4xx permanent with the message, 429 limited, 5xx and network retried', async () => {
    const s = sub('https-api');
    const payload = apiPayload(report(), s);
    expect(payload.evidence.map((e) => e.id)).toEqual(['a1']);
    expect(payload.reporter).toBeUndefined();
    const seen: Array<Record<string, string>> = [];
    const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
      (async (_u: unknown, init?: RequestInit) => {
        seen.push(init!.headers as Record<string, string>);
        return new Response(body, { status, headers });
      }) as typeof fetch;
    const ep = { url: 'https://desk.example.org/reports' };
    expect(await sendToApi(ep, s, payload, answer(201, '{"id":"D1"}'))).toEqual({ kind: 'accepted', code: 'D1' });
    expect(seen[0]!['idempotency-key']).toBe(s.idempotencyKey);
    expect(await sendToApi(ep, s, payload, answer(400, '{"message":"url 不合法"}'))).toEqual({ kind: 'permanent', code: 'http-400', detail: 'url 不合法' });
    expect(await sendToApi(ep, s, payload, answer(503, 'down'))).toEqual({ kind: 'retryable', code: 'http-503', detail: 'down' });
    const limited = await sendToApi(ep, s, payload, answer(429, '', { 'retry-after': '120' }), () => new Date(NOW));
    expect(limited).toEqual({ kind: 'rate-limited', until: '2026-11-22T10:02:00.000Z', detail: 'HTTP 429' });
    expect(await sendToApi(ep, s, payload, answer(200, 'not json'))).toMatchObject({ kind: 'permanent', code: 'bad-response' });
    const broken = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await sendToApi(ep, s, payload, broken)).toEqual({ kind: 'retryable', code: 'network', detail: 'Failed to fetch' });
  });
});

describe('evidence pack and e-mail', () => {
  it('zips the non-excluded artifacts with a summary and their hashes', async () => {
    const bytes = new Uint8Array([137, 80, 78]);
    const pack = await buildEvidencePack(report(), '12377', async (id) => ({ id, reportId: report().id, blob: new Blob([bytes], { type: 'image/png' }) }));
    const files = unzipSync(pack.bytes);
    expect(Object.keys(files).sort()).toEqual(['evidence/01-screenshot.png', 'manifest.json', 'summary.txt']);
    expect([...files['evidence/01-screenshot.png']!]).toEqual([...bytes]);
    const summary = strFromU8(files['summary.txt']!);
    expect(summary).toContain('举报类别：诈骗类');
    expect(summary).toContain('网址：https://weibo.com/1234567890/NxAbCdEfG');
    expect(summary).toContain('ab'.repeat(32));
    expect(summary).not.toContain('cd'.repeat(32));
    expect(JSON.parse(strFromU8(files['manifest.json']!)).files[0]).toMatchObject({ file: 'evidence/01-screenshot.png', sha256: 'ab'.repeat(32) });
  });

  it('keeps a mailto under the length mail clients accept', () => {
    const url = mailtoUrl('jubao@12377.cn', '举报', '很长的正文'.repeat(500));
    expect(url.length).toBeLessThanOrEqual(1900);
    expect(decodeURIComponent(url)).toContain('全文见附件证据包');
    const short = new URL(mailtoUrl('a@b.cn', '主题 1', '正文\n第二行'));
    expect(short.searchParams.get('body')).toBe('正文\n第二行');
  });
});
