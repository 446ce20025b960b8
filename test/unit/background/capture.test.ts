// The worker's capture handler with a fake browser and an in-memory IndexedDB.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore } from '../../../src/storage/report-store';
import { sha256Hex } from '../../../src/evidence/hash';

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3]);
const captureVisibleTab = vi.fn(async () => `data:image/png;base64,${Buffer.from(png).toString('base64')}`);

vi.mock('../../../extension/lib/browser', () => ({
  browser: { tabs: { captureVisibleTab }, windows: { WINDOW_ID_CURRENT: -2 } },
}));
// createImageBitmap/OffscreenCanvas do not exist in Node: crop by slicing bytes, size from a constant.
vi.mock('../../../src/capture/crop', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/capture/crop')>()),
  imageSize: async () => ({ width: 2000, height: 1600 }),
  cropImage: async (blob: Blob) => new Blob([await blob.slice(0, 4).arrayBuffer()], { type: 'image/png' }),
}));

vi.stubGlobal('navigator', { userAgent: 'TestAgent/1.0' });

const { handleCapturePost } = await import('../../../extension/background/capture');

const payload = {
  post: {
    platform: 'generic' as const,
    kind: 'post' as const,
    ids: {},
    pageUrl: 'https://example.com/',
    pageTitle: 'x',
    text: 'hello',
    media: [],
    context: [],
    capturedAt: '2026-11-22T00:00:00.000Z',
  },
  rect: { x: 0, y: 0, width: 100, height: 50 },
  devicePixelRatio: 2,
  viewport: { width: 1000, height: 800 },
};

describe('handleCapturePost', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    captureVisibleTab.mockClear();
  });

  it('stores a draft whose every artifact hashes to its recorded SHA-256', async () => {
    const store = new IdbReportStore('capture-test');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(captureVisibleTab).toHaveBeenCalledWith(9, { format: 'png' });
    const report = await store.get(result.reportId);
    expect(report?.status).toBe('draft');
    expect(report?.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    for (const meta of report!.evidence) {
      const artifact = await store.getArtifact(meta.id);
      expect(await sha256Hex(artifact!.blob)).toBe(meta.sha256);
    }
    const full = report!.evidence.find((e) => e.kind === 'screenshot-full')!;
    expect(full.sha256).toBe(await sha256Hex(png));
  });

  it('keeps the record when the screenshot is refused', async () => {
    captureVisibleTab.mockRejectedValueOnce(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    const store = new IdbReportStore('capture-test-2');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = await store.get(result.reportId);
    expect(report?.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
  });
});
