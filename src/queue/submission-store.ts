// Submissions in IndexedDB (the `submissions` store of the report database), behind one interface.
// Every change is a read-modify-write inside one transaction, so two contexts (the worker and a page, or
// two wake-ups of the worker) cannot overwrite each other's transition.
import type { IDBPDatabase } from 'idb';
import type { Report } from '../model/report';
import type { Submission, SubmissionState } from '../model/submission';
import { abandon, DB_NAME, openReportDb, ReportNotFoundError, type ReportAssistantDB } from '../storage/report-store';
import type { EventLogTarget } from '../lifecycle/event-log';

/**
 * Called inside the transaction that stores a change (`before` is null for a new submission), with a
 * transaction that also covers `events` and `reports`: the lifecycle event log records each transition
 * atomically with it, so a stopped worker can neither lose an event nor log one twice.
 */
export type TransitionRecorder = (tx: EventLogTarget, before: Submission | null, after: Submission) => Promise<void>;

export class SubmissionNotFoundError extends Error {
  constructor(readonly submissionId: string) {
    super(`submission ${submissionId} not found`);
    this.name = 'SubmissionNotFoundError';
  }
}

export interface SubmissionStore {
  /**
   * Persists the submissions of a report and applies `changeReport` to the report, in one transaction.
   * Destinations that already have a submission for this report keep it (a repeated request creates
   * nothing twice); returns the report's submissions for the requested destinations.
   */
  createForReport(
    reportId: string,
    submissions: Submission[],
    changeReport: (report: Report) => Report,
  ): Promise<Submission[]>;
  /** Adds submissions as they are (benchmarks, escalation). */
  putAll(submissions: Submission[]): Promise<void>;
  get(id: string): Promise<Submission | undefined>;
  listByReport(reportId: string): Promise<Submission[]>;
  listByStates(states: readonly SubmissionState[]): Promise<Submission[]>;
  /**
   * Applies `change` atomically. `change` may return `undefined` to leave the row as it is (e.g. another
   * context already moved it on) or throw (an illegal transition), which aborts the transaction.
   */
  update(id: string, change: (current: Submission) => Submission | undefined): Promise<Submission>;
}

type Db = IDBPDatabase<ReportAssistantDB>;
// The schema types the store loosely (its model lives here, not in storage); rows are Submissions.
type Row = ReportAssistantDB['submissions']['value'];
const toRow = (s: Submission): Row => s as unknown as Row;
const fromRow = (r: Row): Submission => r as unknown as Submission;

export class IdbSubmissionStore implements SubmissionStore {
  private dbPromise: Promise<Db> | undefined;

  constructor(
    private readonly name = DB_NAME,
    private readonly record?: TransitionRecorder,
  ) {}

  private stores(): Array<'submissions' | 'reports' | 'events'> {
    return this.record ? ['submissions', 'reports', 'events'] : ['submissions', 'reports'];
  }

  private db(): Promise<Db> {
    this.dbPromise ??= openReportDb(this.name).then((db) => {
      db.addEventListener('versionchange', () => {
        db.close();
        this.dbPromise = undefined;
      });
      return db;
    });
    return this.dbPromise;
  }

  async createForReport(
    reportId: string,
    submissions: Submission[],
    changeReport: (report: Report) => Report,
  ): Promise<Submission[]> {
    const db = await this.db();
    const tx = db.transaction(this.stores(), 'readwrite');
    const reports = tx.objectStore('reports');
    const store = tx.objectStore('submissions');
    const report = await reports.get(reportId);
    if (!report) return abandon(tx, new ReportNotFoundError(reportId));
    let next: Report;
    try {
      next = changeReport(report);
    } catch (err) {
      return abandon(tx, err);
    }
    const existing = (await store.index('by-report').getAll(reportId)).map(fromRow);
    const out: Submission[] = [];
    for (const s of submissions) {
      // One per (report, destination); an escalation is one per (report, destination, escalated-from).
      const already = existing.find((e) => e.destinationId === s.destinationId && (e.escalatedFrom ?? null) === (s.escalatedFrom ?? null));
      if (already) {
        out.push(already);
      } else {
        await store.add(toRow(s));
        await this.record?.(tx as unknown as EventLogTarget, null, s);
        out.push(s);
      }
    }
    // Re-read: the recorder may have updated the report's lifecycle summary in this transaction.
    const latest = (await reports.get(reportId)) ?? report;
    await reports.put({ ...latest, ...diff(report, next), id: reportId, updatedAt: new Date().toISOString() });
    await tx.done;
    return out;
  }

  async putAll(submissions: Submission[]): Promise<void> {
    const db = await this.db();
    const tx = db.transaction('submissions', 'readwrite');
    await Promise.all([...submissions.map((s) => tx.store.put(toRow(s))), tx.done]);
  }

  async get(id: string): Promise<Submission | undefined> {
    const row = await (await this.db()).get('submissions', id);
    return row ? fromRow(row) : undefined;
  }

  async listByReport(reportId: string): Promise<Submission[]> {
    const rows = await (await this.db()).getAllFromIndex('submissions', 'by-report', reportId);
    return rows.map(fromRow).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async listByStates(states: readonly SubmissionState[]): Promise<Submission[]> {
    const db = await this.db();
    const tx = db.transaction('submissions');
    const lists = await Promise.all(states.map((s) => tx.store.index('by-state').getAll(s)));
    await tx.done;
    return lists.flat().map(fromRow);
  }

  async update(id: string, change: (current: Submission) => Submission | undefined): Promise<Submission> {
    const db = await this.db();
    const tx = db.transaction(this.stores(), 'readwrite');
    const subs = tx.objectStore('submissions');
    const row = await subs.get(id);
    if (!row) return abandon(tx, new SubmissionNotFoundError(id));
    const current = fromRow(row);
    let next: Submission | undefined;
    try {
      next = change(current);
    } catch (err) {
      return abandon(tx, err);
    }
    if (next) {
      await subs.put(toRow({ ...next, id }));
      await this.record?.(tx as unknown as EventLogTarget, current, { ...next, id });
    }
    await tx.done;
    return next ?? current;
  }
}

/** The fields `change` set on a report (so a concurrent lifecycle update in the same transaction is kept). */
function diff(before: Report, after: Report): Partial<Report> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if ((before as unknown as Record<string, unknown>)[key] !== value) out[key] = value;
  }
  return out as Partial<Report>;
}
