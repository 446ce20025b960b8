// A submission: one report sent (or being sent) to one destination. One row per (report, destination),
// persisted before anything is sent, so a killed worker or a restarted browser resumes from storage.
//
// The life of a submission is a small state machine (`transition`). It is pure: callers persist the
// result, and the lifecycle event log (src/lifecycle) records each transition.
import * as v from 'valibot';

/** How a destination is reached. Decides who acts: the person (all but 'api') or the extension ('api'). */
export const CHANNELS = ['web-form', 'platform-dialog', 'email', 'deep-link', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SUBMISSION_STATES = [
  /** Persisted, not yet acted on. */
  'queued',
  /** A person-in-the-loop channel: the page/draft is prepared, the person must confirm and send. */
  'awaiting-person',
  /** The extension is sending (api) or the destination page is open and filled (person channels). */
  'submitting',
  /** Done, with a receipt. Terminal. */
  'submitted',
  /** Failed for a reason that may pass (5xx, network): retried at `nextAttemptAt`. */
  'failed-retryable',
  /** Failed for good (4xx, rejected by the destination): `lastError` says why. Terminal unless retried by hand. */
  'failed-permanent',
  /** The destination's limit was reached (12377's 50/24 h, a platform's "too frequent"): waits until `nextAttemptAt`. */
  'rate-limited',
  /** The destination says this was already reported. Terminal. */
  'duplicate',
  /** The person cancelled it. Terminal. */
  'cancelled',
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface SubmissionReceipt {
  /** 12377's 查询码, a platform's ticket number, or the HTTPS desk's id. */
  code?: string;
  /** Where the person can look it up. */
  url?: string;
  /** When the destination confirmed (ISO 8601, UTC). */
  at: string;
}

export interface SubmissionError {
  /** A stable machine code: 'http-400', 'network', 'too-frequent', 'daily-limit', 'validation', … */
  code: string;
  /** A message key in `_locales`, so it shows in the person's language. */
  messageKey: string;
  /** What the destination said (its own words), shown as text only. */
  detail: string;
  permanent: boolean;
}

export interface Submission {
  id: string;
  reportId: string;
  /** A destination id from src/destinations/catalog.ts. */
  destinationId: string;
  channel: Channel;
  state: SubmissionState;
  /** Attempts that reached the destination or failed trying (not counting waiting for the person). */
  attempts: number;
  /** When the queue should act again (failed-retryable, rate-limited), ISO 8601; null otherwise. */
  nextAttemptAt: string | null;
  /** Sent as `Idempotency-Key` to API destinations; stable for the life of the submission. */
  idempotencyKey: string;
  receipt: SubmissionReceipt | null;
  lastError: SubmissionError | null;
  createdAt: string;
  updatedAt: string;
  /** What an API destination's status endpoint last said (polled after it was accepted). */
  remoteStatus?: { status: string; note?: string; checkedAt: string };
  /** The submission this one escalates (e.g. a platform report left unanswered, escalated to 12377). */
  escalatedFrom?: string;
}

export const TERMINAL_STATES: readonly SubmissionState[] = ['submitted', 'duplicate', 'cancelled'];
/** States in which the person is expected to do something (counted on the badge). */
export const WAITING_FOR_PERSON_STATES: readonly SubmissionState[] = ['awaiting-person'];

/** Everything that can happen to a submission. */
export type SubmissionEvent =
  /** The queue hands a person-channel submission to the person (page opened / draft prepared). */
  | { type: 'prepare' }
  /** Sending starts: the extension posts (api) or the person opened the destination page. */
  | { type: 'start' }
  | { type: 'succeed'; receipt: SubmissionReceipt }
  | { type: 'fail'; error: SubmissionError; nextAttemptAt?: string | null }
  | { type: 'rate-limit'; error: SubmissionError; until: string }
  | { type: 'duplicate'; error: SubmissionError }
  /** By hand, from a failed, rate-limited or waiting state: try now. */
  | { type: 'retry' }
  | { type: 'cancel' };

/** Which events each state accepts, and where they lead. */
const ALLOWED: { readonly [S in SubmissionState]: readonly SubmissionEvent['type'][] } = {
  queued: ['prepare', 'start', 'rate-limit', 'fail', 'cancel'],
  'awaiting-person': ['start', 'succeed', 'fail', 'rate-limit', 'duplicate', 'cancel', 'retry'],
  // 'start' again: an API send interrupted by a stopped worker is sent again (same idempotency key).
  submitting: ['start', 'succeed', 'fail', 'rate-limit', 'duplicate', 'cancel', 'retry'],
  submitted: [],
  'failed-retryable': ['retry', 'start', 'prepare', 'cancel'],
  'failed-permanent': ['retry', 'cancel'],
  'rate-limited': ['retry', 'start', 'prepare', 'cancel'],
  duplicate: [],
  cancelled: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: SubmissionState,
    readonly event: SubmissionEvent['type'],
  ) {
    super(`illegal submission transition: ${event} in state ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(state: SubmissionState, event: SubmissionEvent['type']): boolean {
  return ALLOWED[state].includes(event);
}

/**
 * The next value of a submission after `event`, or an IllegalTransitionError. Pure: `now` is given.
 * - 'start' counts an attempt; 'retry' puts it back in the queue now, keeping the idempotency key
 *   (so a destination that did receive the earlier attempt answers with the same id).
 */
export function transition(s: Submission, event: SubmissionEvent, now: Date = new Date()): Submission {
  if (!canTransition(s.state, event.type)) throw new IllegalTransitionError(s.state, event.type);
  const at = now.toISOString();
  const base = { ...s, updatedAt: at };
  switch (event.type) {
    case 'prepare':
      return { ...base, state: 'awaiting-person', nextAttemptAt: null };
    case 'start':
      return { ...base, state: 'submitting', attempts: s.attempts + 1, nextAttemptAt: null };
    case 'succeed':
      return { ...base, state: 'submitted', receipt: event.receipt, lastError: null, nextAttemptAt: null };
    case 'fail':
      return event.error.permanent
        ? { ...base, state: 'failed-permanent', lastError: event.error, nextAttemptAt: null }
        : { ...base, state: 'failed-retryable', lastError: event.error, nextAttemptAt: event.nextAttemptAt ?? at };
    case 'rate-limit':
      return { ...base, state: 'rate-limited', lastError: event.error, nextAttemptAt: event.until };
    case 'duplicate':
      return { ...base, state: 'duplicate', lastError: event.error, nextAttemptAt: null };
    case 'retry':
      return { ...base, state: 'queued', nextAttemptAt: null };
    case 'cancel':
      return { ...base, state: 'cancelled', nextAttemptAt: null };
  }
}

export function newSubmission(
  init: { reportId: string; destinationId: string; channel: Channel; escalatedFrom?: string },
  now: Date = new Date(),
): Submission {
  const at = now.toISOString();
  return {
    id: crypto.randomUUID(),
    reportId: init.reportId,
    destinationId: init.destinationId,
    channel: init.channel,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    idempotencyKey: crypto.randomUUID(),
    receipt: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    ...(init.escalatedFrom ? { escalatedFrom: init.escalatedFrom } : {}),
  };
}

/** For rows read back from storage (another version may have written them). */
export const SubmissionSchema = v.object({
  id: v.string(),
  reportId: v.string(),
  destinationId: v.string(),
  channel: v.picklist(CHANNELS),
  state: v.picklist(SUBMISSION_STATES),
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  nextAttemptAt: v.nullable(v.string()),
  idempotencyKey: v.string(),
  receipt: v.nullable(
    v.object({ code: v.optional(v.string()), url: v.optional(v.string()), at: v.string() }),
  ),
  lastError: v.nullable(
    v.object({ code: v.string(), messageKey: v.string(), detail: v.string(), permanent: v.boolean() }),
  ),
  createdAt: v.string(),
  updatedAt: v.string(),
  remoteStatus: v.optional(v.object({ status: v.string(), note: v.optional(v.string()), checkedAt: v.string() })),
  escalatedFrom: v.optional(v.string()),
});
