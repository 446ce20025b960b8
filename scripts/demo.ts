// The demo: the replica sites on 127.0.0.1 and Chromium with the built extension.
// With a display it opens the browser for you to try; without one (or with --headless) it walks the main
// flow itself and writes screenshots to demo-output/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from '../test/support/chromium';
import { startFixtureServer } from '../test/support/fixture-server';

// `--firefox`: the same demo in Firefox ESR (scripts/demo-firefox.ts).
if (process.argv.includes('--firefox')) {
  await import('./demo-firefox');
  process.exit(0);
}

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const lang = process.argv.includes('--en') ? 'en-US' : 'zh-CN';
const outDir = path.join(REPO_ROOT, 'demo-output');

const server = await startFixtureServer();
const session = await launchWithExtension({ headless, lang });
const say = (line: string) => console.log(`• ${line}`);
say(`demo site: ${server.origin}/feed/`);
say(`extension loaded: ${session.extensionId}`);

if (!headless) {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/`);
  say('Chromium is open. Click 举报 under a post, fill the form, save, then open the dashboard from the form.');
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
say(`opened the replica feed: ${buttons} posts, each with a report button`);
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

const dashboard = await session.openDashboard();
const card = dashboard.locator(`[data-report-id="${reportId}"]`);
await card.waitFor();
await card.locator('summary').click();
await card.locator('.verify button').click();
await card.getByTestId('verify-result').waitFor();
say(`dashboard: ${await dashboard.getByTestId('report-card').count()} report(s); integrity check: ${await card.getByTestId('verify-result').textContent()}`);
await shot(dashboard, '4-dashboard.png');

await session.close();
await server.close();
say(`done: screenshots in ${path.relative(process.cwd(), outDir) || '.'}/`);
