// The context menu, the element picker, gathering several posts into one report and the url-only mode,
// in Firefox ESR, as test/e2e/capture-menu.e2e.ts checks them in Chromium, on a page with no report
// buttons of its own.
//
// Unlike the Chromium spec (headless Chromium shows no context menu, so it dispatches the click event in
// the worker), the menu here is Firefox's real one: a right-click with the mouse opens
// `#contentAreaContextMenu` in the browser window, even headless, and the item is clicked there
// (`clickContextMenuItem` in test/support/firefox.ts, through WebDriver BiDi's chrome scope). So the
// click info is the browser's own, and the profile starts WITHOUT the optional `<all_urls>` grant: the
// captures work on the `activeTab` grant that the menu click gives, as the README promises (127.0.0.1 is
// in no host permission of the manifest).
//
// Not ported: "says so in the page when there is nothing to report" with an empty selection. Firefox
// shows 举报选中内容 only over a selection, so a real click cannot send an empty one; the notice itself
// (the gathered-capture notice) and the menu's language are checked instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  clickContextMenuItem,
  eventually,
  gotoPage,
  grantFromExtensionPage,
  launchFirefoxWithExtension,
  type FirefoxExtensionSession,
} from '../../support/firefox';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readArtifacts, readReports } from '../../support/extension-db';
import { artifactPixels, badgeTextInPage, dbPut, inPage, sendToBackground, setLocalStorage } from '../../support/in-page';
import { MEDIA_PRIVATE_HOSTS_META } from '../../../src/evidence/media';
import type { Report } from '../../../src/model/report';
import { hasElementShot } from '../../support/element-shot';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let probe: Page;
const requested: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  server.handlers.push((req) => {
    requested.push(req.url ?? '');
    return false;
  });
  session = await launchFirefoxWithExtension({ backgroundIdleTimeoutMs: 3000 });
  probe = await session.openPopup('?reader=1');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function openAny(): Promise<Page> {
  const page = await session.newPage();
  await gotoPage(page, `${server.origin}/any/`);
  await page.bringToFront();
  return page;
}

/** The centre of an element, in the page's viewport (where the mouse goes). */
async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await (await page.waitForSelector(selector))!.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Selects the text of `selector` (or its part `part`), as a person dragging over it would. */
async function select(page: Page, selector: string, part?: string): Promise<void> {
  await page.evaluate(
    ({ selector, part }) => {
      const el = document.querySelector(selector)!;
      const range = document.createRange();
      const node = el.firstChild!;
      const text = node.textContent ?? '';
      const start = part ? text.indexOf(part) : 0;
      range.setStart(node, start);
      range.setEnd(node, part ? start + part.length : text.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    { selector, part },
  );
}

/** The centre of the current selection's first box. */
async function selectionCentre(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const r = getSelection()!.getRangeAt(0).getClientRects()[0]!;
    return { x: r.x + Math.min(r.width / 2, 30), y: r.y + r.height / 2 };
  });
}

const menu = async (page: Page, at: { x: number; y: number }, id: string | null) => (await clickContextMenuItem(session.browser, page, at, id)).map((i) => i.id);
/** Firefox shows only 举报选中内容 over a selection (no page items): clear it before a click on the page. */
const clearSelection = (page: Page) => page.evaluate(() => getSelection()!.removeAllRanges());
const menuLabels = async (page: Page) => {
  await clearSelection(page);
  return (await clickContextMenuItem(session.browser, page, await centreOf(page, 'h1'), null)).map((i) => i.label);
};
const reports = async () => (await readReports(probe)) as Report[];
const send = (type: string, payload: unknown) => inPage(probe, sendToBackground, { type, payload }) as Promise<Record<string, unknown>>;
const badge = () => inPage(probe, badgeTextInPage, null);
const notice = (page: Page) => page.$eval('[data-report-assistant="notice"]', (el) => el.textContent ?? '').catch(() => null);

async function nextReport(before: Report[], match: (r: Report) => boolean = () => true): Promise<Report> {
  const known = new Set(before.map((r) => r.id));
  const all = await eventually(reports, (rs) => rs.some((r) => !known.has(r.id) && match(r) && r.signed), 20_000);
  return all.find((r) => !known.has(r.id) && match(r) && r.signed)!;
}

