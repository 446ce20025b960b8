// Platforms whose report form is a dialog opened from the item itself, against their replicas: a Bilibili
// comment (the ⋮ menu of a comment on a video page), a Bilibili dynamic (its ⋯ menu, opened by hovering),
// and Zhihu (an answer's 更多 menu; a comment's own 举报, shown while the pointer is over it; reasons served
// after the dialog opens). Each time the extension opens that exact item's dialog, chooses the reason mapped
// from the report's category and fills the description; the press on 提交 is the person's; the page's
// answer is recorded: success → submitted, "already reported" → duplicate, "too frequent" → rate-limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { extensionPage, seedReports, send, setLocal, submissionsOf, type SeedReport } from './submission-support';
import type { Submission } from '../../src/model/submission';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

const HOSTS = ['www.bilibili.com', 't.bilibili.com', 'www.zhihu.com'];
const COMMENT_PAGE = 'https://www.bilibili.com/video/BV1GJ411x7h7/';
const DYNAMIC_ID = '912345678901234599';
const ANSWER = { questionId: '600000002', answerId: '3000000003' };
const DESCRIPTION = '冒充理财导师，诱导加微信交会员费，疑似诈骗。';

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
  await expect.poll(async () => ((last = (await submissionsOf(ext, reportId))[0]), last?.state), { timeout: 30_000 }).toBe(state);
  return last!;
}

/** Submits a seeded report and opens its destination the way the person's click on "open" does. */
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

/** host + path of a page, whichever scheme the replicas are served over. */
const where = (page: Page) => {
  const u = new URL(page.url());
  return u.host + u.pathname;
};

/** The replica's simulated server state (its localStorage), before the person presses 提交. */
async function serverState(page: Page, state: { reported?: string[]; recentReports?: number }, keys: { reported: string; times: string }) {
  await page.evaluate(
    ({ state, keys }) => {
      localStorage.setItem(keys.reported, JSON.stringify(state.reported ?? []));
      localStorage.setItem(keys.times, JSON.stringify(Array.from({ length: state.recentReports ?? 0 }, () => Date.now())));
      localStorage.removeItem(keys.reported.replace(/reported$/, 'last'));
    },
    { state, keys },
  );
}

const BILI_REPLY = { reported: 'replica-bili-reply-reported', times: 'replica-bili-reply-times' };
const BILI_DYN = { reported: 'replica-bili-dyn-reported', times: 'replica-bili-dyn-times' };
const ZHIHU = { reported: 'replica-zhihu-reported', times: 'replica-zhihu-times' };

const lastReport = (page: Page, key: string) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null') as Record<string, unknown> | null, key);

