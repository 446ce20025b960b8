// A fresh install, as a person gets it: the build loaded exactly as shipped, nothing granted beyond what its
// manifest grants at install. The welcome page opens and explains; an in-page report button stores its
// record without a screenshot and says why; the form offers 授予权限并补拍; after the grant the worker
// pictures the post in its tab and the evidence, with the screenshot, verifies.
//
// The person's "Allow" is real: Chromium runs shown on an Xvfb desktop (test/support/desktop.ts), its own
// permission prompt appears, and the keys a person would press answer it. So does the keyboard shortcut that
// reports a page with the `activeTab` grant it gives. (Headless Chromium has no such prompt to answer and
// delivers no shortcut to an extension; docs/testing.md says what was tried.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { REPLICA_HOSTS } from './platforms-support';
import { startDesktop, type Desktop } from '../support/desktop';
import { seriousAxeViolations, verifyOnDashboard } from '../support/page-checks';

let server: FixtureServer;
let desktop: Desktop;
let session: ExtensionSession;
let rules: string;
const OUT = path.join(REPO_ROOT, 'test-output');

beforeAll(async () => {
  desktop = await startDesktop();
  server = await startFixtureServer();
  rules = REPLICA_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  await desktop?.close();
});

/** The fresh install, shown on the desktop. */
const install = (extra: { keepWelcome?: boolean } = {}) => launchWithExtension({ hostResolverRules: rules, display: desktop.display, ...extra });

/**
 * Answers the browser's permission prompt as a person does with the keyboard ('Deny' has the focus, Tab moves
 * to 'Allow'). The form says 'waiting' while the request is open, which is when the prompt is shown; its
 * buttons take a moment to accept input. (The prompt leaves no trace a test can read: the page keeps its
 * focus, and no new top-level window is mapped.)
 */
async function answerPrompt(form: Page, answer: 'allow' | 'deny'): Promise<void> {
  await expect.poll(() => form.getByTestId('retake-outcome').getAttribute('data-outcome').catch(() => null), { timeout: 15_000 }).toBe('waiting');
  await new Promise((r) => setTimeout(r, 1000));
  await mkdir(OUT, { recursive: true });
  await desktop.screenshot(path.join(OUT, `chromium-permission-prompt-${answer}.png`));
  await desktop.keys(...(answer === 'allow' ? ['Tab', 'Return'] : ['Return']));
}

const reportsOf = async (reader: Page) => (await readReports(reader)) as Report[];

async function pressButton(page: Page, fixture: string): Promise<{ state: string; reportId: string }> {
  const button = page.locator(`[data-fixture="${fixture}"] [data-report-assistant="report"]`).first();
  await page.locator(`[data-fixture="${fixture}"]`).first().hover();
  await button.click();
  await expect.poll(() => button.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/^(done|done-no-screenshot|failed)$/);
  return { state: (await button.getAttribute('data-state'))!, reportId: (await button.getAttribute('data-report-id'))! };
}


