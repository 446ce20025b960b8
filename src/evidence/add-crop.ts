// The element's picture, cut from the full visible-tab screenshot once the capture's record is stored.
// A capture answers the page as soon as its signed record (text, page facts, the full screenshot) is safe;
// the crop is derived from that screenshot, so it follows a moment later, stored with the report's new signature.
import type { PixelBox } from '../capture/crop';
import { artifact } from '../capture/build-evidence';
import type { Report } from '../model/report';
import { ReportNotFoundError, type ReportStore } from '../storage/report-store';
import { updateSigned } from './sign-report';

/** The picture is not to be added: made already, or the report was purged to URLs only / lost its screenshot. */
class CropNotWanted extends Error {
  /** When set, the pending entry is to be dropped (leaving these). */
  constructor(readonly rest?: Report['pendingCrops']) {
    super('crop not wanted');
  }
}

/**
 * Crops `screenshot` (stored as artifact `fromId` of report `reportId`) to `box`, stores the result next to
 * it as the item's 'screenshot', signed with the rest in the same write. Returns the signed report, or
 * undefined when the report was discarded or purged meanwhile (then nothing is added).
 */
export async function addElementShot(
  store: ReportStore,
  reportId: string,
  pending: { box: PixelBox; fromId: string },
  screenshot: Blob,
  crop: (image: Blob, box: PixelBox) => Promise<Blob>,
  userAgent: string,
): Promise<Report | undefined> {
  const made = await artifact('screenshot', await crop(screenshot, pending.box), 0, new Date().toISOString());
  try {
    return await updateSigned(
      store,
      reportId,
      (current) => {
        const at = current.evidence.findIndex((m) => m.id === pending.fromId);
        const from = current.evidence[at];
        const waiting = current.pendingCrops ?? [];
        const rest = waiting.filter((p) => p.fromId !== pending.fromId);
        // Made already (by the worker, or by a form that found it pending), or no longer wanted.
        if (rest.length === waiting.length) throw new CropNotWanted();
        if (!from || current.evidencePolicy === 'url-only') throw new CropNotWanted(rest);
        // Listed just before the screenshot it was cut from, as a crop made with the capture is.
        const meta = { ...made.meta, itemIndex: from.itemIndex, createdAt: from.createdAt };
        const { pendingCrops: _done, ...others } = current;
        return {
          ...others,
          ...(rest.length ? { pendingCrops: rest } : {}),
          evidence: [...current.evidence.slice(0, at), meta, ...current.evidence.slice(at)],
        };
      },
      { put: [{ ...made.record, reportId }] },
      userAgent,
    );
  } catch (err) {
    if (err instanceof CropNotWanted && err.rest) await dropPending(store, reportId, pending.fromId);
    if (err instanceof CropNotWanted || err instanceof ReportNotFoundError) return undefined;
    throw err;
  }
}

async function dropPending(store: ReportStore, reportId: string, fromId: string): Promise<void> {
  await store
    .update(reportId, (current) => {
      const { pendingCrops, ...others } = current;
      const rest = (pendingCrops ?? []).filter((p) => p.fromId !== fromId);
      return rest.length ? { ...others, pendingCrops: rest } : others;
    })
    .catch(() => undefined);
}

/**
 * Makes the crops a report still waits for (its worker was stopped between storing a capture and cropping
 * it). Returns the report as stored afterwards, or undefined when there was nothing to do.
 */
export async function completePendingCrops(
  store: ReportStore,
  report: Report,
  crop: (image: Blob, box: PixelBox) => Promise<Blob>,
  userAgent: string,
): Promise<Report | undefined> {
  let latest: Report | undefined;
  for (const pending of report.pendingCrops ?? []) {
    const full = await store.getArtifact(pending.fromId);
    if (!full) {
      await dropPending(store, report.id, pending.fromId);
      continue;
    }
    latest = (await addElementShot(store, report.id, pending, full.blob, crop, userAgent)) ?? latest;
  }
  return latest ?? (report.pendingCrops?.length ? store.get(report.id) : undefined);
}
