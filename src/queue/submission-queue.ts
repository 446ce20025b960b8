// The submission queue: what happens to each stored submission, and when.
//
// Everything is read from and written to the SubmissionStore before anything is sent, so the worker can
// be stopped at any point and the next wake-up (an alarm, a message, the browser starting) picks up from
// storage. Only API destinations are sent by the extension itself; every other channel waits for the
// person ('awaiting-person') and is recorded when the person's confirmation is seen.
import {
  transition,
  type Channel,
  type Submission,
  type SubmissionError,
  type SubmissionEvent,
  type SubmissionReceipt,
} from '../model/submission';
import { backoffDelay, type BackoffSettings } from './backoff';
import { checkLimit, type RateLimit } from './limits';
import type { SubmissionStore } from './submission-store';

export interface QueueDestination {
  id: string;
  channel: Channel;
  /** e.g. 12377: 50 per 24 h. */
  limit?: RateLimit;
  /** How long to wait after the destination said "too frequent", ms. */
  tooFrequentCooldownMs?: number;
}

/** What an API destination answered. */
export type ApiOutcome =
  | { kind: 'accepted'; code: string; url?: string }
  | { kind: 'retryable'; code: string; detail: string }
  | { kind: 'permanent'; code: string; detail: string }
  | { kind: 'rate-limited'; until: string; detail: string }
  | { kind: 'duplicate'; detail: string };

export interface QueueDeps {
  store: SubmissionStore;
  destination(id: string): QueueDestination | undefined;
  /** Sends one API submission (with its idempotency key) and classifies the answer. Never throws. */
  sendApi(submission: Submission): Promise<ApiOutcome>;
  backoff(): Promise<BackoffSettings>;
  now(): Date;
  random(): number;
  /**
   * API submissions still 'submitting' and last changed before this time were interrupted (the worker
   * that sent them is gone): send them again with the same key. The worker passes its own start time.
   */
  orphanedBefore: Date;
  /** Called after every stored transition (the lifecycle event log, the badge). */
  onTransition?(before: Submission, after: Submission): Promise<void> | void;
  /**
   * Called before each send: the worker (re)sets a wake-up alarm here, so that if it is stopped mid-send
   * or mid-run, the interrupted and the remaining submissions are picked up without anyone's help.
   */
  beforeSend?(): Promise<void>;
  /** How many API sends may be in flight at once. */
  concurrency?: number;
}

/** Submissions the queue looks at; the rest are terminal or in the person's hands. */
const ACTIVE = ['queued', 'failed-retryable', 'rate-limited', 'submitting'] as const;

export const DAILY_LIMIT_KEY = 'submissionErrorDailyLimit';

export class SubmissionQueue {
  constructor(private readonly deps: QueueDeps) {}

  /** Applies `event` if it is still legal; `undefined` when another context already moved the row on. */
  private async apply(
    id: string,
    event: SubmissionEvent,
    guard: (s: Submission) => boolean = () => true,
  ): Promise<Submission | undefined> {
    let before: Submission | undefined;
    let changed = false;
    const after = await this.deps.store.update(id, (current) => {
      before = current;
      if (!guard(current)) return undefined;
      changed = true;
      return transition(current, event, this.deps.now());
    });
    if (!changed || !before) return undefined;
    await this.deps.onTransition?.(before, after);
    return after;
  }

  private isDue(s: Submission, now: Date): boolean {
    if (s.state === 'queued') return true;
    if (s.state === 'submitting') return s.channel === 'api' && Date.parse(s.updatedAt) < this.deps.orphanedBefore.getTime();
    return s.nextAttemptAt === null || Date.parse(s.nextAttemptAt) <= now.getTime();
  }

