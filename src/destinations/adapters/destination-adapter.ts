// One interface for every destination: given a report and its submission, what the extension does.
// The catalog (../catalog.ts) holds the destination's data (names, entry URLs, e-mails, reasons, limits);
// an adapter adds behaviour, and the per-site page knowledge it needs (selectors, page roles, the words a
// confirmation or a refusal uses) lives in `site-profiles.ts` as data, each with the real page it was
// written from.
//
// (The catalog's data type is called `Destination`; this behaviour is `DestinationAdapter`.)
import type { Channel, Submission } from '../../model/submission';
import type { Report } from '../../model/report';
import type { DestinationId } from '../catalog';

/**
 * A report as the adapters read it: the stored report, plus the reporter's details, which the worker adds
 * from the locally stored reporter profile only when the report is not anonymous.
 */
export interface SubmittableReport extends Report {
  reporter?: { name?: string; phone?: string; email?: string };
}

/** Values the content script puts into a destination's form, by the profile's field names. */
export type FillValues = Partial<Record<FieldName, string>>;
export type FieldName =
  | 'url'
  | 'siteName'
  | 'description'
  | 'reason'
  /** The reason's parent on sites with two levels (Weibo 8 有害信息 → 801): chosen first. */
  | 'reasonParent'
  | 'title'
  | 'reporterName'
  | 'reporterPhone'
  | 'reporterEmail'
  | 'platformName'
  | 'province';

export interface FillPlan {
  /** A key of SITE_PROFILES. */
  profileId: string;
  values: FillValues;
  /** Artifact ids to upload as files (screenshots), when the form takes uploads. */
  uploads: string[];
  /** For a dialog opened from the item itself: which item it is (its kind and its plain ids). */
  target?: DialogTargetRef;
}

export interface DialogTargetRef {
  kind: string;
  /** The item's ids that are plain (letters, digits, `_`, `-`): safe to put into a selector. */
  ids: Record<string, string>;
}

export type DestinationAction =
  /** Open the destination's own page in a tab; a content script fills what it can, the person submits. */
  | { kind: 'open-page'; url: string; fill: FillPlan | null; clipboardText: string; email?: EmailDraft }
  /** A prepared e-mail for the person's mail client; the evidence pack is attached by hand. */
  | { kind: 'email'; email: EmailDraft; clipboardText: string }
  /** Sent by the extension to the configured endpoint. */
  | { kind: 'api' }
  /** Nowhere to send it on the web (app-only channels): the text to copy and where to go instead. */
  | { kind: 'elsewhere'; clipboardText: string; url: string | null; phones: readonly string[] };

export interface EmailDraft {
  to: string;
  subject: string;
  body: string;
  /** `mailto:` URL with subject and body; the evidence pack must be attached by the person. */
  mailto: string;
}

export interface DestinationAdapter {
  id: DestinationId;
  channel: Channel;
  /** What to do for this submission. Pure: no browser calls. */
  prepare(report: SubmittableReport, submission: Submission): DestinationAction;
}
