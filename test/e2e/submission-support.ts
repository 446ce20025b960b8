// Helpers for the submission browser tests: seed saved reports straight into the extension's IndexedDB
// (as the form would leave them), send messages from an extension page, and read submissions back.
// The page used is the extension's own manifest.json: an extension-origin document that runs none of our
// code, so reading or writing from it never wakes the service worker by itself.
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../support/chromium';
import type { Submission } from '../../src/model/submission';

export interface SeedReport {
  destinations: string[];
  categoryId?: string;
  description?: string;
  platform?: string;
  /** The captured item's kind (`post` unless said). */
  kind?: string;
  ids?: Record<string, string>;
  pageUrl?: string;
  anonymous?: boolean;
  /** Add a PNG screenshot artifact. */
  screenshot?: boolean;
}

export async function extensionPage(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('manifest.json'));
  return page;
}

/** Waits until the worker has created the database (it opens it at start). */
async function openDb(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const dbs = await indexedDB.databases();
    return dbs.some((d) => d.name === 'report-assistant');
  }, undefined, { timeout: 30_000 });
}

export async function seedReports(page: Page, seeds: SeedReport[]): Promise<string[]> {
  await openDb(page);
  return page.evaluate(async (seeds) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const ids: string[] = [];
    const now = new Date().toISOString();
    const rows: Array<{ report: unknown; artifact?: unknown }> = [];
    for (const seed of seeds) {
      const id = crypto.randomUUID();
      ids.push(id);
      const evidence = [];
      let artifact: unknown;
      if (seed.screenshot) {
        const canvas = new OffscreenCanvas(320, 180);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#fde';
        ctx.fillRect(0, 0, 320, 180);
        ctx.fillStyle = '#000';
        ctx.fillText('evidence ' + id.slice(0, 8), 20, 90);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
        const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        const artifactId = crypto.randomUUID();
        evidence.push({ id: artifactId, kind: 'screenshot', mime: 'image/png', size: blob.size, sha256, itemIndex: 0, createdAt: now, excluded: false });
        artifact = { id: artifactId, reportId: id, blob };
      }
      const pageUrl = seed.pageUrl ?? 'https://weibo.com/1234567890/NxAbCdEfG';
      const report = {
        id,
        status: 'saved',
        createdAt: now,
        updatedAt: now,
        items: [
          {
            platform: seed.platform ?? 'weibo',
            kind: seed.kind ?? 'post',
            ids: seed.ids ?? { mid: '4890123456789012' },
            pageUrl,
            pageTitle: '微博',
            author: { name: '理财导师小王', id: '1234567890' },
            text: '日赚三千，加微信领取内部名额，先交会员费。',
            media: [],
            context: [],
            capturedAt: now,
          },
        ],
        evidence,
        categoryId: seed.categoryId ?? 'illegal-11-fraud',
        description: seed.description ?? '冒充理财导师，诱导加微信交会员费，疑似诈骗。',
        destinations: seed.destinations,
        anonymous: seed.anonymous ?? true,
        goodFaith: { statementKey: 'goodFaithStatement', at: now },
      };
      rows.push({ report, artifact });
    }
    const tx = db.transaction(['reports', 'artifacts'], 'readwrite');
    for (const row of rows) {
      tx.objectStore('reports').put(row.report);
      if (row.artifact) tx.objectStore('artifacts').put(row.artifact);
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return ids;
  }, seeds);
}

export async function putSubmissions(page: Page, submissions: Submission[]): Promise<void> {
  await openDb(page);
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('submissions', 'readwrite');
    for (const row of rows) tx.objectStore('submissions').put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, submissions);
}

export async function readStore<T>(page: Page, store: 'submissions' | 'reports' | 'events'): Promise<T[]> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

export async function submissionsOf(page: Page, reportId: string): Promise<Submission[]> {
  return (await readStore<Submission>(page, 'submissions')).filter((s) => s.reportId === reportId);
}

export async function send<T = { ok: boolean; [k: string]: unknown }>(page: Page, message: unknown): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

export async function badgeText(session: ExtensionSession): Promise<string> {
  const worker = await session.serviceWorker();
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

export async function setLocal(page: Page, values: Record<string, unknown>): Promise<void> {
  await page.evaluate((v) => chrome.storage.local.set(v), values);
}

/** The reporter profile, as the settings store it (IndexedDB meta `reporterProfile`). */
export async function setReporterProfile(page: Page, profile: { name: string; phone: string; email: string; idType: string }): Promise<void> {
  await openDb(page);
  await page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put({ key: 'reporterProfile', value });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, profile);
}
