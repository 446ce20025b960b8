// How long to wait for a destination's answer before reminding the person and offering escalation.
//
// Why these defaults: no rule sets a number of days. 《网络信息内容生态治理规定》第十六条 asks platforms to
// handle reports "及时" (promptly); the only hard figure in Chinese rules is 15 working days, for
// personal-information complaints (《App违法违规收集使用个人信息行为认定方法》). So:
//  - a platform gets 7 calendar days: it holds the content and its own review team; a week is generous
//    for "promptly" and still lets an unanswered report move on (Australia's eSafety uses 48 hours);
//  - 12377, a provincial centre and the specialised channels get 15 working days, the one figure the
//    rules do give for a regulator-side complaint;
//  - an API destination (an organisation's own intake) gets 7 days.
// They are defaults, not legal deadlines: the person can change each one in the dashboard.
import type { DestinationKind } from '../destinations/catalog';
import { destination } from '../destinations/catalog';

export type WindowUnit = 'hours' | 'days' | 'working-days';
export interface ResponseWindow {
  amount: number;
  unit: WindowUnit;
}

export const RESPONSE_WINDOWS_META = 'response-windows';

export const DEFAULT_WINDOWS: { readonly [K in DestinationKind]: ResponseWindow } = {
  platform: { amount: 7, unit: 'days' },
  national: { amount: 15, unit: 'working-days' },
  provincial: { amount: 15, unit: 'working-days' },
  specialised: { amount: 15, unit: 'working-days' },
  api: { amount: 7, unit: 'days' },
};

/** The person's overrides, by destination id. */
export type WindowOverrides = Record<string, ResponseWindow>;

export const WINDOW_LIMITS = { min: 1, max: 365 } as const;

export function isValidWindow(w: unknown): w is ResponseWindow {
  if (!w || typeof w !== 'object') return false;
  const { amount, unit } = w as ResponseWindow;
  return (
    Number.isInteger(amount) &&
    amount >= WINDOW_LIMITS.min &&
    amount <= (unit === 'hours' ? WINDOW_LIMITS.max * 24 : WINDOW_LIMITS.max) &&
    (unit === 'hours' || unit === 'days' || unit === 'working-days')
  );
}

export function windowFor(destinationId: string, overrides: WindowOverrides = {}): ResponseWindow {
  const own = overrides[destinationId];
  if (isValidWindow(own)) return own;
  const kind = destination(destinationId)?.kind ?? 'platform';
  return DEFAULT_WINDOWS[kind];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Working days are counted on the China calendar day (UTC+8, no daylight saving). */
const CHINA_OFFSET = 8 * HOUR;

/**
 * When an answer is due for something sent at `since`. Working days skip Saturdays and Sundays in China
 * time; public holidays and their make-up working days (调休) are not modelled, which can only make the
 * reminder come a day or two early, never late.
 */
export function dueAt(since: string | Date, window: ResponseWindow): Date {
  const start = new Date(since).getTime();
  if (window.unit === 'hours') return new Date(start + window.amount * HOUR);
  if (window.unit === 'days') return new Date(start + window.amount * DAY);
  let t = start;
  let left = window.amount;
  while (left > 0) {
    t += DAY;
    const weekday = new Date(t + CHINA_OFFSET).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}

export interface Overdue {
  reportId: string;
  submissionId: string;
  destinationId: string;
  since: string;
  dueAt: string;
  /** Already reminded (at this time); the dashboard still lists it, the worker does not notify again. */
  reminded?: string;
}

/** Submissions whose window has passed with no answer, from the reports' lifecycle summaries. */
export function findOverdue(
  reports: ReadonlyArray<{ id: string; lifecycle?: { awaiting: Array<{ submissionId: string; destinationId: string; since: string; reminded?: string }>; stage: string } | undefined }>,
  overrides: WindowOverrides,
  now: Date,
): Overdue[] {
  const out: Overdue[] = [];
  for (const report of reports) {
    const life = report.lifecycle;
    if (!life || life.stage === 'closed' || life.stage === 'handled') continue;
    for (const a of life.awaiting) {
      const due = dueAt(a.since, windowFor(a.destinationId, overrides));
      if (due.getTime() <= now.getTime()) {
        out.push({
          reportId: report.id,
          submissionId: a.submissionId,
          destinationId: a.destinationId,
          since: a.since,
          dueAt: due.toISOString(),
          ...(a.reminded ? { reminded: a.reminded } : {}),
        });
      }
    }
  }
  return out;
}
