import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canTransition,
  IllegalTransitionError,
  newSubmission,
  SUBMISSION_STATES,
  transition,
  type Submission,
  type SubmissionEvent,
} from '../../../src/model/submission';

const T0 = new Date('2026-11-22T10:00:00.000Z');
const err = (permanent: boolean) => ({ code: permanent ? 'http-400' : 'http-503', messageKey: 'k', detail: 'd', permanent });
const sub = (state: Submission['state']): Submission => ({ ...newSubmission({ reportId: 'r', destinationId: 'd', channel: 'api' }, T0), state });

const EVENTS: SubmissionEvent[] = [
  { type: 'prepare' },
  { type: 'start' },
  { type: 'succeed', receipt: { code: 'X', at: T0.toISOString() } },
  { type: 'fail', error: err(false), nextAttemptAt: '2026-11-22T10:01:00.000Z' },
  { type: 'rate-limit', error: err(false), until: '2026-11-23T10:00:00.000Z' },
  { type: 'duplicate', error: err(true) },
  { type: 'retry' },
  { type: 'cancel' },
];

describe('submission transitions', () => {
  it('follows the happy path of an API submission and of a person-in-the-loop one', () => {
    let s = sub('queued');
    s = transition(s, { type: 'start' }, T0);
    expect(s).toMatchObject({ state: 'submitting', attempts: 1 });
    s = transition(s, { type: 'succeed', receipt: { code: 'A1', at: T0.toISOString() } }, T0);
    expect(s).toMatchObject({ state: 'submitted', receipt: { code: 'A1' }, lastError: null });

    let p = sub('queued');
    p = transition(p, { type: 'prepare' }, T0);
    expect(p.state).toBe('awaiting-person');
    expect(p.attempts).toBe(0);
    p = transition(p, { type: 'start' }, T0);
    p = transition(p, { type: 'succeed', receipt: { code: 'Q', at: T0.toISOString() } }, T0);
    expect(p.state).toBe('submitted');
  });

  it('keeps a retryable failure for later and a permanent one with its reason', () => {
    const s = transition(sub('submitting'), { type: 'fail', error: err(false), nextAttemptAt: '2026-11-22T10:01:00.000Z' }, T0);
    expect(s).toMatchObject({ state: 'failed-retryable', nextAttemptAt: '2026-11-22T10:01:00.000Z' });
    const p = transition(sub('submitting'), { type: 'fail', error: err(true) }, T0);
    expect(p).toMatchObject({ state: 'failed-permanent', nextAttemptAt: null, lastError: { code: 'http-400' } });
  });

  it('rejects illegal transitions and never leaves a terminal state', () => {
    expect(() => transition(sub('submitted'), { type: 'retry' }, T0)).toThrow(IllegalTransitionError);
    expect(() => transition(sub('cancelled'), { type: 'start' }, T0)).toThrow(IllegalTransitionError);
    expect(() => transition(sub('queued'), { type: 'succeed', receipt: { at: T0.toISOString() } }, T0)).toThrow(
      IllegalTransitionError,
    );
    expect(() => transition(sub('failed-permanent'), { type: 'start' }, T0)).toThrow(IllegalTransitionError);
    fc.assert(
      fc.property(fc.constantFrom(...SUBMISSION_STATES), fc.constantFrom(...EVENTS), (state, event) => {
        const s = sub(state);
        if (!canTransition(state, event.type)) {
          expect(() => transition(s, event, T0)).toThrow(IllegalTransitionError);
          return;
        }
        const next = transition(s, event, T0);
        // The key that makes resending safe never changes.
        expect(next.idempotencyKey).toBe(s.idempotencyKey);
        expect(next.id).toBe(s.id);
        if (['submitted', 'duplicate', 'cancelled'].includes(state)) throw new Error('left a terminal state');
      }),
    );
  });

  it('a submission is created queued with its own idempotency key', () => {
    const a = newSubmission({ reportId: 'r', destinationId: 'x', channel: 'web-form' }, T0);
    const b = newSubmission({ reportId: 'r', destinationId: 'x', channel: 'web-form' }, T0);
    expect(a.state).toBe('queued');
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
  });
});
