// The form's edit journal: two copies, the newer one read back, and neither copy's failure loses the other.
import { describe, expect, it } from 'vitest';
import { editJournal, type JournalStorage } from '../../../src/ui/edit-journal';

function memoryStorage(): JournalStorage & { items: Map<string, unknown>; failing: boolean } {
  const items = new Map<string, unknown>();
  const s = {
    items,
    failing: false,
    get: async (key: string) => {
      if (s.failing) throw new Error('storage gone');
      return items.has(key) ? { [key]: items.get(key) } : {};
    },
    set: async (entries: Record<string, unknown>) => {
      if (s.failing) throw new Error('storage gone');
      for (const [k, v] of Object.entries(entries)) items.set(k, structuredClone(v));
    },
    remove: async (key: string) => {
      items.delete(key);
    },
  };
  return s;
}

function memoryLocal(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('edit journal', () => {
  it('keeps each edit in both copies and reads it back', async () => {
    const storage = memoryStorage();
    const local = memoryLocal();
    const journal = editJournal(storage, local);
    journal.write('r1', { at: 5, edit: { description: '甲' } });
    // The page's copy is there synchronously, before any await.
    expect(JSON.parse(local.map.get('formJournal:r1')!)).toEqual({ at: 5, edit: { description: '甲' } });
    await flush();
    expect(storage.items.get('formJournal:r1')).toEqual({ at: 5, edit: { description: '甲' } });
    expect(await journal.read('r1')).toEqual({ at: 5, edit: { description: '甲' } });
  });

  it('reads the newer copy when the extension storage lost the last write', async () => {
    const storage = memoryStorage();
    const local = memoryLocal();
    const journal = editJournal(storage, local);
    journal.write('r1', { at: 1, edit: { description: '冒充' } });
    await flush();
    // The last keystroke's extension storage call never arrived (the popup closed); the page's copy has it.
    local.setItem('formJournal:r1', JSON.stringify({ at: 2, edit: { description: '冒充理财' } }));
    expect(await journal.read('r1')).toEqual({ at: 2, edit: { description: '冒充理财' } });
    // And the other way round: a page copy older than the extension storage's (another popup's) loses.
    storage.items.set('formJournal:r1', { at: 3, edit: { description: '冒充理财导师' } });
    expect(await journal.read('r1')).toEqual({ at: 3, edit: { description: '冒充理财导师' } });
  });

  it('works with either copy missing or broken, and clears both', async () => {
    const storage = memoryStorage();
    const local = memoryLocal();
    const journal = editJournal(storage, local);
    journal.write('r1', { at: 7, edit: 'x' });
    await flush();
    storage.failing = true;
    expect(await journal.read('r1')).toEqual({ at: 7, edit: 'x' });
    storage.failing = false;
    local.setItem('formJournal:r1', '{not json');
    expect(await journal.read('r1')).toEqual({ at: 7, edit: 'x' });
    local.setItem('formJournal:r1', JSON.stringify({ at: 'soon', edit: 'y' }));
    expect(await journal.read('r1')).toEqual({ at: 7, edit: 'x' });

    const withoutLocal = editJournal(storage, undefined);
    expect(await withoutLocal.read('r1')).toEqual({ at: 7, edit: 'x' });
    const full = memoryLocal();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const quota = editJournal(storage, full);
    expect(() => quota.write('r2', { at: 9, edit: 'z' })).not.toThrow();
    await flush();
    expect(await quota.read('r2')).toEqual({ at: 9, edit: 'z' });

    journal.clear('r1');
    await flush();
    expect(local.map.has('formJournal:r1')).toBe(false);
    expect(storage.items.has('formJournal:r1')).toBe(false);
    expect(await journal.read('r1')).toBeUndefined();
  });
});
