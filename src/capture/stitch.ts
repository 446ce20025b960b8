// Screenshots of elements taller than the viewport: scroll, capture, crop and paste the pieces together.
// The loop is pure (scrolling and capturing are passed in) so its arithmetic is tested in Node; the
// composition uses OffscreenCanvas, which the service worker has.
import type { Rect } from '../model/captured-post';
import { cropBox } from './crop';

/** The element's box in page coordinates (CSS px): viewport rect plus the scroll offset at measuring time. */
export interface PageBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Slice {
  image: Blob;
  /** The part of the element in this capture, in viewport CSS px at the time of the capture. */
  crop: Rect;
  /** Distance (CSS px) from the element's top to the top of this part. */
  offsetY: number;
}

export interface SliceResult {
  slices: Slice[];
  /** CSS px of the element covered by the slices, from its top. */
  coveredHeight: number;
  /** False when the page would not scroll far enough, the element was cut at the size limit, or a gap was left. */
  complete: boolean;
}

/**
 * Where the scrolled content is seen, in viewport CSS px: the whole viewport when the window scrolls; the
 * visible part of the inner panel (an `overflow: auto` container) when that is what scrolls.
 */
export interface Frame {
  top: number;
  left: number;
  height: number;
}

export interface SliceOptions {
  /** The element's box in the scrolled content's coordinates (the page's, or the inner panel's). */
  element: PageBox;
  viewport: { width: number; height: number };
  /** Absent: the window scrolls, and the frame is the viewport. */
  frame?: Frame;
  /** Scroll offsets when the person clicked; the first capture may be taken there. */
  start: { x: number; y: number };
  /** A capture already taken at `start`, reused as the first slice when the element's top is on it. */
  first?: Blob;
  /** Scrolls so `y` is at the top of the frame; resolves with the scroll offsets the scroller really took. */
  scrollTo: (y: number, sliceIndex: number) => Promise<{ x: number; y: number }>;
  capture: () => Promise<Blob>;
  maxSlices: number;
  /** Largest element height to stitch, CSS px (canvas limits); taller elements are cut there. */
  maxHeight: number;
}

export async function captureSlices(o: SliceOptions): Promise<SliceResult> {
  const top = o.element.top;
  const frame = o.frame ?? { top: 0, left: 0, height: o.viewport.height };
  const fullBottom = top + o.element.height;
  const bottom = Math.min(fullBottom, top + o.maxHeight);
  const slices: Slice[] = [];
  let covered = top;
  let gap = false;
  while (covered < bottom - 0.5 && slices.length < o.maxSlices) {
    let at: { x: number; y: number };
    let image: Blob;
    const firstUsable = slices.length === 0 && o.first && top >= o.start.y && top < o.start.y + frame.height;
    if (firstUsable && o.first) {
      at = o.start;
      image = o.first;
    } else {
      at = await o.scrollTo(covered, slices.length);
      image = await o.capture();
    }
    const visibleTop = Math.max(covered, at.y);
    const visibleBottom = Math.min(bottom, at.y + frame.height);
    // The page did not scroll any further: what is below cannot be captured this way.
    if (visibleBottom <= covered + 0.5) break;
    if (visibleTop > covered + 0.5) gap = true;
    slices.push({
      image,
      crop: { x: frame.left + o.element.left - at.x, y: frame.top + visibleTop - at.y, width: o.element.width, height: visibleBottom - visibleTop },
      offsetY: visibleTop - top,
    });
    covered = visibleBottom;
  }
  const coveredHeight = covered - top;
  return { slices, coveredHeight, complete: !gap && covered >= fullBottom - 0.5 };
}

/**
 * True when the element does not fit in the viewport as it is, so one capture cannot show all of it; with
 * `clip` (the visible box of the inner panel it scrolls in), when it does not fit in that box.
 */
export function needsStitching(rect: Rect, viewport: { width: number; height: number }, clip?: Rect): boolean {
  const top = clip ? Math.max(0, clip.y) : 0;
  const bottom = clip ? Math.min(viewport.height, clip.y + clip.height) : viewport.height;
  return rect.y < top - 0.5 || rect.y + rect.height > bottom + 0.5;
}

/** Pastes the slices into one PNG, at the screenshots' own resolution. */
export async function composeSlices(
  result: SliceResult,
  viewport: { width: number; height: number },
  imageSize: (image: Blob) => Promise<{ width: number; height: number }>,
): Promise<Blob | undefined> {
  const first = result.slices[0];
  if (!first) return undefined;
  const size = await imageSize(first.image);
  const scale = size.width / viewport.width;
  const firstBox = cropBox(first.crop, viewport, size);
  if (!firstBox) return undefined;
  const width = firstBox.sw;
  const height = Math.max(1, Math.round(result.coveredHeight * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const slice of result.slices) {
    const box = cropBox(slice.crop, viewport, size);
    if (!box) continue;
    const bitmap = await createImageBitmap(slice.image);
    try {
      ctx.drawImage(bitmap, box.sx, box.sy, box.sw, box.sh, 0, Math.round(slice.offsetY * scale), box.sw, box.sh);
    } finally {
      bitmap.close();
    }
  }
  return canvas.convertToBlob({ type: 'image/png' });
}
