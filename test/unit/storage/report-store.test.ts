import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore, DB_VERSION, openReportDb, ReportNotFoundError } from '../../../src/storage/report-store';
import { newDraft } from '../../../src/model/report';
import type { CapturedPost } from '../../../src/model/captured-post';

const post: CapturedPost = {
  platform: 'generic',
  kind: 'post',
  ids: {},
  pageUrl: 'https://example.com/',
  pageTitle: 'Example',
  text: 'hi',
  media: [],
  context: [],
  capturedAt: '2026-11-22T00:00:00.000Z',
};

function freshStore() {
  // A separate database per test.
  globalThis.indexedDB = new IDBFactory();
  return new IdbReportStore(`test-${Math.random()}`);
}

describe('IdbReportStore', () => {
  it('creates a report with its artifacts and reads the blob back unchanged', async () => {
    const store = freshStore();
    const report = newDraft([post], []);
    const blob = new Blob([new Uint8Array([1, 2, 3, 250])], { type: 'image/png' });
    await store.create(report, [{ id: 'a1', reportId: report.id, blob }]);
    expect(await store.get(report.id)).toEqual(report);
    const artifact = await store.getArtifact('a1');
    expect(artifact?.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await artifact!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 250]));
  });

  it('updates atomically, stamps updatedAt, and keeps the id', async () => {
    const store = freshStore();
    const report = newDraft([post], [], new Date('2026-01-01T00:00:00Z'));
    await store.create(report, []);
    const updated = await store.update(report.id, (r) => ({ ...r, id: 'evil', description: 'x' }));
    expect(updated.id).toBe(report.id);
    expect(updated.description).toBe('x');
    expect(updated.updatedAt > report.updatedAt).toBe(true);
    await expect(store.update('missing', (r) => r)).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it('lists newest first, filters by status, and deletes a report with its artifacts', async () => {
    const store = freshStore();
    const a = newDraft([post], [], new Date('2026-01-01T00:00:00Z'));
    const b = { ...newDraft([post], [], new Date('2026-02-01T00:00:00Z')), status: 'saved' as const };
    await store.create(a, [{ id: 'x', reportId: a.id, blob: new Blob(['1']) }]);
    await store.create(b, []);
    expect((await store.list()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await store.list({ status: 'draft' })).map((r) => r.id)).toEqual([a.id]);
    await store.delete(a.id);
    expect(await store.get(a.id)).toBeUndefined();
    expect(await store.getArtifact('x')).toBeUndefined();
  });

  it('opens at the current schema version with every store', async () => {
    globalThis.indexedDB = new IDBFactory();
    const db = await openReportDb('schema-test');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'events', 'meta', 'reports', 'submissions']);
    db.close();
  });

  it('keeps meta values', async () => {
    const store = freshStore();
    await store.setMeta('k', { a: 1 });
    expect(await store.getMeta('k')).toEqual({ a: 1 });
  });
});
