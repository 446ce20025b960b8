import { describe, expect, it } from 'vitest';
import { cropBox } from '../../../src/capture/crop';

describe('cropBox', () => {
  it('scales CSS pixels to image pixels (device pixel ratio 2)', () => {
    expect(cropBox({ x: 10, y: 20, width: 300, height: 100 }, { width: 1000, height: 800 }, { width: 2000, height: 1600 })).toEqual({
      sx: 20,
      sy: 40,
      sw: 600,
      sh: 200,
    });
  });
  it('clamps a post that runs off the viewport', () => {
    expect(cropBox({ x: -50, y: 700, width: 400, height: 400 }, { width: 1000, height: 800 }, { width: 1000, height: 800 })).toEqual({
      sx: 0,
      sy: 700,
      sw: 350,
      sh: 100,
    });
  });
  it('returns null when the post is not on screen', () => {
    expect(cropBox({ x: 0, y: 900, width: 100, height: 100 }, { width: 1000, height: 800 }, { width: 1000, height: 800 })).toBeNull();
  });
});

describe('pngSize', () => {
  it('reads the size from the IHDR chunk and refuses anything that is not a PNG', async () => {
    const { pngSize } = await import('../../../src/capture/crop');
    const head = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 8, 0x98, 0, 0, 6, 0x40]);
    expect(pngSize(head)).toEqual({ width: 2200, height: 1600 });
    expect(pngSize(head.slice(0, 20))).toBeUndefined();
    const jpeg = new Uint8Array(24);
    jpeg.set([0xff, 0xd8, 0xff]);
    expect(pngSize(jpeg)).toBeUndefined();
    const zero = head.slice();
    zero.set([0, 0, 0, 0], 16);
    expect(pngSize(zero)).toBeUndefined();
  });
});
