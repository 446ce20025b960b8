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
