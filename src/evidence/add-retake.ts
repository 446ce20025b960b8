// A screenshot taken after the capture, for an item stored without one (an in-page button pressed before the
// person allowed the extension to picture pages). The picture is added to the report's evidence with the
// item's index and signed with the rest in the same write; the item no longer says it lacks one; the
// report's history gets a 'captured' entry saying what was added and when.
import { artifact } from '../capture/build-evidence';
import type { PixelBox } from '../capture/crop';
import { recordEvent } from '../lifecycle/event-log';
import type { Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { updateSigned } from './sign-report';

/** Why a retaken screenshot was not added: the report is sent or gone, the item has one, or pictures are not kept. */
export class RetakeNotWanted extends Error {
  constructor(readonly reason: 'no-report' | 'locked' | 'not-missing' | 'url-only') {
    super(`retake not wanted: ${reason}`);
  }
}

export function retakeRefusal(report: Report | undefined, itemIndex: number): RetakeNotWanted['reason'] | undefined {
  if (!report || !report.items[itemIndex]) return 'no-report';
  if (report.status !== 'draft' && report.status !== 'saved') return 'locked';
  if (report.evidencePolicy === 'url-only') return 'url-only';
  if (!report.items[itemIndex].screenshotMissing) return 'not-missing';
  return undefined;
}

export async function addRetakenScreenshot(
  store: ReportStore,
  reportId: string,
  itemIndex: number,
  shots: { full: Blob; elementShot?: Blob | undefined; cropBox?: PixelBox | undefined },
  crop: (image: Blob, box: PixelBox) => Promise<Blob>,
  userAgent: string,
  now = new Date(),
): Promise<Report> {
  const createdAt = now.toISOString();
  const element = shots.elementShot ?? (shots.cropBox ? await crop(shots.full, shots.cropBox) : undefined);
  const made = await Promise.all([
    ...(element ? [artifact('screenshot', element, itemIndex, createdAt)] : []),
    artifact('screenshot-full', shots.full, itemIndex, createdAt),
  ]);
  return updateSigned(
    store,
    reportId,
    (current) => {
      const refused = retakeRefusal(current, itemIndex);
      if (refused) throw new RetakeNotWanted(refused);
      const { screenshotMissing: _was, ...item } = current.items[itemIndex]!;
      // Listed after the item's other evidence, in capture order.
      const lastOfItem = current.evidence.map((m) => m.itemIndex).lastIndexOf(itemIndex);
      const at = lastOfItem < 0 ? current.evidence.length : lastOfItem + 1;
      return {
        ...current,
        items: current.items.map((it, i) => (i === itemIndex ? item : it)),
        evidence: [...current.evidence.slice(0, at), ...made.map((m) => m.meta), ...current.evidence.slice(at)],
      };
    },
    { put: made.map((m) => ({ ...m.record, reportId })) },
    userAgent,
    {
      alsoWithin: (tx, report) =>
        recordEvent(tx, report.id, 'captured', {
          itemCount: report.items.length,
          artifactCount: made.length,
          screenshotAdded: true,
          itemIndex,
        }),
    },
  );
}
