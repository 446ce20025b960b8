// The dashboard's exports in a real Chromium with the built extension: an evidence pack of a captured
// (signed) report verifies, in Node and in the dashboard; one changed byte in an artifact is named; the
// CSV opens as UTF-8 with a BOM; a backup restored into a fresh profile gives back every row and byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, REPO_ROOT, type ExtensionSession } from '../support/chromium';
import { seriousAxeViolations } from '../support/page-checks';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { verifyPack } from '../../src/export/verify-pack';
import { unzip, zip } from '../../src/export/zip-files';
import { parseCsv } from '../../src/export/csv';
import type { Report } from '../../src/model/report';
import { dbSnapshot, inPage } from '../support/in-page';

let server: FixtureServer;
let session: ExtensionSession;
let tmp: string;

beforeAll(async () => {
  server = await startFixtureServer();
  // Named grant: the reports are made with in-page buttons on a generic site (127.0.0.1), which needs access to
  // pages: it starts granted
  session = await launchWithExtension({ grants: ['<all_urls>'] });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ra-dashboard-'));
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function capture(postId: string): Promise<string> {
  const feed = await session.context.newPage();
  await feed.goto(`${server.origin}/feed/`);
  const button = feed.locator(`#post-${postId} [data-report-assistant="report"]`);
  await button.click();
  await feed.waitForFunction(
    (id) => document.querySelector<HTMLElement>(`#post-${id} [data-report-assistant="report"]`)?.dataset.state === 'done',
    postId,
    { timeout: 20_000 },
  );
  const id = (await button.getAttribute('data-report-id'))!;
  await feed.close();
  return id;
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const pending = page.waitForEvent('download', { timeout: 30_000 });
  await click();
  const download = await pending;
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) };
}

/** Every store of the extension's database, with each blob as type, size and SHA-256 of its bytes. */
const snapshot = (page: Page) => inPage(page, dbSnapshot, null);