describe('a fresh install (the build as shipped)', () => {
  it('opens the welcome page, which explains, asks once, remembers “not now”, and has no serious axe violations', async () => {
    session = await install({ keepWelcome: true });
    const welcome = session.context.pages().find((p) => p.url().includes('/extension/welcome/'))!;
    expect(welcome, 'the welcome page opened on install').toBeDefined();
    await expect.poll(() => welcome.locator('h1').textContent()).toBe('欢迎使用举报助手');
    const text = (await welcome.locator('main').textContent()) ?? '';
    expect(text).toContain('只保存在这台电脑的浏览器里');
    expect(text).toContain('浏览器只允许有这项权限的扩展给网页截图');
    expect(text).toContain('举报此页面');
    expect(await seriousAxeViolations(welcome)).toEqual([]);
    await welcome.getByTestId('welcome-not-now').click();
    await welcome.getByTestId('welcome-declined').waitFor();
    await welcome.reload();
    // Remembered: the page says so and the grant stays a choice, never asked by itself.
    await welcome.getByTestId('welcome-declined').waitFor();
    expect(await welcome.getByTestId('welcome-not-now').isDisabled()).toBe(true);
    await welcome.close();
  });

  it('an in-page report button stores the post without a screenshot and says why; the form offers the grant; after it the screenshot is added and the evidence verifies', async () => {
    const reader = await session.openPopup();
    const page = await session.context.newPage();
    await page.goto('http://weibo.com/');
    await page.bringToFront();
    const { state, reportId } = await pressButton(page, 'wb-post-scam');
    expect(state).toBe('done-no-screenshot');
    expect(await page.locator('[data-fixture="wb-post-scam"] [data-report-assistant="report"]').first().getAttribute('title')).toContain('需要访问此网站的权限');
    const stored = (await reportsOf(reader)).find((r) => r.id === reportId)!;
    expect(stored.items[0]!.screenshotMissing).toBe('no-permission');
    expect(stored.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);

    // The form lists what is missing where the evidence is, with the way to get it.
    const form = await session.openPopup(`?report=${reportId}`);
    const notice = form.getByTestId('screenshot-missing');
    await notice.waitFor();
    expect(await notice.getAttribute('data-reason')).toBe('no-permission');
    expect(await notice.textContent()).toContain('没有截图：需要访问此网站的权限');
    expect(await form.getByTestId('retake-screenshot').textContent()).toBe('授予权限并补拍');

    // The person presses 授予权限并补拍 and allows access in the browser's prompt; the post's page is still open.
    await mkdir(OUT, { recursive: true });
    await form.bringToFront();
    await form.getByTestId('retake-screenshot').click();
    await answerPrompt(form, 'allow');
    // The form hears the outcome; the report holds the pictures.
    await expect.poll(() => form.getByTestId('retake-outcome').getAttribute('data-outcome').catch(() => null), { timeout: 30_000 }).toBe('added');
    const reader2 = reader;
    await expect
      .poll(async () => (await reportsOf(reader2)).find((r) => r.id === reportId)?.evidence.map((e) => e.kind).sort(), { timeout: 10_000 })
      .toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const after = (await reportsOf(reader2)).find((r) => r.id === reportId)!;
    expect(after.items[0]!.screenshotMissing).toBeUndefined();
    // The picture is the post's: cut to the post's box, smaller than the whole tab.
    const shots = Object.fromEntries(after.evidence.map((e) => [e.kind, e]));
    expect(shots.screenshot!.size).toBeLessThan(shots['screenshot-full']!.size);
    // Every stored byte matches the signed manifest, the added pictures included.
    const digests = await readArtifacts(reader2);
    for (const meta of after.evidence) expect(digests.find((d) => d.id === meta.id)?.sha256).toBe(meta.sha256);
    expect(after.signed?.manifest).toContain(shots.screenshot!.sha256);
    expect(await verifyOnDashboard(session, reportId)).toContain('签名有效，全部 4 项证据与采集时一致');
  });

  it('with the grant, a button’s capture has its screenshot at once', async () => {
    const reader = await session.openPopup();
    const page = await session.context.newPage();
    await page.goto('http://weibo.com/');
    await page.bringToFront();
    const { state, reportId } = await pressButton(page, 'wb-post-plain');
    expect(state).toBe('done');
    // The post's picture is cut from the full one just after the page hears "stored".
    await expect
      .poll(async () => (await reportsOf(reader)).find((r) => r.id === reportId)?.evidence.map((e) => e.kind).sort(), { timeout: 10_000 })
      .toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    expect((await reportsOf(reader)).find((r) => r.id === reportId)!.items[0]!.screenshotMissing).toBeUndefined();
    await session.close();
  });

  it('a refusal changes nothing; a post deleted from its page, or a page closed, is said so and the report keeps what it has', async () => {
    session = await install();
    const page = await session.context.newPage();
    await page.goto('http://weibo.com/');
    await page.bringToFront();
    const { state, reportId } = await pressButton(page, 'wb-post-scam');
    expect(state).toBe('done-no-screenshot');
    const form = await session.openPopup(`?report=${reportId}`);
    await form.bringToFront();
    // "Deny" first: nothing is granted and the report is as it was.
    await form.getByTestId('retake-screenshot').click();
    await answerPrompt(form, 'deny');
    const outcome = form.getByTestId('retake-outcome');
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('no-permission');
    expect(await outcome.textContent()).toContain('没有获得访问网站的权限');
    // The post is deleted from the page (as a platform removes it), then access allowed: the form says so.
    await page.evaluate(() => document.querySelector('[data-fixture="wb-post-scam"]')?.remove());
    await form.bringToFront();
    await form.getByTestId('retake-screenshot').click();
    await answerPrompt(form, 'allow');
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('item-gone');
    expect(await outcome.textContent()).toContain('在原网页上找不到这条内容');
    // The page is closed: nothing to picture from; no prompt now that access is allowed.
    await page.close();
    await form.bringToFront();
    await form.getByTestId('retake-screenshot').click();
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('tab-gone');
    expect(await outcome.textContent()).toContain('原网页已经关闭');
    const reader = await session.openPopup();
    const kept = (await reportsOf(reader)).find((r) => r.id === reportId)!;
    expect(kept.items[0]!.screenshotMissing).toBe('no-permission');
    expect(kept.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    await session.close();
  });

  it('the shortcut Alt+Shift+U reports the page in front with its screenshot, on the activeTab grant alone', async () => {
    session = await install();
    const reader = await session.openPopup();
    // A site the extension has no access to at all: only the shortcut's grant lets it read and picture the page.
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/feed/`);
    await page.bringToFront();
    await expect.poll(() => page.evaluate(() => document.hasFocus()), { timeout: 10_000 }).toBe(true);
    await desktop.keys('alt+shift+u');
    await expect
      .poll(async () => (await reportsOf(reader)).find((r) => r.items[0]?.pageUrl === `${server.origin}/feed/`)?.evidence.map((e) => e.kind).sort(), { timeout: 20_000 })
      .toEqual(['page-meta', 'post-json', 'screenshot-full']);
    const report = (await reportsOf(reader)).find((r) => r.items[0]?.pageUrl === `${server.origin}/feed/`)!;
    expect(report.items[0]!.kind).toBe('page');
    expect(report.items[0]!.screenshotMissing).toBeUndefined();
    await session.close();
  });

  it('looks right in zh_CN and en, light and dark: the welcome page and the form’s notice, with axe on each (screenshots in test-output/)', async () => {
    session = await install();
    const page = await session.context.newPage();
    await page.goto('http://weibo.com/');
    await page.bringToFront();
    const { reportId } = await pressButton(page, 'wb-post-scam');
    await mkdir(OUT, { recursive: true });
    for (const language of ['zh_CN', 'en'] as const) {
      const setup = await session.openPopup();
      await setup.evaluate((l) => chrome.storage.local.set({ language: l }), language);
      await setup.close();
      for (const scheme of ['light', 'dark'] as const) {
        const welcome = await session.context.newPage();
        await welcome.emulateMedia({ colorScheme: scheme });
        await welcome.setViewportSize({ width: 1100, height: 800 });
        await welcome.goto(session.extensionUrl('extension/welcome/index.html'));
        await expect.poll(() => welcome.locator('h1').textContent()).toBe(language === 'en' ? 'Welcome to Report Assistant' : '欢迎使用举报助手');
        expect(await seriousAxeViolations(welcome), `welcome ${language} ${scheme}`).toEqual([]);
        await welcome.screenshot({ path: path.join(OUT, `welcome-${language}-${scheme}.png`), fullPage: true });
        await welcome.close();

        const form = await session.context.newPage();
        await form.emulateMedia({ colorScheme: scheme });
        await form.setViewportSize({ width: 420, height: 900 });
        await form.goto(session.extensionUrl(`extension/popup/index.html?report=${reportId}`));
        const notice = form.getByTestId('screenshot-missing');
        await notice.waitFor();
        expect(await notice.textContent()).toContain(language === 'en' ? 'No screenshot: the extension needs access to this site' : '没有截图：需要访问此网站的权限');
        expect(await seriousAxeViolations(form), `form ${language} ${scheme}`).toEqual([]);
        await form.screenshot({ path: path.join(OUT, `form-no-screenshot-${language}-${scheme}.png`), fullPage: true });
        await form.close();
      }
    }
  });
});
