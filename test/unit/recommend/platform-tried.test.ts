import { describe, expect, it } from 'vitest';
import { failedPlatformAttempt } from '../../../src/recommend/platform-tried';
import { emptySummary, type LifecycleSummary } from '../../../src/lifecycle/lifecycle';

const life = (patch: Partial<LifecycleSummary>): LifecycleSummary => ({ ...emptySummary(), stage: 'submitted', ...patch });
const now = new Date('2026-11-22T12:00:00Z');

describe('failedPlatformAttempt', () => {
  it('finds nothing without earlier reports, without tracking, or when the platform handled it', () => {
    expect(failedPlatformAttempt([], {}, now)).toBeUndefined();
    expect(failedPlatformAttempt([{ id: 'a' }], {}, now)).toBeUndefined();
    expect(
      failedPlatformAttempt([{ id: 'a', lifecycle: life({ stage: 'handled', destinations: ['weibo'], outcome: 'removed', outcomeAt: '2026-11-20T00:00:00Z' }) }], {}, now),
    ).toBeUndefined();
  });

  it('takes a platform\'s "no violation" or "rejected" answer as a failed attempt', () => {
    const found = failedPlatformAttempt(
      [{ id: 'a', lifecycle: life({ stage: 'no-violation', destinations: ['weibo'], outcome: 'no-violation', outcomeAt: '2026-11-20T00:00:00Z' }) }],
      {},
      now,
    );
    expect(found).toEqual({ reportId: 'a', destinationId: 'weibo', at: '2026-11-20T00:00:00Z', result: 'no-violation' });
  });

  it('does not attribute an outcome to the platform when 12377 was also sent to', () => {
    expect(
      failedPlatformAttempt(
        [{ id: 'a', lifecycle: life({ stage: 'rejected', destinations: ['weibo', '12377'], outcome: 'rejected', outcomeAt: '2026-11-20T00:00:00Z' }) }],
        {},
        now,
      ),
    ).toBeUndefined();
  });

  it('counts a platform submission past its response window (7 days by default, or the person\'s own) as failed', () => {
    const awaiting = [{ submissionId: 's1', destinationId: 'weibo', since: '2026-11-10T00:00:00Z' }];
    const late = failedPlatformAttempt([{ id: 'a', lifecycle: life({ destinations: ['weibo'], awaiting }) }], {}, now);
    expect(late).toEqual({ reportId: 'a', destinationId: 'weibo', at: '2026-11-10T00:00:00Z', result: 'overdue' });
    // Within a longer window the person set: not yet.
    expect(failedPlatformAttempt([{ id: 'a', lifecycle: life({ destinations: ['weibo'], awaiting }) }], { weibo: { amount: 30, unit: 'days' } }, now)).toBeUndefined();
    // 12377 overdue is not a platform attempt.
    const at12377 = [{ submissionId: 's2', destinationId: '12377', since: '2026-10-01T00:00:00Z' }];
    expect(failedPlatformAttempt([{ id: 'b', lifecycle: life({ destinations: ['12377'], awaiting: at12377 }) }], {}, now)).toBeUndefined();
  });

  it('returns the most recent of several', () => {
    const found = failedPlatformAttempt(
      [
        { id: 'old', lifecycle: life({ stage: 'rejected', destinations: ['weibo'], outcome: 'rejected', outcomeAt: '2026-10-01T00:00:00Z' }) },
        { id: 'new', lifecycle: life({ destinations: ['weibo'], awaiting: [{ submissionId: 's', destinationId: 'weibo', since: '2026-11-12T00:00:00Z' }] }) },
      ],
      {},
      now,
    );
    expect(found?.reportId).toBe('new');
  });
});
