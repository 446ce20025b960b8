// The dashboard's exports in Firefox ESR: files saved from an extension page with `<a download>` (no
// `downloads` permission), as test/e2e/dashboard.e2e.ts checks them in Chromium — the evidence pack
// verifies in Node and back in the dashboard, a changed byte is named, the CSV carries its BOM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { captureEnded, eventually, gotoPage, launchFirefoxWithExtension, waitForDownload, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { verifyPack } from '../../../src/export/verify-pack';
import { unzip, zip } from '../../../src/export/zip-files';
import { parseCsv } from '../../../src/export/csv';
import { dbSnapshot, inPage } from '../../support/in-page';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let downloads: string;
let tmp: string;

beforeAll(async () => {
  server = await startFixtureServer();
  downloads = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-downloads-'));
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-dashboard-'));
  // `<all_urls>`: the report buttons on the feed (127.0.0.1, a site of no host permission) exist only with
  // the "all sites" grant, and an in-page button takes its screenshot only with it.
  session = await launchFirefoxWithExtension({ grants: ['<all_urls>'], downloadDir: downloads });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  await Promise.all([downloads, tmp].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
});

async function capture(postId: string): Promise<string> {
  const feed = await session.newPage();
  await gotoPage(feed, `${server.origin}/feed/`);
  const button = `#post-${postId} [data-report-assistant="report"]`;
  await feed.waitForSelector(button, { timeout: 20_000 });
  await feed.click(button);
  expect(await captureEnded(feed, button), 'the capture, with its screenshot').toBe('done');
  const id = (await feed.$eval(button, (b) => b.getAttribute('data-report-id')))!;
  await feed.close();
  return id;
}

/** Every store of the extension's database, with each blob as type, size and SHA-256 of its bytes. */
const snapshot = (page: Page) => inPage(page, dbSnapshot, null);

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');

describe('dashboard exports (Firefox)', () => {
  it('saves an evidence pack that verifies, names a changed artifact, and verifies packs handed back to it', async () => {
    const reportId = await capture('1002');
    const dashboard = await session.openDashboard();
    await dashboard.waitForSelector('[data-testid="search"]', { timeout: 15_000 });
    await dashboard.type('[data-testid="search"]', '日赚三千');
    const card = `[data-report-id="${reportId}"]`;
    await dashboard.waitForSelector(`${card} [data-testid="report-history-toggle"]`, { timeout: 15_000 });
    await dashboard.click(`${card} [data-testid="report-history-toggle"]`);
    await dashboard.waitForSelector(`${card} [data-testid="export-one"]`, { timeout: 15_000 });
    const pack = await waitForDownload(downloads, () => dashboard.click(`${card} [data-testid="export-one"]`));
    expect(pack.name).toMatch(/^evidence-pack-\d{8}-\d{6}\.zip$/);

    const files = unzip(pack.bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'public-key.jwk.json', 'summary.html']));
    const verdict = await verifyPack(pack.bytes);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(new TextDecoder().decode(files['summary.html'])).toContain('日赚三千');

    const shot = Object.keys(files).find((p) => /artifacts\/\d+-screenshot\.png$/.test(p))!;
    const changed = files[shot]!.slice();
    changed[changed.length - 20] = changed[changed.length - 20]! ^ 0x01;
    const tampered = zip({ ...files, [shot]: changed });
    expect((await verifyPack(tampered)).findings).toEqual([{ kind: 'artifact-changed', reportId, path: shot }]);

    // Handed back through the file input (WebDriver BiDi's input.setFiles).
    const goodFile = path.join(tmp, 'good.zip');
    const badFile = path.join(tmp, 'bad.zip');
    await writeFile(goodFile, pack.bytes);
    await writeFile(badFile, tampered);
    const input = (await dashboard.$('[data-testid="verify-pack"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(goodFile);
    await eventually(() => text(dashboard, '[data-testid="tools-result"]'), (t) => t.includes('全部一致'), 15_000);
    await input.uploadFile(badFile);
    await eventually(() => text(dashboard, '[data-testid="tools-result"]'), (t) => t.includes(`证据已被改动：${shot}`), 15_000);
    await dashboard.close();
  });

  it('saves the list as CSV that Excel reads as UTF-8', async () => {
    const dashboard = await session.openDashboard();
    await dashboard.waitForSelector('[data-testid="report-card"]', { timeout: 15_000 });
    const csv = await waitForDownload(downloads, () => dashboard.click('[data-testid="export-csv"]'));
    expect(Array.from(csv.bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(csv.bytes));
    expect(rows[0]![0]).toBe('id');
    expect(rows.some((r) => r[7]?.includes('日赚三千'))).toBe(true);
    await dashboard.close();
  });

  it('restores a backup into a fresh profile, every report, artifact and event byte for byte', async () => {
    await capture('1001');
    const dashboard = await session.openDashboard();
    await dashboard.waitForSelector('[data-testid="report-card"]', { timeout: 15_000 });
    const before = await snapshot(dashboard);
    expect(before.reports!.length).toBeGreaterThanOrEqual(2);
    const backup = await waitForDownload(downloads, () => dashboard.click('[data-testid="backup"]'));
    const file = path.join(tmp, 'backup.zip');
    await writeFile(file, backup.bytes);
    await dashboard.close();

    const fresh = await launchFirefoxWithExtension();
    try {
      const page = await fresh.openDashboard();
      await page.waitForSelector('[data-testid="no-reports"]', { timeout: 15_000 });
      page.on('dialog', (d) => void d.accept());
      const input = (await page.$('[data-testid="restore"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      await eventually(() => text(page, '[data-testid="tools-result"]'), (t) => t.includes('已恢复'), 20_000);
      const after = await snapshot(page);
      for (const store of ['reports', 'artifacts', 'events', 'submissions'] as const) {
        const key = (r: unknown) => (r as { id: string }).id;
        const sorted = (rows: unknown[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(sorted(after[store]!), store).toEqual(sorted(before[store]!));
      }
    } finally {
      await fresh.close();
    }
  });
});
