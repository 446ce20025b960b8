// The demo: the replica sites on 127.0.0.1 and Chromium with the built extension.
// With a display it opens the browser for you to try; without one (or with --headless) it walks the main
// flow itself and writes screenshots to demo-output/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from '../test/support/chromium';
import { readdirSync } from 'node:fs';
import { SITES_ROOT, startFixtureServer } from '../test/support/fixture-server';
import { findDesktopTools, startDesktop, type Desktop } from '../test/support/desktop';

// `--firefox`: the same demo in Firefox ESR (scripts/demo-firefox.ts).
if (process.argv.includes('--firefox')) {
  await import('./demo-firefox');
  process.exit(0);
}

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const lang = process.argv.includes('--en') ? 'en-US' : 'zh-CN';
const outDir = path.join(REPO_ROOT, 'demo-output');

const server = await startFixtureServer();
// Every replica of a real site (weibo.com, www.12377.cn…) is reached at its real hostname, over https where
// the real one is; nothing leaves the machine.
const replicaHosts = readdirSync(SITES_ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.includes('.'))
  .map((d) => d.name);
const rules = replicaHosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
// Walking by itself, the demo shows the browser on an Xvfb desktop when it has one (Debian's xvfb and
// xdotool), so that the browser's own permission prompt appears and is answered with the keys a person
// presses; without one it runs headless and makes the grant by a restart (docs/testing.md).
let desktop: Desktop | undefined;
if (headless) {
  try {
    findDesktopTools();
    desktop = await startDesktop();
  } catch {
    desktop = undefined;
  }
}
// The build as a person installs it: nothing granted beyond its manifest, and the welcome page it opens.
let session = await launchWithExtension({
  headless,
  lang,
  hostResolverRules: rules,
  ownCopy: true,
  keepWelcome: true,
  ...(desktop ? { display: desktop.display } : {}),
});
const say = (line: string) => console.log(`• ${line}`);
say(`extension installed as shipped: ${session.extensionId}`);

if (!headless) {
  const page = await session.context.newPage();
  await page.goto('http://weibo.com/');
  say('Chromium is open on the welcome page the extension shows on install, and a Weibo replica. Allow access to');
  say('pages there (or not: a button\'s capture then has no screenshot, and the form offers to add it). Click 举报 on');
  say(`a post, fill the form, save and submit; the 12377 replica (www.12377.cn) walks you through its notes, the filled`);
  say(`form and the captcha; then open the dashboard from the form. Any site's posts, e.g. ${server.origin}/feed/, get`);
  say('buttons once access is allowed.');
  say(`replica sites at their real names: ${replicaHosts.join(', ')}`);
  say('Close the browser window (or press Ctrl-C) to stop.');
  await new Promise<void>((resolve) => {
    session.context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
  await session.close().catch(() => undefined);
  await server.close();
  process.exit(0);
}

await mkdir(outDir, { recursive: true });
const shot = async (page: import('playwright-core').Page, name: string) => {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, fullPage: true });
  say(`screenshot: ${path.relative(REPO_ROOT, file)}`);
};

// 1. The welcome page, as a new person sees it.
const welcome = session.context.pages().find((p) => p.url().includes('/extension/welcome/'))!;
await welcome.setViewportSize({ width: 1100, height: 800 });
await welcome.locator('h1').waitFor();
say(`the welcome page opened on install: "${await welcome.locator('h1').textContent()}"; it explains what is kept on this computer and asks for access to pages, with why`);
await shot(welcome, '01-welcome.png');
await welcome.getByTestId('welcome-not-now').click();
say('the person chose 暂不 (not now) on the welcome page');
await welcome.close();

// 2. A post reported on a platform before any grant: stored without a screenshot, and said so.
const weibo = await session.context.newPage();
await weibo.goto('http://weibo.com/');
await weibo.bringToFront();
await weibo.hover('[data-fixture="wb-post-scam"]');
const weiboButton = weibo.locator('[data-fixture="wb-post-scam"] [data-report-assistant="report"]').first();
await weiboButton.click();
await weibo.waitForFunction((b) => (b as HTMLElement).dataset.state === 'done-no-screenshot', await weiboButton.elementHandle(), { timeout: 20_000 });
const weiboReport = await weiboButton.getAttribute('data-report-id');
say(`pressed 举报 on a Weibo post: "${await weiboButton.textContent()}" — stored, but the browser gave no screenshot without access to pages`);
await shot(weibo, '02-weibo-captured-no-screenshot.png');
const missingForm = await session.openPopup(`?report=${weiboReport}`);
await missingForm.setViewportSize({ width: 420, height: 900 });
await missingForm.getByTestId('screenshot-missing').waitFor();
say(`the form says: "${await missingForm.locator('.shot-missing-title').textContent()}", with the button "${await missingForm.getByTestId('retake-screenshot').textContent()}"`);
await shot(missingForm, '03-form-no-screenshot.png');

