// Submitting to the person-in-the-loop destinations in a real Chromium with the built extension, against
// replicas of 12377 and Weibo's report page mapped to their real hostnames, and an e-mail destination.
// The test plays the person: it ticks, waits out the countdown, types the captcha and presses submit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { badgeText, extensionPage, putSubmissions, readStore, seedReports, send, setLocal, setReporterProfile, submissionsOf } from './submission-support';
import type { Submission } from '../../src/model/submission';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

const HOSTS = ['www.12377.cn', 'service.account.weibo.com'];

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension({
    hostResolverRules: HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', '),
  });
  ext = await extensionPage(session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function waitForState(reportId: string, state: Submission['state'], timeout = 20_000): Promise<Submission> {
  let last: Submission | undefined;
  await expect
    .poll(async () => ((last = (await submissionsOf(ext, reportId))[0]), last?.state), { timeout })
    .toBe(state);
  return last!;
}

async function openTab(submissionId: string): Promise<{ page: Page; response: { ok: boolean; submission: Submission; action?: { kind: string; url?: string } } }> {
  const pageEvent = session.context.waitForEvent('page', { timeout: 15_000 });
  const response = await send<{ ok: boolean; submission: Submission; action?: { kind: string; url?: string } }>(ext, {
    type: 'submission-action',
    payload: { submissionId, action: 'open' },
  });
  const page = await pageEvent;
  await page.waitForLoadState('domcontentloaded');
  return { page, response };
}

const banner = (page: Page) => page.locator('[data-report-assistant="destination-banner"]');

describe('submission to person-in-the-loop destinations', () => {
  it('12377: persists first, waits for the person, guides the notes countdown, fills the form with the screenshot, and stores the 查询码', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['12377'], screenshot: true }]);
    const answer = await send<{ ok: boolean; submissionIds: string[] }>(ext, { type: 'submit-report', payload: { reportId } });
    expect(answer.ok).toBe(true);
    expect(answer.submissionIds).toHaveLength(1);
    const report = (await readStore<{ id: string; status: string }>(ext, 'reports')).find((r) => r.id === reportId)!;
    expect(report.status).toBe('submitted');
    const waiting = await waitForState(reportId!, 'awaiting-person');
    expect(waiting).toMatchObject({ destinationId: '12377', channel: 'web-form', attempts: 0 });
    await expect.poll(() => badgeText(session)).toBe('1');

    const { page, response } = await openTab(waiting.id);
    expect(response.action).toMatchObject({ kind: 'open-page' });
    // 诈骗类 → the fraud notes page.
    expect(page.url()).toMatch(/^https:\/\/www\.12377\.cn\/jbxzxq\/zp_web\.html$/);
    await expect.poll(() => banner(page).getAttribute('aria-label')).toMatch(/还需等待 \d 秒/);
    expect(await page.locator('#agree').isDisabled()).toBe(true);
    await page.locator('#isee').check();
    await page.locator('#agree:not([disabled])').waitFor({ timeout: 10_000 });
    await expect.poll(() => banner(page).getAttribute('aria-label')).toContain('现在可以点击');
    await page.locator('#agree').click();
    await page.waitForURL(/\/jbxzxq\/jbxx\/nmjb\/nmjb\.html\?type=zp$/);

    // The form, as the extension filled it.
    await expect.poll(() => page.locator('#website_address').inputValue()).toBe('https://weibo.com/1234567890/NxAbCdEfG');
    expect(await page.locator('#website_name').inputValue()).toBe('新浪微博');
    expect(await page.locator('#report_content').inputValue()).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    expect(await page.locator('#report_type option:checked').textContent()).toBe('诈骗类');
    await expect.poll(() => page.locator('#file_list li').count()).toBe(1);
    expect(await page.locator('#file_list li').textContent()).toMatch(/^evidence-1-[0-9a-f]{8}\.png \(\d+ B\)$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('captcha');
    expect(await page.locator('#captcha').inputValue()).toBe('');
    // Nothing was submitted by the extension.
    expect(await page.locator('#report_result').isHidden()).toBe(true);

    // The person: a wrong captcha first (the page refuses; nothing is recorded), then the right one.
    await page.locator('#captcha').fill('999');
    await page.locator('#submit_report').click();
    await expect.poll(() => page.locator('#report_error').textContent()).toBe('验证码错误');
    expect((await submissionsOf(ext, reportId!))[0]!.state).toBe('submitting');
    const question = (await page.locator('#captcha_img').getAttribute('data-question'))!;
    const [a, b] = question.split('+').map(Number);
    await page.locator('#captcha').fill(String(a! + b!));
    await page.locator('#submit_report').click();
    const code = (await page.locator('#query_code').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{16}$/);

    const done = await waitForState(reportId!, 'submitted');
    expect(done.receipt).toMatchObject({ code, url: 'https://www.12377.cn/jbcx.html?tab=6' });
    expect(done.attempts).toBe(1);
    await expect.poll(() => banner(page).getAttribute('aria-label')).toContain(code);
    await expect.poll(() => badgeText(session)).toBe('');
    // The 查询码 is in the report (its lifecycle summary) and in its event log.
    const stored = (await readStore<{ id: string; lifecycle?: { receipts: Record<string, string> } }>(ext, 'reports')).find((r) => r.id === reportId)!;
    expect(stored.lifecycle?.receipts[done.id]).toBe(code);
    const events = (await readStore<{ reportId: string; seq: number; type: string; data: Record<string, unknown> }>(ext, 'events'))
      .filter((e) => e.reportId === reportId)
      .sort((x, y) => x.seq - y.seq);
    expect(events.map((e) => e.type)).toEqual(['submission-state', 'submission-state', 'submitted', 'receipt']);
    expect(events.at(-1)!.data).toMatchObject({ queryCode: code, destinationId: '12377' });
    // A reload of the confirmation does not record anything twice.
    const replica = JSON.parse((await page.evaluate(() => localStorage.getItem('replica-12377-records')))!) as unknown[];
    expect(replica).toHaveLength(1);
    await page.close();
  });

  it('12377: a real-name report goes to the real-name form with the reporter details', async () => {
    await setReporterProfile(ext, { name: '张三', phone: '13800000000', email: 'z@example.cn', idType: '' });
    const [reportId] = await seedReports(ext, [{ destinations: ['12377'], categoryId: 'illegal-10-insult', anonymous: false }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    const { page } = await openTab(waiting.id);
    expect(page.url()).toMatch(/\/jbxzxq\/qq_web\.html$/);
    await expect.poll(() => page.locator('input[name="jbfs"][value="sm"]').isChecked()).toBe(true);
    await page.locator('#isee').check();
    await page.locator('#agree:not([disabled])').waitFor({ timeout: 10_000 });
    await page.locator('#agree').click();
    await page.waitForURL(/\/smjb\/smjb\.html\?type=qq$/);
    await expect.poll(() => page.locator('#reporter_name').inputValue()).toBe('张三');
    expect(await page.locator('#reporter_phone').inputValue()).toBe('13800000000');
    expect(await page.locator('#reporter_email').inputValue()).toBe('z@example.cn');
    expect(await page.locator('#report_type option:checked').textContent()).toBe('侵权类');
    await send(ext, { type: 'submission-action', payload: { submissionId: waiting.id, action: 'cancel' } });
    await waitForState(reportId!, 'cancelled');
    await page.close();
  });

  it('12377: the 51st report within 24 hours waits, says why and until when, and opens nothing', async () => {
    const now = Date.now();
    const earlier: Submission[] = Array.from({ length: 50 }, (_, i) => ({
      id: crypto.randomUUID(),
      reportId: crypto.randomUUID(),
      destinationId: '12377',
      channel: 'web-form',
      state: 'submitted',
      attempts: 1,
      nextAttemptAt: null,
      idempotencyKey: crypto.randomUUID(),
      receipt: { code: `Q${i}`, at: new Date(now - (60 - i) * 60_000).toISOString() },
      lastError: null,
      createdAt: new Date(now - 2 * 3600_000).toISOString(),
      updatedAt: new Date(now - (60 - i) * 60_000).toISOString(),
    }));
    // Includes the one submitted in the first test: 51 in the window before this report.
    await putSubmissions(ext, earlier);
    const [reportId] = await seedReports(ext, [{ destinations: ['12377'] }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const held = await waitForState(reportId!, 'rate-limited');
    expect(held.lastError).toMatchObject({ code: 'daily-limit', messageKey: 'submissionErrorDailyLimit', permanent: false });
    expect(held.lastError!.detail).toMatch(/^5\d\/50$/);
    expect(Date.parse(held.nextAttemptAt!)).toBeGreaterThan(now + 22 * 3600_000);
    const pages = session.context.pages().length;
    const answer = await send<{ ok: boolean; submission: Submission; action?: unknown }>(ext, {
      type: 'submission-action',
      payload: { submissionId: held.id, action: 'open' },
    });
    expect(answer.ok).toBe(true);
    expect(answer.submission.state).toBe('rate-limited');
    expect(answer.action).toBeUndefined();
    expect(session.context.pages().length).toBe(pages);
    await send(ext, { type: 'submission-action', payload: { submissionId: held.id, action: 'cancel' } });
    // Clear the limit for the tests after this one.
    await putSubmissions(ext, earlier.map((s) => ({ ...s, state: 'cancelled' as const })));
  });

  it('Weibo: opens the report page of that exact post, picks the reason, fills the description, records the ticket number', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid: '4890000000000001' } }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    const { page } = await openTab(waiting.id);
    expect(page.url()).toBe('https://service.account.weibo.com/reportspam?rid=4890000000000001&type=1');
    await expect.poll(() => page.locator('input[name="category"][value="22"]').isChecked()).toBe(true);
    expect(await page.locator('#reason_text').inputValue()).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    await page.locator('#report_submit').click();
    const tip = (await page.locator('#report_tip').textContent())!;
    const ticket = /举报编号：(\S+?)，/.exec(tip)![1];
    const done = await waitForState(reportId!, 'submitted');
    expect(done.receipt?.code).toBe(ticket);
    await page.close();
  });

  it('Weibo: a two-level reason picks the parent first; "already reported" is recorded as a duplicate', async () => {
    // 第六条第五项 (terrorism) is Weibo 801 under 8 有害信息. Same post as the previous test: already reported.
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid: '4890000000000001' }, categoryId: 'illegal-5' }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    const { page } = await openTab(waiting.id);
    await expect.poll(() => page.locator('input[name="category"][value="801"]').isChecked()).toBe(true);
    expect(await page.locator('#sub_8').isVisible()).toBe(true);
    await page.locator('#report_submit').click();
    const done = await waitForState(reportId!, 'duplicate');
    expect(done.lastError).toMatchObject({ code: 'duplicate', messageKey: 'submissionErrorDuplicate' });
    expect(done.lastError!.detail).toContain('已经举报过');
    await page.close();
  });

  it('Weibo: "too frequent" holds the submission and says until when', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid: '4890000000000099' } }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    const { page } = await openTab(waiting.id);
    await expect.poll(() => page.locator('input[name="category"][value="22"]').isChecked()).toBe(true);
    // Five reports in the last ten minutes on this (replica) account.
    await page.evaluate(() => localStorage.setItem('replica-weibo-times', JSON.stringify([1, 2, 3, 4, 5].map(() => Date.now()))));
    await page.locator('#report_submit').click();
    const held = await waitForState(reportId!, 'rate-limited');
    expect(held.lastError).toMatchObject({ code: 'too-frequent', messageKey: 'submissionErrorTooFrequent' });
    expect(held.lastError!.detail).toContain('过于频繁');
    expect(Date.parse(held.nextAttemptAt!)).toBeGreaterThan(Date.now() + 20 * 60_000);
    await page.close();
  });

  it("speaks the person's chosen interface language on the destination's page", async () => {
    await setLocal(ext, { language: 'en' });
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid: '4890000000000777' } }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    const { page } = await openTab(waiting.id);
    await expect.poll(() => banner(page).getAttribute('aria-label')).toBe(
      'Report Assistant: Filled in 2 fields. Check everything, then press submit yourself.',
    );
    await setLocal(ext, { language: 'auto' });
    await send(ext, { type: 'submission-action', payload: { submissionId: waiting.id, action: 'cancel' } });
    await page.close();
  });

  it('e-mail: prepares a mailto with subject and body for the person, who confirms having sent it', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['douyin'], platform: 'douyin', pageUrl: 'https://www.douyin.com/video/7300000000000000001', ids: { videoId: '7300000000000000001' } }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const waiting = await waitForState(reportId!, 'awaiting-person');
    expect(waiting.channel).toBe('email');
    const opened = await send<{ ok: boolean; submission: Submission; action: { kind: string; email: { to: string; subject: string; body: string; mailto: string } } }>(ext, {
      type: 'submission-action',
      payload: { submissionId: waiting.id, action: 'open' },
    });
    expect(opened.action.kind).toBe('email');
    expect(opened.action.email.to).toBe('jubao@douyin.com');
    expect(opened.action.email.subject).toContain('https://www.douyin.com/video/7300000000000000001');
    expect(opened.action.email.body).toContain('冒充理财导师');
    const mailto = new URL(opened.action.email.mailto);
    expect(mailto.protocol).toBe('mailto:');
    expect(mailto.pathname).toBe('jubao@douyin.com');
    expect(mailto.searchParams.get('subject')).toBe(opened.action.email.subject);
    expect(mailto.searchParams.get('body')).toContain('举报说明：冒充理财导师');
    expect(opened.submission.state).toBe('submitting');
    const confirmed = await send<{ ok: boolean; submission: Submission }>(ext, {
      type: 'submission-action',
      payload: { submissionId: waiting.id, action: 'confirm', code: 'DY-2026-001' },
    });
    expect(confirmed.submission).toMatchObject({ state: 'submitted', receipt: { code: 'DY-2026-001' } });
  });

  it('refuses to submit a report that is not saved or has no destinations, and a content script may not submit', async () => {
    const [noDest] = await seedReports(ext, [{ destinations: [] }]);
    expect(await send(ext, { type: 'submit-report', payload: { reportId: noDest } })).toMatchObject({ ok: false, error: 'submitErrorNoDestinations' });
    expect(await send(ext, { type: 'submit-report', payload: { reportId: crypto.randomUUID() } })).toMatchObject({ ok: false, error: 'submitErrorNoReport' });
    expect(await submissionsOf(ext, noDest!)).toHaveLength(0);
  });
});
