// The stitching loop's arithmetic: slices cover the element exactly once, top to bottom, whatever the page
// lets us scroll to.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { captureSlices, needsStitching, type SliceOptions } from '../../../src/capture/stitch';

/** A page of `docHeight` CSS px in a viewport of `vh`: scrolling clamps like a browser's. */
function fakePage(docHeight: number, vh: number) {
  const scrolls: number[] = [];
  let captures = 0;
  return {
    scrolls,
    get captures() {
      return captures;
    },
    scrollTo: async (y: number) => {
      const actual = Math.max(0, Math.min(Math.round(y), Math.max(0, docHeight - vh)));
      scrolls.push(actual);
      return { x: 0, y: actual };
    },
    capture: async () => {
      captures++;
      return new Blob([String(captures)]);
    },
  };
}

function options(page: ReturnType<typeof fakePage>, o: Partial<SliceOptions> & Pick<SliceOptions, 'element' | 'viewport' | 'start'>): SliceOptions {
  return { scrollTo: page.scrollTo, capture: page.capture, maxSlices: 50, maxHeight: 100_000, ...o };
}

describe('captureSlices', () => {
  it('covers a post three viewports tall with contiguous slices, reusing the first capture', async () => {
    const page = fakePage(5000, 800);
    const first = new Blob(['first']);
    const result = await captureSlices(
      options(page, { element: { top: 300, left: 10, width: 600, height: 2200 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 200 }, first }),
    );
    expect(result.complete).toBe(true);
    expect(result.coveredHeight).toBe(2200);
    expect(result.slices[0]!.image).toBe(first);
    expect(result.slices[0]!.crop).toEqual({ x: 10, y: 100, width: 600, height: 700 });
    let expected = 0;
    for (const s of result.slices) {
      expect(s.offsetY).toBe(expected);
      expected += s.crop.height;
    }
    expect(expected).toBe(2200);
    expect(page.scrolls).toEqual([1000, 1800]);
  });

  it('scrolls to the top of an element that starts above the viewport instead of reusing the first capture', async () => {
    const page = fakePage(5000, 800);
    const result = await captureSlices(
      options(page, { element: { top: 100, left: 0, width: 500, height: 1000 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 400 }, first: new Blob(['x']) }),
    );
    expect(page.scrolls[0]).toBe(100);
    expect(result.complete).toBe(true);
    expect(result.slices.map((s) => s.crop.height)).toEqual([800, 200]);
  });

  it('handles the page bottom, where the last scroll is clamped', async () => {
    const page = fakePage(3000, 800);
    const result = await captureSlices(options(page, { element: { top: 1500, left: 0, width: 500, height: 1500 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 0 } }));
    expect(page.scrolls).toEqual([1500, 2200]);
    expect(result.slices[1]!.crop).toEqual({ x: 0, y: 100, width: 500, height: 700 });
    expect(result.complete).toBe(true);
  });

  it('stops, incomplete, when the page will not scroll further', async () => {
    // The element claims to reach beyond the document (a clipped or overflowing box).
    const page = fakePage(2000, 800);
    const result = await captureSlices(options(page, { element: { top: 1000, left: 0, width: 500, height: 2000 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 0 } }));
    expect(result.complete).toBe(false);
    expect(result.coveredHeight).toBe(1000);
  });

  it('cuts an element at the size limit and says so', async () => {
    const page = fakePage(100_000, 800);
    const result = await captureSlices(
      options(page, { element: { top: 0, left: 0, width: 500, height: 50_000 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 0 }, maxHeight: 2000 }),
    );
    expect(result.coveredHeight).toBe(2000);
    expect(result.complete).toBe(false);
    const limited = await captureSlices(
      options(fakePage(100_000, 800), { element: { top: 0, left: 0, width: 500, height: 50_000 }, viewport: { width: 1000, height: 800 }, start: { x: 0, y: 0 }, maxSlices: 3 }),
    );
    expect(limited.slices).toHaveLength(3);
    expect(limited.complete).toBe(false);
  });

  it('never leaves gaps or overlaps for any element and page geometry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 1200 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 0, max: 5000 }),
        async (vh, top, height, extra) => {
          const docHeight = top + height + extra;
          const page = fakePage(docHeight, vh);
          const start = Math.max(0, Math.min(top, docHeight - vh));
          const result = await captureSlices(
            options(page, { element: { top, left: 0, width: 100, height }, viewport: { width: 1000, height: vh }, start: { x: 0, y: start }, first: new Blob(['f']) }),
          );
          let covered = 0;
          for (const s of result.slices) {
            expect(s.offsetY).toBe(covered);
            expect(s.crop.height).toBeGreaterThan(0);
            expect(s.crop.y).toBeGreaterThanOrEqual(0);
            expect(s.crop.y + s.crop.height).toBeLessThanOrEqual(vh);
            covered += s.crop.height;
          }
          expect(covered).toBe(height);
          expect(result.complete).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('needsStitching', () => {
  it('is true only when the element does not fit in the viewport', () => {
    expect(needsStitching({ x: 0, y: 10, width: 100, height: 500 }, { width: 1000, height: 800 })).toBe(false);
    expect(needsStitching({ x: 0, y: 0, width: 100, height: 1200 }, { width: 1000, height: 800 })).toBe(true);
    expect(needsStitching({ x: 0, y: -40, width: 100, height: 300 }, { width: 1000, height: 800 })).toBe(true);
  });
});

describe('stitching inside an inner panel', () => {
  it('crops each part from the panel\'s frame, not the whole viewport', async () => {
    // A panel 500 px tall whose client area starts 100 px down the window and 200 px from its left.
    const page = fakePage(4000, 500);
    const frame = { top: 100, left: 200, height: 500 };
    const result = await captureSlices(
      options(page, { element: { top: 50, left: 16, width: 600, height: 1200 }, viewport: { width: 1000, height: 800 }, frame, start: { x: 0, y: 0 } }),
    );
    expect(result.complete).toBe(true);
    expect(page.scrolls).toEqual([50, 550, 1050]);
    for (const s of result.slices) {
      expect(s.crop.x).toBe(216);
      expect(s.crop.y).toBeGreaterThanOrEqual(frame.top);
      expect(s.crop.y + s.crop.height).toBeLessThanOrEqual(frame.top + frame.height);
    }
    expect(result.slices.map((s) => s.crop.height)).toEqual([500, 500, 200]);
    expect(result.slices.reduce((n, s) => n + s.crop.height, 0)).toBe(1200);
  });

  it('needsStitching: an element cut off by its panel needs it, though it fits in the viewport', () => {
    const clip = { x: 200, y: 48, width: 800, height: 692 };
    expect(needsStitching({ x: 216, y: 680, width: 600, height: 110 }, { width: 1000, height: 800 })).toBe(false);
    expect(needsStitching({ x: 216, y: 680, width: 600, height: 110 }, { width: 1000, height: 800 }, clip)).toBe(true);
    expect(needsStitching({ x: 216, y: 100, width: 600, height: 110 }, { width: 1000, height: 800 }, clip)).toBe(false);
    expect(needsStitching({ x: 216, y: 20, width: 600, height: 110 }, { width: 1000, height: 800 }, clip)).toBe(true);
  });
});