// 3. The person allows access: 授予权限并补拍, then 允许 in the browser's prompt.
let grantedForm = missingForm;
if (desktop) {
  await missingForm.bringToFront();
  await missingForm.getByTestId('retake-screenshot').click();
  await missingForm.locator('[data-testid="retake-outcome"][data-outcome="waiting"]').waitFor({ timeout: 15_000 });
  await new Promise((r) => setTimeout(r, 1000));
  await desktop.screenshot(path.join(outDir, '04-permission-prompt.png'));
  say(`pressed 授予权限并补拍: the browser asks for access to pages (screenshot: demo-output/04-permission-prompt.png); the person presses 允许`);
  await desktop.keys('Tab', 'Return');
} else {
  // Headless Chromium cannot show its permission prompt: the browser starts again with access allowed, as
  // after the person's "Allow" (docs/testing.md), the post's page is opened again and the same button pressed.
  session = await session.restartWithGrants(['<all_urls>']);
  const weiboAgain = await session.context.newPage();
  await weiboAgain.goto('http://weibo.com/');
  await weiboAgain.locator('[data-report-assistant="report"]').first().waitFor({ state: 'attached' });
  grantedForm = await session.openPopup(`?report=${weiboReport}`);
  await grantedForm.setViewportSize({ width: 420, height: 900 });
  await grantedForm.getByTestId('retake-screenshot').click();
  say('access allowed (headless: by a restart with the grant), 授予权限并补拍 pressed');
}
await grantedForm.locator('[data-testid="retake-outcome"][data-outcome="added"]').waitFor({ timeout: 30_000 });
say(`the worker went back to the post, pictured it and signed the evidence again: "${await grantedForm.getByTestId('retake-outcome').textContent()}"`);
await shot(grantedForm, '05-form-screenshot-added.png');
await grantedForm.close();

// 4. With access allowed, any site's posts get buttons too; the rest of the flow reports one on a feed.
const feed = await session.context.newPage();
say(`a feed on another site: ${server.origin}/feed/`);
await feed.goto(`${server.origin}/feed/`);
await feed.waitForSelector('[data-report-assistant="report"]');
const buttons = await feed.locator('[data-report-assistant="report"]').count();
say(`opened the replica feed: ${buttons} posts, each with a report button that shows while the post is pointed at`);
await feed.hover('#post-1002');
await shot(feed, '06-feed.png');

const button = feed.locator('#post-1002 [data-report-assistant="report"]');
await button.click();
await feed.waitForFunction(
  () => document.querySelector<HTMLElement>('#post-1002 [data-report-assistant="report"]')?.dataset.state === 'done',
  undefined,
  { timeout: 20_000 },
);
const reportId = await button.getAttribute('data-report-id');
say(`captured post 1002 (author, text, time, permalink, screenshot, SHA-256 of each) → draft ${reportId}`);
await shot(feed, '07-feed-captured.png');

const popup = await session.openPopup(`?report=${reportId}`);
await popup.setViewportSize({ width: 420, height: 900 });
await popup.getByTestId('item-text').waitFor();
await popup.fill('#category-search', lang === 'en-US' ? 'fraud' : '诈骗');
await popup.locator('#category-hits [data-category="illegal-11-fraud"]').click();
await popup.locator('#description').fill(
  lang === 'en-US' ? 'Poses as an investment mentor and asks for a fee to join a group: likely fraud.' : '冒充理财导师，诱导加微信并交会员费入群，疑似诈骗。',
);
say('filled the form: searched the taxonomy for fraud (第六条第十一项 › 网络诈骗), wrote a description, ticked the good-faith statement');
say(`recommended: ${(await popup.locator('.dest-list').first().locator('li label').allTextContents()).join(' + ')}; ${(await popup.getByTestId('destination-calls').allTextContents()).join('; ')}`);
// The police site takes reports under a real name only; this demo reports anonymously, so it leaves it out.
await popup.uncheck('#dest-cyberpolice');
await popup.check('#good-faith');
await shot(popup, '08-form.png');
await popup.emulateMedia({ colorScheme: 'dark' });
await shot(popup, '08-form-dark.png');
await popup.emulateMedia({ colorScheme: 'light' });
await popup.locator('[data-report-assistant="save"]').click();
await popup.getByTestId('saved').waitFor();
say('saved the report');

