// Tracking in Firefox ESR, as test/e2e/tracking.e2e.ts checks it in Chromium, against the replicas of
// Weibo's report page, Weibo's report results, Bilibili's system notices, 12377's report form and its
// 举报查询 page, all at their real hostnames (fixture proxy). The test plays the person (and, where a
// destination answers, the destination); the clock is moved with the documented test setting
// `debugClockOffsetMs`. Then the tracked report goes out as an evidence pack that verifies, and through a
// backup into a fresh Firefox profile with its history intact.
//
// Differences from the Chromium spec, all the driver's: Chromium's worker is stopped with CDP, here the
// event page is suspended when idle (`backgroundIdleTimeoutMs`); the worker's `chrome.alarms`,
// `notifications` and badge are read from an extension page (the same extension APIs; Firefox's event
// page is no WebDriver target); pages the extension opens are new targets (`waitForTarget`); a reload
// of a moz-extension page reports no load event over BiDi, so the dashboard is opened again instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page, Target } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { buttonNamed, captureEnded, eventually, gotoPage, launchFirefoxWithExtension, waitForDownload, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { badgeTextInPage, dbPut, dbRows, dbSnapshot, inPage, sendToBackground } from '../../support/in-page';
import { seedReports } from '../submission-support';
import { verifyPack } from '../../../src/export/verify-pack';
import { unzip } from '../../../src/export/zip-files';
import type { Submission } from '../../../src/model/submission';
import type { Report } from '../../../src/model/report';
import type { ReportEvent } from '../../../src/lifecycle/event-log';
import { hasElementShot, readUntil } from '../../support/element-shot';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let ext: Page;
let downloads: string;
let tmp: string;

const DAY = 86_400_000;

beforeAll(async () => {
  server = await startFixtureServer();
  downloads = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-tracking-downloads-'));
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-tracking-'));
  // `<all_urls>`: the tracked report is a real capture with a report button on the weibo.com replica, and
  // its screenshots (both attached to the 12377 form below) are taken only with the "all sites" grant; on
  // the build as shipped the button stores it without one (test/e2e/firefox/fresh-install.e2e.ts).
  session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port, grants: ['<all_urls>'], backgroundIdleTimeoutMs: 3000, downloadDir: downloads });
  ext = await session.openPopup('?reader=1');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  await Promise.all([downloads, tmp].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
});

const send = <T = { ok: boolean; [k: string]: unknown }>(message: unknown) => inPage(ext, sendToBackground, message) as Promise<T>;
/**
 * The test clock lives in storage.session, which only the extension's own pages and worker can reach
 * (extension/tracking/clock.ts). Self-contained, for inPage (see test/support/in-page.ts).
 */
function setSessionStorage(values: Record<string, unknown>): Promise<void> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? (globalThis as unknown as { chrome: typeof chrome }).chrome;
  return api.storage.session.set(values);
}
const badge = () => inPage(ext, badgeTextInPage, null);
const seed = (seeds: Parameters<typeof seedReports>[1]) => seedReports(ext as unknown as PlaywrightPage, seeds);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');
const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value).catch(() => '');

async function report(id: string): Promise<Report> {
  return ((await inPage(ext, dbRows, { store: 'reports' })) as Report[]).find((r) => r.id === id)!;
}
async function eventsOf(id: string): Promise<ReportEvent[]> {
  return ((await inPage(ext, dbRows, { store: 'events', index: 'by-report', key: id })) as ReportEvent[]).sort((a, b) => a.seq - b.seq);
}
async function submissionsOf(reportId: string): Promise<Submission[]> {
  return (await inPage(ext, dbRows, { store: 'submissions', index: 'by-report', key: reportId })) as Submission[];
}
async function waitForSubmission(reportId: string, pick: (s: Submission) => boolean, state: Submission['state']): Promise<Submission> {
  const rows = await eventually(() => submissionsOf(reportId), (all) => all.find(pick)?.state === state, 20_000);
  return rows.find(pick)!;
}

