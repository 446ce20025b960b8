// Plain in-page functions for the browser tests, shared by the Chromium (playwright) and Firefox
// (puppeteer) specs. Both drivers send a function's source text to the page, so each function here is
// self-contained: it refers to nothing outside its own body (no imports, no other function of this file),
// and takes at most ONE argument (playwright's `evaluate(fn, arg)` passes one; puppeteer's passes its rest
// arguments, so one works for both). Call them through `inPage(page, fn, arg)`, which accepts either
// driver's Page, or hand them to `page.evaluate` directly.
//
// They run on one of the extension's own pages (popup, dashboard, manifest.json), where the extension's
// IndexedDB `report-assistant` and its `browser`/`chrome` APIs are.
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/** A page of either driver. Only `evaluate(fn, arg)` is used, which means the same in both. */
export type AnyPage = PlaywrightPage | PuppeteerPage;

/** Runs one of the functions below (or any self-contained one-argument function) in `page`. */
export function inPage<A, R>(page: AnyPage, fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> {
  // Both drivers' evaluate(fn, arg) serialise fn's source and pass arg as JSON-like data.
  const evaluate = page.evaluate.bind(page) as unknown as (f: (a: A) => unknown, a: A) => Promise<Awaited<R>>;
  return evaluate(fn, arg);
}

export interface RowsQuery {
  store: string;
  /** An index of the store and the key to look up in it; every row of the store without one. */
  index?: string;
  key?: IDBValidKey;
}

/** Every row of one store of the extension's database (optionally: the rows under one index key). */
export async function dbRows(query: RowsQuery): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise<unknown[]>((resolve, reject) => {
      const store = db.transaction(query.store).objectStore(query.store);
      const req = query.index ? store.index(query.index).getAll(query.key) : store.getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Puts rows into stores of the extension's database, in one transaction. */
export async function dbPut(puts: Array<{ store: string; row: unknown }>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const tx = db.transaction(Array.from(new Set(puts.map((p) => p.store))), 'readwrite');
    for (const p of puts) tx.objectStore(p.store).put(p.row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export interface ArtifactDigest {
  id: string;
  reportId: string;
  type: string;
  size: number;
  sha256: string;
}

/** Each stored artifact with the SHA-256 of its bytes computed now, in the browser. */
export async function dbArtifactDigests(_: null = null): Promise<ArtifactDigest[]> {
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
  const out: ArtifactDigest[] = [];
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
}

/**
 * Every store of the extension's database, each blob replaced by its type, size and SHA-256 and each
 * CryptoKey by the word 'CryptoKey': two snapshots are equal when the stored data is byte for byte equal.
 */
export async function dbSnapshot(_: null = null): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const walk = async (v: unknown): Promise<unknown> => {
    if (v instanceof Blob) return { blob: v.type, size: v.size, sha256: hex(await crypto.subtle.digest('SHA-256', await v.arrayBuffer())) };
    if (v instanceof CryptoKey) return 'CryptoKey';
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = await walk(x);
      return out;
    }
    return v;
  };
  const out: Record<string, unknown[]> = {};
  for (const name of Array.from(db.objectStoreNames)) {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    out[name] = await Promise.all(rows.map(walk));
  }
  db.close();
  return out;
}

export interface PixelQuery {
  /** The artifact's id (a stored image). */
  id: string;
  /** Also read the colour down the middle column every `columnStep` px. */
  columnStep?: number;
  /** Also read the colours of these pixels. */
  points?: Array<{ x: number; y: number }>;
}

export interface Pixels {
  width: number;
  height: number;
  /** "r,g,b" down the middle column, from the top, every `columnStep` px. */
  column: string[];
  /** "r,g,b" of each asked point, in order. */
  points: string[];
}

/** An image artifact's size in pixels and, on request, some of its pixels ("r,g,b"). */
export async function artifactPixels(query: PixelQuery): Promise<Pixels> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const row = await new Promise<{ blob: Blob } | undefined>((resolve, reject) => {
    const req = db.transaction('artifacts').objectStore('artifacts').get(query.id);
    req.onsuccess = () => resolve(req.result as { blob: Blob } | undefined);
    req.onerror = () => reject(req.error);
  });
  db.close();
  if (!row) throw new Error(`no artifact ${query.id}`);
  const bmp = await createImageBitmap(row.blob);
  const canvas = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  const rgb = (x: number, y: number) => {
    const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
    return `${r},${g},${b}`;
  };
  const column: string[] = [];
  if (query.columnStep) for (let y = 0; y < bmp.height; y += query.columnStep) column.push(rgb(Math.floor(bmp.width / 2), y));
  const points = (query.points ?? []).map((p) => rgb(p.x, p.y));
  return { width: bmp.width, height: bmp.height, column, points };
}

/** Sends a message to the extension's background as one of its pages does; resolves to the answer. */
export function sendToBackground(message: unknown): Promise<unknown> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? (globalThis as unknown as { chrome: typeof chrome }).chrome;
  return api.runtime.sendMessage(message) as Promise<unknown>;
}

/** Sets values in the extension's `storage.local` (settings, test settings). */
export function setLocalStorage(values: Record<string, unknown>): Promise<void> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? (globalThis as unknown as { chrome: typeof chrome }).chrome;
  return api.storage.local.set(values);
}

