// Messages of submission: the form asks to submit a saved report; the submissions UI acts on one
// submission; a content script on a destination's page asks what to fill and reports what the page said.
import * as v from 'valibot';
import type { ErrorResponse, MessageDefinitions } from '../define';
import type { Submission } from '../../model/submission';
import type { DestinationAction, DialogTargetRef, FillValues } from '../../destinations/adapters/destination-adapter';
import type { PageRole } from '../../destinations/adapters/site-profiles';

const Id = v.pipe(v.string(), v.uuid());
const Detail = v.pipe(v.string(), v.maxLength(2000));
const PageUrl = v.pipe(v.string(), v.maxLength(4096), v.url());

export const submissionMessages = {
  /** The form's "submit": one submission per destination of the saved report. */
  'submit-report': {
    from: ['extension-page'],
    payload: v.object({ reportId: Id }),
  },
  /** The person acts on one submission from the submissions list. */
  'submission-action': {
    from: ['extension-page'],
    payload: v.variant('action', [
      v.object({ submissionId: Id, action: v.picklist(['open', 'retry', 'cancel']) }),
      /** The person says they sent it by hand (e-mail, a deep link), with the ticket number they got, if any. */
      v.object({ submissionId: Id, action: v.literal('confirm'), code: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))) }),
    ]),
  },
  /** The queue should look at its work now (after settings change, or from a test). */
  'queue-kick': {
    from: ['extension-page'],
    payload: v.object({}),
  },
  /** A destination page's content script: is this tab submitting something, and what goes where? */
  'destination-page': {
    from: ['content'],
    payload: v.object({ url: PageUrl }),
  },
  /** The evidence files to upload into the page's file input. */
  'destination-uploads': {
    from: ['content'],
    payload: v.object({ submissionId: Id }),
  },
  /** What the destination's page said after the person submitted. */
  'destination-answer': {
    from: ['content'],
    payload: v.object({
      submissionId: Id,
      url: PageUrl,
      kind: v.picklist(['confirmed', 'too-frequent', 'already-reported']),
      code: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/))),
      detail: Detail,
    }),
  },
} as const satisfies MessageDefinitions;

export interface DestinationTask {
  submissionId: string;
  profileId: string;
  role: PageRole;
  values: FillValues;
  /** On a `dialog` page: the reported item, whose own menu opens the report dialog. */
  target?: DialogTargetRef;
  uploadCount: number;
  /** The banner's words in the person's chosen interface language (`submitBanner*` keys, `$1` unfilled). */
  messages: Record<string, string>;
}

export interface SubmissionResponses {
  'submit-report': { ok: true; submissionIds: string[] } | ErrorResponse;
  'submission-action': { ok: true; submission: Submission; action?: DestinationAction } | ErrorResponse;
  'queue-kick': { ok: true } | ErrorResponse;
  'destination-page': { ok: true; task: DestinationTask | null } | ErrorResponse;
  'destination-uploads': { ok: true; files: Array<{ name: string; mime: string; base64: string }> } | ErrorResponse;
  'destination-answer': { ok: true; state: Submission['state'] } | ErrorResponse;
}
