// Reports and their evidence, in IndexedDB, behind one interface.
// The popup, the dashboard and the service worker all open the same database (same extension origin),
// so nothing that matters ever lives only in a context that can be closed or killed.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ArtifactRecord, Report } from '../model/report';

export const DB_NAME = 'report-assistant';

export interface ReportAssistantDB extends DBSchema {
  reports: {
    key: string;
    value: Report;
    indexes: { 'by-updated': string; 'by-status': string; 'by-stage': string };
  };
  artifacts: {
    key: string;
    value: ArtifactRecord;
    indexes: { 'by-report': string };
  };
  /** Small named values: the signing key, settings that must be transactional with reports. */
  meta: {
    key: string;
    value: { key: string; value: unknown };
  };
  /** One row per (report, destination): the submission queue (src/queue). */
  submissions: {
    key: string;
    value: { id: string; reportId: string; state: string; nextAttemptAt?: string | null } & Record<string, unknown>;
    indexes: { 'by-report': string; 'by-state': string };
  };
  /** The append-only, hash-chained event log of every report (src/lifecycle). */
  events: {
    key: string;
    value: { id: string; reportId: string; seq: number } & Record<string, unknown>;
    /** by-report-seq is unique: two contexts appending to one report at once cannot fork its chain. */
    indexes: { 'by-report': string; 'by-report-seq': [string, number] };
  };
}

type UpgradeTx = IDBPTransaction<ReportAssistantDB, StoreNames<ReportAssistantDB>[], 'versionchange'>;

/**
 * Schema migrations, in order: entry N upgrades a database from version N to N+1.
 * Never edit a shipped step; append a new one. The database version is `MIGRATIONS.length`.
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<ReportAssistantDB>, tx: UpgradeTx) => void> = [
  // 0 → 1: reports, their artifacts, and a key-value meta store.
  (db) => {
    const reports = db.createObjectStore('reports', { keyPath: 'id' });
    reports.createIndex('by-updated', 'updatedAt');
    reports.createIndex('by-status', 'status');
    // The lifecycle stage (src/lifecycle): the reminder scan reads only the reports still waiting.
    reports.createIndex('by-stage', 'lifecycle.stage');
    const artifacts = db.createObjectStore('artifacts', { keyPath: 'id' });
    artifacts.createIndex('by-report', 'reportId');
    db.createObjectStore('meta', { keyPath: 'key' });
    const submissions = db.createObjectStore('submissions', { keyPath: 'id' });
    submissions.createIndex('by-report', 'reportId');
    submissions.createIndex('by-state', 'state');
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-report', 'reportId');
    events.createIndex('by-report-seq', ['reportId', 'seq'], { unique: true });
    // (Until the first release, step 0 may still grow: nothing has shipped.)
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function openReportDb(name = DB_NAME): Promise<IDBPDatabase<ReportAssistantDB>> {
  return openDB<ReportAssistantDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(db, tx);
    },
    blocking() {
      // Another context wants a newer schema: step aside so it can upgrade.
    },
  });
}

/** A read-write transaction over every store, for a caller's writes that must land with the store's own. */
export type WriteTx = IDBPTransaction<ReportAssistantDB, StoreNames<ReportAssistantDB>[], 'readwrite'>;
/** More writes in the same transaction (e.g. the report's first history entry); only IndexedDB requests may be awaited. */
export type AlsoWithin = (tx: WriteTx, report: Report) => Promise<unknown>;

export interface ReportStore {
  /** Saves a new report together with the bytes of its evidence, in one transaction (with `alsoWithin`'s writes). */
  create(report: Report, artifacts: ArtifactRecord[], alsoWithin?: AlsoWithin): Promise<void>;
  get(id: string): Promise<Report | undefined>;
  /** Applies `change` to the stored report atomically and returns the result; updates `updatedAt`. */
  update(id: string, change: (report: Report) => Report): Promise<Report>;
  /** Newest first. */
  list(filter?: { status?: Report['status'] }): Promise<Report[]>;
  getArtifact(id: string): Promise<ArtifactRecord | undefined>;
  delete(id: string): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  /** Stores `value` under `key` unless a value is already there; returns whichever value is stored. */
  setMetaIfAbsent<T>(key: string, value: T): Promise<T>;
  /**
   * Changes a report and its evidence bytes in one transaction: applies `change`, puts `put`, deletes
   * `remove` (artifact ids of this report, or a function of the report as read inside the transaction).
   * Used to append captured items and to purge artifacts.
   */
  updateWithArtifacts(
    id: string,
    change: (report: Report) => Report,
    artifacts: { put?: ArtifactRecord[]; remove?: string[] | ((current: Report) => string[]) },
    alsoWithin?: AlsoWithin,
  ): Promise<Report>;
}

