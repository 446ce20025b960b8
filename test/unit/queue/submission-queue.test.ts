import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newSubmission, type Submission } from '../../../src/model/submission';
import { newDraft } from '../../../src/model/report';
import { IdbReportStore } from '../../../src/storage/report-store';
import { IdbSubmissionStore } from '../../../src/queue/submission-store';
import { SubmissionQueue, type ApiOutcome, type QueueDestination } from '../../../src/queue/submission-queue';
import { checkLimit } from '../../../src/queue/limits';
import { backoffDelay, backoffFromStorage, DEFAULT_BACKOFF } from '../../../src/queue/backoff';

const DESTS: Record<string, QueueDestination> = {
  desk: { id: 'desk', channel: 'api' },
  '12377': { id: '12377', channel: 'web-form', limit: { max: 50, windowMs: 24 * 3600_000 } },
  weibo: { id: 'weibo', channel: 'web-form', tooFrequentCooldownMs: 600_000 },
};

function setup(answers: ApiOutcome[] = []) {
  globalThis.indexedDB = new IDBFactory();
  const name = `q-${Math.random()}`;
  const store = new IdbSubmissionStore(name);
  const reports = new IdbReportStore(name);
  let clock = new Date('2026-11-22T10:00:00.000Z');
  const sent: Submission[] = [];
  const transitions: string[] = [];
  const queue = new SubmissionQueue({
    store,
    destination: (id) => DESTS[id],
    sendApi: async (s) => {
      sent.push(s);
      return answers.shift() ?? { kind: 'accepted', code: `desk-${s.idempotencyKey.slice(0, 4)}` };
    },
    backoff: async () => ({ baseMs: 1000, maxMs: 8000, maxAttempts: 4 }),
    now: () => clock,
    random: () => 0.5,
    orphanedBefore: new Date('2026-11-22T09:59:00.000Z'),
    onTransition: (b, a) => void transitions.push(`${b.state}>${a.state}`),
  });
  return {
    store,
    reports,
    queue,
    sent,
    transitions,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    at: () => clock,
  };
}

async function seed(ctx: ReturnType<typeof setup>, destinationId: string, channel: Submission['channel']) {
  const report = { ...newDraft([], []), status: 'saved' as const };
  await ctx.reports.create(report, []);
  const [s] = await ctx.store.createForReport(report.id, [newSubmission({ reportId: report.id, destinationId, channel }, ctx.at())], (r) => r);
  return s!;
}

