// The worker's capture handler with a fake browser and an in-memory IndexedDB.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore, openReportDb } from '../../../src/storage/report-store';
import { readEvents } from '../../../src/lifecycle/event-log';
import { sha256Hex } from '../../../src/evidence/hash';

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3]);
const captureVisibleTab = vi.fn(async () => `data:image/png;base64,${Buffer.from(png).toString('base64')}`);

const local = new Map<string, unknown>();
const session = new Map<string, unknown>();
const tabs = new Map<number, { id: number; active: boolean; windowId: number; url: string }>();
let allUrlsGranted = false;
vi.mock('../../../extension/lib/browser', () => ({
  browser: {
    tabs: {
      captureVisibleTab,
      get: async (id: number) => {
        const tab = tabs.get(id);
        if (!tab) throw new Error(`No tab with id: ${id}`);
        return tab;
      },
    },
    permissions: { contains: async () => allUrlsGranted },
    windows: { WINDOW_ID_CURRENT: -2 },
    storage: {
      local: {
        get: async (keys: string | string[]) =>
          Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => local.has(k)).map((k) => [k, local.get(k)])),
        set: async (values: Record<string, unknown>) => Object.entries(values).forEach(([k, v]) => local.set(k, v)),
        remove: async (key: string) => void local.delete(key),
      },
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: session.get(key) } : {}),
        set: async (values: Record<string, unknown>) => Object.entries(values).forEach(([k, v]) => session.set(k, v)),
      },
    },
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {}, setTitle: async () => {} },
    i18n: { getMessage: (key: string) => key },
  },
  openReportForm: async () => {},
}));
// createImageBitmap/OffscreenCanvas do not exist in Node: crop by slicing bytes, size from a constant.
vi.mock('../../../src/capture/crop', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/capture/crop')>()),
  imageSize: async () => ({ width: 2000, height: 1600 }),
  cropImage: async (blob: Blob) => new Blob([await blob.slice(0, 4).arrayBuffer()], { type: 'image/png' }),
}));

vi.stubGlobal('navigator', { userAgent: 'TestAgent/1.0' });