// Submitting: the queue stores a submission per destination, then waits for the person.
await popup.locator('[data-report-assistant="submit"]').click();
const row = popup.locator('[data-testid="submission-row"][data-destination="12377"]');
await row.waitFor({ timeout: 20_000 });
await popup.waitForFunction(() => document.querySelector('[data-testid="submission-row"][data-destination="12377"]')?.getAttribute('data-state') === 'awaiting-person', undefined, { timeout: 20_000 });
say(`submitted to the queue: ${(await popup.getByTestId('submission-row').allTextContents()).length} submission(s), 12377 waiting for the person`);
await shot(popup, '09-submissions.png');
const opened = session.context.waitForEvent('page', { timeout: 20_000 });
await row.getByTestId('submission-open').click();
const jubao = await opened;
await jubao.waitForLoadState('domcontentloaded');
say(`opened 12377's notes page for the category: ${jubao.url()}`);
await jubao.locator('#isee').check();
await jubao.locator('#agree:not([disabled])').waitFor({ timeout: 20_000 });
say('waited out the notes countdown (the person reads and agrees)');
await jubao.locator('#agree').click();
await jubao.waitForURL(/nmjb\.html/, { timeout: 20_000 });
await jubao.waitForFunction(() => (document.querySelector<HTMLInputElement>('#report_content')?.value ?? '') !== '', undefined, { timeout: 20_000 });
await jubao.waitForFunction(() => document.querySelectorAll('#file_list li').length > 0, undefined, { timeout: 20_000 });
say(`the extension filled 12377's form: URL ${await jubao.locator('#website_address').inputValue()}, ${await jubao.locator('#file_list li').count()} screenshot(s) attached; the captcha is left to the person`);
await shot(jubao, '10-12377-form.png');
const question = (await jubao.locator('#captcha_img').getAttribute('data-question')) ?? '0+0';
const [a, b] = question.split('+').map(Number);
await jubao.locator('#captcha').fill(String((a ?? 0) + (b ?? 0)));
await jubao.locator('#submit_report').click();
const code = (await jubao.locator('#query_code').textContent()) ?? '';
say(`the person typed the captcha and pressed submit; 12377 answered with 查询码 ${code}`);
await jubao.waitForFunction(
  (c) => document.querySelector('[data-report-assistant="destination-banner"]')?.getAttribute('aria-label')?.includes(c) ?? false,
  code,
  { timeout: 20_000 },
);
await shot(jubao, '11-12377-done.png');

const dashboard = await session.openDashboard();
const card = dashboard.locator(`[data-report-id="${reportId}"]`);
await card.waitFor();
await card.locator('summary').click();
await card.locator('.verify button').click();
await card.getByTestId('verify-result').waitFor();
say(`dashboard: ${await dashboard.getByTestId('report-card').count()} report(s); integrity check: ${await card.getByTestId('verify-result').textContent()}`);
await shot(dashboard, '12-dashboard.png');
await card.getByTestId('report-history-toggle').click();
await card.locator('[data-testid="submission"][data-destination="12377"][data-state="submitted"]').waitFor({ timeout: 20_000 });
say(`the report's history on the dashboard: ${(await card.locator('[data-testid="submission"]').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()).join(' | ')}`);
// The list scrolls inside its own panel (it is virtualised): picture the card itself.
await card.locator('[data-testid="submission"]').first().scrollIntoViewIfNeeded();
await card.screenshot({ path: path.join(outDir, '13-dashboard-history.png') });
say(`screenshot: ${path.relative(REPO_ROOT, path.join(outDir, '13-dashboard-history.png'))}`);

await session.close();
await server.close();
await desktop?.close();
say(`done: screenshots in ${path.relative(process.cwd(), outDir) || '.'}/`);