describe('SubmissionQueue', () => {
  it('sends an API submission once and stores its receipt', async () => {
    const ctx = setup();
    const s = await seed(ctx, 'desk', 'api');
    await ctx.queue.process();
    await ctx.queue.process();
    expect(ctx.sent).toHaveLength(1);
    expect(ctx.sent[0]!.idempotencyKey).toBe(s.idempotencyKey);
    expect(await ctx.store.get(s.id)).toMatchObject({ state: 'submitted', attempts: 1, receipt: { code: expect.stringMatching(/^desk-/) } });
    expect(ctx.transitions).toEqual(['queued>submitting', 'submitting>submitted']);
  });

  it('retries a 5xx with backoff at the stored time, keeping the key, and keeps a 4xx as permanent', async () => {
    const ctx = setup([
      { kind: 'retryable', code: 'http-503', detail: 'busy' },
      { kind: 'retryable', code: 'network', detail: 'reset' },
    ]);
    const s = await seed(ctx, 'desk', 'api');
    const first = await ctx.queue.process();
    expect(await ctx.store.get(s.id)).toMatchObject({ state: 'failed-retryable', lastError: { code: 'http-503', permanent: false } });
    // 1000 ms base, equal jitter at 0.5 → 750 ms.
    expect(first.nextAt).toBe(new Date(ctx.at().getTime() + 750).toISOString());
    await ctx.queue.process();
    expect(ctx.sent).toHaveLength(1); // not yet due
    ctx.advance(750);
    const second = await ctx.queue.process();
    expect(second.nextAt).toBe(new Date(ctx.at().getTime() + 1500).toISOString());
    ctx.advance(1500);
    await ctx.queue.process();
    expect(ctx.sent.map((x) => x.idempotencyKey)).toEqual([s.idempotencyKey, s.idempotencyKey, s.idempotencyKey]);
    expect(await ctx.store.get(s.id)).toMatchObject({ state: 'submitted', attempts: 3 });

    const bad = setup([{ kind: 'permanent', code: 'http-400', detail: 'url is required' }]);
    const b = await seed(bad, 'desk', 'api');
    await bad.queue.process();
    bad.advance(3600_000);
    await bad.queue.process();
    expect(bad.sent).toHaveLength(1);
    expect(await bad.store.get(b.id)).toMatchObject({
      state: 'failed-permanent',
      lastError: { code: 'http-400', detail: 'url is required', permanent: true, messageKey: 'submissionErrorRejected' },
    });
    await bad.queue.retry(b.id);
    await bad.queue.process();
    expect(await bad.store.get(b.id)).toMatchObject({ state: 'submitted', attempts: 2 });
  });

  it('gives up after the maximum number of attempts', async () => {
    const ctx = setup(Array.from({ length: 10 }, () => ({ kind: 'retryable' as const, code: 'http-503', detail: 'down' })));
    const s = await seed(ctx, 'desk', 'api');
    for (let i = 0; i < 6; i++) {
      await ctx.queue.process();
      ctx.advance(10_000);
    }
    expect(ctx.sent).toHaveLength(4);
    expect(await ctx.store.get(s.id)).toMatchObject({ state: 'failed-permanent', lastError: { code: 'gave-up' } });
  });

  it('sends again, with the same key, a submission whose worker died while sending', async () => {
    const ctx = setup();
    const s = await seed(ctx, 'desk', 'api');
    // A previous worker stored 'submitting' and was stopped before the answer.
    await ctx.store.update(s.id, (c) => ({ ...c, state: 'submitting', attempts: 1, updatedAt: '2026-11-22T09:58:00.000Z' }));
    await ctx.queue.process();
    expect(ctx.sent.map((x) => x.idempotencyKey)).toEqual([s.idempotencyKey]);
    expect(await ctx.store.get(s.id)).toMatchObject({ state: 'submitted', attempts: 2 });
    // One being sent by the live worker right now is left alone.
    const t = await seed(ctx, 'desk', 'api');
    await ctx.store.update(t.id, (c) => ({ ...c, state: 'submitting', attempts: 1, updatedAt: ctx.at().toISOString() }));
    await ctx.queue.process();
    expect(ctx.sent).toHaveLength(1);
  });

  it('never sends a person-in-the-loop submission: it waits for the person, who opens and confirms it', async () => {
    const ctx = setup();
    const s = await seed(ctx, 'weibo', 'web-form');
    await ctx.queue.process();
    expect(ctx.sent).toHaveLength(0);
    expect((await ctx.store.get(s.id))!.state).toBe('awaiting-person');
    expect((await ctx.queue.begin(s.id)).state).toBe('submitting');
    const done = await ctx.queue.confirm(s.id, { code: 'T-1', at: ctx.at().toISOString() });
    expect(done).toMatchObject({ state: 'submitted', receipt: { code: 'T-1' } });
    // Seen twice (a reload of the confirmation page): recorded once.
    await ctx.queue.confirm(s.id, { code: 'T-2', at: ctx.at().toISOString() });
    expect((await ctx.store.get(s.id))!.receipt!.code).toBe('T-1');
  });

  it("respects a platform's 'too frequent' answer until the cooldown passes", async () => {
    const ctx = setup();
    const s = await seed(ctx, 'weibo', 'web-form');
    await ctx.queue.begin(s.id);
    const limited = await ctx.queue.destinationAnswered(s.id, { kind: 'too-frequent', detail: '操作过于频繁' });
    expect(limited).toMatchObject({ state: 'rate-limited', lastError: { code: 'too-frequent', detail: '操作过于频繁' } });
    expect(limited.nextAttemptAt).toBe(new Date(ctx.at().getTime() + 600_000).toISOString());
    await ctx.queue.process();
    expect((await ctx.store.get(s.id))!.state).toBe('rate-limited');
    ctx.advance(600_000);
    await ctx.queue.process();
    expect((await ctx.store.get(s.id))!.state).toBe('awaiting-person');
  });

  it('holds the 51st 12377 report in 24 hours, computed from storage, and says until when', async () => {
    const ctx = setup();
    const t0 = ctx.at().getTime();
    const sent: Submission[] = Array.from({ length: 50 }, (_, i) => ({
      ...newSubmission({ reportId: `r${i}`, destinationId: '12377', channel: 'web-form' }, ctx.at()),
      state: 'submitted' as const,
      receipt: { code: `Q${i}`, at: new Date(t0 - (50 - i) * 60_000).toISOString() },
    }));
    await ctx.store.putAll(sent);
    const s = await seed(ctx, '12377', 'web-form');
    await ctx.queue.process();
    const held = (await ctx.store.get(s.id))!;
    expect(held).toMatchObject({ state: 'rate-limited', lastError: { code: 'daily-limit', messageKey: 'submissionErrorDailyLimit' } });
    // The oldest of the 50 was 50 minutes ago: a place frees 24 h after it.
    expect(held.nextAttemptAt).toBe(new Date(t0 - 50 * 60_000 + 24 * 3600_000).toISOString());
    expect((await ctx.queue.begin(s.id)).state).toBe('rate-limited');
    ctx.advance(24 * 3600_000 - 50 * 60_000);
    await ctx.queue.process();
    expect((await ctx.store.get(s.id))!.state).toBe('awaiting-person');
  });

  it('a repeated submit for the same report and destination creates nothing twice', async () => {
    const ctx = setup();
    const s = await seed(ctx, 'desk', 'api');
    const again = await ctx.store.createForReport(s.reportId, [newSubmission({ reportId: s.reportId, destinationId: 'desk', channel: 'api' })], (r) => r);
    expect(again.map((x) => x.id)).toEqual([s.id]);
    expect(await ctx.store.listByReport(s.reportId)).toHaveLength(1);
    // An escalation to the same destination is its own submission, and is not created twice either.
    const esc = () => newSubmission({ reportId: s.reportId, destinationId: 'desk', channel: 'api', escalatedFrom: s.id });
    const [first] = await ctx.store.createForReport(s.reportId, [esc()], (r) => r);
    const [second] = await ctx.store.createForReport(s.reportId, [esc()], (r) => r);
    expect(first!.id).not.toBe(s.id);
    expect(second!.id).toBe(first!.id);
    expect(await ctx.store.listByReport(s.reportId)).toHaveLength(2);
  });
});

