// A fresh install in Firefox ESR, as a person gets it: the build as shipped, nothing granted beyond what its
// manifest grants at install (the supported platforms; not `<all_urls>`). The twin of
// test/e2e/fresh-install.e2e.ts (Chromium), with the grant made for real: the click on 授予权限并补拍 calls
// Firefox's own `permissions.request`, answered yes by the profile's pref that turns the prompt off
// (`extensions.webextOptionalPermissionPrompts`, test/support/firefox.ts), and the extension goes on from
// `permissions.onAdded` as after a person's "Allow".
//
// - The welcome page opens on install, in Chinese, passes axe, and remembers “暂不”.
// - An in-page report button on a platform replica (weibo.com, at its real hostname through the fixture
//   proxy) stores the post without a screenshot and says why; the form's 授予权限并补拍 adds it, signed.
// - On another fresh install, 举报此页面 in Firefox's real context menu pictures the page on the menu's
//   `activeTab` grant alone, on a site of no host permission (127.0.0.1).
// - The shortcut Alt+Shift+U (command `report-page`) does the same. Puppeteer's keyboard cannot press it:
//   see the last test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { REPO_ROOT } from '../../support/chromium';
import {
  buttonNamed,
  captureEnded,
  clickContextMenuItem,
  eventually,
  gotoPage,
  launchFirefoxWithExtension,
  pressInBrowserWindow,
  textOf,
  type FirefoxExtensionSession,
} from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readArtifacts, readReports } from '../../support/extension-db';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession | undefined;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

type Api = { browser: typeof chrome };
const everywhereGranted = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Api).browser.permissions.contains({ origins: ['<all_urls>'] }));
const reportsOf = async (reader: Page) => (await readReports(reader as unknown as PlaywrightPage)) as Report[];
const reportOf = async (reader: Page, id: string) => (await reportsOf(reader)).find((r) => r.id === id);
const kinds = (report: Report | undefined) => (report?.evidence ?? []).map((e) => e.kind).sort();

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function verifyOnDashboard(s: FirefoxExtensionSession, reportId: string): Promise<string> {
  const dashboard = await s.openDashboard();
  const card = `[data-report-id="${reportId}"]`;
  await dashboard.waitForSelector(`${card} summary`, { timeout: 15_000 });
  await dashboard.click(`${card} summary`);
  await (await buttonNamed(dashboard, '校验证据完整性', card)).click();
  const text = await eventually(
    () => dashboard.$eval(`${card} [data-testid="verify-result"]`, (el) => el.textContent ?? '').catch(() => ''),
    (t) => /签名|不一致/.test(t),
    15_000,
  );
  await dashboard.close();
  return text;
}

/** The reports stored after `before` was read, once one is signed (what a capture through the menu makes). */
async function nextReport(reader: Page, before: Report[]): Promise<Report> {
  const known = new Set(before.map((r) => r.id));
  const all = await eventually(() => reportsOf(reader), (rs) => rs.some((r) => !known.has(r.id) && Boolean(r.signed)), 20_000);
  return all.find((r) => !known.has(r.id) && r.signed)!;
}

/** A page of a site in no host permission of the manifest (127.0.0.1), in front, with the focus in it. */
async function openAny(s: FirefoxExtensionSession): Promise<Page> {
  const page = await s.newPage();
  await gotoPage(page, `${server.origin}/any/`);
  await page.bringToFront();
  return page;
}

