// Cropping a post out of a visible-tab screenshot.
import type { Rect } from '../model/captured-post';

export interface PixelBox {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

/**
 * Maps an element's viewport rect (CSS px) onto the screenshot's pixels and clamps it to the image.
 * The scale comes from the image itself (image width / viewport width), which holds whatever the
 * zoom level and device pixel ratio. Returns null when nothing of the element is on screen.
 */
export function cropBox(
  rect: Rect,
  viewport: { width: number; height: number },
  image: { width: number; height: number },
): PixelBox | null {
  const scale = image.width / viewport.width;
  const left = Math.max(0, Math.floor(rect.x * scale));
  const top = Math.max(0, Math.floor(rect.y * scale));
  const right = Math.min(image.width, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(image.height, Math.ceil((rect.y + rect.height) * scale));
  if (right - left < 1 || bottom - top < 1) return null;
  return { sx: left, sy: top, sw: right - left, sh: bottom - top };
}

/** Crops a PNG/JPEG blob with web-standard APIs (works in a service worker: no DOM needed). */
export async function cropImage(image: Blob, box: PixelBox): Promise<Blob> {
  const bitmap = await createImageBitmap(image, box.sx, box.sy, box.sw, box.sh);
  try {
    const canvas = new OffscreenCanvas(box.sw, box.sh);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}

export async function imageSize(image: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(image);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}
