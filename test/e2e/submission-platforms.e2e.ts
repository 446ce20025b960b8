// The other destination pages the extension fills, against their replicas: Bilibili's video report page,
// WeChat's article complaint page, Baidu's report centre (贴吧), and 辟谣平台's form. Each time the
// extension fills what it can, the person finishes and submits, and the confirmation is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { extensionPage, seedReports, send, submissionsOf, type SeedReport } from './submission-support';
import type { Submission } from '../../src/model/submission';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

const HOSTS = ['www.bilibili.com', 'mp.weixin.qq.com', 'jubao.baidu.com', 'www.piyao.org.cn', 'www.douban.com', 'cyberpolice.mps.gov.cn'];

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension({ hostResolverRules: HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ') });
  ext = await extensionPage(session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function waitForState(reportId: string, state: Submission['state']): Promise<Submission> {
  let last: Submission | undefined;
  await expect.poll(async () => ((last = (await submissionsOf(ext, reportId))[0]), last?.state), { timeout: 20_000 }).toBe(state);
  return last!;
}

async function submitAndOpen(seed: SeedReport): Promise<{ reportId: string; page: Page }> {
  const [reportId] = await seedReports(ext, [seed]);
  await send(ext, { type: 'submit-report', payload: { reportId } });
  const waiting = await waitForState(reportId!, 'awaiting-person');
  const pageEvent = session.context.waitForEvent('page');
  await send(ext, { type: 'submission-action', payload: { submissionId: waiting.id, action: 'open' } });
  const page = await pageEvent;
  await page.waitForLoadState('domcontentloaded');
  return { reportId: reportId!, page };
}

describe('platform and specialised report pages', () => {
  it('Bilibili: the appeal page of that video, its reason picked by its wording, the screenshot attached', async () => {
    const { reportId, page } = await submitAndOpen({
      destinations: ['bilibili'],
      platform: 'bilibili',
      pageUrl: 'https://www.bilibili.com/video/BV1xx411c7mD',
      ids: { aid: '170001', bvid: 'BV1xx411c7mD' },
      screenshot: true,
    });
    expect(page.url()).toBe('https://www.bilibili.com/appeal/?avid=170001');
    await expect.poll(() => page.locator('input[name="tid"][value="12"]').isChecked()).toBe(true);
    expect(await page.locator('#appeal_desc').inputValue()).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    await expect.poll(() => page.locator('input.appeal-upload').evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(1);
    // A validation message of the page is not an answer: nothing is recorded.
    await page.locator('#appeal_desc').fill('');
    await page.locator('.appeal-submit').click();
    await expect.poll(() => page.locator('.appeal-toast').textContent()).toContain('请填写举报描述');
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await page.locator('#appeal_desc').fill('冒充理财导师，疑似诈骗');
    await page.locator('.appeal-submit').click();
    const done = await waitForState(reportId, 'submitted');
    expect(done.receipt?.code).toBeUndefined();
    await page.close();
  });

  it('WeChat: the complaint page of that article, its reason, a description cut to 50 characters', async () => {
    const article = 'https://mp.weixin.qq.com/s/AbCdEfGhIjKlMn';
    const { reportId, page } = await submitAndOpen({
      destinations: ['wechat'],
      platform: 'wechat',
      pageUrl: article,
      ids: {},
      description: '这篇文章冒充银行客服，诱导读者扫码加群，再以“解冻账户”为名索要验证码和转账，已有多人受骗，请尽快处理。'.repeat(2),
    });
    expect(new URL(page.url()).searchParams.get('url')).toBe(article);
    await expect.poll(() => page.locator('input[name="reason"][value="1"]').isChecked()).toBe(true);
    expect([...(await page.locator('#desc').inputValue())].length).toBe(50);
    await page.locator('#js_submit').click();
    await waitForState(reportId, 'submitted');
    await page.close();
  });

  it('Baidu (贴吧): the report centre, link and type filled, the captcha left to the person, the ticket number kept', async () => {
    const { reportId, page } = await submitAndOpen({
      destinations: ['tieba'],
      platform: 'tieba',
      pageUrl: 'https://tieba.baidu.com/p/8000000001',
      ids: { postId: '8000000001' },
    });
    expect(page.url()).toBe('https://jubao.baidu.com/');
    await expect.poll(() => page.locator('#jubao_url').inputValue()).toBe('https://tieba.baidu.com/p/8000000001');
    expect(await page.locator('#jubao_type option:checked').textContent()).toBe('其他');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('jubao_vcode');
    await page.locator('#jubao_vcode').fill('7kq2');
    await page.locator('#jubao_submit').click();
    const ticket = /单号：(\w+)/.exec((await page.locator('#jubao_result').textContent())!)![1];
    const done = await waitForState(reportId, 'submitted');
    expect(done.receipt?.code).toBe(ticket);
    await page.close();
  });

  it('辟谣平台: title, category, content, link and platform filled; province, phone and captcha are the person’s', async () => {
    const { reportId, page } = await submitAndOpen({
      destinations: ['piyao'],
      categoryId: 'illegal-8',
      description: '网传某地自来水被污染不能饮用，经核实当地水务部门已辟谣，此帖仍在大量转发。',
    });
    expect(page.url()).toBe('https://www.piyao.org.cn/jubao/');
    await expect.poll(() => page.locator('#jb_link').inputValue()).toBe('https://weibo.com/1234567890/NxAbCdEfG');
    expect(await page.locator('#jb_platform').inputValue()).toBe('新浪微博');
    expect(await page.locator('#jb_category option:checked').textContent()).toBe('社会');
    expect(await page.locator('#jb_content').inputValue()).toBe('网传某地自来水被污染不能饮用，经核实当地水务部门已辟谣，此帖仍在大量转发。');
    expect((await page.locator('#jb_title').inputValue()).length).toBeGreaterThan(0);
    expect(await page.locator('#jb_phone').inputValue()).toBe('');
    await page.locator('#jb_province').selectOption('北京');
    await page.locator('#jb_phone').fill('13800000000');
    await page.locator('#jb_vcode').fill('12');
    await page.locator('#jb_submit').click();
    await waitForState(reportId, 'submitted');
    await page.close();
  });

  it('Douban: the report page of that topic, the description filled, the reason left to the person', async () => {
    const { reportId, page } = await submitAndOpen({
      destinations: ['douban'],
      platform: 'douban',
      pageUrl: 'https://www.douban.com/group/topic/300000001/',
      ids: { topicId: '300000001' },
    });
    expect(page.url()).toBe('https://www.douban.com/misc/report?type=T&uid=300000001');
    await expect.poll(() => page.locator('#report-desc').inputValue()).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    expect(await page.locator('input[name="reason"]:checked').count()).toBe(0);
    await page.locator('#report-submit').click();
    await expect.poll(() => page.locator('#report-msg').textContent()).toBe('请选择举报理由');
    await page.locator('input[name="reason"][value="illegal"]').check();
    await page.locator('#report-submit').click();
    await waitForState(reportId, 'submitted');
    await page.close();
  });

  it('网络违法犯罪举报网站: a deep link with the text to paste; the person confirms with the number they were given', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['cyberpolice'], screenshot: true }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    expect(waiting.channel).toBe('deep-link');
    const pageEvent = session.context.waitForEvent('page');
    const opened = await send<{ ok: boolean; action: { kind: string; url: string; fill: unknown; clipboardText: string } }>(ext, {
      type: 'submission-action',
      payload: { submissionId: waiting.id, action: 'open' },
    });
    const page = await pageEvent;
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('https://cyberpolice.mps.gov.cn/wfjb/');
    expect(opened.action).toMatchObject({ kind: 'open-page', url: 'https://cyberpolice.mps.gov.cn/wfjb/', fill: null });
    expect(opened.action.clipboardText).toContain('举报类别：网络诈骗');
    expect(opened.action.clipboardText).toContain('网址：https://weibo.com/1234567890/NxAbCdEfG');
    expect(opened.action.clipboardText).toMatch(/screenshot [0-9a-f]{64}/);
    const confirmed = await send<{ ok: boolean; submission: Submission }>(ext, {
      type: 'submission-action',
      payload: { submissionId: waiting.id, action: 'confirm', code: 'JB20261122001' },
    });
    expect(confirmed.submission).toMatchObject({ state: 'submitted', receipt: { code: 'JB20261122001' } });
    await page.close();
  });
});
