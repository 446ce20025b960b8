// When to try again after a failure that may pass: exponential backoff with jitter.
// "Equal jitter": half the delay is fixed, half random, so retries from many reports spread out but a
// retry never comes sooner than half the nominal delay.

export interface BackoffSettings {
  /** Delay after the first failure, ms. */
  baseMs: number;
  /** No delay is longer than this, ms. */
  maxMs: number;
  /** After this many attempts a retryable failure becomes permanent ('gave-up'). */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 30_000, maxMs: 60 * 60_000, maxAttempts: 12 };

/** Delay before attempt `attempts + 1`, given `attempts` (≥ 1) already made. `random` is in [0, 1). */
export function backoffDelay(attempts: number, settings: BackoffSettings, random: number): number {
  const exp = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/**
 * The settings, from `browser.storage.local` values (a test/dev setting, see README): `queueBackoffBaseMs`
 * and `queueBackoffMaxMs`. Anything not a positive finite number falls back to the default.
 */
export function backoffFromStorage(values: Record<string, unknown>): BackoffSettings {
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
  return {
    baseMs: num(values.queueBackoffBaseMs, DEFAULT_BACKOFF.baseMs),
    maxMs: num(values.queueBackoffMaxMs, DEFAULT_BACKOFF.maxMs),
    maxAttempts: Math.round(num(values.queueMaxAttempts, DEFAULT_BACKOFF.maxAttempts)),
  };
}
