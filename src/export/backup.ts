// Backup and restore of everything in the report database, and "delete everything".
//
// A backup is a ZIP: `backup.json` holds every row of every object store (whatever stores the schema
// has, so a store added later is backed up without a change here), with each Blob, ArrayBuffer or typed
// array replaced by a reference to a file under `blobs/` that holds its bytes exactly. Restore puts back
// the same rows and the same bytes in one transaction.
//
// One thing cannot travel: the evidence signing key's private half is non-extractable by design (a
// signature means "made by this installation"). Rows holding a CryptoKey are left out and listed in
// `skipped`; the public key goes into the backup and is restored under RESTORED_KEYS_META, so evidence
// signed before the backup can still be checked against it, and the new installation makes its own key.
import type { IDBPDatabase } from 'idb';
import type { ReportAssistantDB } from '../storage/report-store';
import { readText, text, unzip, zip, type Files } from './zip-files';

export const BACKUP_FORMAT = 'report-assistant-backup/1';
export const RESTORED_KEYS_META = 'restored-public-keys';
/**
 * meta keys that are test settings of this installation and never come back from a file: a crafted backup
 * must not switch them on (`testMediaPrivateHosts` would let "fetch media" reach 127.0.0.1; issue 24, item 19).
 */
export const NEVER_RESTORED_META: readonly string[] = ['testMediaPrivateHosts'];

type Db = IDBPDatabase<ReportAssistantDB>;
type AnyDb = IDBPDatabase<unknown>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  dbVersion: number;
  stores: Record<string, unknown[]>;
  /** Rows that could not be exported: store and key. */
  skipped: Array<{ store: string; key: string; reason: string }>;
  /** Public keys (JWK) found next to skipped private keys. */
  publicKeys: unknown[];
}

class Unexportable extends Error {}

/** Replaces binary values with `{ $blob }` / `{ $bytes }` references and collects their bytes. */
async function encode(value: unknown, blobs: Files, counter: { n: number }): Promise<unknown> {
  if (value instanceof Blob) {
    const name = `blobs/${String(counter.n++).padStart(6, '0')}`;
    blobs[name] = new Uint8Array(await value.arrayBuffer());
    return { $blob: name, type: value.type };
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const name = `blobs/${String(counter.n++).padStart(6, '0')}`;
    const view = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    blobs[name] = view.slice();
    return { $bytes: name, view: value instanceof ArrayBuffer ? 'ArrayBuffer' : value.constructor.name };
  }
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) throw new Unexportable('CryptoKey');
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) {
    const out = [];
    for (const v of value) out.push(await encode(v, blobs, counter));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A key that looks like a reference is escaped, so restore cannot mistake data for a reference.
      out[k.startsWith('$') ? `$${k}` : k] = await encode(v, blobs, counter);
    }
    return out;
  }
  return value;
}

function decode(value: unknown, files: Files): unknown {
  if (Array.isArray(value)) return value.map((v) => decode(v, files));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$blob === 'string') {
      const bytes = files[o.$blob];
      if (!bytes) throw new Error(`backup is missing ${o.$blob}`);
      return new Blob([bytes as BlobPart], { type: typeof o.type === 'string' ? o.type : '' });
    }
    if (typeof o.$bytes === 'string') {
      const bytes = files[o.$bytes];
      if (!bytes) throw new Error(`backup is missing ${o.$bytes}`);
      return o.view === 'ArrayBuffer' ? bytes.slice().buffer : bytes.slice();
    }
    if (typeof o.$date === 'string') return new Date(o.$date);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k.startsWith('$$') ? k.slice(1) : k] = decode(v, files);
    return out;
  }
  return value;
}

