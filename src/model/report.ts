// A report: one or more captured items, the evidence that proves them, and what the person says.
import type { CapturedPost } from './captured-post';
import type { LifecycleSummary } from '../lifecycle/lifecycle';

// 'submitted': the person sent it to its destinations; each one's progress is a Submission (src/model/submission.ts).
export const REPORT_STATUSES = ['draft', 'saved', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ARTIFACT_KINDS = [
  /** The captured record itself, as canonical JSON. */
  'post-json',
  /** The post's element cropped from the visible tab. */
  'screenshot',
  /** The whole visible tab at capture time. */
  'screenshot-full',
  /** An image or video the post carried, fetched with the person's consent. */
  'media',
  /** Page URL, title and user agent at capture time. */
  'page-meta',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** What a report knows about one artifact; the bytes live in the artifact store. */
export interface ArtifactMeta {
  id: string;
  kind: ArtifactKind;
  mime: string;
  size: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
  /** Index into `Report.items` of the item this artifact belongs to. */
  itemIndex: number;
  createdAt: string;
  /** The person chose not to send this artifact. It is kept locally. */
  excluded: boolean;
  /**
   * Set on an artifact the person derived from another one in the form (a screenshot with a region
   * blurred or cropped away): the id of the original, which stays stored and verifiable (and is excluded
   * from sending by default).
   */
  derivedFrom?: string;
  /** For 'media': the (sanitised) URL the file was fetched from; covered by the signed manifest. */
  sourceUrl?: string;
}

export interface Report {
  id: string;
  status: ReportStatus;
  createdAt: string;
  updatedAt: string;
  /**
   * When the person made the form edit the stored fields hold (epoch ms; the edit's own time, not the
   * write's, which can come later). Absent before the first edit and on reports from before it was kept.
   */
  editedAt?: number;
  items: CapturedPost[];
  evidence: ArtifactMeta[];
  /** A taxonomy item id (see src/taxonomy), or null before the person picks one. */
  categoryId: string | null;
  description: string;
  /**
   * Where the person chose to send the report: destination ids from src/destinations/catalog.ts, in the
   * order chosen. Each becomes its own tracked submission. Absent on drafts from before the form had it.
   */
  destinations?: string[];
  /**
   * Send without the reporter's name (the default). When false, the reporter profile (src/model/profile.ts,
   * stored locally) is filled in for destinations that take it; 12377 侵权类 requires it.
   */
  anonymous?: boolean;
  /** The person already reported this on the platform and it was not handled: recommend 12377 first. */
  platformAlreadyTried?: boolean;
  /**
   * The good-faith statement the person ticked before saving (DSA Art. 16(2)(d) style): the locale key of
   * the statement's text and when it was ticked, UTC. Cleared when the report is edited after saving.
   */
  goodFaith?: { statementKey: string; at: string } | null;
  /**
   * Element pictures still to be cut from a stored full screenshot (artifact `fromId`, pixel box `box`). A
   * capture is stored and answered before its crop is made; the worker adds the crop right after and
   * removes the entry in the same write. Left here only if the worker was stopped in between: the form
   * finishes it when it opens the report (src/evidence/add-crop.ts).
   */
  pendingCrops?: Array<{ fromId: string; box: { sx: number; sy: number; sw: number; sh: number } }>;
  /**
   * The lifecycle stage and what led to it, a summary of the report's event log kept in step by
   * `recordEvent` (src/lifecycle). Absent until the first event. The event log is the truth.
   */
  lifecycle?: LifecycleSummary;
  /**
   * The signed evidence manifest (src/evidence): the exact canonical JSON that was signed and its ECDSA
   * P-256 signature. Re-signed whenever items or artifacts change. Absent only on reports from before signing.
   */
  signed?: SignedManifest;
  /**
   * 'url-only': child sexual abuse material — only URLs and ids are kept, never screenshots or media
   * (INHOPE practice). Captures into such a report take no pictures; see src/evidence/purge.ts.
   */
  evidencePolicy?: 'url-only';
}

export interface SignedManifest {
  /** Canonical JSON of an `EvidenceManifest` (src/evidence/evidence-manifest.ts), exactly as signed. */
  manifest: string;
  /** Base64 of the IEEE P1363 (r‖s) ECDSA P-256 / SHA-256 signature over the manifest's UTF-8 bytes. */
  signature: string;
  keyId: string;
}

/** An artifact's bytes, stored as a Blob (never as base64). */
export interface ArtifactRecord {
  id: string;
  reportId: string;
  blob: Blob;
}

export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export function newDraft(items: CapturedPost[], evidence: ArtifactMeta[], now = new Date()): Report {
  const at = nowIso(now);
  return {
    id: newId(),
    status: 'draft',
    createdAt: at,
    updatedAt: at,
    items,
    evidence,
    categoryId: null,
    description: '',
  };
}
