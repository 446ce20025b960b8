// Firefox MV3 treats host permissions as optional, and a person may say no. Here the add-on starts
// without them (declined at install), the person clicks the notice's button and declines Firefox's own
// prompt too (answered in the browser window, launched with `permissionPrompts: true`), and everything
// else must keep working with the notice in view: a report from a supported platform through the context
// menu (activeTab), the form saved, the dashboard and its evidence check, and a submission to 12377 that
// the person completes by hand because the extension may not fill the form there. Then the person allows
// access after all, and the same destination page gets the extension's help.
// (test/e2e/firefox/host-access.e2e.ts covers the grant itself: the notice, the button, the buttons.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import {
  answerPermissionPrompt,
  buttonNamed,
  clickContextMenuItem,
  eventually,
  gotoPage,
  launchFirefoxWithExtension,
  textOf,
  type FirefoxExtensionSession,
} from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { dbRows, inPage, sendToBackground, setLocalStorage } from '../../support/in-page';
import { seedReports } from '../submission-support';
import type { Report } from '../../../src/model/report';
import type { Submission } from '../../../src/model/submission';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let reader: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefoxWithExtension({ grantHostPermissions: false, permissionPrompts: true, fixtureProxyPort: server.port });
  reader = await session.openPopup('?reader=1');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const granted = (origins: string[]) =>
  reader.evaluate((o) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: o }), origins);
const reports = async () => (await inPage(reader, dbRows, { store: 'reports' })) as Report[];
const submissionsOf = async (reportId: string) => (await inPage(reader, dbRows, { store: 'submissions', index: 'by-report', key: reportId })) as Submission[];
const send = <T = { ok: boolean; [k: string]: unknown }>(message: unknown) => inPage(reader, sendToBackground, message) as Promise<T>;

async function openedTab(host: string, open: () => Promise<unknown>): Promise<Page> {
  const target = session.browser.waitForTarget((t: Target) => t.url().includes(host), { timeout: 15_000 });
  await open();
  const page = (await (await target).page())!;
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: 15_000 });
  return page;
}

