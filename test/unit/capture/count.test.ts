import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCount } from '../../../src/capture/count';

describe('parseCount', () => {
  it.each([
    ['1.2万', 12000],
    [' 1.2万 ', 12000],
    ['12.5万', 125000],
    ['120.5万', 1205000],
    ['3亿', 300000000],
    ['1.5亿', 150000000],
    ['10w+', 100000],
    ['2.5k', 2500],
    ['2,048', 2048],
    ['999+', 999],
    ['赞同 1234', 1234],
    ['赞 (128)', 128],
    ['3 条评论', 3],
    ['粉丝12.5万', 125000],
    ['0', 0],
  ])('%s → %d', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it('leaves labels without a number unknown (not 0)', () => {
    for (const text of ['转发', '赞', '评论', '', '分享', null, undefined]) expect(parseCount(text)).toBeUndefined();
  });

  it('returns a non-negative safe integer or nothing for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const n = parseCount(text);
        if (n !== undefined) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
