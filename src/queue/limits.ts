// Destinations' limits, computed from the stored submissions (never from memory, which a killed worker
// loses): e.g. 12377 accepts at most 50 reports per person per 24 hours.
import type { Submission } from '../model/submission';

export interface RateLimit {
  /** How many submissions the destination accepts per window. */
  max: number;
  windowMs: number;
}

/** Submissions that count against a limit: sent, or opened for sending (the person may be submitting it now). */
function counted(s: Submission): string | null {
  if (s.state === 'submitted') return s.receipt?.at ?? s.updatedAt;
  if (s.state === 'submitting') return s.updatedAt;
  return null;
}

/**
 * Whether one more submission to `destinationId` fits in the window ending `now`; if not, when the
 * oldest counted one leaves the window. `all` are the stored submissions (any destination); `selfId`
 * is the one asking, which is not counted against itself.
 */
export function checkLimit(
  all: readonly Submission[],
  destinationId: string,
  limit: RateLimit,
  now: Date,
  selfId?: string,
): { ok: true; used: number } | { ok: false; used: number; until: string } {
  const since = now.getTime() - limit.windowMs;
  const times = all
    .filter((s) => s.destinationId === destinationId && s.id !== selfId)
    .map(counted)
    .filter((at): at is string => at !== null)
    .map((at) => Date.parse(at))
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  if (times.length < limit.max) return { ok: true, used: times.length };
  // The window frees a place when the (used - max + 1)-th oldest leaves it.
  const freeing = times[times.length - limit.max]!;
  return { ok: false, used: times.length, until: new Date(freeing + limit.windowMs).toISOString() };
}