describe('host permissions declined (Firefox)', () => {
  let captured: Report;

  it('the person declines Firefox’s prompt: the notice says so and stays, with the sites still missing', async () => {
    const popup = await session.openPopup();
    expect(await textOf(popup, '[data-testid="host-access"] strong')).toBe('需要授予访问这些网站的权限');
    expect(await textOf(popup, '[data-testid="host-access"]')).toContain('其他网页仍可通过工具栏按钮举报');
    // A real click asks; Firefox shows its prompt in the browser window; the person says no.
    await popup.click('[data-report-assistant="grant-host-access"]');
    const prompt = await answerPermissionPrompt(session.browser, popup, false);
    expect(prompt).toContain('weibo.com');
    await popup.waitForSelector('[data-testid="host-access-declined"]', { timeout: 10_000 });
    expect(await textOf(popup, '[data-testid="host-access-declined"]')).toBe('浏览器未授予权限。可以再次点击按钮，或在浏览器的扩展管理页面中允许访问这些网站。');
    expect(await textOf(popup, '[data-testid="host-access-sites"]')).toContain('weibo.com');
    expect(await granted(['*://weibo.com/*'])).toBe(false);
    expect(await granted(['*://www.12377.cn/*'])).toBe(false);
    await popup.close();
  });

  it('a post on a supported platform is still reported, through the context menu, and the form saves it', async () => {
    const page = await session.newPage();
    await gotoPage(page, 'http://weibo.com/');
    await page.waitForSelector('[data-fixture="wb-post-scam"]');
    // No access: no report buttons on the platform…
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.$$('[data-report-assistant="report"]')).toHaveLength(0);
    // …but the menu's click grants activeTab for this tab: the page, its text and the visible tab.
    const known = new Set((await reports()).map((r) => r.id));
    const at = await page.$eval('[data-fixture="wb-post-scam"]', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + 20, y: r.y + 10 };
    });
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await clickContextMenuItem(session.browser, page, at, 'ra-report-page');
    const all = await eventually(reports, (rs) => rs.some((r) => !known.has(r.id) && r.signed), 20_000);
    captured = all.find((r) => !known.has(r.id))!;
    expect(captured.items[0]).toMatchObject({ kind: 'page', pageUrl: 'http://weibo.com/' });
    expect(captured.items[0]!.text).toContain('内部消息');
    expect(captured.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot-full']);
    await page.close();

    // The form works beside the notice.
    const form = await session.openPopup(`?report=${captured.id}`);
    await form.waitForSelector('form.report-form', { timeout: 15_000 });
    await form.waitForSelector('[data-testid="host-access"]', { timeout: 10_000 });
    await form.select('#category', 'harmful-9');
    await form.type('#description', '权限未授予时仍可举报：冒充理财导师。');
    await form.click('#good-faith');
    await (await buttonNamed(form, '保存举报')).click();
    await form.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    const saved = (await reports()).find((r) => r.id === captured.id)!;
    expect(saved).toMatchObject({ status: 'saved', categoryId: 'harmful-9', description: '权限未授予时仍可举报：冒充理财导师。' });
    await form.close();

    // The dashboard lists it, checks its evidence, and shows the same notice.
    const dashboard = await session.openDashboard();
    await dashboard.waitForSelector('[data-testid="host-access"]', { timeout: 10_000 });
    const card = `[data-report-id="${captured.id}"]`;
    await dashboard.waitForSelector(`${card} summary`, { timeout: 15_000 });
    await dashboard.click(`${card} summary`);
    await (await buttonNamed(dashboard, '校验证据完整性', card)).click();
    await eventually(
      () => dashboard.$eval(`${card} [data-testid="verify-result"]`, (el) => el.textContent ?? '').catch(() => ''),
      (t) => t.includes(`签名有效，全部 ${captured.evidence.length} 项证据与采集时一致`),
      15_000,
    );
    await dashboard.close();
  });

  it('a submission to 12377 opens its page without the extension’s help, and the person confirms it by hand', async () => {
    const [reportId] = await seedReports(reader as unknown as PlaywrightPage, [{ destinations: ['12377'], screenshot: true, description: '权限未授予：手动提交到 12377。' }]);
    await send({ type: 'submit-report', payload: { reportId } });
    const [waiting] = await eventually(() => submissionsOf(reportId!), (s) => s[0]?.state === 'awaiting-person', 20_000);

    const popup = await session.openPopup(`?report=${reportId}`);
    const row = `[data-testid="submission-row"][data-destination="12377"]`;
    await popup.waitForSelector(`${row} [data-testid="submission-open"]`, { timeout: 15_000 });
    // The row itself says why the page will not be filled in, and what to do.
    await popup.waitForSelector(`${row} [data-testid="submission-no-access"]`, { timeout: 15_000 });
    expect(await popup.$eval(`${row} [data-testid="submission-no-access"]`, (el) => el.textContent)).toContain('未获准访问 www.12377.cn');
    const notes = await openedTab('www.12377.cn', () => popup.click(`${row} [data-testid="submission-open"]`));
    expect(await notes.evaluate(() => location.href)).toBe('https://www.12377.cn/jbxzxq/zp_web.html');
    // The page is the destination's own; without access the extension adds nothing to it.
    await notes.waitForSelector('#isee');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await notes.$$('[data-report-assistant="destination-banner"]')).toHaveLength(0);
    await notes.close();

    // The popup still offers what the person needs: the text to paste, the evidence pack, and the
    // confirmation with the 查询码 that 12377 shows.
    await popup.waitForSelector(`${row}[data-state="submitting"] [data-testid="submission-copy"]`, { timeout: 15_000 });
    await popup.waitForSelector(`${row} [data-testid="submission-pack"]`);
    await popup.type(`${row} input`, 'ABCD1234EFGH5678');
    await popup.click(`${row} [data-testid="submission-confirm"]`);
    const done = (await eventually(() => submissionsOf(reportId!), (s) => s[0]?.state === 'submitted', 15_000))[0]!;
    expect(done.id).toBe(waiting!.id);
    expect(done.receipt?.code).toBe('ABCD1234EFGH5678');
    await popup.waitForSelector(`${row}[data-state="submitted"]`, { timeout: 10_000 });
    await popup.close();
  });

  it('declining the all-sites access or the endpoint’s access changes nothing: the box goes back off, the endpoint is not stored and the form says why', async () => {
    const dashboard = await session.openDashboard();
    const box = 'label.check input[type="checkbox"]';
    await dashboard.waitForFunction(
      (s) => Array.from(document.querySelectorAll(s)).some((el) => el.closest('label')?.textContent?.includes('在所有网站的帖子上显示')),
      { timeout: 10_000 },
      box,
    );
    const everywhere = (
      await dashboard.evaluateHandle(
        (s) => Array.from(document.querySelectorAll<HTMLInputElement>(s)).find((el) => el.closest('label')?.textContent?.includes('在所有网站的帖子上显示'))!,
        box,
      )
    ).asElement() as unknown as { click(): Promise<void>; evaluate<R>(fn: (el: HTMLInputElement) => R): Promise<R> };
    await everywhere.click();
    expect(await answerPermissionPrompt(session.browser, dashboard, false)).toBeTruthy();
    // The checkbox shows what the browser granted: nothing.
    await eventually(() => everywhere.evaluate((el) => el.checked), (on) => !on);
    expect(await granted(['<all_urls>'])).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(await everywhere.evaluate((el) => el.checked)).toBe(false);

    // The HTTPS endpoint needs its origin: declined, nothing is stored, and the form says why.
    await dashboard.type('#api-endpoint-url', `${server.origin}/desk/reports`);
    await dashboard.click('[data-testid="api-endpoint-save"]');
    await answerPermissionPrompt(session.browser, dashboard, false);
    await eventually(() => textOf(dashboard, '#api-endpoint-error').catch(() => ''), (t) => t === '没有获得访问该网站的权限，接口未保存。');
    const stored = await dashboard.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.get('apiEndpoint'));
    expect(stored).toEqual({});
    await dashboard.close();
  });

  it('allowed after all: the notice goes, and the destination page gets the extension’s help', async () => {
    const popup = await session.openPopup();
    await popup.waitForSelector('[data-report-assistant="grant-host-access"]', { timeout: 10_000 });
    await popup.click('[data-report-assistant="grant-host-access"]');
    await answerPermissionPrompt(session.browser, popup, true);
    await popup.waitForSelector('[data-testid="host-access"]', { hidden: true, timeout: 10_000 });
    expect(await granted(['*://weibo.com/*', '*://www.12377.cn/*'])).toBe(true);
    await popup.close();

    const [reportId] = await seedReports(reader as unknown as PlaywrightPage, [{ destinations: ['12377'], screenshot: true }]);
    await send({ type: 'submit-report', payload: { reportId } });
    const [waiting] = await eventually(() => submissionsOf(reportId!), (s) => s[0]?.state === 'awaiting-person', 20_000);
    // With access, the popup's row no longer warns.
    const again = await session.openPopup(`?report=${reportId}`);
    await again.waitForSelector('[data-testid="submission-row"][data-destination="12377"] [data-testid="submission-open"]', { timeout: 15_000 });
    expect(await again.$('[data-testid="submission-no-access"]')).toBeNull();
    await again.close();
    const notes = await openedTab('www.12377.cn', () => send({ type: 'submission-action', payload: { submissionId: waiting!.id, action: 'open' } }));
    await notes.waitForSelector('[data-report-assistant="destination-banner"]', { timeout: 15_000 });
    await notes.close();
  });
});