describe('limits and backoff', () => {
  it('counts only the window and only sent or sending submissions', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const mk = (state: Submission['state'], at: string): Submission => ({
      ...newSubmission({ reportId: 'r', destinationId: 'x', channel: 'web-form' }),
      state,
      updatedAt: at,
      receipt: state === 'submitted' ? { at } : null,
    });
    const all = [mk('submitted', '2026-11-21T09:00:00Z'), mk('submitted', '2026-11-22T09:00:00Z'), mk('submitting', '2026-11-22T09:30:00Z'), mk('cancelled', '2026-11-22T09:40:00Z')];
    expect(checkLimit(all, 'x', { max: 3, windowMs: 86_400_000 }, now)).toEqual({ ok: true, used: 2 });
    expect(checkLimit(all, 'x', { max: 2, windowMs: 86_400_000 }, now)).toEqual({ ok: false, used: 2, until: '2026-11-23T09:00:00.000Z' });
  });

  it('grows exponentially, is capped, and reads its test setting from storage', () => {
    const s = { baseMs: 100, maxMs: 1000, maxAttempts: 5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, s, 0))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(2, s, 0.999)).toBeLessThanOrEqual(200);
    expect(backoffFromStorage({ queueBackoffBaseMs: 200 })).toEqual({ ...DEFAULT_BACKOFF, baseMs: 200 });
    expect(backoffFromStorage({ queueBackoffBaseMs: -1, queueBackoffMaxMs: 'x' })).toEqual(DEFAULT_BACKOFF);
  });
});
