// The report form in the built extension, in Chromium: entry points, the taxonomy search, recommendations
// and what each destination calls the category, validation next to the field without losing input,
// real name with the local profile, evidence exclusion and blur/crop, CSAM purge, duplicates, drafts,
// keyboard-only use, axe-core in zh_CN and en, screenshots in both colour schemes, and submitting to the
// local queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT, type ExtensionSession } from '../support/chromium';
import { seriousAxeViolations } from '../support/page-checks';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readEventTypes, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { hasElementShot, readUntil } from '../support/element-shot';

let server: FixtureServer;
let session: ExtensionSession;
const OUT = path.join(REPO_ROOT, 'test-output');

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  server = await startFixtureServer();
  // Named grant: the form's reports are captured with in-page buttons on a generic site (127.0.0.1), which needs
  // access to pages: it starts granted (fresh-install.e2e.ts covers the form of a capture without it)
  session = await launchWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function openFeed(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/`);
  await page.waitForSelector('[data-report-assistant="report"]');
  return page;
}

async function capture(page: Page, postId: string): Promise<string> {
  const button = page.locator(`#post-${postId} [data-report-assistant="report"]`);
  // A person presses a button on the page in front of them; the worker pictures only the tab in front.
  await page.bringToFront();
  await button.click();
  await page.waitForFunction(
    (id) => document.querySelector<HTMLElement>(`#post-${id} [data-report-assistant="report"]`)?.dataset.state === 'done',
    postId,
    { timeout: 20_000 },
  );
  return (await button.getAttribute('data-report-id'))!;
}

async function stored(page: Page, id: string): Promise<Report> {
  const report = ((await readReports(page)) as Report[]).find((r) => r.id === id);
  expect(report, `report ${id}`).toBeDefined();
  return report!;
}

async function openForm(reportId: string, query = ''): Promise<Page> {
  const popup = await session.openPopup(`?report=${reportId}${query}`);
  await popup.setViewportSize({ width: 420, height: 900 });
  await popup.locator('form.report-form').waitFor();
  return popup;
}

/** Closes the popup windows/pages the extension opened on its own (the form after a capture). */
async function closeAutoOpened(reportId: string) {
  for (const p of session.context.pages()) if (p.url().includes(`report=${reportId}`)) await p.close();
}

