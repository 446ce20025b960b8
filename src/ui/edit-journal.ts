// The form's edit journal: every edit is also kept outside IndexedDB at once, so a keystroke whose IndexedDB
// write had not run when the popup closed is replayed on the next open (see report-form.tsx).
//
// Kept twice. `localStorage` takes the entry synchronously in the page and hands it to the browser over
// a channel of the storage partition's own, while an extension storage call is handled for the page's frame.
// A loaded CI machine reopened a report without the keystrokes made just before the popup closed (the
// walking-skeleton e2e): by all signs the storage.local call was lost with the IndexedDB write it was meant
// to cover — inferred, not reproduced. Extension storage stays as the second copy (a page without
// localStorage, a cleared one). The newer entry wins.
import type { EditJournal } from './report-form';

type Entry = { at: number; edit: unknown };

export interface JournalStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (reportId: string) => `formJournal:${reportId}`;

function asEntry(value: unknown): Entry | undefined {
  const v = value as { at?: unknown; edit?: unknown } | null | undefined;
  return v && typeof v === 'object' && typeof v.at === 'number' && Number.isFinite(v.at) ? { at: v.at, edit: v.edit } : undefined;
}

export function editJournal(storage: JournalStorage, local: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined): EditJournal {
  return {
    write: (id, entry) => {
      try {
        local?.setItem(keyOf(id), JSON.stringify(entry));
      } catch {
        // Full or refused: the extension storage copy below still holds it.
      }
      void storage.set({ [keyOf(id)]: entry }).catch(() => undefined);
    },
    read: async (id) => {
      let fromLocal: Entry | undefined;
      try {
        const raw = local?.getItem(keyOf(id));
        fromLocal = raw ? asEntry(JSON.parse(raw)) : undefined;
      } catch {
        fromLocal = undefined;
      }
      const fromStorage = await storage.get(keyOf(id)).then(
        (items) => asEntry(items[keyOf(id)]),
        () => undefined,
      );
      if (!fromLocal) return fromStorage;
      if (!fromStorage) return fromLocal;
      return fromLocal.at >= fromStorage.at ? fromLocal : fromStorage;
    },
    clear: (id) => {
      try {
        local?.removeItem(keyOf(id));
      } catch {
        // Nothing to clear there.
      }
      void storage.remove(keyOf(id)).catch(() => undefined);
    },
  };
}
