// Messages of the report form.
import * as v from 'valibot';
import type { ErrorResponse, MessageDefinitions } from '../define';

const ReportId = v.pipe(v.string(), v.uuid());

export const formMessages = {
  'open-form': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId, where: v.picklist(['tab', 'window']) }),
  },
  'report-saved': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId }),
  },
  /** An edit turned a saved report back into a draft; the worker records it in the report's history. */
  'report-reopened': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId }),
  },
} as const satisfies MessageDefinitions;

export interface FormResponses {
  'open-form': { ok: true } | ErrorResponse;
  'report-saved': { ok: true } | ErrorResponse;
  'report-reopened': { ok: true; recorded: boolean } | ErrorResponse;
}
