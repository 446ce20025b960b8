// The life of a report, as one state machine over its event log.
//
//   draft → saved → submitted → awaiting-feedback → handled | no-violation | rejected | no-answer
//                                                   no-answer | rejected | no-violation → escalated → …
//   any → closed;  any → (status set by hand)
//
// The event log (event-log.ts) is the truth; the stage is a fold of it (`foldEvents`). `recordEvent` also
// keeps a summary of the fold on the report (`Report.lifecycle`) in the same transaction, so the dashboard
// and the reminder scan read one row per report instead of every event.
import type { EventData, EventType, JsonValue, ReportEvent } from './event-log';

export const STAGES = [
  'draft',
  'saved',
  /** Handed to at least one destination; no acknowledgement yet. */
  'submitted',
  /** A destination acknowledged (receipt, 查询码); waiting for its answer. */
  'awaiting-feedback',
  /** The destination acted: removed or restricted the content. */
  'handled',
  'no-violation',
  'rejected',
  /** The response window passed without an answer. */
  'no-answer',
  /** Sent one step up the ladder; waiting for that destination. */
  'escalated',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export const OUTCOMES = ['removed', 'restricted', 'no-violation', 'rejected', 'no-answer'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Stages where a destination still owes an answer: the reminder scan looks only at these. */
export const WAITING_STAGES: readonly Stage[] = ['submitted', 'awaiting-feedback', 'escalated'];
/** Stages a report can be escalated from. */
export const ESCALATABLE_STAGES: readonly Stage[] = ['no-answer', 'rejected', 'no-violation', 'submitted', 'awaiting-feedback', 'escalated'];

export function stageOfOutcome(outcome: Outcome): Stage {
  return outcome === 'removed' || outcome === 'restricted' ? 'handled' : outcome;
}

/** Which stages each event may move a report from (undefined: from any stage). */
const FROM: { readonly [T in EventType]?: readonly Stage[] } = {
  saved: ['draft', 'saved'],
  submitted: ['draft', 'saved', 'submitted', 'awaiting-feedback', 'no-answer', 'rejected', 'no-violation', 'escalated', 'handled'],
  receipt: ['submitted', 'awaiting-feedback', 'escalated', 'no-answer'],
  reminder: ['submitted', 'awaiting-feedback', 'escalated'],
  feedback: ['submitted', 'awaiting-feedback', 'escalated', 'no-answer', 'rejected', 'no-violation', 'handled'],
  escalated: ESCALATABLE_STAGES,
};

export interface LifecycleSummary {
  stage: Stage;
  /** The latest answer from a destination (or set by hand). */
  outcome?: Outcome;
  outcomeAt?: string;
  /** Every destination the report was submitted to, in order. */
  destinations: string[];
  /** Submissions with no answer yet: since when, and whether a reminder was already given. */
  awaiting: Array<{ submissionId: string; destinationId: string; since: string; reminded?: string }>;
  /** Receipt codes by submission (12377's 查询码 is one). */
  receipts: Record<string, string>;
  lastEventAt: string;
  eventCount: number;
  /** Hash of the newest event: an anchor for verifyChain. */
  head: string;
}

export function emptySummary(): LifecycleSummary {
  return { stage: 'draft', destinations: [], awaiting: [], receipts: {}, lastEventAt: '', eventCount: 0, head: '' };
}

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);

function receiptCode(data: EventData): string | undefined {
  const receipt = data.receipt;
  const nested = receipt && typeof receipt === 'object' && !Array.isArray(receipt) ? str(receipt.code) : undefined;
  return nested ?? str(data.code) ?? str(data.queryCode);
}

/** Whether `type` is a legal move from `stage` (status-set-by-hand, closed, captured, edited: always). */
export function canApply(stage: Stage, type: EventType): boolean {
  const from = FROM[type];
  return !from || from.includes(stage);
}

/**
 * The summary after one more event. Illegal moves leave the stage as it is (the event is still history:
 * a late receipt after an answer, say), but their facts (destinations, receipts) are kept.
 */
export function applyEvent(summary: LifecycleSummary, event: Pick<ReportEvent, 'type' | 'at' | 'data' | 'hash'>): LifecycleSummary {
  const next: LifecycleSummary = {
    ...summary,
    destinations: [...summary.destinations],
    awaiting: summary.awaiting.map((a) => ({ ...a })),
    receipts: { ...summary.receipts },
    lastEventAt: event.at,
    eventCount: summary.eventCount + 1,
    head: event.hash,
  };
  const d = event.data;
  const submissionId = str(d.submissionId);
  const destinationId = str(d.destinationId);
  const legal = canApply(summary.stage, event.type);
  const dropAwaiting = (id: string | undefined) => {
    next.awaiting = id ? next.awaiting.filter((a) => a.submissionId !== id) : [];
  };
  switch (event.type) {
    case 'captured':
      if (summary.eventCount === 0) next.stage = 'draft';
      break;
    case 'saved':
      if (legal) next.stage = 'saved';
      break;
    case 'submitted':
    case 'receipt': {
      if (destinationId && !next.destinations.includes(destinationId)) next.destinations.push(destinationId);
      const code = receiptCode(d);
      if (submissionId && code) next.receipts[submissionId] = code;
      // The response window runs from the destination's acknowledgement: 'submitted' only means the
      // page was opened or the send started (the queue records it at 'submitting').
      if (event.type === 'receipt' && submissionId && destinationId && !next.awaiting.some((a) => a.submissionId === submissionId)) {
        next.awaiting.push({ submissionId, destinationId, since: event.at });
      }
      if (legal) {
        // An escalated report stays escalated while the escalation's own submission is acknowledged.
        if (summary.stage === 'escalated' || str(d.escalatedFrom)) next.stage = 'escalated';
        else next.stage = event.type === 'receipt' || code ? 'awaiting-feedback' : summary.stage === 'awaiting-feedback' ? 'awaiting-feedback' : 'submitted';
      }
      break;
    }
    case 'submission-state':
      break;
    case 'reminder':
      for (const a of next.awaiting) if (!submissionId || a.submissionId === submissionId) a.reminded = event.at;
      if (legal) {
        next.stage = 'no-answer';
        next.outcome = 'no-answer';
        next.outcomeAt = event.at;
      }
      break;
    case 'feedback': {
      const outcome = str(d.outcome) as Outcome | undefined;
      if (!outcome || !(OUTCOMES as readonly string[]).includes(outcome)) break;
      if (outcome !== 'no-answer') dropAwaiting(submissionId);
      // Once content is handled, a later "no answer" from another destination does not undo it.
      if (legal && !(summary.stage === 'handled' && outcome === 'no-answer')) {
        next.stage = stageOfOutcome(outcome);
        next.outcome = outcome;
        next.outcomeAt = event.at;
      }
      break;
    }
    case 'escalated': {
      // The escalated submission is no longer the one waited on; the new one is, once submitted.
      dropAwaiting(str(d.fromSubmissionId));
      if (legal) next.stage = 'escalated';
      break;
    }
    case 'closed':
      next.stage = 'closed';
      next.awaiting = [];
      break;
    case 'status-set-by-hand': {
      const outcome = str(d.outcome) as Outcome | undefined;
      const stage = str(d.stage) as Stage | undefined;
      if (outcome && (OUTCOMES as readonly string[]).includes(outcome)) {
        next.stage = stageOfOutcome(outcome);
        next.outcome = outcome;
        next.outcomeAt = event.at;
        if (outcome !== 'no-answer') dropAwaiting(submissionId);
      } else if (stage && (STAGES as readonly string[]).includes(stage)) {
        next.stage = stage;
        if (stage === 'closed') next.awaiting = [];
      }
      break;
    }
    case 'edited':
      break;
  }
  return next;
}

/**
 * The summary to apply the next event to: the form saves a report (status 'saved') without an event, so a
 * summary still at 'draft' counts as 'saved' once the report is.
 */
export function currentSummary(report: { status: string; lifecycle?: LifecycleSummary | undefined }): LifecycleSummary {
  const summary = report.lifecycle ?? emptySummary();
  return summary.stage === 'draft' && report.status !== 'draft' ? { ...summary, stage: 'saved' } : summary;
}

export function foldEvents(events: readonly ReportEvent[]): LifecycleSummary {
  return [...events].sort((a, b) => a.seq - b.seq).reduce(applyEvent, emptySummary());
}

/**
 * The stage to show. Before the first submission the report's own status (draft/saved, set by the form)
 * decides: the form saves without going through the event log.
 */
export function stageOf(report: { status: string; lifecycle?: LifecycleSummary | undefined }): Stage {
  const stage = report.lifecycle?.stage;
  if (stage && stage !== 'draft' && stage !== 'saved') return stage;
  return report.status === 'draft' ? 'draft' : 'saved';
}