describe('Bilibili comment report dialog', () => {
  const seed = (rpid: string, extra: Partial<SeedReport> = {}): SeedReport => ({
    destinations: ['bilibili'],
    platform: 'bilibili',
    kind: 'comment',
    pageUrl: COMMENT_PAGE,
    ids: { rpid },
    ...extra,
  });

  it('opens that comment’s dialog from its ⋮ menu, picks 赌博诈骗 for fraud, fills the description; the person’s 提交 is recorded', async () => {
    const { reportId, page } = await submitAndOpen(seed('246000000001'));
    expect(where(page)).toBe('www.bilibili.com/video/BV1GJ411x7h7/');
    const dialog = page.locator('.reply-report-dialog');
    await expect.poll(() => dialog.locator('input[name="report-reason"][value="12"]').isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await dialog.locator('input[name="report-reason"]:checked').count()).toBe(1);
    expect(await dialog.locator('textarea.report-desc').inputValue()).toBe(DESCRIPTION);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.reportAssistantFilled)).toBe('reason,description');
    // Nothing is sent before the person presses 提交.
    await serverState(page, {}, BILI_REPLY);
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await dialog.locator('.report-submit').click();
    await expect.poll(() => page.locator('.reply-toast').textContent()).toBe('举报成功');
    const done = await waitForState(reportId, 'submitted');
    expect(done.receipt?.code).toBeUndefined();
    // The dialog was that comment's, with the reason and the text the extension put in.
    expect(await lastReport(page, 'replica-bili-reply-last')).toEqual({ rpid: '246000000001', reason: 12, content: DESCRIPTION });
    await page.close();
  });

  it('a reply (楼中楼) with no category: the description is filled, the reason is the person’s; no reason is a validation error, not an answer', async () => {
    const { reportId, page } = await submitAndOpen(seed('246000000011', { categoryId: '' }));
    const dialog = page.locator('.reply-report-dialog');
    await expect.poll(() => dialog.locator('textarea.report-desc').inputValue().catch(() => ''), { timeout: 30_000 }).toBe(DESCRIPTION);
    expect(await dialog.locator('input[name="report-reason"]:checked').count()).toBe(0);
    await serverState(page, {}, BILI_REPLY);
    await dialog.locator('.report-submit').click();
    await expect.poll(() => dialog.locator('.report-error').textContent()).toBe('请选择举报理由');
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await dialog.locator('label', { hasText: '人身攻击' }).click();
    await dialog.locator('.report-submit').click();
    await waitForState(reportId, 'submitted');
    expect(await lastReport(page, 'replica-bili-reply-last')).toMatchObject({ rpid: '246000000011', reason: 7 });
    await page.close();
  });

  it('a comment no longer on the page: the banner asks the person to open its menu, and the dialog they open is filled', async () => {
    const { reportId, page } = await submitAndOpen(seed('246000000099'));
    const banner = page.locator('[data-report-assistant="destination-banner"]');
    await expect.poll(() => banner.getAttribute('aria-label'), { timeout: 40_000 }).toContain('没能自动打开这条内容的举报框');
    expect(await page.locator('.reply-report-dialog').count()).toBe(0);
    await page.screenshot({ path: 'test-output/submission-dialog-bilibili-missing.png' }).catch(() => undefined);
    await page.locator('[data-fixture="c2"] .root-reply .reply-operation-client').click();
    await page.locator('.operation-option', { hasText: '举报' }).click();
    const dialog = page.locator('.reply-report-dialog');
    await expect.poll(() => dialog.locator('input[name="report-reason"][value="12"]').isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await dialog.locator('textarea.report-desc').inputValue()).toBe(DESCRIPTION);
    await expect.poll(() => banner.getAttribute('data-tone')).toBe('act');
    expect(await banner.getAttribute('aria-label')).toContain('请在举报框里核对');
    await page.screenshot({ path: 'test-output/submission-dialog-bilibili-filled.png' }).catch(() => undefined);
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await page.close();
  });

  it('“已经举报过了” marks the submission a duplicate', async () => {
    const { reportId, page } = await submitAndOpen(seed('246000000002'));
    const dialog = page.locator('.reply-report-dialog');
    await expect.poll(() => dialog.locator('input[name="report-reason"][value="12"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(page, { reported: ['246000000002'] }, BILI_REPLY);
    await dialog.locator('.report-submit').click();
    const dup = await waitForState(reportId, 'duplicate');
    expect(dup.lastError).toMatchObject({ code: 'duplicate', detail: '已经举报过了' });
    await page.close();
  });

  it('“举报过于频繁” holds the submission as rate-limited', async () => {
    const { reportId, page } = await submitAndOpen(seed('246000000002'));
    const dialog = page.locator('.reply-report-dialog');
    await expect.poll(() => dialog.locator('input[name="report-reason"][value="12"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(page, { recentReports: 3 }, BILI_REPLY);
    await dialog.locator('.report-submit').click();
    const limited = await waitForState(reportId, 'rate-limited');
    expect(limited.lastError).toMatchObject({ code: 'too-frequent' });
    expect(Date.parse(limited.nextAttemptAt!)).toBeGreaterThan(Date.now());
    await page.close();
  });
});

describe('Bilibili dynamic report dialog', () => {
  const seed: SeedReport = {
    destinations: ['bilibili'],
    platform: 'bilibili',
    kind: 'post',
    pageUrl: `https://t.bilibili.com/${DYNAMIC_ID}`,
    ids: { dynamicId: DYNAMIC_ID },
    categoryId: 'illegal-8',
    description: '造谣银行倒闭，引发挤兑恐慌，要求转发扩散。',
  };

  it('opens the dynamic’s page and its report popup from the ⋯ menu (hover), picks 传播不实信息 for a rumour; 提交 is recorded', async () => {
    const { reportId, page } = await submitAndOpen(seed);
    expect(where(page)).toBe(`t.bilibili.com/${DYNAMIC_ID}`);
    const dialog = page.locator('.bili-dyn-report');
    await expect.poll(() => dialog.locator('input[name="dyn-report-reason"][value="13"]').isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await dialog.locator('.bili-dyn-report__desc').inputValue()).toBe('造谣银行倒闭，引发挤兑恐慌，要求转发扩散。');
    await serverState(page, {}, BILI_DYN);
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await dialog.locator('.bili-dyn-report__submit').click();
    await waitForState(reportId, 'submitted');
    expect(await lastReport(page, 'replica-bili-dyn-last')).toEqual({ id: DYNAMIC_ID, reason: 13, desc: '造谣银行倒闭，引发挤兑恐慌，要求转发扩散。' });
    await page.close();
  });

  it('already reported → duplicate; too frequent (“操作过于频繁”) → rate-limited', async () => {
    const first = await submitAndOpen(seed);
    const dialog1 = first.page.locator('.bili-dyn-report');
    await expect.poll(() => dialog1.locator('input[name="dyn-report-reason"][value="13"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(first.page, { reported: [DYNAMIC_ID] }, BILI_DYN);
    await dialog1.locator('.bili-dyn-report__submit').click();
    expect((await waitForState(first.reportId, 'duplicate')).lastError?.detail).toBe('你已经举报过该动态了');
    await first.page.close();

    const second = await submitAndOpen(seed);
    const dialog2 = second.page.locator('.bili-dyn-report');
    await expect.poll(() => dialog2.locator('input[name="dyn-report-reason"][value="13"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(second.page, { recentReports: 3 }, BILI_DYN);
    await dialog2.locator('.bili-dyn-report__submit').click();
    expect((await waitForState(second.reportId, 'rate-limited')).lastError?.detail).toBe('操作过于频繁，请稍后再试');
    await second.page.close();
  });
});

describe('Zhihu report dialog', () => {
  const answerSeed: SeedReport = {
    destinations: ['zhihu'],
    platform: 'zhihu',
    kind: 'post',
    pageUrl: `https://www.zhihu.com/question/${ANSWER.questionId}/answer/${ANSWER.answerId}`,
    ids: { ...ANSWER },
  };

  it('an answer: its 更多 menu’s 举报, the reason (served late) 违法违规 for fraud, the description; 提交 is recorded', async () => {
    const { reportId, page } = await submitAndOpen(answerSeed);
    expect(where(page)).toBe(`www.zhihu.com/question/${ANSWER.questionId}/answer/${ANSWER.answerId}`);
    const modal = page.locator('.Modal.ReportModal');
    await expect.poll(() => modal.locator('input[name="report-reason"][value="illegal"]').isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await modal.locator('.ReportModal-textarea').inputValue()).toBe(DESCRIPTION);
    await serverState(page, {}, ZHIHU);
    expect((await submissionsOf(ext, reportId))[0]!.state).toBe('submitting');
    await modal.locator('.ReportModal-submit').click();
    await waitForState(reportId, 'submitted');
    expect(await lastReport(page, 'replica-zhihu-last')).toEqual({ key: `answer:${ANSWER.answerId}`, reason: 'illegal', text: DESCRIPTION });
    await page.close();
  });

  it('a comment: its own 举报 (shown on hover), 不友善内容 for an insult', async () => {
    const { reportId, page } = await submitAndOpen({
      destinations: ['zhihu'],
      platform: 'zhihu',
      kind: 'comment',
      pageUrl: `https://www.zhihu.com/question/${ANSWER.questionId}/answer/${ANSWER.answerId}`,
      ids: { commentId: '10200000002' },
      categoryId: 'illegal-10-insult',
      description: '辱骂提醒风险的网友。',
    });
    const modal = page.locator('.Modal.ReportModal');
    await expect.poll(() => modal.locator('input[name="report-reason"][value="unfriendly"]').isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await modal.locator('.ReportModal-textarea').inputValue()).toBe('辱骂提醒风险的网友。');
    await serverState(page, {}, ZHIHU);
    await modal.locator('.ReportModal-submit').click();
    await waitForState(reportId, 'submitted');
    expect(await lastReport(page, 'replica-zhihu-last')).toMatchObject({ key: 'comment:10200000002', reason: 'unfriendly' });
    await page.close();
  });

  it('already reported → duplicate; too frequent → rate-limited', async () => {
    const first = await submitAndOpen(answerSeed);
    const modal1 = first.page.locator('.Modal.ReportModal');
    await expect.poll(() => modal1.locator('input[name="report-reason"][value="illegal"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(first.page, { reported: [`answer:${ANSWER.answerId}`] }, ZHIHU);
    await modal1.locator('.ReportModal-submit').click();
    expect((await waitForState(first.reportId, 'duplicate')).lastError?.detail).toBe('你已经举报过该内容，请耐心等待处理结果');
    await first.page.close();

    const second = await submitAndOpen(answerSeed);
    const modal2 = second.page.locator('.Modal.ReportModal');
    await expect.poll(() => modal2.locator('input[name="report-reason"][value="illegal"]').isChecked(), { timeout: 30_000 }).toBe(true);
    await serverState(second.page, { recentReports: 3 }, ZHIHU);
    await modal2.locator('.ReportModal-submit').click();
    expect((await waitForState(second.reportId, 'rate-limited')).lastError?.detail).toBe('操作过于频繁，请稍后再试');
    await second.page.close();
  });
});