describe('context menu (Firefox)', () => {
  it('offers its items for the page, a link, a selection and an image, in the chosen language', async () => {
    const page = await openAny();
    expect(await menu(page, await centreOf(page, 'h1'), null)).toEqual(['ra-report-page', 'ra-pick-element', 'ra-report-url-only']);
    expect(await menu(page, await centreOf(page, '#scam-link'), null)).toEqual(expect.arrayContaining(['ra-report-link', 'ra-report-url-only']));
    expect(await menu(page, await centreOf(page, '#card-1 img'), null)).toEqual(expect.arrayContaining(['ra-pick-element', 'ra-report-url-only']));
    await select(page, '#scam-text');
    expect(await menu(page, await selectionCentre(page), null)).toEqual(expect.arrayContaining(['ra-report-selection']));

    // The item titles follow the language chosen in the settings, whatever the browser's.
    expect(await menuLabels(page)).toEqual(['举报此页面', '选择页面区域举报', '举报儿童色情内容（只记录链接）']);
    await inPage(probe, setLocalStorage, { language: 'en' });
    await eventually(() => menuLabels(page), (l) => l.includes('Report this page'), 15_000);
    await probe.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.remove('language'));
    await eventually(() => menuLabels(page), (l) => l.includes('举报此页面'), 15_000);
    await page.close();
  });

  it('举报此页面: the page with its canonical URL, description, text and the visible tab, on the menu’s activeTab grant alone', async () => {
    const page = await openAny();
    expect(await probe.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    const before = await reports();
    await menu(page, await centreOf(page, 'h1'), 'ra-report-page');
    const report = await nextReport(before);
    // The form opens on the new draft (the toolbar popup, or a small window where that is not allowed).
    await eventually(
      () => probe.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get('formReportId').then((s) => s.formReportId)),
      (id) => id === report.id,
    );
    const item = report.items[0]!;
    expect(item).toMatchObject({ platform: 'generic', kind: 'page', pageUrl: `${server.origin}/any/`, permalink: `${server.origin}/any/`, pageTitle: '某论坛 · 兼职信息' });
    expect(item.text).toContain('一个没有 article 标记的普通论坛页面');
    expect(item.text).toContain('在家刷单日结');
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot-full']);
    await page.close();
  });

  it('举报此链接: records the link, its text and the page without opening it', async () => {
    const page = await openAny();
    const before = await reports();
    await menu(page, await centreOf(page, '#scam-link'), 'ra-report-link');
    const report = await nextReport(before);
    expect(report.items[0]).toMatchObject({
      kind: 'link',
      permalink: 'http://scam.example.net/pay?id=9',
      text: '点击领取补贴',
      pageUrl: `${server.origin}/any/`,
      ids: { linkHost: 'scam.example.net' },
    });
    // Nothing navigated to the link.
    expect(await page.evaluate(() => location.href)).toBe(`${server.origin}/any/`);
    for (const p of await session.browser.pages()) expect(p.url()).not.toContain('scam.example.net');
    await page.close();
  });

  it('举报选中内容: the selected text, cropped from the visible tab', async () => {
    const page = await openAny();
    await select(page, '#scam-text');
    const before = await reports();
    await menu(page, await selectionCentre(page), 'ra-report-selection');
    const report = await nextReport(before, hasElementShot);
    expect(report.items[0]).toMatchObject({ kind: 'selection', text: '在家刷单日结，一单佣金 50 元，先垫付后返还，联系 QQ 123456。' });
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    await page.close();
  });

  it('举报儿童色情内容（只记录链接）: URL and ids only, no screenshot, and no media can be fetched', async () => {
    const page = await openAny();
    // On an image that is not a link: the image's own address is what is kept.
    const before = await reports();
    await menu(page, await centreOf(page, '#card-1 img'), 'ra-report-url-only');
    const report = await nextReport(before);
    expect(report.evidencePolicy).toBe('url-only');
    expect(report.items[0]).toMatchObject({ kind: 'link', permalink: `${server.origin}/any/banner.png`, pageUrl: `${server.origin}/any/`, text: '' });
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    expect(await send('fetch-media', { reportId: report.id })).toMatchObject({ ok: false, error: 'media_errorUrlOnly' });

    // On a link: the link, and the page is not even read (no text).
    const beforeLink = await reports();
    await menu(page, await centreOf(page, '#scam-link'), 'ra-report-url-only');
    const link = await nextReport(beforeLink);
    expect(link.evidencePolicy).toBe('url-only');
    expect(link.items[0]).toMatchObject({ kind: 'link', permalink: 'http://scam.example.net/pay?id=9', text: '' });
    expect(link.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    await page.close();
  });
});