/**
 * Ends a read-write transaction without writing anything and rejects with `err`: for a row that is missing
 * or a change that refused. Returns once the transaction has ended.
 */
export async function abandon(tx: { abort(): void; done: Promise<unknown> }, err: unknown): Promise<never> {
  tx.abort();
  await tx.done.catch(() => undefined);
  throw err;
}

export class ReportNotFoundError extends Error {
  constructor(readonly reportId: string) {
    super(`report ${reportId} not found`);
    this.name = 'ReportNotFoundError';
  }
}

export class IdbReportStore implements ReportStore {
  private dbPromise: Promise<IDBPDatabase<ReportAssistantDB>> | undefined;

  constructor(private readonly name = DB_NAME) {}

  private db(): Promise<IDBPDatabase<ReportAssistantDB>> {
    this.dbPromise ??= openReportDb(this.name).then((db) => {
      // If a newer version of the extension upgrades the schema, reopen on the next call.
      db.addEventListener('versionchange', () => {
        db.close();
        this.dbPromise = undefined;
      });
      return db;
    });
    return this.dbPromise;
  }

  async create(report: Report, artifacts: ArtifactRecord[], alsoWithin?: AlsoWithin): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(alsoWithin ? ['reports', 'artifacts', 'events'] : ['reports', 'artifacts'], 'readwrite') as unknown as WriteTx;
    await Promise.all([
      tx.objectStore('reports').add(report),
      ...artifacts.map((a) => tx.objectStore('artifacts').put(a)),
      ...(alsoWithin ? [alsoWithin(tx, report)] : []),
      tx.done,
    ]);
  }

  async get(id: string): Promise<Report | undefined> {
    return (await this.db()).get('reports', id);
  }

  async update(id: string, change: (report: Report) => Report): Promise<Report> {
    const db = await this.db();
    const tx = db.transaction('reports', 'readwrite');
    const current = await tx.store.get(id);
    if (!current) return abandon(tx, new ReportNotFoundError(id));
    const next = { ...change(current), id, updatedAt: new Date().toISOString() };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  async list(filter: { status?: Report['status'] } = {}): Promise<Report[]> {
    const db = await this.db();
    const all = filter.status
      ? await db.getAllFromIndex('reports', 'by-status', filter.status)
      : await db.getAll('reports');
    return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  async getArtifact(id: string): Promise<ArtifactRecord | undefined> {
    return (await this.db()).get('artifacts', id);
  }

  async delete(id: string): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'artifacts'], 'readwrite');
    const artifactKeys = await tx.objectStore('artifacts').index('by-report').getAllKeys(id);
    await Promise.all([
      tx.objectStore('reports').delete(id),
      ...artifactKeys.map((key) => tx.objectStore('artifacts').delete(key)),
      tx.done,
    ]);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    const row = await (await this.db()).get('meta', key);
    return row?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await (await this.db()).put('meta', { key, value });
  }

  async setMetaIfAbsent<T>(key: string, value: T): Promise<T> {
    const db = await this.db();
    const tx = db.transaction('meta', 'readwrite');
    const existing = await tx.store.get(key);
    if (existing) {
      await tx.done;
      return existing.value as T;
    }
    await tx.store.add({ key, value });
    await tx.done;
    return value;
  }

  async updateWithArtifacts(
    id: string,
    change: (report: Report) => Report,
    artifacts: { put?: ArtifactRecord[]; remove?: string[] | ((current: Report) => string[]) },
    alsoWithin?: AlsoWithin,
  ): Promise<Report> {
    const db = await this.db();
    const tx = db.transaction(alsoWithin ? ['reports', 'artifacts', 'events'] : ['reports', 'artifacts'], 'readwrite') as unknown as WriteTx;
    const reports = tx.objectStore('reports');
    const current = await reports.get(id);
    if (!current) return abandon(tx, new ReportNotFoundError(id));
    let changed: Report;
    try {
      changed = change(current);
    } catch (err) {
      // The change refused: nothing is written.
      return abandon(tx, err);
    }
    const next = { ...changed, id, updatedAt: new Date().toISOString() };
    const store = tx.objectStore('artifacts');
    const remove = typeof artifacts.remove === 'function' ? artifacts.remove(current) : (artifacts.remove ?? []);
    for (const key of remove) {
      const row = await store.get(key);
      // Only this report's artifacts: an id from elsewhere must not delete another report's evidence.
      if (row?.reportId === id) await store.delete(key);
    }
    for (const record of artifacts.put ?? []) await store.put({ ...record, reportId: id });
    await reports.put(next);
    if (alsoWithin) await alsoWithin(tx, next);
    await tx.done;
    return next;
  }
}
