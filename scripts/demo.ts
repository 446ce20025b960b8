// The demo: the replica sites on 127.0.0.1 and Chromium with the built extension.
// With a display it opens the browser for you to try; without one (or with --headless) it walks the main
// flow itself and writes screenshots to demo-output/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from '../test/support/chromium';
import { readdirSync } from 'node:fs';
import { SITES_ROOT, startFixtureServer } from '../test/support/fixture-server';

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
const session = await launchWithExtension({
  headless,
  lang,
  hostResolverRules: replicaHosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', '),
});
const say = (line: string) => console.log(`• ${line}`);
say(`demo site: ${server.origin}/feed/`);
say(`extension loaded: ${session.extensionId}`);

if (!headless) {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/`);
  say('Chromium is open. Click 举报 under a post, fill the form, save and submit; the 12377 replica (www.12377.cn)');
  say('walks you through its notes, the filled form and the captcha; then open the dashboard from the form.');
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

const feed = await session.context.newPage();
await feed.goto(`${server.origin}/feed/`);
await feed.waitForSelector('[data-report-assistant="report"]');
const buttons = await feed.locator('[data-report-assistant="report"]').count();
say(`opened the replica feed: ${buttons} posts, each with a report button that shows while the post is pointed at`);
await feed.hover('#post-1002');
await shot(feed, '1-feed.png');

const button = feed.locator('#post-1002 [data-report-assistant="report"]');
await button.click();
await feed.waitForFunction(
  () => document.querySelector<HTMLElement>('#post-1002 [data-report-assistant="report"]')?.dataset.state === 'done',
  undefined,
  { timeout: 20_000 },
);
const reportId = await button.getAttribute('data-report-id');
say(`captured post 1002 (author, text, time, permalink, screenshot, SHA-256 of each) → draft ${reportId}`);
await shot(feed, '2-feed-captured.png');

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
await shot(popup, '3-form.png');
await popup.emulateMedia({ colorScheme: 'dark' });
await shot(popup, '3-form-dark.png');
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
await shot(popup, '5-submissions.png');
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
await shot(jubao, '6-12377-form.png');
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
await shot(jubao, '7-12377-done.png');

const dashboard = await session.openDashboard();
const card = dashboard.locator(`[data-report-id="${reportId}"]`);
await card.waitFor();
await card.locator('summary').click();
await card.locator('.verify button').click();
await card.getByTestId('verify-result').waitFor();
say(`dashboard: ${await dashboard.getByTestId('report-card').count()} report(s); integrity check: ${await card.getByTestId('verify-result').textContent()}`);
await shot(dashboard, '4-dashboard.png');
await card.getByTestId('report-history-toggle').click();
await card.locator('[data-testid="submission"][data-destination="12377"][data-state="submitted"]').waitFor({ timeout: 20_000 });
say(`the report's history on the dashboard: ${(await card.locator('[data-testid="submission"]').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()).join(' | ')}`);
// The list scrolls inside its own panel (it is virtualised): picture the card itself.
await card.locator('[data-testid="submission"]').first().scrollIntoViewIfNeeded();
await card.screenshot({ path: path.join(outDir, '8-dashboard-history.png') });
say(`screenshot: ${path.relative(REPO_ROOT, path.join(outDir, '8-dashboard-history.png'))}`);

await session.close();
await server.close();
say(`done: screenshots in ${path.relative(process.cwd(), outDir) || '.'}/`);