describe('element picker (Firefox)', () => {
  // Firefox's own context menu, driven through BiDi, has hung this spec about one full run in three on this
  // 2-core machine (120 s, nowhere the harness could see; alone it passes every time, ~3 s): it gets a minute
  // and one more try on a fresh page before it fails the run.
  it('outlines a block with the mouse and keyboard, captures it like a post, and Esc cancels', { timeout: 60_000, retry: 1 }, async () => {
    const page = await openAny();
    const picker = '[data-report-assistant="picker"]';
    await menu(page, await centreOf(page, 'h1'), 'ra-pick-element');
    await page.waitForSelector(picker, { timeout: 15_000 });

    // Esc cancels: the overlay goes, nothing is captured.
    const before = await reports();
    await page.keyboard.press('Escape');
    await page.waitForSelector(picker, { hidden: true, timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await reports()).length).toBe(before.length);

    await menu(page, await centreOf(page, 'h1'), 'ra-pick-element');
    await page.waitForSelector(picker, { timeout: 15_000 });
    const text = (await (await page.$('#scam-text'))!.boundingBox())!;
    await page.mouse.move(text.x + 20, text.y + text.height / 2);
    // ↑ widens from the paragraph to its card; Enter chooses.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector(picker, { hidden: true, timeout: 10_000 });
    const report = await nextReport(before, hasElementShot);
    const item = report.items[0]!;
    expect(item.text).toContain('在家刷单日结');
    expect(item.text).not.toContain('求推荐');
    expect(item.author).toMatchObject({ name: '刷单招聘', id: 'u-77' });
    expect(item.media).toEqual([{ type: 'image', url: `${server.origin}/any/banner.png` }]);
    // The screenshot is the card's box, cropped from Firefox's captureVisibleTab.
    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    const card = (await (await page.$('#card-1'))!.boundingBox())!;
    const size = await inPage(probe, artifactPixels, { id: shot.id });
    expect(Math.abs(size.width - card.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - card.height)).toBeLessThanOrEqual(2);

    // Keyboard only: → moves to the next card, ← back, ↓ narrows into it, ↑ widens again, → and Enter.
    const beforeKeys = await reports();
    await menu(page, await centreOf(page, 'h1'), 'ra-pick-element');
    await page.waitForSelector(picker, { timeout: 15_000 });
    await page.mouse.move(text.x + 20, text.y + text.height / 2);
    for (const key of ['ArrowUp', 'ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'ArrowRight', 'Enter'] as const) await page.keyboard.press(key);
    const second = await nextReport(beforeKeys);
    expect(second.items[0]!.text).toContain('求推荐靠谱的家教工作');
    expect(second.items[0]!.text).not.toContain('刷单');
    await page.close();
  });
});

describe('gathering and media (Firefox)', () => {
  it('gathers further captures into one report until stopped, then fetches its images on request', async () => {
    const page = await openAny();
    let before = await reports();
    await select(page, '#scam-text', '在家刷单日结，一单佣金 50 元');
    await menu(page, await selectionCentre(page), 'ra-report-selection');
    const target = await nextReport(before);

    expect(await send('collect-start', { reportId: target.id })).toMatchObject({ ok: true, itemCount: 1 });
    expect(await badge()).toBe('1');

    before = await reports();
    await clearSelection(page);
    await menu(page, await centreOf(page, 'h1'), 'ra-pick-element');
    await page.waitForSelector('[data-report-assistant="picker"]', { timeout: 15_000 });
    const card = (await (await page.$('#card-1'))!.boundingBox())!;
    await page.mouse.click(card.x + 5, card.y + 5);
    await eventually(async () => (await reports()).find((r) => r.id === target.id)?.items.length, (n) => n === 2, 20_000);
    await menu(page, await centreOf(page, '#scam-link'), 'ra-report-link');
    await eventually(async () => (await reports()).find((r) => r.id === target.id)?.items.length, (n) => n === 3, 20_000);
    // No form opens for a gathered capture: the page says where it went.
    await eventually(() => notice(page), (t) => t === '已加入正在收集的举报，现有 3 条。', 10_000);
    expect((await reports()).length).toBe(before.length);
    expect(await badge()).toBe('3');
    expect(await probe.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.action.getTitle({}))).toBe('举报助手：正在收集帖子到同一举报（已有 3 条）');

    let report = (await reports()).find((r) => r.id === target.id)!;
    expect(report.items.map((i) => i.kind)).toEqual(['selection', 'post', 'link']);
    expect(new Set(report.evidence.map((e) => e.itemIndex))).toEqual(new Set([0, 1, 2]));
    expect(JSON.parse(report.signed!.manifest).artifacts).toHaveLength(report.evidence.length);

    // The background keeps nothing that matters: suspended, it still gathers into the same report.
    await session.waitForBackgroundSuspended();
    await select(page, '#scam-text', '先垫付后返还');
    await menu(page, await selectionCentre(page), 'ra-report-selection');
    await eventually(async () => (await reports()).find((r) => r.id === target.id)?.items.length, (n) => n === 4, 20_000);
    expect((await reports()).length).toBe(before.length);

    expect(await send('collect-stop', {})).toEqual({ ok: true });
    expect(await badge()).toBe('');
    before = await reports();
    await clearSelection(page);
    await menu(page, await centreOf(page, 'h1'), 'ra-report-page');
    await nextReport(before);
    expect((await reports()).find((r) => r.id === target.id)!.items).toHaveLength(4);

    // Images only, on request, hashed and signed with the rest. Outside the supported platforms the
    // background's fetch needs the optional all-sites grant (README), which the person gives here.
    await grantFromExtensionPage(probe, ['<all_urls>']);
    // Named setting: the image is on the replica server at 127.0.0.1, a loopback address, which "fetch media"
    // refuses unless the test setting names it (src/evidence/media.ts, MEDIA_PRIVATE_HOSTS_META).
    await inPage(probe, dbPut, [{ store: 'meta', row: { key: MEDIA_PRIVATE_HOSTS_META, value: ['127.0.0.1'] } }]);
    requested.length = 0;
    expect(await send('fetch-media', { reportId: target.id })).toEqual({ ok: true, stored: 1, failed: 0, skipped: 0 });
    expect(requested).toContain('/any/banner.png');
    report = (await reports()).find((r) => r.id === target.id)!;
    const media = report.evidence.filter((e) => e.kind === 'media');
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ itemIndex: 1, mime: 'image/png', sourceUrl: `${server.origin}/any/banner.png` });
    const file = await readFile(path.join(SITES_ROOT, 'any/banner.png'));
    expect(media[0]!.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect((await readArtifacts(probe)).find((a) => a.id === media[0]!.id)?.sha256).toBe(media[0]!.sha256);

    const dashboard = await session.openDashboard();
    const cardSel = `[data-report-id="${target.id}"]`;
    await dashboard.waitForSelector(`${cardSel} summary`, { timeout: 15_000 });
    await dashboard.click(`${cardSel} summary`);
    const verify = await dashboard.waitForFunction(
      (s) => Array.from(document.querySelectorAll<HTMLButtonElement>(`${s} button`)).find((b) => b.textContent?.trim() === '校验证据完整性'),
      { timeout: 10_000 },
      cardSel,
    );
    await (verify.asElement() as unknown as { click(): Promise<void> }).click();
    await eventually(
      () => dashboard.$eval(`${cardSel} [data-testid="verify-result"]`, (el) => el.textContent ?? '').catch(() => ''),
      (t) => t.includes(`签名有效，全部 ${report.evidence.length} 项证据与采集时一致`),
      15_000,
    );
    await Promise.all([page.close(), dashboard.close()]);
  });
});
