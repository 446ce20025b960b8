// `npm run demo -- --firefox`: the demo in Firefox ESR with the Firefox build (dist/firefox), built first.
// With a display it opens Firefox for you to try; without one (or with --headless) it walks the main flow
// and writes screenshots to demo-output/firefox-*.png.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { REPO_ROOT } from '../test/support/chromium';
import { buttonNamed, eventually, launchFirefoxWithExtension, textOf } from '../test/support/firefox';
import { startFixtureServer } from '../test/support/fixture-server';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const lang = process.argv.includes('--en') ? 'en-US' : 'zh-CN';
const outDir = path.join(REPO_ROOT, 'demo-output');
const say = (line: string) => console.log(`• ${line}`);

const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), 'firefox'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startFixtureServer();
// The replica sites answer at their real hostnames (www.12377.cn…) through the fixture server acting as
// this Firefox profile's proxy; nothing leaves the machine.
// The build as a person installs it, with the welcome page it opens on install.
const session = await launchFirefoxWithExtension({ headless, lang, fixtureProxyPort: server.port, keepWelcome: true });
say(`extension installed in Firefox ESR as shipped: ${session.addonId} (moz-extension://${session.uuid}/)`);

if (!headless) {
  const page = await session.newPage();
  await page.goto(`${server.origin}/feed/`);
  say('Firefox is open on the welcome page: allow access to pages there (the buttons on any site and their');
  say('screenshots need it). Click 举报 under a post, fill the form, save and submit; the 12377 replica (www.12377.cn)');
  say('walks you through its notes, the filled form and the captcha; then open the dashboard from the form.');
  say('Close the browser window (or press Ctrl-C) to stop.');
  await new Promise<void>((resolve) => {
    session.browser.on('disconnected', () => resolve());
    process.on('SIGINT', () => resolve());
  });
  await session.close().catch(() => undefined);
  await server.close();
  process.exit(0);
}

await mkdir(outDir, { recursive: true });
const shot = async (page: Page, name: string) => {
  const file = path.join(outDir, `firefox-${name}`);
  await page.screenshot({ path: file, fullPage: true });
  say(`screenshot: ${path.relative(REPO_ROOT, file)}`);
};

