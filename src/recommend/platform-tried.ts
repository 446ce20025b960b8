// Whether the platform was already tried for this content, read from the tracking of earlier reports of
// the same post (the duplicates the form finds): a platform entry that answered "no violation" or
// "rejected", or whose response window passed with no answer, means the platform has had its chance and
// the next report should go to 12377 first. The person's own tick or untick always wins over this.
import type { Report } from '../model/report';
import { destination } from '../destinations/catalog';
import { findOverdue, type WindowOverrides } from '../lifecycle/response-windows';

export interface PlatformAttempt {
  /** The earlier report that carried the attempt. */
  reportId: string;
  destinationId: string;
  /** When it was sent (overdue) or answered (an outcome). */
  at: string;
  result: 'no-violation' | 'rejected' | 'no-answer' | 'overdue';
}

const FAILED = new Set(['no-violation', 'rejected', 'no-answer']);

/** The most recent failed platform attempt among `earlier` reports of the same content, if any. */
export function failedPlatformAttempt(
  earlier: ReadonlyArray<Pick<Report, 'id' | 'lifecycle'>>,
  overrides: WindowOverrides,
  now: Date,
): PlatformAttempt | undefined {
  const found: PlatformAttempt[] = [];
  for (const report of earlier) {
    const life = report.lifecycle;
    if (!life) continue;
    const platformIds = life.destinations.filter((id) => destination(id)?.kind === 'platform');
    if (platformIds.length === 0) continue;
    if (life.outcome && FAILED.has(life.outcome) && life.outcomeAt) {
      // The outcome is the report's latest answer; it speaks for the platform when the platform was the only
      // destination, or when nothing but platforms were sent to.
      if (life.destinations.every((id) => destination(id)?.kind === 'platform')) {
        found.push({ reportId: report.id, destinationId: platformIds.at(-1)!, at: life.outcomeAt, result: life.outcome as PlatformAttempt['result'] });
      }
    }
    for (const late of findOverdue([report], overrides, now)) {
      if (destination(late.destinationId)?.kind === 'platform') {
        found.push({ reportId: report.id, destinationId: late.destinationId, at: late.since, result: 'overdue' });
      }
    }
  }
  return found.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}