export async function createBackup(db: Db, now = new Date()): Promise<Uint8Array> {
  const anyDb = db as unknown as AnyDb;
  const names = [...anyDb.objectStoreNames];
  // Read every store in one transaction: a consistent snapshot.
  const tx = anyDb.transaction(names, 'readonly');
  const raw: Record<string, { keys: IDBValidKey[]; values: unknown[]; keyPath: string | string[] | null }> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    raw[name] = { keys, values, keyPath: store.keyPath as string | string[] | null };
  }
  await tx.done;

  const blobs: Files = {};
  const counter = { n: 0 };
  const file: BackupFile = { format: BACKUP_FORMAT, createdAt: now.toISOString(), dbVersion: db.version, stores: {}, skipped: [], publicKeys: [] };
  for (const name of names) {
    const rows: unknown[] = [];
    const { keys, values, keyPath } = raw[name]!;
    for (let i = 0; i < values.length; i++) {
      try {
        const encoded = await encode(values[i], blobs, counter);
        // Stores without a key path (none today) keep their keys alongside.
        rows.push(keyPath ? encoded : { key: keys[i], value: encoded });
      } catch (err) {
        if (!(err instanceof Unexportable)) throw err;
        file.skipped.push({ store: name, key: String(keys[i]), reason: err.message });
        const pub = (values[i] as { value?: { publicJwk?: unknown } })?.value?.publicJwk;
        if (pub) file.publicKeys.push(pub);
      }
    }
    file.stores[name] = rows;
  }
  return zip({ 'backup.json': text(JSON.stringify(file)), ...blobs }, now);
}

export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

export function readBackup(bytes: Uint8Array): { file: BackupFile; files: Files } {
  const files = unzip(bytes);
  const json = files['backup.json'];
  if (!json) throw new BackupFormatError('backup.json is missing');
  let file: BackupFile;
  try {
    file = JSON.parse(readText(json)) as BackupFile;
  } catch {
    throw new BackupFormatError('backup.json is not JSON');
  }
  if (file?.format !== BACKUP_FORMAT || !file.stores || typeof file.stores !== 'object') throw new BackupFormatError(`not a ${BACKUP_FORMAT} file`);
  return { file, files };
}

export interface RestoreSummary {
  stores: Record<string, number>;
  skipped: BackupFile['skipped'];
}

/**
 * Replaces the database's contents with the backup's, in one transaction (all or nothing). Stores the
 * backup has that this schema does not are reported, not invented.
 */
export async function restoreBackup(db: Db, bytes: Uint8Array): Promise<RestoreSummary> {
  const { file, files } = readBackup(bytes);
  const anyDb = db as unknown as AnyDb;
  const names = [...anyDb.objectStoreNames];
  // Decode (and find missing blobs) before touching anything.
  const decoded: Record<string, unknown[]> = {};
  for (const name of names) {
    const rows = (file.stores[name] ?? []).filter((row) => name !== 'meta' || !NEVER_RESTORED_META.includes((row as { key?: unknown })?.key as string));
    decoded[name] = rows.map((row) => decode(row, files));
  }
  const tx = anyDb.transaction(names, 'readwrite');
  const counts: Record<string, number> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    // Rows the backup could not carry (this installation's private key) stay as they are here.
    const keep: Array<{ key: IDBValidKey; value: unknown }> = [];
    for (const s of file.skipped.filter((x) => x.store === name)) {
      const current: unknown = await store.get(s.key);
      if (current !== undefined) keep.push({ key: s.key, value: current });
    }
    await store.clear();
    for (const k of keep) await (store.keyPath ? store.put(k.value) : store.put(k.value, k.key));
    for (const row of decoded[name]!) {
      if (store.keyPath) await store.put(row);
      else {
        const { key, value } = row as { key: IDBValidKey; value: unknown };
        await store.put(value, key);
      }
    }
    counts[name] = decoded[name]!.length;
  }
  if (file.publicKeys.length > 0 && names.includes('meta')) {
    await tx.objectStore('meta').put({ key: RESTORED_KEYS_META, value: file.publicKeys });
  }
  await tx.done;
  return { stores: counts, skipped: file.skipped };
}

/** Empties every store: reports, evidence, submissions, history, settings kept in the database, the key. */
export async function deleteEverything(db: Db): Promise<void> {
  const anyDb = db as unknown as AnyDb;
  const names = [...anyDb.objectStoreNames];
  const tx = anyDb.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
