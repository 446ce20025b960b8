// The context menu, the element picker, gathering several posts into one report, the url-only mode and
// image fetching, in Chromium with the built extension on a page with no report buttons of its own.
// Headless Chromium shows no native context menu, so a click on a menu item is delivered to the worker
// through the event's own dispatch (the same listener, the same click info shape the browser sends).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { hasElementShot } from '../support/element-shot';
import { dbPut, inPage } from '../support/in-page';
import { MEDIA_PRIVATE_HOSTS_META } from '../../src/evidence/media';

let server: FixtureServer;
let session: ExtensionSession;
let probe: Page;
const requested: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  server.handlers.push((req) => {
    requested.push(req.url ?? '');
    return false;
  });
  // Named grant: headless Chromium has no context menu, so a click is dispatched to the worker's listener; a
  // dispatched click grants no activeTab, which a person's right-click does: the grant stands in for it
  // (Firefox's spec uses the real menu on activeTab alone)
  session = await launchWithExtension({ grants: ['<all_urls>'] });
  probe = await session.openPopup();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function openAny(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/any/`);
  await page.bringToFront();
  return page;
}

/** Delivers a context-menu click on the page's tab to the worker, as the browser does. */
async function menuClick(page: Page, info: Record<string, unknown>): Promise<void> {
  const worker = await session.serviceWorker();
  await worker.evaluate(
    async ({ url, info }) => {
      const [tab] = await chrome.tabs.query({ url });
      if (!tab) throw new Error(`no tab ${url}`);
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
        { editable: false, frameId: 0, pageUrl: tab.url, ...info },
        tab,
      );
    },
    { url: page.url(), info },
  );
}

async function reports(): Promise<Report[]> {
  return (await readReports(probe)) as Report[];
}

async function nextReport(before: Report[], match: (r: Report) => boolean = () => true): Promise<Report> {
  const known = new Set(before.map((r) => r.id));
  let found: Report | undefined;
  await expect
    .poll(async () => {
      found = (await reports()).find((r) => !known.has(r.id) && match(r) && r.signed);
      return found !== undefined;
    }, { timeout: 20_000 })
    .toBe(true);
  return found!;
}

async function send(type: string, payload: unknown): Promise<Record<string, unknown>> {
  return probe.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const);
}

describe('context menu', () => {
  it('offers its items on web pages', async () => {
    const worker = await session.serviceWorker();
    const exists = await worker.evaluate(async () => {
      const ids = ['ra-report-page', 'ra-report-link', 'ra-report-selection', 'ra-pick-element', 'ra-report-url-only'];
      return Promise.all(ids.map((id) => chrome.contextMenus.update(id, {}).then(() => true, () => false)));
    });
    expect(exists).toEqual([true, true, true, true, true]);
  });

  it('举报此页面: the page with its canonical URL, description, text and the visible tab', async () => {
    const page = await openAny();
    const before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-page' });
    const report = await nextReport(before);
    // The form opens on the new draft (the toolbar popup, or a small window where that is not allowed).
    const worker = await session.serviceWorker();
    await expect.poll(() => worker.evaluate(() => chrome.storage.session.get('formReportId').then((s) => s.formReportId))).toBe(report.id);
    await expect
      .poll(() => worker.evaluate(() => chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.POPUP] }).then((c) => c.length)))
      .toBeGreaterThan(0);
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
    const pagesBefore = session.context.pages().length;
    await menuClick(page, { menuItemId: 'ra-report-link', linkUrl: 'http://scam.example.net/pay?spm=1.2&id=9#access_token=abc' });
    const report = await nextReport(before);
    expect(report.items[0]).toMatchObject({
      kind: 'link',
      permalink: 'http://scam.example.net/pay?id=9',
      text: '点击领取补贴',
      pageUrl: `${server.origin}/any/`,
      ids: { linkHost: 'scam.example.net' },
    });
    // Nothing navigated to the link (the form may open in its own window; no page shows the link's URL).
    for (const p of session.context.pages()) expect(p.url()).not.toContain('scam.example.net');
    expect(session.context.pages().length).toBeGreaterThanOrEqual(pagesBefore);
    await page.close();
  });

  it('says so in the page when there is nothing to report', async () => {
    const page = await openAny();
    const before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-selection', selectionText: '' });
    await expect.poll(() => page.locator('[data-report-assistant="notice"]').textContent(), { timeout: 5_000 }).toBe('没有选中任何文字。');
    expect((await reports()).length).toBe(before.length);
    // In the language chosen in the settings, whatever the browser's.
    await probe.evaluate(() => chrome.storage.local.set({ language: 'en' }));
    await page.locator('[data-report-assistant="notice"]').waitFor({ state: 'detached' });
    await menuClick(page, { menuItemId: 'ra-report-selection', selectionText: '' });
    await expect.poll(() => page.locator('[data-report-assistant="notice"]').textContent(), { timeout: 5_000 }).toBe('No text is selected.');
    await probe.evaluate(() => chrome.storage.local.remove('language'));
    await page.close();
  });

  it('举报选中内容: the selected text, cropped from the visible tab', async () => {
    const page = await openAny();
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#scam-text')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-selection', selectionText: '在家刷单日结' });
    const report = await nextReport(before, hasElementShot);
    expect(report.items[0]).toMatchObject({ kind: 'selection', text: '在家刷单日结，一单佣金 50 元，先垫付后返还，联系 QQ 123456。' });
    const kinds = report.evidence.map((e) => e.kind).sort();
    expect(kinds).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    await page.close();
  });

  it('举报儿童色情内容（只记录链接）: URL and ids only, no screenshot, and no media can be fetched', async () => {
    const page = await openAny();
    const before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-url-only', linkUrl: `${server.origin}/any/banner.png` });
    const report = await nextReport(before);
    expect(report.evidencePolicy).toBe('url-only');
    expect(report.items[0]).toMatchObject({ kind: 'link', permalink: `${server.origin}/any/banner.png`, text: '' });
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    const reply = await send('fetch-media', { reportId: report.id });
    expect(reply).toMatchObject({ ok: false, error: 'media_errorUrlOnly' });

    // On an image that is not a link: the image's own address is what is kept.
    const beforeImage = await reports();
    await menuClick(page, { menuItemId: 'ra-report-url-only', mediaType: 'image', srcUrl: `${server.origin}/any/banner.png?utm_source=x` });
    const image = await nextReport(beforeImage);
    expect(image.evidencePolicy).toBe('url-only');
    expect(image.items[0]).toMatchObject({ kind: 'link', permalink: `${server.origin}/any/banner.png`, pageUrl: `${server.origin}/any/`, text: '' });
    expect(image.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    await page.close();
  });
});

describe('element picker', () => {
  it('outlines a block with the mouse and keyboard, captures it like a post, and Esc cancels', async () => {
    const page = await openAny();
    await menuClick(page, { menuItemId: 'ra-pick-element' });
    const picker = page.locator('[data-report-assistant="picker"]');
    await picker.waitFor({ state: 'attached' });

    // Esc cancels: the overlay goes, nothing is captured.
    const before = await reports();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect((await reports()).length).toBe(before.length);

    await menuClick(page, { menuItemId: 'ra-pick-element' });
    await picker.waitFor({ state: 'attached' });
    const text = await page.locator('#scam-text').boundingBox();
    await page.mouse.move(text!.x + 20, text!.y + text!.height / 2);
    // ↑ widens from the paragraph to its card; Enter chooses.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const report = await nextReport(before, hasElementShot);
    const item = report.items[0]!;
    expect(item.text).toContain('在家刷单日结');
    expect(item.text).not.toContain('求推荐');
    expect(item.author).toMatchObject({ name: '刷单招聘', id: 'u-77' });
    expect(item.media).toEqual([{ type: 'image', url: `${server.origin}/any/banner.png` }]);
    const shot = report.evidence.find((e) => e.kind === 'screenshot')!;
    const card = await page.locator('#card-1').boundingBox();
    const size = await probe.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = db.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      db.close();
      const bmp = await createImageBitmap(row.blob);
      return { width: bmp.width, height: bmp.height };
    }, shot.id);
    expect(Math.abs(size.width - card!.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - card!.height)).toBeLessThanOrEqual(2);

    // Keyboard only: → moves to the next card, ← back, ↓ narrows into it, ↑ widens again, → and Enter.
    const beforeKeys = await reports();
    await menuClick(page, { menuItemId: 'ra-pick-element' });
    await picker.waitFor({ state: 'attached' });
    await page.mouse.move(text!.x + 20, text!.y + text!.height / 2);
    for (const key of ['ArrowUp', 'ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'ArrowRight', 'Enter']) await page.keyboard.press(key);
    const second = await nextReport(beforeKeys);
    expect(second.items[0]!.text).toContain('求推荐靠谱的家教工作');
    expect(second.items[0]!.text).not.toContain('刷单');
    await page.close();
  });
});

describe('gathering and media', () => {
  it('gathers further captures into one report until stopped, then fetches its images on request', async () => {
    const page = await openAny();
    let before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-selection', selectionText: '在家刷单日结，一单佣金 50 元' });
    const target = await nextReport(before);

    expect(await send('collect-start', { reportId: target.id })).toMatchObject({ ok: true, itemCount: 1 });
    const worker = await session.serviceWorker();
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');

    before = await reports();
    await menuClick(page, { menuItemId: 'ra-pick-element' });
    await page.locator('[data-report-assistant="picker"]').waitFor({ state: 'attached' });
    await page.locator('#card-1').click({ position: { x: 5, y: 5 } });
    await expect.poll(async () => (await reports()).find((r) => r.id === target.id)?.items.length, { timeout: 20_000 }).toBe(2);
    await menuClick(page, { menuItemId: 'ra-report-link', linkUrl: 'http://scam.example.net/pay?id=9' });
    await expect.poll(async () => (await reports()).find((r) => r.id === target.id)?.items.length, { timeout: 20_000 }).toBe(3);
    // No form opens for a gathered capture: the page says where it went.
    await expect.poll(() => page.locator('[data-report-assistant="notice"]').textContent(), { timeout: 5_000 }).toBe('已加入正在收集的举报，现有 3 条。');
    expect((await reports()).length).toBe(before.length);
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('3');
    expect(await worker.evaluate(() => chrome.action.getTitle({}))).toBe('举报助手：正在收集帖子到同一举报（已有 3 条）');

    let report = (await reports()).find((r) => r.id === target.id)!;
    expect(report.items.map((i) => i.kind)).toEqual(['selection', 'post', 'link']);
    expect(new Set(report.evidence.map((e) => e.itemIndex))).toEqual(new Set([0, 1, 2]));
    expect(JSON.parse(report.signed!.manifest).artifacts).toHaveLength(report.evidence.length);

    // The worker keeps nothing that matters: stopped, it still gathers into the same report.
    await session.stopServiceWorker();
    await menuClick(page, { menuItemId: 'ra-report-selection', selectionText: '先垫付后返还' });
    await expect.poll(async () => (await reports()).find((r) => r.id === target.id)?.items.length, { timeout: 20_000 }).toBe(4);
    expect((await reports()).length).toBe(before.length);

    expect(await send('collect-stop', {})).toEqual({ ok: true });
    expect(await (await session.serviceWorker()).evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    before = await reports();
    await menuClick(page, { menuItemId: 'ra-report-page' });
    await nextReport(before);
    expect((await reports()).find((r) => r.id === target.id)!.items).toHaveLength(4);

    // Images only, on request, hashed and signed with the rest.
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
    const card = dashboard.locator(`[data-report-id="${target.id}"]`);
    await card.waitFor();
    await card.locator('summary').first().click();
    await card.getByRole('button', { name: '校验证据完整性' }).click();
    await expect.poll(() => card.getByTestId('verify-result').textContent()).toContain(`签名有效，全部 ${report.evidence.length} 项证据与采集时一致`);
    await Promise.all([page.close(), dashboard.close()]);
  });
});