async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await (await page.waitForSelector(selector))!.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('a fresh install (Firefox, the build as shipped)', () => {
  let reader: Page;
  let replica: Page;
  let reportId: string;

  it('opens the welcome page in Chinese, with no serious axe violations; “暂不” is remembered and nothing is asked', async () => {
    session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port, keepWelcome: true });
    const welcome = session.welcomePage!;
    expect(welcome, 'the welcome page opened on install').toBeDefined();
    expect(await welcome.evaluate(() => location.href)).toBe(session.extensionUrl('extension/welcome/index.html'));
    await eventually(() => textOf(welcome, 'h1'), (t) => t === '欢迎使用举报助手');
    expect(await welcome.evaluate(() => document.title)).toBe('欢迎使用举报助手 · 举报助手');
    const text = await textOf(welcome, 'main');
    expect(text).toContain('只保存在这台电脑的浏览器里');
    expect(text).toContain('浏览器只允许有这项权限的扩展给网页截图');
    expect(text).toContain('举报此页面');
    // Firefox's own words for its prompt, not Chromium's.
    expect(await textOf(welcome, '[data-testid="welcome-permission"]')).toContain('Firefox 会询问');
    expect(await seriousAxeViolations(welcome)).toEqual([]);
    expect(await everywhereGranted(welcome)).toBe(false);

    await welcome.click('[data-testid="welcome-not-now"]');
    expect(await textOf(welcome, '[data-testid="welcome-declined"]')).toBe('好的，暂不授权，也不会再问你。以后可以在设置中开启，或在举报表单中补拍截图时再授权。');
    const answer = () =>
      welcome.evaluate(() => (globalThis as unknown as Api).browser.storage.local.get('welcomePermission').then((v) => v.welcomePermission)).catch(() => undefined);
    await eventually(answer, (a) => a === 'declined');

    // Reloaded (WebDriver BiDi reports no load event for a moz-extension page: the page reloads itself and
    // the new document is waited for): the answer is remembered and the page asks nothing by itself. A
    // request would have been answered yes here (the prompt is off), so the grant still missing says so.
    await welcome.evaluate(() => ((window as { __before?: boolean }).__before = true));
    await welcome.evaluate(() => location.reload());
    await eventually(
      () =>
        welcome
          .evaluate(() => !(window as { __before?: boolean }).__before && document.querySelector('[data-testid="welcome-declined"]') !== null)
          .catch(() => false),
      Boolean,
      15_000,
    );
    expect(await welcome.$eval('[data-testid="welcome-not-now"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    // The grant stays a choice: its button is still there.
    expect(await welcome.$('[data-testid="welcome-grant"]')).not.toBeNull();
    expect(await answer()).toBe('declined');
    expect(await everywhereGranted(welcome)).toBe(false);
    await welcome.close();
  });

  it('an in-page report button on a platform stores the post without a screenshot, and says why', async () => {
    reader = await session!.openPopup('?reader=1');
    replica = await session!.newPage();
    await gotoPage(replica, 'http://weibo.com/');
    await replica.bringToFront();
    const button = '[data-fixture="wb-post-scam"] [data-report-assistant="report"]';
    await replica.waitForSelector(button, { timeout: 20_000 });
    await replica.hover('[data-fixture="wb-post-scam"]');
    await replica.click(button);
    expect(await captureEnded(replica, button)).toBe('done-no-screenshot');
    expect(await textOf(replica, button)).toBe('已采集（无截图）');
    expect(await replica.$eval(button, (b) => b.getAttribute('title') ?? '')).toContain('需要访问此网站的权限');
    reportId = (await replica.$eval(button, (b) => b.getAttribute('data-report-id')))!;
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);

    const stored = (await eventually(() => reportOf(reader, reportId), (r) => Boolean(r?.signed)))!;
    expect(stored.items[0]).toMatchObject({ platform: 'weibo', kind: 'post', screenshotMissing: 'no-permission' });
    expect(kinds(stored)).toEqual(['page-meta', 'post-json']);
  });

  it('the form offers 授予权限并补拍; its click asks Firefox for real, and the post’s screenshot is added, signed, and verifies', async () => {
    // The replica's tab stays open: the worker goes back to it to take the picture.
    const form = await session!.openPopup(`?report=${reportId}`);
    const notice = '[data-testid="screenshot-missing"][data-reason="no-permission"]';
    await form.waitForSelector(notice, { timeout: 15_000 });
    expect(await textOf(form, notice)).toContain('没有截图：需要访问此网站的权限');
    expect(await textOf(form, '[data-testid="retake-screenshot"]')).toBe('授予权限并补拍');
    expect(await everywhereGranted(form)).toBe(false);

    // A trusted click: permissions.request runs inside the gesture, as Firefox requires.
    await form.click('[data-testid="retake-screenshot"]');
    const after = (await eventually(
      () => reportOf(reader, reportId),
      (r) =>
        Boolean(r) &&
        ['screenshot', 'screenshot-full'].every((k) => r!.evidence.some((e) => e.kind === k && e.itemIndex === 0)) &&
        r!.items[0]!.screenshotMissing === undefined,
      30_000,
    ))!;
    expect(kinds(after)).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    expect(await everywhereGranted(form)).toBe(true);
    // The form says so.
    const outcome = '[data-testid="retake-outcome"]';
    await eventually(() => form.$eval(outcome, (el) => el.getAttribute('data-outcome')).catch(() => null), (o) => o === 'added', 30_000);
    expect(await textOf(form, outcome)).toBe('已补拍截图，证据已重新签名。');
    expect(await form.$('[data-testid="screenshot-missing"]')).toBeNull();

    // The picture is the post's: cut to the post's box, smaller than the whole tab.
    const shots = Object.fromEntries(after.evidence.map((e) => [e.kind, e]));
    expect(shots.screenshot!.size).toBeLessThan(shots['screenshot-full']!.size);
    // Every stored byte matches the signed manifest, the added pictures included; the dashboard agrees.
    const digests = await readArtifacts(reader as unknown as PlaywrightPage);
    for (const meta of after.evidence) expect(digests.find((d) => d.id === meta.id)?.sha256).toBe(meta.sha256);
    const manifest = JSON.parse(after.signed!.manifest) as { artifacts: Array<{ id: string; sha256: string; kind: string }> };
    expect(manifest.artifacts.map((a) => a.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    expect(await verifyOnDashboard(session!, reportId)).toContain('签名有效，全部 4 项证据与采集时一致');
    await Promise.all([form.close(), replica.close()]);
  });

  it('on another fresh install, 举报此页面 in Firefox’s real context menu pictures the page on the menu’s activeTab grant alone', async () => {
    await session!.close();
    session = undefined;
    session = await launchFirefoxWithExtension();
    reader = await session.openPopup('?reader=1');
    expect(await everywhereGranted(reader)).toBe(false);
    const page = await openAny(session);
    const before = await reportsOf(reader);
    await clickContextMenuItem(session.browser, page, await centreOf(page, 'h1'), 'ra-report-page');
    const report = await nextReport(reader, before);
    expect(report.items[0]).toMatchObject({ kind: 'page', pageUrl: `${server.origin}/any/` });
    expect(report.items[0]!.screenshotMissing).toBeUndefined();
    expect(kinds(report)).toEqual(['page-meta', 'post-json', 'screenshot-full']);
    expect(await everywhereGranted(reader)).toBe(false);
    await page.close();
  });

  // What was tried first, and why it is not the test: puppeteer's `page.keyboard` (Alt down, Shift down, press
  // KeyU, up, up) over WebDriver BiDi's input.performActions. The page received trusted keydown/keyup
  // events for Alt, Shift and U (altKey and shiftKey set), but no command reached the extension: nothing was
  // stored within 4 s (Firefox ESR 153). BiDi dispatches its key actions inside the page's content
  // process, and the extensions' shortcuts are keys of the browser window, which never saw them.
  // The keys are pressed in the browser window instead (`pressInBrowserWindow`: an nsITextInputProcessor of
  // the window, as Firefox's own tests of extension shortcuts press keys). They go to the focused page and
  // back to the window's key handling, Firefox's own path to `commands.onCommand` and the `activeTab` grant;
  // nothing of the extension is called by the test.
  it('Alt+Shift+U (report-page) captures the page in front, with its screenshot, on the shortcut’s activeTab grant alone', async () => {
    const page = await openAny(session!);
    await page.mouse.click(5, 5);
    const before = await reportsOf(reader);
    await pressInBrowserWindow(session!.browser, page, 'Alt+Shift+U');
    const report = await nextReport(reader, before);
    expect(report.items[0]).toMatchObject({ kind: 'page', pageUrl: `${server.origin}/any/` });
    expect(report.items[0]!.screenshotMissing).toBeUndefined();
    expect(kinds(report)).toEqual(['page-meta', 'post-json', 'screenshot-full']);
    expect(await everywhereGranted(reader)).toBe(false);
    await page.close();
  });
});
