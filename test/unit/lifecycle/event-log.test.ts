import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openReportDb } from '../../../src/storage/report-store';
import { editedEntries, GENESIS_HASH, hashEvent, readEvents, recordEvent, verifyChain, type ReportEvent } from '../../../src/lifecycle/event-log';
import { sha256HexSync } from '../../../src/lifecycle/sha256-sync';
import { sha256Hex } from '../../../src/evidence/hash';

async function freshDb() {
  globalThis.indexedDB = new IDBFactory();
  return openReportDb(`test-${Math.random()}`);
}

describe('sha256HexSync', () => {
  it('agrees with WebCrypto on lengths around the block boundaries and on non-ASCII text', async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(sha256HexSync(bytes), `length ${n}`).toBe(await sha256Hex(bytes));
    }
    expect(sha256HexSync('已于2026年举报，至今未处理')).toBe(await sha256Hex('已于2026年举报，至今未处理'));
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('event log', () => {
  it('appends entries with increasing seq, each linked to the previous hash', async () => {
    const db = await freshDb();
    const a = await recordEvent(db, 'r1', 'captured', { items: 1 }, { now: new Date('2026-11-01T00:00:00Z') });
    const b = await recordEvent(db, 'r1', 'saved');
    const other = await recordEvent(db, 'r2', 'captured');
    const c = await recordEvent(db, 'r1', 'submitted', { submissionId: 's1', destinationId: 'weibo' });
    expect([a.seq, b.seq, c.seq, other.seq]).toEqual([0, 1, 2, 0]);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(c.prevHash).toBe(b.hash);
    expect(a.at).toBe('2026-11-01T00:00:00.000Z');
    const { hash, ...rest } = c;
    expect(hashEvent(rest)).toBe(hash);
    const stored = await readEvents(db, 'r1');
    expect(stored.map((e) => e.type)).toEqual(['captured', 'saved', 'submitted']);
    expect(verifyChain(stored)).toMatchObject({ ok: true, count: 3, head: c.hash });
  });

  it('does not fork when many appends race', async () => {
    const db = await freshDb();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordEvent(db, 'r1', 'feedback', { i })));
    const stored = await readEvents(db, 'r1');
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(verifyChain(stored).ok).toBe(true);
  });

  it('records inside a caller transaction, atomically with the caller’s writes', async () => {
    const db = await freshDb();
    const tx = db.transaction(['events', 'meta'], 'readwrite');
    await tx.objectStore('meta').put({ key: 'k', value: 1 });
    await recordEvent(tx, 'r1', 'captured');
    tx.abort();
    await tx.done.catch(() => undefined);
    expect(await readEvents(db, 'r1')).toEqual([]);
  });

  it('rejects an unknown type and data that cannot be stored faithfully', async () => {
    const db = await freshDb();
    await expect(recordEvent(db, 'r1', 'hacked' as never)).rejects.toThrow(/unknown event type/);
    const e = await recordEvent(db, 'r1', 'feedback', { note: 'x', dropped: undefined as never });
    expect(e.data).toEqual({ note: 'x' });
    expect(verifyChain(await readEvents(db, 'r1')).ok).toBe(true);
  });
});

describe('verifyChain', () => {
  async function chain(n: number): Promise<ReportEvent[]> {
    const db = await freshDb();
    for (let i = 0; i < n; i++) await recordEvent(db, 'r1', i === 0 ? 'captured' : 'feedback', { i, note: `第${i}次` });
    return readEvents(db, 'r1');
  }

  it('names an entry whose content was edited', async () => {
    const entries = await chain(5);
    entries[2] = { ...entries[2]!, data: { ...entries[2]!.data, note: '改过' } };
    const verdict = verifyChain(entries);
    expect(verdict.ok).toBe(false);
    expect(editedEntries(verdict)).toEqual([2]);
  });

  it('names an entry that was edited and re-hashed, through the next entry’s link', async () => {
    const entries = await chain(5);
    const forged = { ...entries[1]!, at: '2020-01-01T00:00:00.000Z' };
    const { hash: _old, ...rest } = forged;
    entries[1] = { ...rest, hash: hashEvent(rest) };
    const verdict = verifyChain(entries);
    expect(verdict.ok).toBe(false);
    expect(editedEntries(verdict)).toEqual([1]);
  });

  it('detects a deleted entry, and an edited newest entry against the expected head', async () => {
    const entries = await chain(4);
    const head = entries[3]!.hash;
    const without = entries.filter((e) => e.seq !== 1);
    const gap = verifyChain(without);
    expect(gap.ok).toBe(false);
    expect(!gap.ok && gap.problems.some((p) => p.kind === 'missing' && p.seq === 1)).toBe(true);
    const last = { ...entries[3]!, type: 'closed' as const };
    const { hash: _h, ...rest } = last;
    const reHashed = [...entries.slice(0, 3), { ...rest, hash: hashEvent(rest) }];
    expect(verifyChain(reHashed).ok).toBe(true);
    expect(editedEntries(verifyChain(reHashed, head))).toEqual([3]);
  });

  it('checks entries given in any order', async () => {
    const entries = await chain(4);
    expect(verifyChain([...entries].reverse()).ok).toBe(true);
  });
});