/** Runs `open` and returns the web page the extension opens in a new tab (a new WebDriver target). */
async function openedTab(host: string, open: () => Promise<unknown>): Promise<Page> {
  const target = session.browser.waitForTarget((t: Target) => t.url().includes(host), { timeout: 15_000 });
  await open();
  const page = (await (await target).page())!;
  await page.waitForFunction(() => document.readyState !== 'loading', { timeout: 15_000 });
  return page;
}

/** Submits a seeded Weibo report on the Weibo replica as the person would; returns the ticket number. */
async function submitOnWeibo(reportId: string): Promise<{ submission: Submission; ticket: string }> {
  await send({ type: 'submit-report', payload: { reportId } });
  const waiting = await waitForSubmission(reportId, (s) => s.destinationId === 'weibo', 'awaiting-person');
  const page = await openedTab('service.account.weibo.com', () => send({ type: 'submission-action', payload: { submissionId: waiting.id, action: 'open' } }));
  await eventually(() => value(page, '#reason_text'), (v) => v !== '', 15_000);
  await page.click('#report_submit');
  const tip = await eventually(() => text(page, '#report_tip'), (t) => t.includes('举报编号'));
  const ticket = /举报编号：(\S+?)，/.exec(tip)![1]!;
  const submission = await waitForSubmission(reportId, (s) => s.destinationId === 'weibo', 'submitted');
  expect(submission.receipt?.code).toBe(ticket);
  await page.close();
  return { submission, ticket };
}

/**
 * Captures a post on the weibo.com replica with its report button, then gives the draft what the form
 * would on saving (category, description, destination, the good-faith statement): a saved, signed report.
 */
async function captureOnWeibo(fixture: string, description: string): Promise<string> {
  const page = await session.newPage();
  await gotoPage(page, 'http://weibo.com/');
  const button = `[data-fixture="${fixture}"] [data-report-assistant="report"]`;
  await page.waitForSelector(button, { timeout: 20_000 });
  await page.click(button);
  expect(await captureEnded(page, button), 'the capture, with its screenshot').toBe('done');
  const reportId = (await page.$eval(button, (b) => b.getAttribute('data-report-id')))!;
  await page.close();
  const draft = await eventually(() => report(reportId), (r) => Boolean(r?.signed));
  const now = new Date().toISOString();
  await inPage(ext, dbPut, [
    {
      store: 'reports',
      row: {
        ...draft,
        status: 'saved',
        updatedAt: now,
        categoryId: 'illegal-11-fraud',
        description,
        destinations: ['weibo'],
        anonymous: true,
        goodFaith: { statementKey: 'goodFaithStatement', at: now },
      },
    },
  ]);
  return reportId;
}

/** The dashboard with one report's card found by its unique description, and its history opened. */
async function openCard(reportId: string, search: string): Promise<{ dashboard: Page; card: string }> {
  const dashboard = await session.openDashboard();
  await dashboard.waitForSelector('[data-testid="search"]', { timeout: 15_000 });
  await dashboard.type('[data-testid="search"]', search);
  const card = `[data-report-id="${reportId}"]`;
  await dashboard.waitForSelector(`${card} [data-testid="report-history-toggle"]`, { timeout: 15_000 });
  await dashboard.click(`${card} [data-testid="report-history-toggle"]`);
  await dashboard.waitForSelector(`${card} [data-testid="report-history"]`, { timeout: 15_000 });
  return { dashboard, card };
}