/** The toolbar badge's text (all tabs). */
export function badgeTextInPage(_: null = null): Promise<string> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? (globalThis as unknown as { chrome: typeof chrome }).chrome;
  return api.action.getBadgeText({});
}

/** Flips one bit in the middle of a stored artifact's bytes (to test that verification names it). */
export async function flipArtifactBit(id: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const row = await new Promise<{ blob: Blob } | undefined>((resolve, reject) => {
    const req = db.transaction('artifacts').objectStore('artifacts').get(id);
    req.onsuccess = () => resolve(req.result as { blob: Blob } | undefined);
    req.onerror = () => reject(req.error);
  });
  if (!row) throw new Error(`no artifact ${id}`);
  const bytes = new Uint8Array(await row.blob.arrayBuffer());
  bytes[Math.floor(bytes.length / 2)]! ^= 1;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('artifacts', 'readwrite');
    tx.objectStore('artifacts').put({ ...row, blob: new Blob([bytes], { type: row.blob.type }) });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export interface SigningKeyFacts {
  extractable: boolean;
  /** Whether exporting the private key was 'refused' (it must be) or 'exported'. */
  exported: 'exported' | 'refused';
  keyId: string;
}

/** What can be learnt about the stored signing key from a page of the extension: it must not be readable. */
export async function signingKeyFacts(_: null = null): Promise<SigningKeyFacts> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('report-assistant');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const row = await new Promise<{ value: { keyPair: CryptoKeyPair; keyId: string } }>((resolve, reject) => {
    const req = db.transaction('meta').objectStore('meta').get('evidence-signing-key');
    req.onsuccess = () => resolve(req.result as { value: { keyPair: CryptoKeyPair; keyId: string } });
    req.onerror = () => reject(req.error);
  });
  db.close();
  const exported = await crypto.subtle.exportKey('jwk', row.value.keyPair.privateKey).then(
    () => 'exported' as const,
    () => 'refused' as const,
  );
  return { extractable: row.value.keyPair.privateKey.extractable, exported, keyId: row.value.keyId };
}

/**
 * Opens a read-write transaction on one store of the extension's database and keeps it running (a chain of
 * reads) until `window.releaseHeldStore()` is called: the extension's own writes to that store, or reads
 * of it, wait behind it. Resolves once the transaction runs.
 */
export function holdStore(store: string): Promise<void> {
  return new Promise<void>((running) => {
    const open = indexedDB.open('report-assistant');
    open.onsuccess = () => {
      const objects = open.result.transaction(store, 'readwrite').objectStore(store);
      let released = false;
      (window as unknown as { releaseHeldStore: () => void }).releaseHeldStore = () => void (released = true);
      const spin = () => {
        if (!released) objects.get('-').onsuccess = spin;
      };
      objects.get('-').onsuccess = () => {
        running();
        spin();
      };
    };
  });
}