describe('report form', () => {
  it('opens by itself after a capture (report button), and the toolbar popup shows that report', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1001');
    // The worker opened the toolbar popup (action.openPopup); Playwright does not attach to popups, so ask
    // the browser which extension contexts exist, and what the popup will load.
    const worker = await session.serviceWorker();
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['POPUP' as chrome.runtime.ContextType] })).map((c) => c.documentUrl)))
      .toEqual([expect.stringContaining('/extension/popup/index.html')]);
    expect(await worker.evaluate(() => chrome.storage.session.get('formReportId'))).toEqual({ formReportId: reportId });
    // The same page without a query (as the toolbar button opens it) shows the captured report.
    const toolbar = await session.openPopup();
    await toolbar.locator('form.report-form').waitFor();
    expect(await toolbar.locator('form.report-form').getAttribute('data-report-id')).toBe(reportId);
    await expect.poll(() => toolbar.getByTestId('item-text').textContent()).toContain('公园');
    await Promise.all([toolbar.close(), feed.close()]);
  });

  it('finds the category by search, recommends and names it per destination, validates in place, and saves', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);

    // Search by an example's words: "日赚三千" is in the fraud sub-category's examples.
    await popup.fill('#category-search', '刷单');
    await popup.locator('#category-hits [data-category="illegal-11-fraud"]').click();
    expect(await popup.locator('#category').inputValue()).toBe('illegal-11-fraud');
    expect(await popup.getByTestId('category-hint').textContent()).toContain('110');

    // A page without a platform entry: 12377 first; fraud adds the police's reporting site. Both pre-selected.
    const recommended = popup.locator('.dest-list').first().locator('li');
    await expect.poll(() => recommended.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.destination))).toEqual(
      expect.arrayContaining(['12377', 'cyberpolice']),
    );
    expect(await popup.locator('#dest-12377').isChecked()).toBe(true);
    expect(await popup.locator('#dest-cyberpolice').isChecked()).toBe(true);
    expect(await popup.locator('[data-destination="12377"] .why').textContent()).toContain('没有可用的平台举报入口');
    expect(await popup.locator('[data-destination="cyberpolice"] .advice').textContent()).toContain('110');
    const calls = await popup.getByTestId('destination-calls').allTextContents();
    expect(calls).toContain('中央网信办违法和不良信息举报中心（12377） 将归类为：诈骗类');
    expect(calls.some((c) => c.includes('网络诈骗'))).toBe(true);

    // Saving an incomplete form: each error next to its field, the first focused, nothing typed lost.
    await popup.locator('#description').fill('短');
    await popup.locator('[data-report-assistant="save"]').click();
    expect(await popup.getByTestId('description-error').textContent()).toBe('描述太短，请至少写 5 个字。');
    expect(await popup.getByTestId('good-faith-error').textContent()).toContain('确认');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('description');
    expect(await popup.locator('#description').inputValue()).toBe('短');
    expect(await popup.locator('#description').getAttribute('aria-describedby')).toContain('description-error');

    // WeChat takes 50 characters: adding it shows its counter and the error names it.
    await popup.locator('details summary').click();
    await popup.check('#dest-wechat');
    const long = '冒充理财导师，以日赚三千为诱饵，诱导网友添加微信并缴纳五百元会员费进入所谓投资群，随后以虚拟币投资为名骗取钱财，已有多人受骗。';
    await popup.locator('#description').fill(long);
    await expect.poll(() => popup.getByTestId('counter-wechat').textContent()).toContain(`${[...long].length} / 50`);
    expect(await popup.getByTestId('description-error').textContent()).toContain('微信公众平台 最多接受 50 字');
    await popup.uncheck('#dest-wechat');
    await expect.poll(() => popup.getByTestId('description-error').count()).toBe(0);

    // Privacy at 12377 is 侵权类: real name required, said next to the field.
    await popup.selectOption('#category', 'illegal-10-privacy');
    expect(await popup.getByTestId('real-name-required').textContent()).toContain('12377');
    await popup.check('#good-faith');
    await popup.locator('[data-report-assistant="save"]').click();
    expect(await popup.getByTestId('identity-error').textContent()).toContain('不接受匿名举报');
    await popup.check('#identity-real-name');
    await popup.locator('[data-report-assistant="save"]').click();
    expect(await popup.getByTestId('identity-error').textContent()).toContain('姓名和手机号');
    await popup.fill('#profile-name', '张三');
    await popup.fill('#profile-phone', '138 0000 0000');
    await popup.fill('#profile-email', 'zhang@example.com');
    await popup.selectOption('#profile-idType', 'resident-id');
    expect(await popup.getByTestId('summary-reporter').textContent()).toBe('张三 · 138 0000 0000 · zhang@example.com');
    await popup.screenshot({ path: path.join(OUT, 'form-zh-light-filled.png'), fullPage: true });
    await popup.locator('[data-report-assistant="save"]').click();
    await popup.getByTestId('saved').waitFor();

    const report = await stored(popup, reportId);
    expect(report.status).toBe('saved');
    expect(report.categoryId).toBe('illegal-10-privacy');
    expect(report.description).toBe(long);
    // The person's explicit choice of destinations stays when the category changes.
    expect(report.destinations).toEqual(['12377', 'cyberpolice']);
    expect(report.anonymous).toBe(false);
    expect(report.goodFaith?.statementKey).toBe('goodFaithStatement');
    expect(Math.abs(Date.parse(report.goodFaith!.at) - Date.now())).toBeLessThan(120_000);
    // The profile is stored once, locally, in the meta store.
    const profile = await popup.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      return new Promise((res) => {
        const r = db.transaction('meta').objectStore('meta').get('reporterProfile');
        r.onsuccess = () => res((r.result as { value: unknown }).value);
      });
    });
    expect(profile).toEqual({ name: '张三', phone: '138 0000 0000', email: 'zhang@example.com', idType: 'resident-id' });

    // Reopened, everything is as saved; editing reopens it as a draft and asks for the statement again.
    await popup.close();
    const again = await openForm(reportId);
    expect(await again.locator('#category').inputValue()).toBe('illegal-10-privacy');
    expect(await again.locator('#identity-real-name').isChecked()).toBe(true);
    expect(await again.locator('#good-faith').isChecked()).toBe(true);
    await again.locator('#description').press('End');
    await again.locator('#description').pressSequentially('！');
    await expect.poll(async () => (await stored(again, reportId)).status).toBe('draft');
    expect(await again.locator('#good-faith').isChecked()).toBe(false);
    expect((await stored(again, reportId)).goodFaith).toBeNull();
    // The reopening is in the report's hash-chained history, once, however many edits follow or opens replay it.
    await expect.poll(() => readEventTypes(again, reportId)).toEqual(['captured', 'saved', 'edited']);
    await again.locator('#description').pressSequentially('！');
    await again.close();
    const third = await openForm(reportId);
    await third.locator('#description').press('End');
    await third.locator('#description').pressSequentially('。');
    await expect.poll(async () => (await stored(third, reportId)).description.endsWith('。')).toBe(true);
    expect(await readEventTypes(third, reportId)).toEqual(['captured', 'saved', 'edited']);
    // Saved again, then edited again: a second reopening.
    await third.check('#good-faith');
    await third.locator('[data-report-assistant="save"]').click();
    await third.getByTestId('saved').waitFor();
    await expect.poll(() => readEventTypes(third, reportId)).toEqual(['captured', 'saved', 'edited', 'saved']);
    await third.locator('#description').pressSequentially('！');
    await expect.poll(() => readEventTypes(third, reportId)).toEqual(['captured', 'saved', 'edited', 'saved', 'edited']);
    await Promise.all([third.close(), feed.close()]);
  });

  it('leaves out evidence, and blurs a region into a new artifact that records its original', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    const full = popup.locator('[data-kind="screenshot-full"]');
    await full.getByTestId('evidence-include').uncheck();
    await expect.poll(async () => (await stored(popup, reportId)).evidence.find((e) => e.kind === 'screenshot-full')!.excluded).toBe(true);
    expect(await popup.getByTestId('summary-evidence').textContent()).not.toContain('整页可见区域截图');

    const before = await stored(popup, reportId);
    const original = before.evidence.find((e) => e.kind === 'screenshot')!;
    await popup.locator(`[data-artifact-id="${original.id}"] [data-testid="evidence-redact"]`).click();
    const dialog = popup.getByTestId('redact-dialog');
    await dialog.waitFor();
    const canvas = popup.getByTestId('redact-canvas');
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(10);
    const box = (await canvas.boundingBox())!;
    await popup.mouse.move(box.x + 5, box.y + 5);
    await popup.mouse.down();
    await popup.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await popup.mouse.up();
    await popup.screenshot({ path: path.join(OUT, 'form-redact-dialog.png') });
    await popup.getByTestId('redact-save').click();
    await dialog.waitFor({ state: 'detached' });

    const after = await stored(popup, reportId);
    const derived = after.evidence.find((e) => e.derivedFrom === original.id)!;
    expect(derived).toBeDefined();
    expect(derived.kind).toBe('screenshot');
    expect(derived.excluded).toBe(false);
    expect(after.evidence.find((e) => e.id === original.id)!.excluded).toBe(true);
    // Both sets of bytes are stored and match their recorded hashes; the blurred one differs.
    const artifacts = await readArtifacts(popup);
    for (const meta of [original, derived]) expect(artifacts.find((a) => a.id === meta.id)!.sha256).toBe(meta.sha256);
    expect(derived.sha256).not.toBe(original.sha256);
    // The dragged region really changed: its pixels differ from the original's; outside it they do not.
    const diff = await popup.evaluate(
      async ([a, b]) => {
        const db = await new Promise<IDBDatabase>((res) => {
          const r = indexedDB.open('report-assistant');
          r.onsuccess = () => res(r.result);
        });
        const blob = (id: string) =>
          new Promise<Blob>((res) => {
            const r = db.transaction('artifacts').objectStore('artifacts').get(id);
            r.onsuccess = () => res((r.result as { blob: Blob }).blob);
          });
        const pixels = async (id: string) => {
          const bmp = await createImageBitmap(await blob(id));
          const c = new OffscreenCanvas(bmp.width, bmp.height);
          const ctx = c.getContext('2d')!;
          ctx.drawImage(bmp, 0, 0);
          return ctx.getImageData(0, 0, bmp.width, bmp.height);
        };
        const [p, q] = await Promise.all([pixels(a!), pixels(b!)]);
        let inside = 0;
        let outside = 0;
        for (let y = 0; y < p.height; y++)
          for (let x = 0; x < p.width; x++) {
            const i = (y * p.width + x) * 4;
            const changed = p.data[i] !== q.data[i] || p.data[i + 1] !== q.data[i + 1] || p.data[i + 2] !== q.data[i + 2];
            if (x < p.width / 2 - 20 && y < p.height / 2 - 20) inside += changed ? 1 : 0;
            else if (x > p.width / 2 + 20 || y > p.height / 2 + 20) outside += changed ? 1 : 0;
          }
        return { inside, outside, same: p.width === q.width && p.height === q.height };
      },
      [original.id, derived.id],
    );
    expect(diff.same).toBe(true);
    expect(diff.inside).toBeGreaterThan(0);
    expect(diff.outside).toBe(0);
    // The evidence manifest was re-signed with the new artifact in it.
    if (after.signed) expect(after.signed.manifest).toContain(derived.id);
    expect(await popup.getByTestId('summary-evidence').textContent()).toContain('已打码/裁剪');
    await Promise.all([popup.close(), feed.close()]);
  });

  it('crops a screenshot to a region typed into the number fields (no mouse needed)', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1001');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    const original = (await stored(popup, reportId)).evidence.find((e) => e.kind === 'screenshot-full')!;
    await popup.locator(`[data-artifact-id="${original.id}"] [data-testid="evidence-redact"]`).click();
    const dialog = popup.getByTestId('redact-dialog');
    await dialog.waitFor();
    await expect.poll(() => popup.getByTestId('redact-canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(10);
    const numbers = dialog.locator('input[type="number"]');
    for (const [i, value] of ['10', '20', '200', '100'].entries()) {
      await numbers.nth(i).fill(value);
      await numbers.nth(i).press('Tab');
    }
    await dialog.getByRole('radio', { name: '只保留该区域（裁剪）' }).check();
    await popup.getByTestId('redact-save').click();
    await dialog.waitFor({ state: 'detached' });
    const derived = (await stored(popup, reportId)).evidence.find((e) => e.derivedFrom === original.id)!;
    expect(derived.kind).toBe('screenshot-full');
    const size = await popup.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const row = await new Promise<{ blob: Blob }>((res) => {
        const r = db.transaction('artifacts').objectStore('artifacts').get(id);
        r.onsuccess = () => res(r.result as { blob: Blob });
      });
      const bmp = await createImageBitmap(row.blob);
      return { width: bmp.width, height: bmp.height };
    }, derived.id);
    expect(size).toEqual({ width: 200, height: 100 });
    await Promise.all([popup.close(), feed.close()]);
  });

  it('shares one reporter profile between the settings and the form', async () => {
    const dashboard = await session.openDashboard();
    await dashboard.locator('#settings-profile-name').waitFor();
    await expect.poll(() => dashboard.locator('#settings-profile-name').isEnabled()).toBe(true);
    await dashboard.fill('#settings-profile-name', '王五');
    await dashboard.fill('#settings-profile-phone', 'abc');
    await dashboard.locator('#settings-profile-phone').blur();
    expect(await dashboard.locator('#settings-profile-phone-error').textContent()).toContain('手机号格式不对');
    await dashboard.fill('#settings-profile-phone', '13900000000');
    await expect.poll(() => dashboard.locator('#settings-profile-phone-error').count()).toBe(0);
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    await popup.check('#identity-real-name');
    await expect.poll(() => popup.locator('#profile-name').inputValue()).toBe('王五');
    expect(await popup.locator('#profile-phone').inputValue()).toBe('13900000000');
    await Promise.all([popup.close(), feed.close(), dashboard.close()]);
  });

  it('removes screenshots and media when child sexual abuse content is chosen, and says why', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    expect(hasElementShot(await readUntil(() => stored(popup, reportId), hasElementShot))).toBe(true);
    await popup.selectOption('#category', 'illegal-9-csam');
    await popup.getByTestId('csam-notice').waitFor();
    expect(await popup.getByTestId('csam-notice').textContent()).toContain('只报告网址和编号');
    await expect.poll(async () => (await stored(popup, reportId)).evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    const left = (await readArtifacts(popup)).filter((a) => a.reportId === reportId);
    expect(left).toHaveLength(2);
    expect(await popup.locator('[data-kind="screenshot"]').count()).toBe(0);
    expect((await stored(popup, reportId)).evidencePolicy).toBe('url-only');
    await Promise.all([popup.close(), feed.close()]);
  });

  it('says when the same post is already in another report and opens that one', async () => {
    const feed = await openFeed();
    const first = await capture(feed, '1001');
    await closeAutoOpened(first);
    await feed.reload();
    await feed.waitForSelector('[data-report-assistant="report"]');
    const second = await capture(feed, '1001');
    await closeAutoOpened(second);
    expect(second).not.toBe(first);
    const popup = await openForm(second);
    const notice = popup.getByTestId('duplicate-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('已经在另一份举报中');
    expect(await notice.locator('.duplicate').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.duplicateOf))).toContain(first);
    await notice.locator(`[data-duplicate-of="${first}"] [data-testid="duplicate-open"]`).click();
    await expect.poll(() => popup.locator('form.report-form').getAttribute('data-report-id')).toBe(first);
    await Promise.all([popup.close(), feed.close()]);
  });

  it('gathers further captures into the open report (收集模式) and stops on request', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1001');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    await popup.getByTestId('collect-toggle').click();
    await popup.getByTestId('collecting').waitFor();
    expect(await popup.evaluate(() => chrome.storage.local.get('collectInto'))).toEqual({ collectInto: reportId });
    // The next capture is appended to this report instead of making a new draft.
    const button = feed.locator('#post-1002 [data-report-assistant="report"]');
    await feed.bringToFront();
    await button.click();
    await feed.waitForFunction(() => document.querySelector<HTMLElement>('#post-1002 [data-report-assistant="report"]')?.dataset.state === 'done', undefined, {
      timeout: 20_000,
    });
    await expect.poll(async () => (await stored(popup, reportId)).items.length).toBe(2);
    await popup.reload();
    await popup.locator('form.report-form').waitFor();
    expect(await popup.getByTestId('captured-item').count()).toBe(2);
    await popup.getByTestId('collect-toggle').click();
    await expect.poll(() => popup.evaluate(() => chrome.storage.local.get('collectInto'))).toEqual({});
    await Promise.all([popup.close(), feed.close()]);
  });

  it('shows how much of 12377’s 50-per-24-hours this browser has used', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    await expect.poll(() => popup.getByTestId('limit-12377').textContent()).toContain('0 / 50');
    // Three sent to 12377 in the window and one outside it (25 hours ago), as the queue stores them.
    await popup.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      const tx = db.transaction('submissions', 'readwrite');
      const hour = 3_600_000;
      for (const [i, ago] of [1, 2, 3, 25].entries()) {
        const at = new Date(Date.now() - ago * hour).toISOString();
        tx.objectStore('submissions').put({ id: crypto.randomUUID(), reportId: `seed-${i}`, destinationId: '12377', state: 'submitted', updatedAt: at, createdAt: at });
      }
      await new Promise((res) => (tx.oncomplete = res));
    });
    await popup.reload();
    await expect.poll(() => popup.getByTestId('limit-12377').textContent()).toContain('3 / 50');
    await Promise.all([popup.close(), feed.close()]);
  });

  it('is usable with the keyboard alone', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    await popup.locator('body').click({ position: { x: 1, y: 1 } });
    const tabTo = async (id: string) => {
      for (let i = 0; i < 80; i++) {
        if ((await popup.evaluate(() => document.activeElement?.id)) === id) return;
        await popup.keyboard.press('Tab');
      }
      throw new Error(`could not reach #${id} with Tab`);
    };
    await tabTo('category-search');
    await popup.keyboard.type('地域');
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement).dataset.category)).toBe('harmful-6');
    await popup.keyboard.press('Enter');
    expect(await popup.locator('#category').inputValue()).toBe('harmful-6');
    await tabTo('description');
    await popup.keyboard.type('用侮辱性语言攻击某地人群，煽动地域歧视。');
    await tabTo('good-faith');
    await popup.keyboard.press('Space');
    await tabTo(await popup.locator('[data-report-assistant="save"]').evaluate((b) => (b.id = 'save-button')));
    await popup.keyboard.press('Enter');
    await popup.getByTestId('saved').waitFor();
    const report = await stored(popup, reportId);
    expect(report).toMatchObject({ status: 'saved', categoryId: 'harmful-6', destinations: ['12377'], anonymous: true });
    await Promise.all([popup.close(), feed.close()]);
  });

  it('has no serious or critical axe violations in zh_CN and en, light and dark, and writes screenshots', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1002');
    await closeAutoOpened(reportId);
    for (const language of ['zh_CN', 'en'] as const) {
      const setup = await session.openPopup();
      await setup.evaluate((l) => chrome.storage.local.set({ language: l }), language);
      await setup.close();
      for (const scheme of ['light', 'dark'] as const) {
        const popup = await session.context.newPage();
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.setViewportSize({ width: 420, height: 900 });
        await popup.goto(session.extensionUrl(`extension/popup/index.html?report=${reportId}`));
        await popup.locator('form.report-form').waitFor();
        await popup.selectOption('#category', 'illegal-11-fraud');
        await popup.locator('#description').fill(language === 'en' ? 'Poses as an investment mentor and asks for a fee.' : '冒充理财导师，诱导交会员费。');
        await popup.locator('[data-report-assistant="save"]').click();
        await popup.getByTestId('good-faith-error').waitFor();
        expect(await popup.locator('html').getAttribute('lang')).toBe(language === 'en' ? 'en' : 'zh-CN');
        if (language === 'en') {
          expect(await popup.locator('legend').first().textContent()).toBe('Send to');
          expect(await popup.getByTestId('good-faith-error').textContent()).toBe('Please confirm the statement above before saving.');
          expect(await popup.getByTestId('identity-error').textContent()).toContain('does not accept anonymous reports');
        }
        const violations = await seriousAxeViolations(popup);
        expect(violations, `${language} ${scheme}`).toEqual([]);
        await popup.screenshot({ path: path.join(OUT, `form-${language}-${scheme}.png`), fullPage: true });
        await popup.close();
      }
    }
    const reset = await session.openPopup();
    await reset.evaluate(() => chrome.storage.local.remove('language'));
    await Promise.all([reset.close(), feed.close()]);
  });

  it('opens the same form in a tab, and declares the keyboard shortcuts', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1001');
    await closeAutoOpened(reportId);
    const popup = await openForm(reportId);
    const tab = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('tab=1') });
    await popup.getByTestId('open-in-tab').click();
    const opened = await tab;
    await opened.locator('form.report-form').waitFor();
    expect(await opened.locator('form.report-form').getAttribute('data-report-id')).toBe(reportId);
    expect(await opened.evaluate(() => document.body.classList.contains('wide'))).toBe(true);
    const worker = await session.serviceWorker();
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands.map((c) => c.name).sort()).toEqual(['_execute_action', 'open-form-tab', 'report-page']);
    expect(commands.find((c) => c.name === 'open-form-tab')!.description).toBe('在标签页中打开举报表单');
    expect(commands.find((c) => c.name === 'report-page')).toMatchObject({ description: '举报此页面（含截图）', shortcut: 'Alt+Shift+U' });
    await Promise.all([opened.close(), feed.close(), popup.isClosed() ? undefined : popup.close()]);
  });

  it('opens the same form in the side panel (Chromium)', async () => {
    const feed = await openFeed();
    const reportId = await capture(feed, '1003');
    await closeAutoOpened(reportId);
    // As a tab of the window, so the side panel has a window to open in.
    const page = await openForm(reportId, '&tab=1');
    await page.getByTestId('open-in-panel').click();
    const worker = await session.serviceWorker();
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl)), { timeout: 10_000 })
      .toEqual([expect.stringContaining(`extension/popup/index.html?report=${reportId}&panel=1`)]);
    await Promise.all([page.close(), feed.close()]);
  });
});