describe('dashboard exports', () => {
  it('exports a captured report as an evidence pack that verifies, and names the artifact when one byte changes', async () => {
    const reportId = await capture('1002');
    const dashboard = await session.openDashboard();
    await dashboard.getByTestId('search').fill('日赚三千');
    const card = dashboard.locator(`[data-report-id="${reportId}"]`);
    await card.getByTestId('report-history-toggle').click();
    const pack = await downloadOf(dashboard, () => card.getByTestId('export-one').click());
    expect(pack.name).toMatch(/^evidence-pack-\d{8}-\d{6}\.zip$/);

    const files = unzip(pack.bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'public-key.jwk.json', 'summary.html']));
    const verdict = await verifyPack(pack.bytes);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.artifactCount).toBeGreaterThanOrEqual(3);
    const summary = new TextDecoder().decode(files['summary.html']);
    expect(summary).toContain('日赚三千');
    expect(summary).toContain('采集证据');

    // One byte of the cropped screenshot changed: both verifiers name that file.
    const shot = Object.keys(files).find((p) => /artifacts\/\d+-screenshot\.png$/.test(p))!;
    const changed = files[shot]!.slice();
    changed[changed.length - 20] = changed[changed.length - 20]! ^ 0x01;
    const tampered = zip({ ...files, [shot]: changed });
    const bad = await verifyPack(tampered);
    expect(bad.ok).toBe(false);
    expect(bad.findings).toEqual([{ kind: 'artifact-changed', reportId, path: shot }]);

    const goodFile = path.join(tmp, 'good.zip');
    const badFile = path.join(tmp, 'bad.zip');
    await writeFile(goodFile, pack.bytes);
    await writeFile(badFile, tampered);
    const result = dashboard.getByTestId('tools-result');
    await dashboard.getByTestId('verify-pack').setInputFiles(goodFile);
    await expect.poll(() => result.textContent()).toContain('全部一致');
    await dashboard.getByTestId('verify-pack').setInputFiles(badFile);
    await expect.poll(() => result.textContent()).toContain(`证据已被改动：${shot}`);
    expect(await result.getAttribute('class')).toBe('error');
    await dashboard.close();
  });

  it('exports the list as CSV that Excel reads as UTF-8', async () => {
    const dashboard = await session.openDashboard();
    await dashboard.getByTestId('report-card').first().waitFor();
    const csv = await downloadOf(dashboard, () => dashboard.getByTestId('export-csv').click());
    expect(Array.from(csv.bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(csv.bytes));
    expect(rows[0]![0]).toBe('id');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r[7]?.includes('日赚三千'))).toBe(true);
    await dashboard.close();
  });

  it('restores a backup into a fresh profile, every report, artifact and event byte for byte', async () => {
    await capture('1001');
    const dashboard = await session.openDashboard();
    await dashboard.getByTestId('report-card').first().waitFor();
    const before = await snapshot(dashboard);
    expect(before.reports!.length).toBeGreaterThanOrEqual(2);
    const backup = await downloadOf(dashboard, () => dashboard.getByTestId('backup').click());
    const file = path.join(tmp, 'backup.zip');
    await writeFile(file, backup.bytes);
    await dashboard.close();

    const fresh = await launchWithExtension();
    try {
      const page = await fresh.openDashboard();
      await page.getByTestId('no-reports').waitFor();
      page.on('dialog', (d) => void d.accept());
      await page.getByTestId('restore').setInputFiles(file);
      await expect.poll(() => page.getByTestId('tools-result').textContent(), { timeout: 20_000 }).toContain('已恢复');
      const after = await snapshot(page);
      for (const store of ['reports', 'artifacts', 'events', 'submissions'] as const) {
        const key = (r: unknown) => (r as { id: string }).id;
        expect([...after[store]!].sort((a, b) => (key(a) < key(b) ? -1 : 1)), store).toEqual([...before[store]!].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
      }
      // The signing key's private half never leaves a profile: the fresh one keeps its own, and knows the old public key.
      const meta = after.meta as Array<{ key: string; value: unknown }>;
      expect(meta.find((m) => m.key === 'restored-public-keys')?.value).toEqual([
        ((before.meta as Array<{ key: string; value: { publicJwk: unknown } }>).find((m) => m.key === 'evidence-signing-key')!.value).publicJwk,
      ]);
      // And the dashboard lists what came back.
      await page.reload();
      await expect.poll(() => page.getByTestId('report-card').count()).toBe((before.reports as Report[]).length);
      await page.close();
    } finally {
      await fresh.close();
    }
  });

  it('has no serious or critical axe violations in zh_CN and en, light and dark, with a history open', async () => {
    for (const language of ['zh_CN', 'en'] as const) {
      const setup = await session.openPopup();
      await setup.evaluate((l) => chrome.storage.local.set({ language: l }), language);
      await setup.close();
      for (const scheme of ['light', 'dark'] as const) {
        const page = await session.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(session.extensionUrl('extension/dashboard/index.html'));
        const card = page.getByTestId('report-card').first();
        await card.getByTestId('report-history-toggle').click();
        await card.getByTestId('report-history').waitFor();
        await card.locator('summary').click();
        expect(await page.locator('html').getAttribute('lang')).toBe(language === 'en' ? 'en' : 'zh-CN');
        const violations = await seriousAxeViolations(page);
        expect(violations, `${language} ${scheme}`).toEqual([]);
        await page.close();
      }
    }
    const reset = await session.openPopup();
    await reset.evaluate(() => chrome.storage.local.remove('language'));
    await reset.close();
  });

  it('keeps thousands of reports in a virtual list, and filters them by status, platform, category, destination, date and text', async () => {
    const page = await session.openDashboard();
    await page.getByTestId('report-card').first().waitFor();
    const existing = (await snapshot(page)).reports!.length;
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => resolve(r.result);
      });
      const tx = db.transaction('reports', 'readwrite');
      const stages = ['saved', 'awaiting-feedback', 'handled', 'no-answer'];
      for (let i = 0; i < 3000; i++) {
        const at = new Date(Date.parse('2026-01-01T04:00:00Z') + i * 3_600_000).toISOString();
        const platform = i % 2 ? 'bilibili' : 'zhihu';
        tx.objectStore('reports').put({
          id: crypto.randomUUID(), status: 'saved', createdAt: at, updatedAt: at,
          items: [{ platform, kind: 'post', ids: {}, pageUrl: 'https://example.com/', text: `批量第${i}条`, author: { name: `作者${i % 7}` }, media: [], context: [], capturedAt: at }],
          evidence: [], categoryId: i % 3 ? 'illegal-8' : 'illegal-11-fraud', description: i === 1234 ? '独一无二的说明' : '', destinations: [platform],
          lifecycle: { stage: stages[i % 4], destinations: [platform], awaiting: [], receipts: {}, lastEventAt: at, eventCount: 1, head: '' },
        });
      }
      await new Promise((r) => (tx.oncomplete = r));
    });
    await page.reload();
    const count = page.getByTestId('report-count');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toContain(`共 ${existing + 3000} 件`);
    // Only what is in view (and a margin) is in the document.
    expect(await page.getByTestId('report-card').count()).toBeLessThan(30);
    await page.getByTestId('filter-platform').selectOption('bilibili');
    await expect.poll(() => count.textContent()).toContain('显示 1500 件');
    await page.getByTestId('filter-stage').selectOption('handled');
    await expect.poll(() => count.textContent()).toContain('显示 0 件'); // bilibili rows are the odd ones: stages 1 and 3
    await page.getByTestId('filter-stage').selectOption('no-answer');
    await expect.poll(() => count.textContent()).toContain('显示 750 件');
    await page.getByTestId('filter-category').selectOption('illegal-11');
    await expect.poll(() => count.textContent()).toContain('显示 250 件');
    await page.getByTestId('filter-destination').selectOption('bilibili');
    await expect.poll(() => count.textContent()).toContain('显示 250 件');
    await page.getByRole('button', { name: '清除筛选' }).click();
    // 2026-01-01 04:00Z + i hours: the first 24 local days' worth lie in January (in any time zone, i < 3000 ends in May).
    await page.getByTestId('filter-from').fill('2026-05-01');
    await expect.poll(async () => Number(/显示 (\d+) 件/.exec((await count.textContent()) ?? '')?.[1])).toBeLessThan(3000);
    await page.getByTestId('filter-from').fill('');
    await page.getByTestId('search').fill('独一无二');
    await expect.poll(() => count.textContent()).toContain('显示 1 件');
    expect(await page.getByTestId('report-card').locator('[data-testid="report-description"]').textContent()).toBe('独一无二的说明');
    await page.getByTestId('search').fill('作者0 批量第1001条');
    await expect.poll(() => count.textContent()).toContain('显示 1 件');
    // Scrolling to the end brings the oldest report into the document.
    await page.getByTestId('search').fill('批量');
    await expect.poll(() => count.textContent()).toContain('显示 3000 件');
    await page.locator('.vlist').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.getByText('批量第0条', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('report-card').count()).toBeLessThan(30);
    await page.close();
  });

  it('deletes everything only after the confirmation word', async () => {
    const dashboard = await session.openDashboard();
    await dashboard.getByTestId('report-card').first().waitFor();
    const form = dashboard.getByTestId('delete-everything');
    await form.locator('input').fill('删');
    await form.getByRole('button', { name: '删除全部数据' }).click();
    await expect.poll(() => form.locator('.field-error').textContent()).toBe('请输入“删除”。');
    expect((await snapshot(dashboard)).reports!.length).toBeGreaterThan(0);
    await form.locator('input').fill('删除');
    await form.getByRole('button', { name: '删除全部数据' }).click();
    await dashboard.getByTestId('no-reports').waitFor();
    const after = await snapshot(dashboard);
    for (const rows of Object.values(after)) expect(rows).toEqual([]);
    await dashboard.close();
  });
});
