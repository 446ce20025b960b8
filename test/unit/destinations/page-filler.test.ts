// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fillForm, notesState, readAnswer } from '../../../src/destinations/page-filler';
import { SITE_PROFILES } from '../../../src/destinations/adapters/site-profiles';

const replica = (file: string) => {
  const html = readFileSync(path.join(process.cwd(), 'test/fixtures/sites', file), 'utf8');
  // The replica's markup without its scripts: the filler is what is tested here.
  document.body.innerHTML = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
};

describe('page filler', () => {
  it('fills the 12377 form from its profile, leaving the captcha empty', () => {
    replica('www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html');
    const result = fillForm(document, SITE_PROFILES['12377'], {
      reason: '诈骗类',
      url: 'https://weibo.com/1/2',
      siteName: '新浪微博',
      description: '疑似诈骗',
      reporterName: '张三',
    });
    expect(result.filled).toEqual(['reason', 'url', 'siteName', 'description']);
    expect(result.missing).toEqual(['reporterName']);
    expect((document.querySelector('#report_type') as HTMLSelectElement).value).toBe('zp');
    expect((document.querySelector('#website_address') as HTMLInputElement).value).toBe('https://weibo.com/1/2');
    expect((document.querySelector('#captcha') as HTMLInputElement).value).toBe('');
  });

  it('never overwrites what the person typed', () => {
    replica('www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html');
    (document.querySelector('#report_content') as HTMLTextAreaElement).value = '我自己写的';
    fillForm(document, SITE_PROFILES['12377'], { description: '扩展写的' });
    expect((document.querySelector('#report_content') as HTMLTextAreaElement).value).toBe('我自己写的');
  });

  it('picks a two-level Weibo reason and fires change events', () => {
    replica('service.account.weibo.com/reportspam/index.html');
    let changes = 0;
    document.addEventListener('change', () => changes++);
    fillForm(document, SITE_PROFILES.weibo, { reasonParent: '8', reason: '801', description: 'x' });
    expect((document.querySelector('input[name="category"][value="801"]') as HTMLInputElement).checked).toBe(true);
    expect(changes).toBeGreaterThanOrEqual(2);
  });

  it('reads a confirmation with its code, and refusals, but not a validation message', () => {
    document.body.innerHTML = '<div id="report_result" class="jb-result">举报成功！您的查询码为：<strong>ABCD2345EFGH6789</strong>，请妥善保存。</div>';
    expect(readAnswer(document, SITE_PROFILES['12377'])).toMatchObject({ kind: 'confirmed', code: 'ABCD2345EFGH6789' });
    document.body.innerHTML = '<div id="report_error" class="jb-error">您24小时内的举报次数已达上限（50次），请明天再试</div>';
    expect(readAnswer(document, SITE_PROFILES['12377'])?.kind).toBe('too-frequent');
    document.body.innerHTML = '<div id="report_error" class="jb-error">验证码错误</div>';
    expect(readAnswer(document, SITE_PROFILES['12377'])).toBeNull();
    document.body.innerHTML = '<div id="report_result" class="jb-result" hidden>举报成功！您的查询码为：X1234567</div>';
    expect(readAnswer(document, SITE_PROFILES['12377'])).toBeNull();
    document.body.innerHTML = '<div id="report_tip">您已经举报过该条微博，请勿重复举报</div>';
    expect(readAnswer(document, SITE_PROFILES.weibo)?.kind).toBe('already-reported');
  });

  it("reads the notes page's countdown", () => {
    document.body.innerHTML = '<input type="checkbox" id="isee"><button id="agree" disabled>同意（3s）</button>';
    expect(notesState(document, SITE_PROFILES['12377'])).toEqual({ found: true, locked: true, secondsLeft: 3, read: false });
    document.body.innerHTML = '<input type="checkbox" id="isee" checked><button id="agree">同意</button>';
    expect(notesState(document, SITE_PROFILES['12377'])).toEqual({ found: true, locked: false, secondsLeft: null, read: true });
  });
});
