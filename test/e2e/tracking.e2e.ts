// Tracking in a real Chromium with the built extension, against replicas of Weibo's report page, Weibo's
// report results, 12377's report form and its 举报查询 page, all mapped to their real hostnames.
// The test plays the person (and, where a destination answers, the destination). The clock is moved with
// the documented test setting `debugClockOffsetMs`; nothing asserted here is faked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { badgeText, extensionPage, readStore, seedReports, send, submissionsOf } from './submission-support';
import type { Submission } from '../../src/model/submission';
import type { Report } from '../../src/model/report';
import type { ReportEvent } from '../../src/lifecycle/event-log';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

const HOSTS = ['www.12377.cn', 'service.account.weibo.com', 'message.bilibili.com'];
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension({ hostResolverRules: HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ') });
  ext = await extensionPage(session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** The test clock lives in storage.session, which only the extension's own pages and worker can reach (extension/tracking/clock.ts). */
async function setClock(offsetMs: number): Promise<void> {
  await ext.evaluate((debugClockOffsetMs) => chrome.storage.session.set({ debugClockOffsetMs }), offsetMs);
}

async function report(id: string): Promise<Report> {
  return (await readStore<Report>(ext, 'reports')).find((r) => r.id === id)!;
}
async function eventsOf(id: string): Promise<ReportEvent[]> {
  return (await readStore<ReportEvent>(ext, 'events')).filter((e) => e.reportId === id).sort((a, b) => a.seq - b.seq);
}
async function waitForSubmission(reportId: string, pick: (s: Submission) => boolean, state: Submission['state']): Promise<Submission> {
  let last: Submission | undefined;
  await expect.poll(async () => ((last = (await submissionsOf(ext, reportId)).find(pick)), last?.state), { timeout: 20_000 }).toBe(state);
  return last!;
}
async function openSubmissionTab(submissionId: string): Promise<Page> {
  const pageEvent = session.context.waitForEvent('page', { timeout: 15_000 });
  await send(ext, { type: 'submission-action', payload: { submissionId, action: 'open' } });
  const page = await pageEvent;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** Submits a seeded Weibo report on the Weibo replica as the person would; returns the ticket number. */
async function submitOnWeibo(reportId: string): Promise<{ submission: Submission; ticket: string }> {
  await send(ext, { type: 'submit-report', payload: { reportId } });
  const waiting = await waitForSubmission(reportId, (s) => s.destinationId === 'weibo', 'awaiting-person');
  const page = await openSubmissionTab(waiting.id);
  await expect.poll(() => page.locator('#reason_text').inputValue()).not.toBe('');
  await page.locator('#report_submit').click();
  const tip = (await page.locator('#report_tip').textContent())!;
  const ticket = /举报编号：(\S+?)，/.exec(tip)![1]!;
  const submission = await waitForSubmission(reportId, (s) => s.destinationId === 'weibo', 'submitted');
  expect(submission.receipt?.code).toBe(ticket);
  await page.close();
  return { submission, ticket };
}

/** The dashboard with one report's card found by its unique description, and its history opened. */
async function openCard(reportId: string, search: string): Promise<{ dashboard: Page; card: ReturnType<Page['locator']> }> {
  const dashboard = await session.openDashboard();
  await dashboard.getByTestId('search').fill(search);
  const card = dashboard.locator(`[data-report-id="${reportId}"]`);
  await card.waitFor();
  await card.getByTestId('report-history-toggle').click();
  await card.getByTestId('report-history').waitFor();
  return { dashboard, card };
}

describe('tracking', () => {
  it('a Weibo report gets no answer: the window passes, the reminder fires, escalation to 12377 carries the history, and the 查询 result lands in the report', async () => {
    const mid = '4890000000000777';
    const marker = '跟踪测试甲：冒充理财导师，诱导加微信交会员费。';
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid }, description: marker, screenshot: true }]);
    const { submission: weibo, ticket } = await submitOnWeibo(reportId!);
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'awaiting-feedback', awaiting: [{ submissionId: weibo.id, destinationId: 'weibo' }] });

    // Within the window: nothing to remind.
    expect(await send(ext, { type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0 });
    let { dashboard, card } = await openCard(reportId!, '跟踪测试甲');
    expect(await card.getByTestId('report-status').textContent()).toBe('等待反馈');
    await expect.poll(() => card.getByTestId('due').textContent()).toContain('答复期限');
    expect(await card.getByTestId('escalate').count()).toBe(0);
    await dashboard.close();

    // The reminder scan is an alarm, so it survives the worker being stopped.
    const alarm = await (await session.serviceWorker()).evaluate(() => chrome.alarms.get('tracking-overdue'));
    expect(alarm).toMatchObject({ name: 'tracking-overdue', periodInMinutes: 30 });
    await session.stopServiceWorker();

    // Eight days later (a platform's default window is 7 days): the reminder fires by itself, in a worker
    // woken by the change.
    await setClock(8 * DAY);
    await expect.poll(async () => (await eventsOf(reportId!)).map((e) => e.type), { timeout: 15_000 }).toContain('reminder');
    const reminder = (await eventsOf(reportId!)).find((e) => e.type === 'reminder')!;
    expect(reminder.data).toMatchObject({ submissionId: weibo.id, destinationId: 'weibo' });
    expect(Date.parse(reminder.at) - Date.now()).toBeGreaterThan(7 * DAY);
    expect((await report(reportId!)).lifecycle?.stage).toBe('no-answer');
    // The notification follows the recorded reminder (the worker writes the event first, then notifies).
    const worker = await session.serviceWorker();
    await expect.poll(async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toContain('tracking-overdue');
    await expect.poll(() => badgeText(session)).toBe('1');
    // Checking again does not remind twice.
    expect(await send(ext, { type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0, overdue: 1 });

    // The dashboard says so and offers the next step of the ladder; one click escalates.
    ({ dashboard, card } = await openCard(reportId!, '跟踪测试甲'));
    expect(await card.getByTestId('report-status').textContent()).toBe('逾期未答复');
    await expect.poll(() => card.getByTestId('overdue').textContent()).toContain('已逾期');
    const escalate = card.locator('[data-testid="escalate"][data-to="12377"]');
    expect(await escalate.textContent()).toBe('升级举报到中央网信办违法和不良信息举报中心（12377）');
    // The other rungs: the provincial centres, and the channel for this harm (fraud → the police's site).
    const rungs = await card.getByTestId('escalate-other').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(rungs).toEqual(['provincial-beijing', 'provincial-shanghai', 'provincial-guangdong', 'provincial-hubei', 'cyberpolice']);
    await escalate.click();
    await expect.poll(() => card.getByTestId('history-message').textContent()).toContain('已创建升级举报');
    const escalated = await waitForSubmission(reportId!, (s) => s.destinationId === '12377', 'awaiting-person');
    expect(escalated.escalatedFrom).toBe(weibo.id);
    const history = `举报，举报编号${ticket}，至今未处理。`;
    const afterEscalation = await report(reportId!);
    expect(afterEscalation.description).toMatch(new RegExp(`^已于\\d{4}年\\d{1,2}月\\d{1,2}日向新浪微博（社区管理中心）${history}\\n\\n${marker}$`));
    expect(afterEscalation.evidence).toHaveLength(1);
    expect(afterEscalation.lifecycle?.stage).toBe('escalated');
    const escalatedEvent = (await eventsOf(reportId!)).find((e) => e.type === 'escalated')!;
    expect(escalatedEvent.data).toMatchObject({ fromSubmissionId: weibo.id, toDestinationId: '12377', submissionId: escalated.id });
    await expect.poll(() => badgeText(session)).toBe('1'); // now: one submission waits for the person

    // The person opens the escalation from the same card and sends it on the 12377 replica: the form
    // carries the history and the same evidence.
    const formTab = session.context.waitForEvent('page', { timeout: 15_000 });
    await card.locator('[data-testid="submission-row"][data-destination="12377"] [data-testid="submission-open"]').click();
    const form = await formTab;
    await form.waitForLoadState('domcontentloaded');
    await dashboard.close();
    await form.locator('#isee').check();
    await form.locator('#agree:not([disabled])').waitFor({ timeout: 10_000 });
    await form.locator('#agree').click();
    await form.waitForURL(/nmjb\.html/);
    await expect.poll(() => form.locator('#report_content').inputValue()).toContain(history);
    expect(await form.locator('#report_content').inputValue()).toContain(marker);
    await expect.poll(() => form.locator('#file_list li').count()).toBe(1);
    const question = (await form.locator('#captcha_img').getAttribute('data-question'))!;
    const [a, b] = question.split('+').map(Number);
    await form.locator('#captcha').fill(String(a! + b!));
    await form.locator('#submit_report').click();
    const code = (await form.locator('#query_code').textContent())!;
    await waitForSubmission(reportId!, (s) => s.id === escalated.id, 'submitted');
    expect((await report(reportId!)).lifecycle?.stage).toBe('escalated');
    // Playing the centre: it handles the report.
    await form.evaluate((c) => {
      const records = JSON.parse(localStorage.getItem('replica-12377-records') ?? '[]') as Array<{ code: string; result?: string }>;
      for (const r of records) if (r.code === c) r.result = '已处理：相关信息已删除';
      localStorage.setItem('replica-12377-records', JSON.stringify(records));
    }, code);
    await form.close();

    // 查询: the dashboard opens the query page with the 查询码 filled in; the person types the captcha.
    ({ dashboard, card } = await openCard(reportId!, '跟踪测试甲'));
    const queryTab = session.context.waitForEvent('page', { timeout: 15_000 });
    await card.getByTestId('query-12377').click();
    const query = await queryTab;
    await query.waitForLoadState('domcontentloaded');
    expect(query.url()).toBe('https://www.12377.cn/jbcx.html?tab=6');
    await expect.poll(() => query.locator('#cxm').inputValue()).toBe(code);
    expect(await query.evaluate(() => document.activeElement?.id)).toBe('yzm');
    await query.locator('#yzm').fill('7');
    await query.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => query.locator('[data-report-assistant="tracking-banner"]').textContent()).toBe('举报助手已记录查询结果：已删除');
    const handled = await report(reportId!);
    expect(handled.lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed', awaiting: [] });
    const feedback = (await eventsOf(reportId!)).filter((e) => e.type === 'feedback');
    expect(feedback).toHaveLength(1);
    expect(feedback[0]!.data).toMatchObject({ submissionId: escalated.id, destinationId: '12377', outcome: 'removed', resultText: '已处理：相关信息已删除', source: '12377-query' });
    // Querying again records nothing twice.
    await query.getByRole('button', { name: '查询' }).click();
    await query.waitForTimeout(800);
    expect((await eventsOf(reportId!)).filter((e) => e.type === 'feedback')).toHaveLength(1);
    await query.close();
    await expect.poll(() => badgeText(session)).toBe('');

    // The dashboard shows the whole history, intact.
    await dashboard.reload();
    await dashboard.getByTestId('search').fill('跟踪测试甲');
    card = dashboard.locator(`[data-report-id="${reportId}"]`);
    await card.getByTestId('report-history-toggle').click();
    expect(await card.getByTestId('report-status').textContent()).toBe('已处理');
    await expect.poll(() => card.getByTestId('chain-verdict').textContent()).toMatch(/处理记录完整，共 \d+ 条/);
    const types = await card.locator('[data-testid="timeline"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['submitted', 'receipt', 'reminder', 'escalated', 'feedback']));
    expect(types.at(-1)).toBe('feedback');
    await dashboard.close();
    await setClock(0);
  });

  it('recognises an answer on Weibo’s report-results page and records it when the person accepts', async () => {
    const mid = '4890000000000888';
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid }, description: '跟踪测试乙：平台通知页。' }]);
    const { submission } = await submitOnWeibo(reportId!);
    const page = await session.context.newPage();
    await page.goto(`https://service.account.weibo.com/notifications/?mid=${mid}`);
    const offer = page.locator(`[data-report-assistant="record-feedback"][data-report-id="${reportId}"]`);
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.textContent()).toBe('记录到举报助手：已删除');
    // Only the notice about this post gets an offer; nothing is recorded before the person accepts.
    expect(await page.locator('[data-report-assistant="record-feedback"]').count()).toBe(1);
    expect((await eventsOf(reportId!)).some((e) => e.type === 'feedback')).toBe(false);
    await offer.click();
    await expect.poll(() => offer.getAttribute('data-state')).toBe('done');
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed' });
    const feedback = (await eventsOf(reportId!)).find((e) => e.type === 'feedback')!;
    expect(feedback.data).toMatchObject({ submissionId: submission.id, destinationId: 'weibo', outcome: 'removed', source: 'weibo-service' });
    expect(String(feedback.data.resultText)).toContain(mid);
    await page.close();
  });

  it('recognises a Bilibili system notice about a reported comment, and only that one', async () => {
    // A report already with Bilibili and waiting for its answer (its summary as the queue would leave it).
    const [reportId] = await seedReports(ext, [
      { destinations: ['bilibili'], platform: 'bilibili', ids: { bvid: 'BV1xx411c7mD', rpid: '7001234567' }, description: '跟踪测试丁：B站通知。' },
    ]);
    await ext.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => resolve(r.result);
      });
      const tx = db.transaction('reports', 'readwrite');
      const store = tx.objectStore('reports');
      const req = store.get(id);
      req.onsuccess = () => {
        const at = new Date().toISOString();
        store.put({
          ...req.result,
          lifecycle: { stage: 'awaiting-feedback', destinations: ['bilibili'], awaiting: [{ submissionId: crypto.randomUUID(), destinationId: 'bilibili', since: at }], receipts: {}, lastEventAt: at, eventCount: 0, head: '' },
        });
      };
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    }, reportId!);
    const page = await session.context.newPage();
    await page.goto('https://message.bilibili.com/?bvid=BV1xx411c7mD&rpid=7001234567#/system');
    const offer = page.locator('[data-report-assistant="record-feedback"]');
    await offer.first().waitFor({ timeout: 15_000 });
    // The second notice (another video, "no violation") is about nobody's tracked report: no offer there.
    await page.waitForTimeout(500);
    expect(await offer.count()).toBe(1);
    expect(await offer.getAttribute('data-report-id')).toBe(reportId);
    await offer.click();
    await expect.poll(() => offer.getAttribute('data-state')).toBe('done');
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed', awaiting: [] });
    expect((await eventsOf(reportId!))[0]!.data).toMatchObject({ destinationId: 'bilibili', outcome: 'removed', source: 'bilibili-system' });
    await page.close();
  });

  it('sets a status by hand with a note, and refuses one without a note', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], description: '跟踪测试丙：手动状态。' }]);
    const { dashboard, card } = await openCard(reportId!, '跟踪测试丙');
    const form = card.getByTestId('set-by-hand');
    await form.locator('select').selectOption('rejected');
    await form.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => form.locator('.field-error').textContent()).toContain('请写明依据');
    expect((await eventsOf(reportId!)).length).toBe(0);
    await form.locator('textarea').fill('平台客服电话告知：不予处理。');
    await form.getByRole('button', { name: '记录' }).click();
    await expect.poll(async () => (await report(reportId!)).lifecycle?.stage).toBe('rejected');
    await expect.poll(() => card.getByTestId('report-status').textContent()).toBe('未受理');
    expect((await eventsOf(reportId!))[0]!.data).toMatchObject({ outcome: 'rejected', note: '平台客服电话告知：不予处理。' });
    await dashboard.close();
  });
});
