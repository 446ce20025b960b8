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

  const add = async (kind: ArtifactKind, blob: Blob) => {
    const id = newId();
    out.records.push({ id, blob });
    out.metas.push({
      id,
      kind,
      mime: blob.type || 'application/octet-stream',
      size: blob.size,
      sha256: await sha256Hex(blob),
      itemIndex,
      createdAt,
      excluded: false,
    });
  };

  await add('post-json', new Blob([canonicalJson(input.post)], { type: 'application/json' }));
  await add(
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
  if (input.elementShot) await add('screenshot', input.elementShot);
  if (input.screenshot && input.screenshotSize) {
    if (!input.elementShot) {
      const box = cropBox(input.rect, input.viewport, input.screenshotSize);
      if (box) await add('screenshot', await crop(input.screenshot, box));
    }
    await add('screenshot-full', input.screenshot);
  }
  return out;
}
