// The append-only, hash-chained history of each report, in the `events` store.
//
// Every entry carries the hash of the entry before it (`prevHash`) and its own hash over everything it
// says (`hash` = SHA-256 of the canonical JSON of the entry without `hash`). Editing any entry breaks its
// own hash; editing it AND recomputing its hash breaks the next entry's link. So `verifyChain` names the
// entry that was changed. (An edit of the newest entry with a recomputed hash leaves nothing after it to
// catch it: pass `expectedHead`, e.g. the head recorded in a signed evidence pack, to cover that too.)
//
// Appending reads the last entry and writes the new one in the same IndexedDB transaction, and the
// (reportId, seq) index is unique, so two contexts appending at once cannot fork the chain.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { canonicalJson } from '../evidence/hash';
import type { ReportAssistantDB } from '../storage/report-store';
import { sha256HexSync } from './sha256-sync';
import { applyEvent, currentSummary, type LifecycleSummary } from './lifecycle';

export const EVENT_TYPES = [
  /** Evidence captured and a draft stored. */
  'captured',
  /** The person changed the report after saving it. */
  'edited',
  /** The draft became a saved report. */
  'saved',
  /** A submission was handed to a destination. data: { submissionId, destinationId } */
  'submitted',
  /** The destination acknowledged it. data: { submissionId, destinationId, receipt?, queryCode? } */
  'receipt',
  /** Any other change of a submission's state (queued, failed, rate-limited…). data: { submissionId, state } */
  'submission-state',
  /** An answer from the destination. data: { submissionId?, destinationId, outcome, note?, source } */
  'feedback',
  /** The response window passed without feedback and the person was reminded. data: { submissionId, destinationId, dueAt } */
  'reminder',
  /** A new submission was created one step up the ladder. data: { fromSubmissionId, toDestinationId, submissionId? } */
  'escalated',
  /** The person closed the report. data: { note? } */
  'closed',
  /** The person set the status by hand. data: { status | outcome, note } */
  'status-set-by-hand',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventData = { [key: string]: JsonValue };

export interface ReportEvent {
  id: string;
  reportId: string;
  /** 0 for the first entry of a report, then +1 each. */
  seq: number;
  type: EventType;
  /** UTC ISO time of the event. */
  at: string;
  data: EventData;
  /** `hash` of the previous entry; GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashEvent(entry: Omit<ReportEvent, 'hash'>): string {
  const { id, reportId, seq, type, at, data, prevHash } = entry;
  return sha256HexSync(canonicalJson({ id, reportId, seq, type, at, data, prevHash }));
}

type Db = IDBPDatabase<ReportAssistantDB>;
type EventsTx = IDBPTransaction<ReportAssistantDB, StoreNames<ReportAssistantDB>[], 'readwrite'>;
/** A database, or an open read-write transaction that includes the `events` store (to record atomically with other writes). */
export type EventLogTarget = Db | EventsTx;

function isTransaction(target: EventLogTarget): target is EventsTx {
  return 'objectStoreNames' in target && 'mode' in target;
}

export interface RecordOptions {
  /** The event's time; the caller's clock (which may carry a test offset). */
  now?: Date;
}

/**
 * Appends one event to a report's chain and returns it. Inside a caller's transaction, the entry commits
 * with the caller's other writes; otherwise it gets its own transaction.
 */
export async function recordEvent(
  target: EventLogTarget,
  reportId: string,
  type: EventType,
  data: EventData = {},
  options: RecordOptions = {},
): Promise<ReportEvent> {
  if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new Error(`unknown event type ${String(type)}`);
  // Round-trip through JSON so what is hashed is exactly what is stored and read back (no undefined, no Dates).
  const cleanData = JSON.parse(JSON.stringify(data)) as EventData;
  const own = !isTransaction(target);
  const tx = isTransaction(target) ? target : (target.transaction(['events', 'reports'], 'readwrite') as unknown as EventsTx);
  const events = tx.objectStore('events');
  const cursor = await events
    .index('by-report-seq')
    .openCursor(IDBKeyRange.bound([reportId, -Infinity], [reportId, Infinity]), 'prev');
  const last = cursor?.value as ReportEvent | undefined;
  const base: Omit<ReportEvent, 'hash'> = {
    id: crypto.randomUUID(),
    reportId,
    seq: last ? last.seq + 1 : 0,
    type,
    at: (options.now ?? new Date()).toISOString(),
    data: cleanData,
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  const entry: ReportEvent = { ...base, hash: hashEvent(base) };
  // The store is typed loosely (shared with code that predates this type); the entry is a plain JSON record.
  await events.add(entry as unknown as ReportAssistantDB['events']['value']);
  // Keep the report's lifecycle summary in step, when the transaction can reach the report.
  if (tx.objectStoreNames.contains('reports')) {
    const reports = tx.objectStore('reports');
    const report = await reports.get(reportId);
    if (report) {
      const summary = currentSummary(report as unknown as { status: string; lifecycle?: LifecycleSummary });
      await reports.put({ ...report, lifecycle: applyEvent(summary, entry) });
    }
  }
  if (own) await tx.done;
  return entry;
}

/** A report's events, oldest first. */
export async function readEvents(db: Db, reportId: string): Promise<ReportEvent[]> {
  const rows = await db.getAllFromIndex('events', 'by-report-seq', IDBKeyRange.bound([reportId, -Infinity], [reportId, Infinity]));
  return rows as unknown as ReportEvent[];
}

export type ChainProblem =
  /** The entry's content no longer matches its own hash: it was edited. */
  | { kind: 'edited'; seq: number; id: string }
  /** The entry's link does not match the entry before it: that earlier entry was edited (and re-hashed), or removed. */
  | { kind: 'broken-link'; seq: number; id: string; editedSeq: number }
  /** A sequence number is missing: an entry was deleted. */
  | { kind: 'missing'; seq: number }
  /** The newest entry is not the expected head. */
  | { kind: 'head-mismatch'; seq: number; id: string }
  /** An entry of another report is in the list. */
  | { kind: 'foreign'; seq: number; id: string };

export type ChainVerdict = { ok: true; head: string; count: number } | { ok: false; problems: ChainProblem[]; head: string; count: number };

/**
 * Checks one report's chain. Entries may come in any order; they are checked in `seq` order.
 * Says which entry was edited: the first `edited` problem, or the `editedSeq` of a `broken-link`.
 */
export function verifyChain(entries: readonly ReportEvent[], expectedHead?: string): ChainVerdict {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const problems: ChainProblem[] = [];
  const reportId = sorted[0]?.reportId;
  let prev: ReportEvent | undefined;
  let expectedSeq = 0;
  for (const entry of sorted) {
    if (entry.reportId !== reportId) problems.push({ kind: 'foreign', seq: entry.seq, id: entry.id });
    while (expectedSeq < entry.seq) problems.push({ kind: 'missing', seq: expectedSeq++ });
    expectedSeq = entry.seq + 1;
    const { hash, ...rest } = entry;
    if (hashEvent(rest) !== hash) problems.push({ kind: 'edited', seq: entry.seq, id: entry.id });
    const wantPrev = prev && prev.seq === entry.seq - 1 ? prev.hash : entry.seq === 0 ? GENESIS_HASH : undefined;
    if (wantPrev !== undefined && entry.prevHash !== wantPrev) {
      problems.push({ kind: 'broken-link', seq: entry.seq, id: entry.id, editedSeq: entry.seq - 1 });
    }
    prev = entry;
  }
  const head = prev?.hash ?? GENESIS_HASH;
  if (expectedHead !== undefined && prev && head !== expectedHead) problems.push({ kind: 'head-mismatch', seq: prev.seq, id: prev.id });
  return problems.length === 0 ? { ok: true, head, count: sorted.length } : { ok: false, problems, head, count: sorted.length };
}

/** The seq numbers of entries that were changed, from a verdict (for messages such as "entry 3 was edited"). */
export function editedEntries(verdict: ChainVerdict): number[] {
  if (verdict.ok) return [];
  const seqs = new Set<number>();
  for (const p of verdict.problems) {
    if (p.kind === 'edited' || p.kind === 'head-mismatch') seqs.add(p.seq);
    else if (p.kind === 'broken-link') seqs.add(p.editedSeq);
  }
  return [...seqs].sort((a, b) => a - b);
}