describe('tracking (Firefox)', () => {
  let trackedId: string;

  it('a Weibo report gets no answer: the window passes, the reminder fires, escalation to 12377 carries the history, and the 查询 result lands in the report', async () => {
    const marker = '跟踪测试甲：冒充理财导师，诱导加微信交会员费。';
    // Unlike the Chromium spec (a seeded report), this one is a real capture on the weibo.com replica, so
    // that its signed evidence goes through tracking into the evidence pack and the backup (next test).
    const reportId = await captureOnWeibo('wb-post-scam', marker);
    trackedId = reportId;
    const captured = await readUntil(() => report(reportId), hasElementShot);
    const mid = captured.items[0]!.ids.mid!;
    expect(mid).toMatch(/^\d{16}$/);
    const { submission: weibo, ticket } = await submitOnWeibo(reportId);
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'awaiting-feedback', awaiting: [{ submissionId: weibo.id, destinationId: 'weibo' }] });

    // Within the window: nothing to remind.
    expect(await send({ type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0 });
    let { dashboard, card } = await openCard(reportId!, '跟踪测试甲');
    expect(await text(dashboard, `${card} [data-testid="report-status"]`)).toBe('等待反馈');
    await eventually(() => text(dashboard, `${card} [data-testid="due"]`), (t) => t.includes('答复期限'));
    expect(await dashboard.$$(`${card} [data-testid="escalate"]`)).toHaveLength(0);
    await dashboard.close();

    // The reminder scan is an alarm, so it survives the background going away.
    const alarm = await ext.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.alarms.get('tracking-overdue'));
    expect(alarm).toMatchObject({ name: 'tracking-overdue', periodInMinutes: 30 });
    await session.waitForBackgroundSuspended();
    // Headless Firefox has no notification display: the alert service closes each notification as soon as
    // it is created (notifications.onClosed fires, getAll() is empty a moment later). So the notification
    // is seen here through its onClosed event, which every extension page receives.
    await ext.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __closedNotifications: string[] }).__closedNotifications = seen;
      (globalThis as unknown as { browser: typeof chrome }).browser.notifications.onClosed.addListener((id) => void seen.push(id));
    });

    // Eight days later (a platform's default window is 7 days): the reminder fires by itself, in an event
    // page woken by the storage change.
    await inPage(ext, setSessionStorage, { debugClockOffsetMs: 8 * DAY });
    await eventually(async () => (await eventsOf(reportId!)).map((e) => e.type), (types) => types.includes('reminder'), 20_000);
    const reminder = (await eventsOf(reportId!)).find((e) => e.type === 'reminder')!;
    expect(reminder.data).toMatchObject({ submissionId: weibo.id, destinationId: 'weibo' });
    expect(Date.parse(reminder.at) - Date.now()).toBeGreaterThan(7 * DAY);
    expect((await report(reportId!)).lifecycle?.stage).toBe('no-answer');
    // The notification follows the recorded reminder (created, then closed at once by headless Firefox).
    await eventually(() => ext.evaluate(() => (window as unknown as { __closedNotifications: string[] }).__closedNotifications), (ids) => ids.includes('tracking-overdue'));
    await eventually(badge, (b) => b === '1');
    // Checking again does not remind twice.
    expect(await send({ type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0, overdue: 1 });

    // The dashboard says so and offers the next step of the ladder; one click escalates.
    ({ dashboard, card } = await openCard(reportId!, '跟踪测试甲'));
    expect(await text(dashboard, `${card} [data-testid="report-status"]`)).toBe('逾期未答复');
    await eventually(() => text(dashboard, `${card} [data-testid="overdue"]`), (t) => t.includes('已逾期'));
    const escalate = `${card} [data-testid="escalate"][data-to="12377"]`;
    expect(await text(dashboard, escalate)).toBe('升级举报到中央网信办违法和不良信息举报中心（12377）');
    const rungs = await dashboard.$$eval(`${card} [data-testid="escalate-other"] option`, (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(rungs).toEqual(['provincial-beijing', 'provincial-shanghai', 'provincial-guangdong', 'provincial-hubei', 'cyberpolice']);
    await dashboard.click(escalate);
    await eventually(() => text(dashboard, `${card} [data-testid="history-message"]`), (t) => t.includes('已创建升级举报'));
    const escalated = await waitForSubmission(reportId!, (s) => s.destinationId === '12377', 'awaiting-person');
    expect(escalated.escalatedFrom).toBe(weibo.id);
    const history = `举报，举报编号${ticket}，至今未处理。`;
    const afterEscalation = await report(reportId!);
    expect(afterEscalation.description).toMatch(new RegExp(`^已于\\d{4}年\\d{1,2}月\\d{1,2}日向新浪微博（社区管理中心）${history}\\n\\n${marker}$`));
    // The evidence is the report's own, unchanged by the escalation.
    expect(afterEscalation.evidence).toEqual(captured.evidence);
    expect(afterEscalation.lifecycle?.stage).toBe('escalated');
    const escalatedEvent = (await eventsOf(reportId!)).find((e) => e.type === 'escalated')!;
    expect(escalatedEvent.data).toMatchObject({ fromSubmissionId: weibo.id, toDestinationId: '12377', submissionId: escalated.id });
    await eventually(badge, (b) => b === '1'); // now: one submission waits for the person

    // The person opens the escalation from the same card and sends it on the 12377 replica: the form
    // carries the history and the same evidence.
    await dashboard.waitForSelector(`${card} [data-testid="submission-row"][data-destination="12377"] [data-testid="submission-open"]`, { timeout: 10_000 });
    const form = await openedTab('www.12377.cn', () =>
      dashboard.click(`${card} [data-testid="submission-row"][data-destination="12377"] [data-testid="submission-open"]`),
    );
    await dashboard.close();
    await form.waitForSelector('#isee', { timeout: 15_000 });
    await form.click('#isee');
    await form.waitForSelector('#agree:not([disabled])', { timeout: 10_000 });
    await form.click('#agree');
    await eventually(() => form.evaluate(() => location.href).catch(() => ''), (u) => /nmjb\.html/.test(u), 15_000);
    await eventually(() => value(form, '#report_content'), (v) => v.includes(history), 15_000);
    expect(await value(form, '#report_content')).toContain(marker);
    // Both screenshots of the capture (the post and the visible tab) are attached to the form.
    const shots = captured.evidence.filter((e) => !e.excluded && (e.kind === 'screenshot' || e.kind === 'screenshot-full')).length;
    expect(shots).toBe(2);
    await eventually(() => form.$$eval('#file_list li', (li) => li.length).catch(() => 0), (n) => n === shots, 15_000);
    const question = (await form.$eval('#captcha_img', (el) => el.getAttribute('data-question')))!;
    const [a, b] = question.split('+').map(Number);
    await form.type('#captcha', String(a! + b!));
    await form.click('#submit_report');
    const code = await eventually(() => text(form, '#query_code'), (c) => /^[A-Z0-9]{16}$/.test(c));
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
    await dashboard.waitForSelector(`${card} [data-testid="query-12377"]`, { timeout: 10_000 });
    const query = await openedTab('www.12377.cn/jbcx', () => dashboard.click(`${card} [data-testid="query-12377"]`));
    expect(await query.evaluate(() => location.href)).toBe('https://www.12377.cn/jbcx.html?tab=6');
    await eventually(() => value(query, '#cxm'), (v) => v === code, 15_000);
    expect(await query.evaluate(() => document.activeElement?.id)).toBe('yzm');
    await query.type('#yzm', '7');
    await (await buttonNamed(query, '查询')).click();
    await eventually(() => text(query, '[data-report-assistant="tracking-banner"]'), (t) => t === '举报助手已记录查询结果：已删除', 15_000);
    const handled = await report(reportId!);
    expect(handled.lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed', awaiting: [] });
    const feedback = (await eventsOf(reportId!)).filter((e) => e.type === 'feedback');
    expect(feedback).toHaveLength(1);
    expect(feedback[0]!.data).toMatchObject({ submissionId: escalated.id, destinationId: '12377', outcome: 'removed', resultText: '已处理：相关信息已删除', source: '12377-query' });
    // Querying again records nothing twice. (Nothing to wait for when nothing happens: a short pause
    // after the answer is shown, as in the Chromium spec.)
    await (await buttonNamed(query, '查询')).click();
    await new Promise((r) => setTimeout(r, 800));
    expect((await eventsOf(reportId!)).filter((e) => e.type === 'feedback')).toHaveLength(1);
    await query.close();
    await eventually(badge, (b) => b === '');
    await dashboard.close();

    // The dashboard shows the whole history, intact.
    ({ dashboard, card } = await openCard(reportId!, '跟踪测试甲'));
    expect(await text(dashboard, `${card} [data-testid="report-status"]`)).toBe('已处理');
    await eventually(() => text(dashboard, `${card} [data-testid="chain-verdict"]`), (t) => /处理记录完整，共 \d+ 条/.test(t));
    const types = await dashboard.$$eval(`${card} [data-testid="timeline"] li`, (lis) => lis.map((li) => li.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['submitted', 'receipt', 'reminder', 'escalated', 'feedback']));
    expect(types.at(-1)).toBe('feedback');
    await dashboard.close();
    await inPage(ext, setSessionStorage, { debugClockOffsetMs: 0 });
  });

  it('exports the tracked report as an evidence pack whose history verifies, and restores a backup into a fresh profile', async () => {
    expect(trackedId, 'the tracking test ran first').toBeTruthy();
    const { dashboard, card } = await openCard(trackedId, '跟踪测试甲');
    await dashboard.waitForSelector(`${card} [data-testid="export-one"]`, { timeout: 15_000 });
    const pack = await waitForDownload(downloads, () => dashboard.click(`${card} [data-testid="export-one"]`));
    const verdict = await verifyPack(pack.bytes);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    // The pack carries the whole history: submission, reminder, escalation and the 12377 answer.
    const files = unzip(pack.bytes);
    const eventsFile = Object.keys(files).find((p) => p.endsWith('events.json'))!;
    const packed = JSON.parse(new TextDecoder().decode(files[eventsFile])) as Array<{ type: string }>;
    expect(packed.map((e) => e.type)).toEqual(expect.arrayContaining(['submitted', 'receipt', 'reminder', 'escalated', 'feedback']));
    // And the dashboard's own check says the same of the file handed back to it.
    const packFile = path.join(tmp, 'tracked.zip');
    await writeFile(packFile, pack.bytes);
    const verifyInput = (await dashboard.$('[data-testid="verify-pack"]')) as ElementHandle<HTMLInputElement>;
    await verifyInput.uploadFile(packFile);
    await eventually(() => text(dashboard, '[data-testid="tools-result"]'), (t) => t.includes('全部一致'), 15_000);

    // Backup → a fresh Firefox profile → restore: reports, evidence, history and submissions identical.
    const before = await inPage(dashboard, dbSnapshot, null);
    const backup = await waitForDownload(downloads, () => dashboard.click('[data-testid="backup"]'));
    const backupFile = path.join(tmp, 'backup.zip');
    await writeFile(backupFile, backup.bytes);
    await dashboard.close();

    const fresh = await launchFirefoxWithExtension();
    try {
      const page = await fresh.openDashboard();
      await page.waitForSelector('[data-testid="no-reports"]', { timeout: 15_000 });
      page.on('dialog', (d) => void d.accept());
      const restore = (await page.$('[data-testid="restore"]')) as ElementHandle<HTMLInputElement>;
      await restore.uploadFile(backupFile);
      await eventually(() => text(page, '[data-testid="tools-result"]'), (t) => t.includes('已恢复'), 20_000);
      const after = await inPage(page, dbSnapshot, null);
      const key = (r: unknown) => (r as { id: string }).id;
      const sorted = (rows: unknown[]) => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : 1));
      for (const store of ['reports', 'artifacts', 'events', 'submissions'] as const) expect(sorted(after[store]!), store).toEqual(sorted(before[store]!));
      await page.close();
      // The restored history still verifies in the new profile's dashboard.
      const restored = await fresh.openDashboard();
      await restored.waitForSelector('[data-testid="search"]', { timeout: 15_000 });
      await restored.type('[data-testid="search"]', '跟踪测试甲');
      await restored.waitForSelector(`${card} [data-testid="report-history-toggle"]`, { timeout: 15_000 });
      await restored.click(`${card} [data-testid="report-history-toggle"]`);
      expect(await eventually(() => text(restored, `${card} [data-testid="report-status"]`), (t) => t !== '')).toBe('已处理');
      await eventually(() => text(restored, `${card} [data-testid="chain-verdict"]`), (t) => /处理记录完整，共 \d+ 条/.test(t), 15_000);
      await restored.close();
    } finally {
      await fresh.close();
    }
  });

  it('recognises an answer on Weibo’s report-results page and records it when the person accepts', async () => {
    const mid = '4890000000000888';
    const [reportId] = await seed([{ destinations: ['weibo'], ids: { mid }, description: '跟踪测试乙：平台通知页。' }]);
    const { submission } = await submitOnWeibo(reportId!);
    const page = await session.newPage();
    await gotoPage(page, `http://service.account.weibo.com/notifications/?mid=${mid}`);
    const offer = `[data-report-assistant="record-feedback"][data-report-id="${reportId}"]`;
    await page.waitForSelector(offer, { timeout: 15_000 });
    expect(await text(page, offer)).toBe('记录到举报助手：已删除');
    // Only the notice about this post gets an offer; nothing is recorded before the person accepts.
    expect(await page.$$('[data-report-assistant="record-feedback"]')).toHaveLength(1);
    expect((await eventsOf(reportId!)).some((e) => e.type === 'feedback')).toBe(false);
    await page.click(offer);
    await eventually(() => page.$eval(offer, (el) => el.getAttribute('data-state')), (s) => s === 'done', 15_000);
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed' });
    const feedback = (await eventsOf(reportId!)).find((e) => e.type === 'feedback')!;
    expect(feedback.data).toMatchObject({ submissionId: submission.id, destinationId: 'weibo', outcome: 'removed', source: 'weibo-service' });
    expect(String(feedback.data.resultText)).toContain(mid);
    await page.close();
  });

  it('recognises a Bilibili system notice about a reported comment, and only that one', async () => {
    const [reportId] = await seed([
      { destinations: ['bilibili'], platform: 'bilibili', ids: { bvid: 'BV1xx411c7mD', rpid: '7001234567' }, description: '跟踪测试丁：B站通知。' },
    ]);
    // A report already with Bilibili and waiting for its answer (its summary as the queue would leave it).
    const at = new Date().toISOString();
    const seeded = await report(reportId!);
    await inPage(ext, dbPut, [
      {
        store: 'reports',
        row: {
          ...seeded,
          lifecycle: { stage: 'awaiting-feedback', destinations: ['bilibili'], awaiting: [{ submissionId: crypto.randomUUID(), destinationId: 'bilibili', since: at }], receipts: {}, lastEventAt: at, eventCount: 0, head: '' },
        },
      },
    ]);
    const page = await session.newPage();
    await gotoPage(page, 'http://message.bilibili.com/?bvid=BV1xx411c7mD&rpid=7001234567#/system');
    const offer = '[data-report-assistant="record-feedback"]';
    await page.waitForSelector(offer, { timeout: 15_000 });
    // The second notice (another video, "no violation") is about nobody's tracked report: no offer there.
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.$$(offer)).toHaveLength(1);
    expect(await page.$eval(offer, (el) => el.getAttribute('data-report-id'))).toBe(reportId);
    await page.click(offer);
    await eventually(() => page.$eval(offer, (el) => el.getAttribute('data-state')), (s) => s === 'done', 15_000);
    expect((await report(reportId!)).lifecycle).toMatchObject({ stage: 'handled', outcome: 'removed', awaiting: [] });
    expect((await eventsOf(reportId!))[0]!.data).toMatchObject({ destinationId: 'bilibili', outcome: 'removed', source: 'bilibili-system' });
    await page.close();
  });

  it('sets a status by hand with a note, and refuses one without a note', async () => {
    const [reportId] = await seed([{ destinations: ['weibo'], description: '跟踪测试丙：手动状态。' }]);
    const { dashboard, card } = await openCard(reportId!, '跟踪测试丙');
    const form = `${card} [data-testid="set-by-hand"]`;
    await dashboard.select(`${form} select`, 'rejected');
    await (await buttonNamed(dashboard, '记录', form)).click();
    await eventually(() => text(dashboard, `${form} .field-error`), (t) => t.includes('请写明依据'));
    expect((await eventsOf(reportId!)).length).toBe(0);
    await dashboard.type(`${form} textarea`, '平台客服电话告知：不予处理。');
    await (await buttonNamed(dashboard, '记录', form)).click();
    await eventually(async () => (await report(reportId!)).lifecycle?.stage, (s) => s === 'rejected');
    await eventually(() => text(dashboard, `${card} [data-testid="report-status"]`), (t) => t === '未受理');
    expect((await eventsOf(reportId!))[0]!.data).toMatchObject({ outcome: 'rejected', note: '平台客服电话告知：不予处理。' });
    await dashboard.close();
  });
});
