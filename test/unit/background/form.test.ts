// The worker's form handlers with a fake browser and an in-memory IndexedDB: a save and each reopening of a
// saved report land in its history once, however often the form says so.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';

vi.mock('../../../extension/lib/browser', () => ({
  browser: { runtime: { getURL: (p: string) => `ext://x/${p}` }, tabs: { create: async () => ({}) } },
  openReportForm: async () => {},
}));
vi.stubGlobal('navigator', { userAgent: 'TestAgent/1.0' });

const { formHandlers } = await import('../../../extension/background/form');
const { IdbReportStore, openReportDb } = await import('../../../src/storage/report-store');
const { readEvents, recordEvent, verifyChain } = await import('../../../src/lifecycle/event-log');

type Handler = (payload: { reportId: string }, sender: unknown) => Promise<{ ok: boolean; recorded?: boolean; detail?: string }>;
const saved = formHandlers['report-saved'] as unknown as Handler;
const reopened = formHandlers['report-reopened'] as unknown as Handler;

async function draftReport(): Promise<string> {
  const store = new IdbReportStore();
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await store.create({
    id,
    schemaVersion: 1,
    createdAt: now,
    updatedAt: now,
    status: 'draft',
    categoryId: 'illegal-8',
    description: '诈骗',
    items: [],
    evidence: [],
  } as never, []);
  await recordEvent(await openReportDb(), id, 'captured', {});
  return id;
}

const types = async (id: string) => (await readEvents(await openReportDb(), id)).map((e) => e.type);
const setStatus = (id: string, status: 'draft' | 'saved') => new IdbReportStore().update(id, (r) => ({ ...r, status }));

describe('report-reopened', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('records one `edited` entry per reopening of a saved report, and none for a draft never saved', async () => {
    const id = await draftReport();
    expect(await reopened({ reportId: id }, {})).toEqual({ ok: true, recorded: false });
    await setStatus(id, 'saved');
    expect((await saved({ reportId: id }, {})).ok).toBe(true);
    // Still saved: the form has not written the draft yet, so nothing is recorded.
    expect(await reopened({ reportId: id }, {})).toMatchObject({ ok: false });
    await setStatus(id, 'draft');
    expect(await reopened({ reportId: id }, {})).toEqual({ ok: true, recorded: true });
    expect(await reopened({ reportId: id }, {})).toEqual({ ok: true, recorded: false });
    expect(await types(id)).toEqual(['captured', 'saved', 'edited']);
    await setStatus(id, 'saved');
    await saved({ reportId: id }, {});
    await setStatus(id, 'draft');
    await reopened({ reportId: id }, {});
    expect(await types(id)).toEqual(['captured', 'saved', 'edited', 'saved', 'edited']);
    const events = await readEvents(await openReportDb(), id);
    expect(events.at(-1)?.data).toEqual({ reopened: true, previousStatus: 'saved' });
    expect(verifyChain(events).ok).toBe(true);
  });

  it('rejects an unknown report', async () => {
    expect(await reopened({ reportId: crypto.randomUUID() }, {})).toMatchObject({ ok: false });
  });
});
