// Stores one capture: as a new signed draft, or appended to the report the person is gathering into.
import type { CapturedPost } from '../model/captured-post';
import { newDraft, type ArtifactMeta, type ArtifactRecord, type Report } from '../model/report';
import type { AlsoWithin, ReportStore } from '../storage/report-store';
import { getSigningKey, type SigningKey } from './signing-key';
import { signReportObject, updateSigned } from './sign-report';

type PendingCrop = NonNullable<Report['pendingCrops']>[number];

/** Reports still being put together: a capture may be added to them. Sent or closed reports are left alone. */
export const GATHERING_STATUSES: readonly string[] = ['draft', 'saved'];

export function canGatherInto(report: Report | undefined): report is Report {
  return !!report && GATHERING_STATUSES.includes(report.status);
}

/**
 * Only URLs and ids: captured text (the post's and its context's) is dropped. Media entries stay as URLs
 * — what a hotline needs to act — and their files are never fetched (see purge.ts for why).
 */
export function urlOnlyPost(post: CapturedPost): CapturedPost {
  return { ...post, text: '', context: post.context.map((c) => ({ ...c, text: '' })) };
}

const VISUAL_KINDS: ReadonlySet<string> = new Set(['screenshot', 'screenshot-full', 'media']);

export interface CaptureToRecord {
  post: CapturedPost;
  metas: ArtifactMeta[];
  records: Omit<ArtifactRecord, 'reportId'>[];
  urlOnly: boolean;
  /** The element's picture, to be cut from one of `records` once this is stored (see add-crop.ts). */
  pendingCrop?: PendingCrop | undefined;
}

export interface RecordedCapture {
  report: Report;
  appended: boolean;
}

export async function recordCapture(
  store: ReportStore,
  capture: CaptureToRecord,
  options: {
    gatherInto?: string | undefined;
    userAgent: string;
    now?: Date;
    /** The signing key, when the caller started loading it early (it is read from IndexedDB). */
    key?: Promise<SigningKey>;
    /** Writes that land atomically with the record (the report's history entry for this capture). */
    alsoWithin?: AlsoWithin;
  },
): Promise<RecordedCapture> {
  const target = options.gatherInto ? await store.get(options.gatherInto) : undefined;
  // Child sexual abuse material gets a report of its own (other destinations, no pictures): it joins a
  // gathering only when that report is url-only too.
  const gathering = canGatherInto(target) && (!capture.urlOnly || target.evidencePolicy === 'url-only') ? target : undefined;
  const urlOnly = capture.urlOnly || gathering?.evidencePolicy === 'url-only';
  const post = urlOnly ? urlOnlyPost(capture.post) : capture.post;
  const metas = urlOnly ? capture.metas.filter((m) => !VISUAL_KINDS.has(m.kind)) : capture.metas;
  const kept = new Set(metas.map((m) => m.id));
  const records = capture.records.filter((r) => kept.has(r.id));
  const pending = capture.pendingCrop && kept.has(capture.pendingCrop.fromId) ? [capture.pendingCrop] : [];

  if (gathering) {
    const report = await updateSigned(
      store,
      gathering.id,
      (current) => {
        // The index is taken inside the transaction, so two captures arriving together each get their own.
        const index = current.items.length;
        return {
          ...current,
          items: [...current.items, post],
          evidence: [...current.evidence, ...metas.map((m) => ({ ...m, itemIndex: index }))],
          ...(pending.length ? { pendingCrops: [...(current.pendingCrops ?? []), ...pending] } : {}),
        };
      },
      { put: records.map((r) => ({ ...r, reportId: gathering.id })) },
      options.userAgent,
      { ...(options.key ? { key: options.key } : {}), ...(options.alsoWithin ? { alsoWithin: options.alsoWithin } : {}) },
    );
    return { report, appended: true };
  }
  const report = newDraft([post], metas.map((m) => ({ ...m, itemIndex: 0 })), options.now);
  if (urlOnly) report.evidencePolicy = 'url-only';
  if (pending.length) report.pendingCrops = pending;
  report.signed = await signReportObject(report, await (options.key ?? getSigningKey(store)), options.userAgent, options.now);
  await store.create(
    report,
    records.map((r) => ({ ...r, reportId: report.id })),
    options.alsoWithin,
  );
  return { report, appended: false };
}
