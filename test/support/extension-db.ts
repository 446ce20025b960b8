// Reads the extension's IndexedDB from one of its pages, for assertions on what was stored. Works with a
// playwright (Chromium) or a puppeteer (Firefox) page: the in-page code is in ./in-page.ts.
import { dbArtifactDigests, dbRows, inPage, type AnyPage, type ArtifactDigest } from './in-page';

export type StoredArtifact = ArtifactDigest;

export async function readReports(page: AnyPage): Promise<unknown[]> {
  return inPage(page, dbRows, { store: 'reports' });
}

/** Each stored artifact with the SHA-256 of its bytes computed now, in the browser. */
export async function readArtifacts(page: AnyPage): Promise<StoredArtifact[]> {
  return inPage(page, dbArtifactDigests, null);
}

/** The event types of one report's history, in order. */
export async function readEventTypes(page: AnyPage, reportId: string): Promise<string[]> {
  const rows = (await inPage(page, dbRows, { store: 'events', index: 'by-report', key: reportId })) as Array<{ seq: number; type: string }>;
  return rows.sort((a, b) => a.seq - b.seq).map((r) => r.type);
}
