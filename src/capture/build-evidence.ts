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
}

export async function buildEvidence(
  input: CaptureInput,
  crop: (image: Blob, box: PixelBox) => Promise<Blob>,
  now = new Date(),
): Promise<EvidenceBundle> {
  const itemIndex = input.itemIndex ?? 0;
  const createdAt = now.toISOString();
  const out: EvidenceBundle = { metas: [], records: [] };

  // The artifacts are made and hashed concurrently (the crop is the slow part), and listed in a fixed order.
  const parts: Array<Promise<[ArtifactKind, Blob] | undefined>> = [];
  const add = (kind: ArtifactKind, blob: Blob | Promise<Blob | undefined>) =>
    parts.push(Promise.resolve(blob).then((b) => (b ? [kind, b] : undefined)));

  add('post-json', new Blob([canonicalJson(input.post)], { type: 'application/json' }));
  add(
    'page-meta',
    new Blob(
      [
        canonicalJson({
          url: input.post.pageUrl,
          title: input.post.pageTitle,
          userAgent: input.userAgent,
          capturedAt: input.post.capturedAt,
        }),
      ],
      { type: 'application/json' },
    ),
  );
  if (input.elementShot) add('screenshot', input.elementShot);
  if (input.screenshot && input.screenshotSize) {
    if (!input.elementShot) {
      const box = cropBox(input.rect, input.viewport, input.screenshotSize);
      if (box) add('screenshot', crop(input.screenshot, box));
    }
    add('screenshot-full', input.screenshot);
  }
  const made = await Promise.all(
    parts.map(async (part) => {
      const ready = await part;
      return ready ? { kind: ready[0], blob: ready[1], sha256: await sha256Hex(ready[1]) } : undefined;
    }),
  );
  for (const part of made) {
    if (!part) continue;
    const id = newId();
    out.records.push({ id, blob: part.blob });
    out.metas.push({
      id,
      kind: part.kind,
      mime: part.blob.type || 'application/octet-stream',
      size: part.blob.size,
      sha256: part.sha256,
      itemIndex,
      createdAt,
      excluded: false,
    });
  }
  return out;
}
