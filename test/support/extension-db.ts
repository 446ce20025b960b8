// Reads the extension's IndexedDB from one of its pages, for assertions on what was stored.
import type { Page } from 'playwright-core';

export interface StoredArtifact {
  id: string;
  reportId: string;
  type: string;
  size: number;
  sha256: string;
}

export async function readReports(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('reports').objectStore('reports').getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all;
  });
}

/** Each stored artifact with the SHA-256 of its bytes computed now, in the browser. */
export async function readArtifacts(page: Page): Promise<StoredArtifact[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<Array<{ id: string; reportId: string; blob: Blob }>>((resolve, reject) => {
      const req = db.transaction('artifacts').objectStore('artifacts').getAll();
      req.onsuccess = () => resolve(req.result as Array<{ id: string; reportId: string; blob: Blob }>);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const out = [];
    for (const row of rows) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer()));
      out.push({
        id: row.id,
        reportId: row.reportId,
        type: row.blob instanceof Blob ? row.blob.type : typeof row.blob,
        size: row.blob.size,
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
      });
    }
    return out;
  });
}

/** The event types of one report's history, in order. */
export async function readEventTypes(page: Page, reportId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('report-assistant');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<Array<{ seq: number; type: string }>>((resolve, reject) => {
      const req = db.transaction('events').objectStore('events').index('by-report').getAll(id);
      req.onsuccess = () => resolve(req.result as Array<{ seq: number; type: string }>);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.sort((a, b) => a.seq - b.seq).map((r) => r.type);
  }, reportId);
}
