// Messages of tracking: the dashboard escalates and opens 12377's status query; content scripts on
// 12377's query page and on platforms' notification pages report what the page shows.
import * as v from 'valibot';
import type { ErrorResponse, MessageDefinitions } from '../define';
import { OUTCOMES, STAGES } from '../../lifecycle/lifecycle';

const Id = v.pipe(v.string(), v.uuid());
const DestinationId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{2,40}$/));
const PageUrl = v.pipe(v.string(), v.maxLength(4096), v.url());
const Text = v.pipe(v.string(), v.maxLength(500));
const Code = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/));
const NoticeSchema = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(500)),
  text: Text,
  links: v.pipe(v.array(v.pipe(v.string(), v.maxLength(4096))), v.maxLength(10)),
});

export const trackingMessages = {
  /** One-click escalation: a new submission one step up the ladder, linked to `fromSubmissionId`. */
  'track-escalate': {
    from: ['extension-page'],
    payload: v.object({ reportId: Id, fromSubmissionId: Id, toDestinationId: DestinationId }),
  },
  /** Opens 12377's status query with this submission's 查询码 ready to fill. */
  'track-open-query': {
    from: ['extension-page'],
    payload: v.object({ submissionId: Id }),
  },
  /** Looks for overdue submissions now (the dashboard after a settings change; the alarm does it too). */
  'track-check-now': {
    from: ['extension-page'],
    payload: v.object({}),
  },
  /** A status set by hand from the dashboard, with the person's note. */
  'track-set-status': {
    from: ['extension-page'],
    payload: v.object({
      reportId: Id,
      submissionId: v.optional(Id),
      outcome: v.optional(v.picklist(OUTCOMES)),
      stage: v.optional(v.picklist(STAGES)),
      note: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000)),
    }),
  },
  /** 12377's query page: is there a code to fill in for this tab? */
  'track-query-page': {
    from: ['content'],
    payload: v.object({ url: PageUrl }),
  },
  /** 12377's query page showed results. */
  'track-query-result': {
    from: ['content'],
    payload: v.object({
      url: PageUrl,
      records: v.pipe(
        v.array(v.object({ code: Code, result: Text, harmType: v.optional(Text), reportedAt: v.optional(Text), reportedUrl: v.optional(Text) })),
        v.maxLength(50),
      ),
    }),
  },
  /** A platform's notification page lists these answers: which concern tracked reports? */
  'track-feedback-page': {
    from: ['content'],
    payload: v.object({ url: PageUrl, notices: v.pipe(v.array(NoticeSchema), v.maxLength(200)) }),
  },
  /** The person accepted the offer to record one of them. */
  'track-record-notice': {
    from: ['content'],
    payload: v.object({ url: PageUrl, notice: NoticeSchema, reportId: Id }),
  },
} as const satisfies MessageDefinitions;

export interface NoticeMatch {
  index: number;
  reportId: string;
  outcome: (typeof OUTCOMES)[number] | null;
}

export interface TrackingResponses {
  'track-escalate': { ok: true; submissionId: string; history: string } | ErrorResponse;
  'track-open-query': { ok: true } | ErrorResponse;
  'track-check-now': { ok: true; overdue: number; reminded: number } | ErrorResponse;
  'track-set-status': { ok: true } | ErrorResponse;
  'track-query-page': { ok: true; code: string | null } | ErrorResponse;
  'track-query-result': { ok: true; recorded: Array<{ code: string; outcome: string | null; result: string }> } | ErrorResponse;
  'track-feedback-page': { ok: true; matches: NoticeMatch[] } | ErrorResponse;
  'track-record-notice': { ok: true; outcome: string | null } | ErrorResponse;
}
