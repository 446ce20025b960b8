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
  // A PNG states its size in its first chunk: reading 24 bytes beats decoding the whole picture.
  const fromHeader = pngSize(new Uint8Array(await image.slice(0, 24).arrayBuffer()));
  if (fromHeader) return fromHeader;
  const bitmap = await createImageBitmap(image);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(head: Uint8Array): { width: number; height: number } | undefined {
  if (head.length < 24 || PNG_SIGNATURE.some((b, i) => head[i] !== b)) return undefined;
  if (String.fromCharCode(head[12]!, head[13]!, head[14]!, head[15]!) !== 'IHDR') return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
