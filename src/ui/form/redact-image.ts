// Blurring or cropping a region of a screenshot, for personal data (the reporter's own, a bystander's)
// that should not leave the machine. The result is a NEW artifact that records the original's id; the
// original stays stored, hashed and verifiable, and is left out of sending by default.
import type { ArtifactMeta, Report } from '../../model/report';
import { newId } from '../../model/report';
import type { ReportStore } from '../../storage/report-store';
import { sha256Hex } from '../../evidence/hash';
import { updateSigned } from '../../evidence/sign-report';

export type RedactMode = 'blur' | 'crop';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle between two points, clamped to the image and rounded to whole pixels. */
export function regionBetween(a: { x: number; y: number }, b: { x: number; y: number }, bounds: { width: number; height: number }): Region {
  const clampX = (v: number) => Math.min(Math.max(Math.round(v), 0), bounds.width);
  const clampY = (v: number) => Math.min(Math.max(Math.round(v), 0), bounds.height);
  const x1 = clampX(Math.min(a.x, b.x));
  const y1 = clampY(Math.min(a.y, b.y));
  const x2 = clampX(Math.max(a.x, b.x));
  const y2 = clampY(Math.max(a.y, b.y));
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** Block size of the mosaic: large enough that text underneath cannot be read back. */
const BLOCK = 16;

/**
 * Returns a PNG of the image with `region` pixelated and blurred (`blur`), or of the region alone (`crop`).
 * Pixelation, unlike a soft blur alone, cannot be undone by deconvolution.
 */
export async function redactImage(source: Blob, region: Region, mode: RedactMode): Promise<Blob> {
  const bitmap = await createImageBitmap(source);
  const r = regionBetween({ x: region.x, y: region.y }, { x: region.x + region.width, y: region.y + region.height }, bitmap);
  if (r.width < 1 || r.height < 1) throw new Error('empty region');
  const canvas = new OffscreenCanvas(mode === 'crop' ? r.width : bitmap.width, mode === 'crop' ? r.height : bitmap.height);
  const ctx = canvas.getContext('2d')!;
  if (mode === 'crop') {
    ctx.drawImage(bitmap, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
  } else {
    ctx.drawImage(bitmap, 0, 0);
    const small = new OffscreenCanvas(Math.max(1, Math.ceil(r.width / BLOCK)), Math.max(1, Math.ceil(r.height / BLOCK)));
    const sctx = small.getContext('2d')!;
    sctx.drawImage(bitmap, r.x, r.y, r.width, r.height, 0, 0, small.width, small.height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.width, r.height);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    ctx.filter = 'blur(4px)';
    ctx.drawImage(small, 0, 0, small.width, small.height, r.x - BLOCK / 2, r.y - BLOCK / 2, r.width + BLOCK, r.height + BLOCK);
    ctx.restore();
  }
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * Stores `blob` as a new artifact derived from `originalId`, excludes the original from sending, and
 * stores it with the report's evidence manifest signed again (the new artifact is evidence too).
 */
export async function saveDerivedArtifact(store: ReportStore, reportId: string, originalId: string, blob: Blob, userAgent: string): Promise<Report> {
  const report = await store.get(reportId);
  const original = report?.evidence.find((e) => e.id === originalId);
  if (!report || !original) throw new Error(`artifact ${originalId} not in report ${reportId}`);
  const meta: ArtifactMeta = {
    id: newId(),
    kind: original.kind,
    mime: 'image/png',
    size: blob.size,
    sha256: await sha256Hex(blob),
    itemIndex: original.itemIndex,
    createdAt: new Date().toISOString(),
    excluded: false,
    derivedFrom: original.id,
  };
  return updateSigned(
    store,
    reportId,
    (current) => {
      const at = current.evidence.findIndex((e) => e.id === originalId);
      const evidence = current.evidence.map((e) => (e.id === originalId ? { ...e, excluded: true } : e));
      // Next to its original, so the person sees them together.
      evidence.splice(at < 0 ? evidence.length : at + 1, 0, meta);
      return { ...current, evidence };
    },
    { put: [{ id: meta.id, reportId, blob }] },
    userAgent,
  );
}