try {
  // The welcome page, and the person's 允许访问网站 (Firefox's prompt is answered yes in these profiles).
  const welcome = session.welcomePage!;
  await welcome.setViewport({ width: 1100, height: 800 });
  await welcome.waitForSelector('h1');
  say(`the welcome page opened on install: "${await textOf(welcome, 'h1')}"`);
  await shot(welcome, '0-welcome.png');
  await welcome.click('[data-testid="welcome-grant"]');
  await welcome.waitForSelector('[data-testid="welcome-granted"]', { timeout: 15_000 });
  say(`pressed 允许访问网站 on the welcome page: "${await textOf(welcome, '[data-testid="welcome-granted"]')}"`);
  // The grant registers the all-sites content script; pages opened after it get buttons.
  await eventually(
    () => welcome.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.scripting.getRegisteredContentScripts().then((s) => s.length)),
    (n) => n > 0,
    15_000,
  );
  await welcome.close();
  say(`demo site: ${server.origin}/feed/`);
  const feed = await session.newPage();
  await feed.goto(`${server.origin}/feed/`);
  await feed.waitForSelector('[data-report-assistant="report"]', { timeout: 20_000 });
  say(`opened the replica feed: ${(await feed.$$('[data-report-assistant="report"]')).length} posts, each with a report button that shows while the post is pointed at`);
  await shot(feed, '1-feed.png');

  const selector = '#post-1002 [data-report-assistant="report"]';
  await feed.click(selector);
  await feed.waitForFunction((s) => document.querySelector<HTMLElement>(s)?.dataset.state === 'done', { timeout: 20_000 }, selector);
  const reportId = await feed.$eval(selector, (b) => b.getAttribute('data-report-id'));
  say(`captured post 1002 (author, text, time, permalink, screenshot, SHA-256 of each) → draft ${reportId}`);

  const popup = await session.openPopup(`?report=${reportId}`);
  await popup.setViewport({ width: 420, height: 900 });
  await popup.waitForSelector('[data-testid="item-text"]');
  await popup.select('#category', 'illegal-11');
  await popup.type(
    '#description',
    lang === 'en-US' ? 'Poses as an investment mentor and asks for a fee to join a group: likely fraud.' : '冒充理财导师，诱导加微信并交会员费入群，疑似诈骗。',
  );
  await popup.click('#good-faith');
  say('filled the form: category 网络诈骗, a description, the good-faith statement');
  await shot(popup, '2-form.png');
  await popup.click('[data-report-assistant="save"]');
  await popup.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
  say('saved the report');

  // Submitting: a submission per destination, persisted, then waiting for the person.
  await popup.click('[data-report-assistant="submit"]');
  const row = '[data-testid="submission-row"][data-destination="12377"]';
  await popup.waitForSelector(`${row}[data-state="awaiting-person"]`, { timeout: 20_000 });
  say('submitted to the queue: 12377 is waiting for the person');
  await shot(popup, '3-submissions.png');
  const opened = session.browser.waitForTarget((t: Target) => t.url().includes('www.12377.cn'), { timeout: 20_000 });
  await popup.click(`${row} [data-testid="submission-open"]`);
  const jubao = (await (await opened).page())!;
  await jubao.waitForSelector('#isee', { timeout: 20_000 });
  say(`opened 12377's notes page for the category: ${jubao.url()}`);
  await jubao.click('#isee');
  await jubao.waitForSelector('#agree:not([disabled])', { timeout: 20_000 });
  say('waited out the notes countdown (the person reads and agrees)');
  await jubao.click('#agree');
  const filled = await eventually(
    () => jubao.$eval('#report_content', (el) => (el as HTMLTextAreaElement).value).catch(() => ''),
    (v) => v !== '',
    20_000,
  );
  await eventually(() => jubao.$$eval('#file_list li', (li) => li.length).catch(() => 0), (n) => n > 0, 20_000);
  say(`the extension filled 12377's form (“${filled}”) and attached the screenshots; the captcha is left to the person`);
  await shot(jubao, '4-12377-form.png');
  const question = (await jubao.$eval('#captcha_img', (el) => el.getAttribute('data-question'))) ?? '0+0';
  const [a, b] = question.split('+').map(Number);
  await jubao.type('#captcha', String((a ?? 0) + (b ?? 0)));
  await jubao.click('#submit_report');
  const code = await eventually(() => jubao.$eval('#query_code', (el) => el.textContent ?? '').catch(() => ''), (c) => c !== '', 20_000);
  say(`the person typed the captcha and pressed submit; 12377 answered with 查询码 ${code}`);
  await eventually(
    () => jubao.$eval('[data-report-assistant="destination-banner"]', (el) => el.getAttribute('aria-label') ?? '').catch(() => ''),
    (label) => label.includes(code),
    20_000,
  );
  await shot(jubao, '5-12377-done.png');

  const dashboard = await session.openDashboard();
  const card = `[data-report-id="${reportId}"]`;
  await dashboard.waitForSelector(card, { timeout: 10_000 });
  await dashboard.click(`${card} summary`);
  await (await buttonNamed(dashboard, lang === 'en-US' ? 'Verify evidence integrity' : '校验证据完整性', card)).click();
  say(`dashboard: integrity check: ${await textOf(dashboard, `${card} [data-testid="verify-result"]`)}`);
  await dashboard.click(`${card} [data-testid="report-history-toggle"]`);
  await dashboard.waitForSelector(`${card} [data-testid="submission"][data-destination="12377"][data-state="submitted"]`, { timeout: 20_000 });
  say(`the report's history: ${(await textOf(dashboard, `${card} [data-testid="submission"]`)).replace(/\s+/g, ' ').trim()}`);
  await shot(dashboard, '6-dashboard.png');
  say(`done: screenshots in ${path.relative(process.cwd(), outDir) || '.'}/firefox-*.png`);
} finally {
  await session.close();
  await server.close();
}
