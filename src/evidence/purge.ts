// Child sexual abuse material: never keep or forward it (INHOPE practice — hotlines want the URL, and every
// copy harms the child again). A report in this category keeps URLs and ids only; this removes any
// screenshot and media file it already holds, and re-signs what is left.
import type { Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { updateSigned } from './sign-report';

export const VISUAL_ARTIFACT_KINDS = ['screenshot', 'screenshot-full', 'media'] as const;

export interface PurgeResult {
  report: Report;
  /** How many artifacts were deleted. */
  removed: number;
}

/**
 * Deletes the report's screenshots and media files (bytes and entries), marks it url-only so later
 * captures into it take no pictures and no media can be fetched for it; what is left is signed in the same write.
 * `userAgent` goes into the new manifest.
 */
export async function purgeVisualEvidence(store: ReportStore, reportId: string, userAgent: string = globalThis.navigator?.userAgent ?? ''): Promise<PurgeResult> {
  const visual = new Set<string>(VISUAL_ARTIFACT_KINDS);
  let removed = 0;
  const report = await updateSigned(
    store,
    reportId,
    ({ pendingCrops: _noMoreCrops, ...current }) => ({
      ...current,
      evidencePolicy: 'url-only',
      evidence: current.evidence.filter((e) => !visual.has(e.kind)),
    }),
    {
      remove: (current) => {
        const ids = current.evidence.filter((e) => visual.has(e.kind)).map((e) => e.id);
        removed = ids.length;
        return ids;
      },
    },
    userAgent,
  );
  return { report, removed };
}