const { handleCapturePost, afterCapture } = await import('../../../extension/background/capture');
const { startGathering, stopGathering } = await import('../../../extension/background/capture-collect');
const { verifyStoredReport } = await import('../../../src/evidence/verify-stored');
const { purgeVisualEvidence } = await import('../../../src/evidence/purge');
const { completePendingCrops } = await import('../../../src/evidence/add-crop');
const { cropImage } = await import('../../../src/capture/crop');

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
  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    captureVisibleTab.mockClear();
    await stopGathering();
    local.clear();
  });

  it('stores a draft whose every artifact hashes to its recorded SHA-256', async () => {
    const store = new IdbReportStore('capture-test');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(captureVisibleTab).toHaveBeenCalledWith(9, { format: 'png' });
    await result.finish();
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

  it('answers with a signed record holding the full screenshot, then adds the crop before it and signs again', async () => {
    const store = new IdbReportStore('capture-test-crop-later');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    const answered = (await store.get(result.reportId))!;
    expect(answered.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta', 'screenshot-full']);
    expect((await verifyStoredReport(store, answered)).ok).toBe(true);

    await result.finish();
    const report = (await store.get(result.reportId))!;
    expect(report.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta', 'screenshot', 'screenshot-full']);
    expect(report.pendingCrops).toBeUndefined();
    const crop = report.evidence[2]!;
    expect(crop).toMatchObject({ itemIndex: 0, createdAt: report.evidence[3]!.createdAt, excluded: false });
    expect(JSON.parse(report.signed!.manifest).artifacts).toHaveLength(4);
    expect((await verifyStoredReport(store, report)).ok).toBe(true);
    expect(result.recorded.report.signed).toEqual(report.signed);
  });

  it('leaves a pending crop on the stored record that a later reader finishes once, if the worker stops first', async () => {
    const store = new IdbReportStore('capture-test-crop-pending');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    // The worker is gone before `finish`: the record says what is still to be cut, from which screenshot.
    const stored = (await store.get(result.reportId))!;
    const full = stored.evidence.find((e) => e.kind === 'screenshot-full')!;
    expect(stored.pendingCrops).toEqual([{ fromId: full.id, box: { sx: 0, sy: 0, sw: 200, sh: 100 } }]);

    const finished = (await completePendingCrops(store, stored, cropImage, 'TestAgent/1.0'))!;
    expect(finished.pendingCrops).toBeUndefined();
    expect(finished.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta', 'screenshot', 'screenshot-full']);
    expect((await verifyStoredReport(store, finished)).ok).toBe(true);
    // The worker's own attempt, arriving late, adds nothing twice.
    await result.finish();
    expect((await store.get(result.reportId))!.evidence).toHaveLength(4);
  });

  it('adds no crop to a report purged to URLs only, or discarded, before the crop was ready', async () => {
    const store = new IdbReportStore('capture-test-crop-refused');
    const purged = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    await purgeVisualEvidence(store, purged.reportId, 'TestAgent/1.0');
    await purged.finish();
    const report = (await store.get(purged.reportId))!;
    expect(report.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta']);
    expect(report.pendingCrops).toBeUndefined();
    expect((await verifyStoredReport(store, report)).ok).toBe(true);

    const discarded = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    await store.delete(discarded.reportId);
    await expect(discarded.finish()).resolves.toBeUndefined();
    expect(await store.get(discarded.reportId)).toBeUndefined();
  });

  it('writes the report and its first history entry in one transaction', async () => {
    const store = new IdbReportStore('capture-test-history');
    const result = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    const db = await openReportDb('capture-test-history');
    const events = await readEvents(db, result.reportId);
    expect(events.map((e) => [e.seq, e.type, e.data])).toEqual([[0, 'captured', { itemCount: 1, artifactCount: 3, cropPending: true, appended: false }]]);
    expect((await store.get(result.reportId))?.lifecycle).toMatchObject({ eventCount: 1, head: events[0]!.hash });
    db.close();
  });

  it('stores nothing when the history entry cannot be written (both or neither)', async () => {
    const store = new IdbReportStore('capture-test-atomic');
    const spy = vi.spyOn(crypto, 'randomUUID');
    // The event's id collides with an existing one on purpose: its add fails, and so must the whole capture.
    const first = await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never);
    const db = await openReportDb('capture-test-atomic');
    const [event] = await readEvents(db, first.reportId);
    spy.mockImplementation(() => event!.id as `${string}-${string}-${string}-${string}-${string}`);
    await expect(handleCapturePost(store, payload, { tab: { windowId: 9 } } as never)).rejects.toThrow();
    spy.mockRestore();
    expect((await store.list()).map((r) => r.id)).toEqual([first.reportId]);
    db.close();
  });

  it('cleans the record\'s URLs in the worker before hashing, whatever the content script sent', async () => {
    const store = new IdbReportStore('capture-test-urls');
    const dirty = {
      ...payload,
      post: { ...payload.post, pageUrl: 'https://example.com/?utm_source=x&token=t', permalink: 'https://example.com/p/1?spm=1#access_token=a' },
    };
    const result = await handleCapturePost(store, dirty, { tab: { windowId: 9 } } as never);
    const report = (await store.get(result.reportId))!;
    expect(report.items[0]).toMatchObject({ pageUrl: 'https://example.com/', permalink: 'https://example.com/p/1' });
    for (const meta of report.evidence.filter((e) => e.mime === 'application/json')) {
      const text = await (await store.getArtifact(meta.id))!.blob.text();
      expect(text).not.toMatch(/utm_source|token|spm/);
    }
  });

  it('keeps the record when the screenshot is refused, and says why (no access to pages), in the record and the answer', async () => {
    captureVisibleTab.mockRejectedValueOnce(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    tabs.set(7, { id: 7, active: true, windowId: 1, url: 'https://example.com/' });
    const store = new IdbReportStore('capture-test-2');
    const result = await handleCapturePost(store, payload, { tab: { id: 7, windowId: 1 } } as never);
    expect(result.ok).toBe(true);
    expect(result.screenshotMissing).toBe('no-permission');
    const report = (await store.get(result.reportId))!;
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
    expect(report.items[0]!.screenshotMissing).toBe('no-permission');
    // The signed record of the item says so too.
    const postJson = await store.getArtifact(report.evidence.find((e) => e.kind === 'post-json')!.id);
    expect(JSON.parse(await postJson!.blob.text()).screenshotMissing).toBe('no-permission');
    // The tab is remembered for the retake.
    expect(session.get('retakeTargets')).toEqual({ [`${result.reportId}:0`]: { tabId: 7 } });
  });

  it('pictures no other tab: a capture from a tab not in front is stored as tab-hidden without calling the browser', async () => {
    tabs.set(8, { id: 8, active: false, windowId: 1, url: 'https://example.com/' });
    const store = new IdbReportStore('capture-test-hidden');
    const result = await handleCapturePost(store, payload, { tab: { id: 8, windowId: 1 } } as never);
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect((await store.get(result.reportId))!.items[0]!.screenshotMissing).toBe('tab-hidden');
  });

  it('never takes screenshotMissing from the page', async () => {
    const store = new IdbReportStore('capture-test-forged-missing');
    const forged = { ...payload, post: { ...payload.post, screenshotMissing: 'restricted-page' as const } };
    const result = await handleCapturePost(store, forged, { tab: { windowId: 9 } } as never);
    expect(result.screenshotMissing).toBeUndefined();
    expect((await store.get(result.reportId))!.items[0]!.screenshotMissing).toBeUndefined();
  });

  it('classifies the browser\'s refusals', async () => {
    const { missingReason } = await import('../../../extension/background/capture-screenshot');
    allUrlsGranted = false;
    expect(await missingReason(new Error("Either the '<all_urls>' or 'activeTab' permission is required."))).toBe('no-permission');
    expect(await missingReason(new Error('Missing activeTab permission'))).toBe('no-permission');
    expect(await missingReason(new Error('The extensions gallery cannot be scripted.'))).toBe('restricted-page');
    expect(await missingReason(new Error('Cannot access contents of url "chrome://settings/"'))).toBe('restricted-page');
    expect(await missingReason(new Error('Failed to capture tab: unknown error'))).toBe('no-permission');
    allUrlsGranted = true;
    expect(await missingReason(new Error('Failed to capture tab: unknown error'))).toBe('failed');
    allUrlsGranted = false;
  });
});

describe('a screenshot taken after the capture (授予权限并补拍)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    captureVisibleTab.mockClear();
  });

  async function withoutScreenshot(store: IdbReportStore): Promise<string> {
    captureVisibleTab.mockRejectedValueOnce(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    return (await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never)).reportId;
  }

  it('adds the post\'s picture and the full one to the item, signed in the same write, with a history entry', async () => {
    const { addRetakenScreenshot } = await import('../../../src/evidence/add-retake');
    const store = new IdbReportStore('retake-add');
    const reportId = await withoutScreenshot(store);
    const full = new Blob([png], { type: 'image/png' });
    const report = await addRetakenScreenshot(store, reportId, 0, { full, cropBox: { sx: 0, sy: 0, sw: 10, sh: 10 } }, cropImage, 'TestAgent/1.0');
    expect(report.items[0]!.screenshotMissing).toBeUndefined();
    expect(report.evidence.map((e) => e.kind)).toEqual(['post-json', 'page-meta', 'screenshot', 'screenshot-full']);
    expect(report.evidence.every((e) => e.itemIndex === 0)).toBe(true);
    expect(JSON.parse(report.signed!.manifest).artifacts).toHaveLength(4);
    expect((await verifyStoredReport(store, report)).ok).toBe(true);
    const events = await readEvents(await openReportDb('retake-add'), reportId);
    expect(events.map((e) => e.type)).toEqual(['captured', 'captured']);
    expect(events[1]!.data).toMatchObject({ screenshotAdded: true, itemIndex: 0, artifactCount: 2 });
  });

  it('adds nothing to an item that has its screenshot, a submitted report, or one kept to URLs only', async () => {
    const { addRetakenScreenshot, RetakeNotWanted } = await import('../../../src/evidence/add-retake');
    const store = new IdbReportStore('retake-refused');
    const full = new Blob([png], { type: 'image/png' });
    const complete = (await handleCapturePost(store, payload, { tab: { windowId: 9 } } as never)).reportId;
    await expect(addRetakenScreenshot(store, complete, 0, { full }, cropImage, 'UA')).rejects.toBeInstanceOf(RetakeNotWanted);
    const submitted = await withoutScreenshot(store);
    await store.update(submitted, (r) => ({ ...r, status: 'submitted' }));
    await expect(addRetakenScreenshot(store, submitted, 0, { full }, cropImage, 'UA')).rejects.toMatchObject({ reason: 'locked' });
    const urlOnly = await withoutScreenshot(store);
    await store.update(urlOnly, (r) => ({ ...r, evidencePolicy: 'url-only' }));
    await expect(addRetakenScreenshot(store, urlOnly, 0, { full }, cropImage, 'UA')).rejects.toMatchObject({ reason: 'url-only' });
    expect((await store.get(urlOnly))!.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json']);
  });
});

describe('gathering several posts into one report (收集模式)', () => {
  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    captureVisibleTab.mockClear();
    await stopGathering();
    local.clear();
  });

  const second = { ...payload, post: { ...payload.post, ids: { postId: '2' }, text: 'second', permalink: 'https://example.com/p/2' } };

  it('appends further captures, with their artifacts, to the report being gathered and re-signs it', async () => {
    const store = new IdbReportStore('gather-1');
    const first = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    await first.finish();
    expect(await startGathering(store, first.reportId)).toMatchObject({ ok: true, itemCount: 1 });
    expect(local.get('collectInto')).toBe(first.reportId);

    const appended = await handleCapturePost(store, second, { tab: { windowId: 1 } } as never);
    expect(appended).toMatchObject({ ok: true, reportId: first.reportId, gathered: true, itemCount: 2 });
    await appended.finish();
    const report = (await store.get(first.reportId))!;
    expect(report.items.map((i) => i.text)).toEqual(['hello', 'second']);
    expect(report.evidence.filter((e) => e.itemIndex === 1).map((e) => e.kind).sort()).toEqual(['page-meta', 'post-json', 'screenshot', 'screenshot-full']);
    const manifest = JSON.parse(report.signed!.manifest) as { items: unknown[]; artifacts: unknown[] };
    expect(manifest.items).toHaveLength(2);
    expect(manifest.artifacts).toHaveLength(8);
    expect((await verifyStoredReport(store, report)).ok).toBe(true);
    expect((await store.list()).length).toBe(1);

    await stopGathering();
    const separate = await handleCapturePost(store, second, { tab: { windowId: 1 } } as never);
    expect(separate.reportId).not.toBe(first.reportId);
    expect(separate.gathered).toBeUndefined();
  });

  it('does not show the gathering badge again when a capture finishes after the person stopped gathering', async () => {
    const store = new IdbReportStore('gather-badge');
    const first = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    await first.finish();
    await startGathering(store, first.reportId);
    expect(local.get('badgeGatheringCount')).toBe(1);
    const appended = await handleCapturePost(store, second, { tab: { windowId: 1 } } as never);
    expect(appended.gathered).toBe(true);
    // The person stops while the capture's crop is still being cut; its badge update comes after the stop.
    await stopGathering();
    await appended.finish();
    await afterCapture(appended.recorded);
    expect(local.has('badgeGatheringCount')).toBe(false);
    // Still gathering: the count is shown.
    await startGathering(store, first.reportId);
    const third = await handleCapturePost(store, second, { tab: { windowId: 1 } } as never);
    await third.finish();
    await afterCapture(third.recorded);
    expect(local.get('badgeGatheringCount')).toBe(3);
  });

  it('falls back to a new draft, and stops gathering, when the target report is gone', async () => {
    const store = new IdbReportStore('gather-2');
    const gone = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    await startGathering(store, gone.reportId);
    await store.delete(gone.reportId);
    const result = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    expect(result.gathered).toBeUndefined();
    expect((await store.get(result.reportId))?.items).toHaveLength(1);
    expect(local.has('collectInto')).toBe(false);
  });

  it('takes no screenshot for a capture gathered into a url-only report', async () => {
    const store = new IdbReportStore('gather-3');
    const first = await handleCapturePost(store, payload, { tab: { windowId: 1 } } as never);
    await purgeVisualEvidence(store, first.reportId, 'TestAgent/1.0');
    await startGathering(store, first.reportId);
    captureVisibleTab.mockClear();
    await handleCapturePost(store, second, { tab: { windowId: 1 } } as never);
    expect(captureVisibleTab).not.toHaveBeenCalled();
    const report = (await store.get(first.reportId))!;
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(['page-meta', 'page-meta', 'post-json', 'post-json']);
    expect(report.items[1]!.text).toBe('');
    expect(report.items[1]!.permalink).toBe('https://example.com/p/2');
    expect((await verifyStoredReport(store, report)).ok).toBe(true);
  });
});
