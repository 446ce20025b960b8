// In-page report dialogs in Firefox ESR (the Chromium spec is test/e2e/submission-dialogs.e2e.ts): the
// destination content script opens a Bilibili comment's dialog from its ⋮ menu and a Zhihu answer's from its
// 更多 menu (reasons served late), fills reason and description, and records the person's 提交. The events it
// dispatches to open the menus come from a Firefox content script into the page, which is where Firefox
// could differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { seedReports, send, submissionsOf, type SeedReport } from '../submission-support';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let ext: PlaywrightPage;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port });
  ext = (await session.openPopup('?reader=1')) as unknown as PlaywrightPage;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const stateOf = async (reportId: string) => (await submissionsOf(ext, reportId))[0];

async function submitAndOpen(seed: SeedReport, host: string): Promise<{ reportId: string; page: Page }> {
  const [reportId] = await seedReports(ext, [seed]);
  await send(ext, { type: 'submit-report', payload: { reportId } });
  const waiting = (await eventually(() => stateOf(reportId!), (s) => s?.state === 'awaiting-person', 20_000))!;
  const opened = session.browser.waitForTarget((t: Target) => t.url().includes(host), { timeout: 20_000 });
  await send(ext, { type: 'submission-action', payload: { submissionId: waiting.id, action: 'open' } });
  return { reportId: reportId!, page: (await (await opened).page())! };
}

const checked = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).checked).catch(() => false);
const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLTextAreaElement).value).catch(() => '');

describe('in-page report dialogs (Firefox)', () => {
  it('Bilibili comment: its ⋮ menu’s 举报, 赌博诈骗 and the description filled; the person’s 提交 is recorded', async () => {
    const { reportId, page } = await submitAndOpen(
      { destinations: ['bilibili'], platform: 'bilibili', kind: 'comment', pageUrl: 'https://www.bilibili.com/video/BV1GJ411x7h7/', ids: { rpid: '246000000001' } },
      'www.bilibili.com/video/BV1GJ411x7h7',
    );
    await eventually(() => checked(page, '.reply-report-dialog input[name="report-reason"][value="12"]'), (c) => c, 30_000);
    expect(await value(page, '.reply-report-dialog textarea.report-desc')).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    await page.evaluate(() => localStorage.clear());
    expect((await stateOf(reportId))!.state).toBe('submitting');
    await page.click('.reply-report-dialog .report-submit');
    await eventually(() => stateOf(reportId).then((s) => s?.state), (s) => s === 'submitted', 20_000);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('replica-bili-reply-last') ?? 'null'))).toMatchObject({ rpid: '246000000001', reason: 12 });
    await page.close();
  });

  it('Zhihu answer: its 更多 menu’s 举报, 违法违规 once the reasons arrive; “已经举报过” → duplicate', async () => {
    const { reportId, page } = await submitAndOpen(
      { destinations: ['zhihu'], platform: 'zhihu', kind: 'post', pageUrl: 'https://www.zhihu.com/question/600000002/answer/3000000003', ids: { questionId: '600000002', answerId: '3000000003' } },
      'www.zhihu.com/question/600000002',
    );
    await eventually(() => checked(page, '.ReportModal input[name="report-reason"][value="illegal"]'), (c) => c, 30_000);
    expect(await value(page, '.ReportModal .ReportModal-textarea')).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    await page.evaluate(() => localStorage.setItem('replica-zhihu-reported', JSON.stringify(['answer:3000000003'])));
    await page.click('.ReportModal .ReportModal-submit');
    const dup = await eventually(() => stateOf(reportId), (s) => s?.state === 'duplicate', 20_000);
    expect(dup!.lastError).toMatchObject({ code: 'duplicate', detail: '你已经举报过该内容，请耐心等待处理结果' });
    await page.close();
  });
});