  /**
   * Acts on every due submission; returns when the queue next needs to run (the earliest
   * `nextAttemptAt` still pending), or null when nothing is waiting on time.
   */
  async process(): Promise<{ nextAt: string | null; processed: number }> {
    const now = this.deps.now();
    const active = await this.deps.store.listByStates(ACTIVE);
    const due = active.filter((s) => this.isDue(s, now)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    const api = due.filter((s) => s.channel === 'api');
    const person = due.filter((s) => s.channel !== 'api');
    for (const s of person) await this.prepareForPerson(s.id);
    let next = 0;
    const worker = async () => {
      while (next < api.length) {
        const s = api[next++]!;
        await this.sendOne(s.id);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.concurrency ?? 4) }, worker));
    const pending = await this.deps.store.listByStates(['failed-retryable', 'rate-limited']);
    const times = pending.map((s) => s.nextAttemptAt).filter((t): t is string => t !== null).sort();
    return { nextAt: times[0] ?? null, processed: due.length };
  }

  /** A limit check against everything stored; a rate-limit event when it is exceeded. */
  private async limitEvent(s: Submission): Promise<SubmissionEvent | null> {
    const dest = this.deps.destination(s.destinationId);
    if (!dest?.limit) return null;
    const all = await this.deps.store.listByStates(['submitted', 'submitting']);
    const check = checkLimit(all, s.destinationId, dest.limit, this.deps.now(), s.id);
    if (check.ok) return null;
    return {
      type: 'rate-limit',
      until: check.until,
      error: {
        code: 'daily-limit',
        messageKey: DAILY_LIMIT_KEY,
        detail: `${check.used}/${dest.limit.max}`,
        permanent: false,
      },
    };
  }

  /** A person channel: hand it to the person, unless the destination's limit is reached. */
  private async prepareForPerson(id: string): Promise<void> {
    const s = await this.deps.store.get(id);
    if (!s) return;
    const limited = await this.limitEvent(s);
    const dueGuard = (c: Submission) => c.state === s.state && c.updatedAt === s.updatedAt;
    if (limited) {
      // Already waiting for the same reason: leave it as it is.
      if (s.state === 'rate-limited' && s.nextAttemptAt === (limited as { until: string }).until) return;
      if (s.state === 'rate-limited') {
        await this.apply(id, { type: 'retry' }, dueGuard);
        await this.apply(id, limited, (c) => c.state === 'queued');
        return;
      }
      await this.apply(id, limited, dueGuard);
      return;
    }
    await this.apply(id, { type: 'prepare' }, dueGuard);
  }

  /** Sends one API submission; the 'submitting' state is stored before the request leaves. */
  private async sendOne(id: string): Promise<void> {
    await this.deps.beforeSend?.();
    const started = await this.apply(id, { type: 'start' }, (c) => c.channel === 'api' && this.isDue(c, this.deps.now()));
    if (!started) return;
    const outcome = await this.deps.sendApi(started);
    const stillMine = (c: Submission) => c.state === 'submitting' && c.attempts === started.attempts;
    switch (outcome.kind) {
      case 'accepted': {
        const receipt: SubmissionReceipt = { code: outcome.code, at: this.deps.now().toISOString() };
        if (outcome.url) receipt.url = outcome.url;
        await this.apply(id, { type: 'succeed', receipt }, stillMine);
        return;
      }
      case 'permanent':
        await this.apply(id, { type: 'fail', error: httpError(outcome.code, outcome.detail, true) }, stillMine);
        return;
      case 'duplicate':
        await this.apply(
          id,
          { type: 'duplicate', error: { code: 'duplicate', messageKey: 'submissionErrorDuplicate', detail: outcome.detail, permanent: true } },
          stillMine,
        );
        return;
      case 'rate-limited':
        await this.apply(
          id,
          {
            type: 'rate-limit',
            until: outcome.until,
            error: { code: 'too-frequent', messageKey: 'submissionErrorTooFrequent', detail: outcome.detail, permanent: false },
          },
          stillMine,
        );
        return;
      case 'retryable': {
        const settings = await this.deps.backoff();
        if (started.attempts >= settings.maxAttempts) {
          await this.apply(
            id,
            { type: 'fail', error: { code: 'gave-up', messageKey: 'submissionErrorGaveUp', detail: outcome.detail, permanent: true } },
            stillMine,
          );
          return;
        }
        const delay = backoffDelay(started.attempts, settings, this.deps.random());
        const nextAttemptAt = new Date(this.deps.now().getTime() + delay).toISOString();
        await this.apply(id, { type: 'fail', error: httpError(outcome.code, outcome.detail, false), nextAttemptAt }, stillMine);
        return;
      }
    }
  }

  /**
   * The person opened the destination's page to send it: counts as an attempt, unless the destination's
   * limit is reached, in which case it waits and says until when.
   */
  async begin(id: string): Promise<Submission> {
    const s = await this.deps.store.get(id);
    if (!s) throw new Error(`submission ${id} not found`);
    if (s.channel === 'api') return s;
    const limited = await this.limitEvent(s);
    if (limited) {
      if (s.state === 'rate-limited') return s;
      return (await this.apply(id, limited)) ?? s;
    }
    if (s.state === 'submitting') return s;
    if (s.state === 'queued' || s.state === 'failed-retryable' || s.state === 'rate-limited') {
      await this.apply(id, { type: 'prepare' });
    }
    return (await this.apply(id, { type: 'start' }, (c) => c.state === 'awaiting-person')) ?? (await this.deps.store.get(id))!;
  }

  /** The destination's confirmation was seen (person channels) — recorded once; a second sighting changes nothing. */
  async confirm(id: string, receipt: SubmissionReceipt): Promise<Submission> {
    const after = await this.apply(id, { type: 'succeed', receipt }, (c) => c.state === 'submitting' || c.state === 'awaiting-person');
    return after ?? (await this.deps.store.get(id))!;
  }

  /** The destination page said something the person must know: too frequent, already reported, refused. */
  async destinationAnswered(
    id: string,
    answer: { kind: 'too-frequent' | 'already-reported' | 'refused'; detail: string },
  ): Promise<Submission> {
    const s = await this.deps.store.get(id);
    if (!s) throw new Error(`submission ${id} not found`);
    const open = (c: Submission) => c.state === 'submitting' || c.state === 'awaiting-person';
    let event: SubmissionEvent;
    if (answer.kind === 'too-frequent') {
      const cooldown = this.deps.destination(s.destinationId)?.tooFrequentCooldownMs ?? 60 * 60_000;
      event = {
        type: 'rate-limit',
        until: new Date(this.deps.now().getTime() + cooldown).toISOString(),
        error: { code: 'too-frequent', messageKey: 'submissionErrorTooFrequent', detail: answer.detail, permanent: false },
      };
    } else if (answer.kind === 'already-reported') {
      event = { type: 'duplicate', error: { code: 'duplicate', messageKey: 'submissionErrorDuplicate', detail: answer.detail, permanent: true } };
    } else {
      event = { type: 'fail', error: { code: 'refused', messageKey: 'submissionErrorRefused', detail: answer.detail, permanent: true } };
    }
    return (await this.apply(id, event, open)) ?? (await this.deps.store.get(id))!;
  }

  /** By hand: try again now (keeps the idempotency key). */
  async retry(id: string): Promise<Submission> {
    return (await this.apply(id, { type: 'retry' })) ?? (await this.deps.store.get(id))!;
  }

  async cancel(id: string): Promise<Submission> {
    return (await this.apply(id, { type: 'cancel' })) ?? (await this.deps.store.get(id))!;
  }
}

function httpError(code: string, detail: string, permanent: boolean): SubmissionError {
  return {
    code,
    messageKey:
      code === 'network'
        ? 'submissionErrorNetwork'
        : code === 'no-endpoint'
          ? 'submissionErrorNoEndpoint'
          : code === 'redirect'
            ? 'submissionErrorRedirect'
            : code === 'insecure-endpoint'
              ? 'submissionErrorInsecureEndpoint'
              : permanent
                ? 'submissionErrorRejected'
                : 'submissionErrorServer',
    detail,
    permanent,
  };
}
