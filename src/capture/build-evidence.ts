// Turns one capture (the record, the visible-tab screenshot, the element's box) into evidence artifacts,
// each with its SHA-256, ready to be stored with a new draft report.
import type { CapturedPost, Rect } from '../model/captured-post';
import { type ArtifactKind, type ArtifactMeta, type ArtifactRecord, newId } from '../model/report';
import { canonicalJson, sha256Hex } from '../evidence/hash';
import { cropBox, type PixelBox } from './crop';

export interface CaptureInput {
  post: CapturedPost;
  /** The whole visible tab, as the browser captured it; absent when screenshots are not allowed. */
  screenshot?: Blob;
  /** The same bytes as `screenshot`, when at hand: hashed as they are instead of read back from the Blob. */
  screenshotBytes?: Uint8Array;
  screenshotSize?: { width: number; height: number };
  /** The element's picture when it was made another way (stitched from several captures); else cropped from `screenshot`. */
  elementShot?: Blob;
  rect: Rect;
  viewport: { width: number; height: number };
  userAgent: string;
  itemIndex?: number;
}

export interface EvidenceBundle {
  metas: ArtifactMeta[];
  records: Omit<ArtifactRecord, 'reportId'>[];
  /**
   * The element's picture still to be cut from the full screenshot (artifact `fromId`), when the caller
   * asked for it later: the record is stored and answered first, the crop follows (src/evidence/add-crop.ts).
   */
  pendingCrop?: { box: PixelBox; fromId: string };
}

/**
 * The element's picture, when it is to be cut from the full screenshot, is not made here: the bundle says
 * where it is to come from (`pendingCrop`), and it is made once the record is stored (add-crop.ts).
 */
export async function buildEvidence(input: CaptureInput, now = new Date()): Promise<EvidenceBundle> {
  const itemIndex = input.itemIndex ?? 0;
  const createdAt = now.toISOString();
  const out: EvidenceBundle = { metas: [], records: [] };

  // The artifacts are hashed concurrently and listed in a fixed order.
  // Bytes made here are hashed as they are: reading a Blob back is a round trip to the browser's blob store.
  const parts: Array<[ArtifactKind, Blob, Uint8Array | undefined]> = [];
  const add = (kind: ArtifactKind, blob: Blob, bytes?: Uint8Array) => parts.push([kind, blob, bytes]);
  const addJson = (kind: ArtifactKind, value: unknown) => {
    const bytes = new TextEncoder().encode(canonicalJson(value));
    add(kind, new Blob([bytes], { type: 'application/json' }), bytes);
  };

  addJson('post-json', input.post);
  addJson('page-meta', {
    url: input.post.pageUrl,
    title: input.post.pageTitle,
    userAgent: input.userAgent,
    capturedAt: input.post.capturedAt,
  });
  if (input.elementShot) add('screenshot', input.elementShot);
  let cropLater: PixelBox | undefined;
  if (input.screenshot && input.screenshotSize) {
    if (!input.elementShot) {
      const box = cropBox(input.rect, input.viewport, input.screenshotSize);
      if (box) cropLater = box;
    }
    add('screenshot-full', input.screenshot, input.screenshotBytes);
  }
  const artifacts = await Promise.all(parts.map(([kind, blob, bytes]) => artifact(kind, blob, itemIndex, createdAt, bytes)));
  for (const part of artifacts) {
    out.records.push(part.record);
    out.metas.push(part.meta);
  }
  if (cropLater) {
    const full = out.metas.find((m) => m.kind === 'screenshot-full');
    if (full) out.pendingCrop = { box: cropLater, fromId: full.id };
  }
  return out;
}

/**
 * One artifact: the bytes under a new id, and what the report keeps about them (size, SHA-256…). `bytes`,
 * when given, are the Blob's own content, hashed directly.
 */
export async function artifact(
  kind: ArtifactKind,
  blob: Blob,
  itemIndex: number,
  createdAt: string,
  bytes?: Uint8Array,
): Promise<{ meta: ArtifactMeta; record: Omit<ArtifactRecord, 'reportId'> }> {
  const id = newId();
  return {
    record: { id, blob },
    meta: {
      id,
      kind,
      mime: blob.type || 'application/octet-stream',
      size: blob.size,
      sha256: await sha256Hex(bytes ?? blob),
      itemIndex,
      createdAt,
      excluded: false,
    },
  };
}
