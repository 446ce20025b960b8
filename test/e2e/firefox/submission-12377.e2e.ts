// Submitting to 12377 in Firefox ESR, against the www.12377.cn replica at its real hostname (fixture proxy):
// the first test of test/e2e/submission-destinations.e2e.ts. The destination page's content script fills
// the form and attaches the screenshot; a File made in a Firefox content script and handed to the page's
// file input crosses the Xray boundary, which is where Firefox could differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readStore, seedReports, send, submissionsOf } from '../submission-support';
import type { Submission } from '../../../src/model/submission';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let ext: PlaywrightPage;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port });
  // submission-support's helpers only call `evaluate`, which puppeteer's Page has with the same meaning.
  ext = (await session.openPopup('?reader=1')) as unknown as PlaywrightPage;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const stateOf = async (reportId: string) => (await submissionsOf(ext, reportId))[0];
const badge = () => (ext as unknown as Page).evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.action.getBadgeText({}));
const attr = (page: Page, selector: string, name: string) => page.$eval(selector, (el, n) => el.getAttribute(n), name);
const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);

describe('submission to 12377 (Firefox)', () => {
  it('persists first, waits for the person, guides the notes countdown, fills the form with the screenshot, and stores the 查询码', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['12377'], screenshot: true }]);
    const answer = await send<{ ok: boolean; submissionIds: string[] }>(ext, { type: 'submit-report', payload: { reportId } });
    expect(answer).toMatchObject({ ok: true, submissionIds: [expect.any(String)] });
    const waiting = (await eventually(() => stateOf(reportId!), (s) => s?.state === 'awaiting-person', 20_000))!;
    expect(waiting).toMatchObject({ destinationId: '12377', channel: 'web-form', attempts: 0 });
    await eventually(badge, (b) => b === '1');

    // The extension opens the tab (tabs.create): a web page, which puppeteer sees as a new target.
    const opened = session.browser.waitForTarget((t: Target) => t.url().includes('www.12377.cn'), { timeout: 15_000 });
    const response = await send<{ ok: boolean; action?: { kind: string } }>(ext, { type: 'submission-action', payload: { submissionId: waiting.id, action: 'open' } });
    expect(response.action).toMatchObject({ kind: 'open-page' });
    const page = (await (await opened).page())!;
    await eventually(() => page.evaluate(() => location.href), (u) => /^https:\/\/www\.12377\.cn\/jbxzxq\/zp_web\.html$/.test(u));
    const banner = '[data-report-assistant="destination-banner"]';
    await page.waitForSelector(banner, { timeout: 15_000 });
    await eventually(() => attr(page, banner, 'aria-label'), (l) => /还需等待 \d 秒/.test(l ?? ''));
    expect(await page.$eval('#agree', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await page.click('#isee');
    await page.waitForSelector('#agree:not([disabled])', { timeout: 10_000 });
    await eventually(() => attr(page, banner, 'aria-label'), (l) => (l ?? '').includes('现在可以点击'));
    await page.click('#agree');
    await eventually(() => page.evaluate(() => location.href), (u) => /\/jbxzxq\/jbxx\/nmjb\/nmjb\.html\?type=zp$/.test(u));

    // The form, as the extension filled it, with the screenshot attached.
    await eventually(() => value(page, '#website_address').catch(() => ''), (v) => v === 'https://weibo.com/1234567890/NxAbCdEfG');
    expect(await value(page, '#website_name')).toBe('新浪微博');
    expect(await value(page, '#report_content')).toBe('冒充理财导师，诱导加微信交会员费，疑似诈骗。');
    expect(await page.$eval('#report_type option:checked', (o) => o.textContent)).toBe('诈骗类');
    await eventually(() => page.$$eval('#file_list li', (li) => li.length), (n) => n === 1);
    expect(await page.$eval('#file_list li', (li) => li.textContent)).toMatch(/^evidence-1-[0-9a-f]{8}\.png \(\d+ B\)$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('captcha');
    expect(await page.$eval('#report_result', (el) => (el as HTMLElement).hidden || getComputedStyle(el).display === 'none')).toBe(true);

    // The person answers the captcha and submits.
    const question = (await attr(page, '#captcha_img', 'data-question'))!;
    const [a, b] = question.split('+').map(Number);
    await page.type('#captcha', String(a! + b!));
    await page.click('#submit_report');
    const code = await eventually(() => page.$eval('#query_code', (el) => el.textContent ?? '').catch(() => ''), (c) => /^[A-Z0-9]{16}$/.test(c));

    const done = (await eventually(() => stateOf(reportId!), (s) => s?.state === 'submitted', 20_000)) as Submission;
    expect(done.receipt).toMatchObject({ code, url: 'https://www.12377.cn/jbcx.html?tab=6' });
    await eventually(() => attr(page, banner, 'aria-label'), (l) => (l ?? '').includes(code));
    await eventually(badge, (b) => b === '');
    const stored = (await readStore<{ id: string; lifecycle?: { receipts: Record<string, string> } }>(ext, 'reports')).find((r) => r.id === reportId)!;
    expect(stored.lifecycle?.receipts[done.id]).toBe(code);
    await page.close();
  });
});
