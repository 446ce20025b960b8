import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bidToMid, midToBid } from '../../../src/platforms/weibo/mid';
import { aidToBvid, bvidToAid } from '../../../src/platforms/bilibili/bvid';

describe('Weibo mid ↔ bid', () => {
  it('converts known pairs', () => {
    expect(bidToMid('z0JH2lOMb')).toBe('3501756485200075');
    expect(midToBid('3501756485200075')).toBe('z0JH2lOMb');
  });
  it('round-trips any 16-digit mid', () => {
    fc.assert(fc.property(fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n - 1n }), (n) => {
        expect(bidToMid(midToBid(n.toString())!)).toBe(n.toString());
      }));
  });
  it('rejects what is not an id', () => {
    for (const x of ['', 'a-b', '<script>', 'x'.repeat(40)]) expect(bidToMid(x)).toBeUndefined();
    for (const x of ['', '12a', '1'.repeat(40)]) expect(midToBid(x)).toBeUndefined();
  });
});

describe('Bilibili BV ↔ av', () => {
  it('converts known pairs (old and 2024 schemes)', () => {
    expect(bvidToAid('BV17x411w7KC')).toBe('170001');
    expect(aidToBvid('170001')).toBe('BV17x411w7KC');
    expect(bvidToAid('BV1L9Uoa9EUx')).toBe('111298867365120');
    expect(aidToBvid('111298867365120')).toBe('BV1L9Uoa9EUx');
  });
  it('round-trips any aid below 2^51', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: (1n << 51n) - 1n }), (n) => {
        expect(bvidToAid(aidToBvid(n.toString())!)).toBe(n.toString());
      }));
  });
  it('rejects what is not a BV id', () => {
    for (const x of ['', 'BV1', 'BV1L9Uoa9EU0', 'av170001', 'BV1L9Uoa9EUxx']) expect(bvidToAid(x)).toBeUndefined();
  });
});
