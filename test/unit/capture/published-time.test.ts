import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePublishedTime } from '../../../src/capture/published-time';

// 2026-11-22 10:00:00 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00.000Z');
const at = (text: string, now = NOW) => parsePublishedTime(text, now);

describe('parsePublishedTime', () => {
  it.each([
    ['刚刚', '2026-11-22T02:00:00.000Z'],
    ['刚才', '2026-11-22T02:00:00.000Z'],
    ['30秒前', '2026-11-22T01:59:30.000Z'],
    ['5分钟前', '2026-11-22T01:55:00.000Z'],
    ['5 分钟前', '2026-11-22T01:55:00.000Z'],
    ['半小时前', '2026-11-22T01:30:00.000Z'],
    ['2小时前', '2026-11-22T00:00:00.000Z'],
    ['3个小时前', '2026-11-21T23:00:00.000Z'],
    ['1天前·广东', '2026-11-21T02:00:00.000Z'],
    ['2周前', '2026-11-08T02:00:00.000Z'],
    ['今天 12:30', '2026-11-22T04:30:00.000Z'],
    ['今天12:30', '2026-11-22T04:30:00.000Z'],
    ['昨天 08:00', '2026-11-21T00:00:00.000Z'],
    ['昨天 10:00 · 上海', '2026-11-21T02:00:00.000Z'],
    ['前天 23:59', '2026-11-20T15:59:00.000Z'],
    ['昨天', '2026-11-20T16:00:00.000Z'],
    ['11-20', '2026-11-19T16:00:00.000Z'],
    ['11-20 08:00', '2026-11-20T00:00:00.000Z'],
    ['11-20 08:00 来自 iPhone', '2026-11-20T00:00:00.000Z'],
    ['11月20日', '2026-11-19T16:00:00.000Z'],
    ['11月20日 08:30', '2026-11-20T00:30:00.000Z'],
    ['2025-11-20 08:00', '2025-11-20T00:00:00.000Z'],
    ['2025-11-20 08:00:59', '2025-11-20T00:00:59.000Z'],
    ['2025/1/2', '2025-01-01T16:00:00.000Z'],
    ['2025.01.02 03:04', '2025-01-01T19:04:00.000Z'],
    ['2025年11月20日 08:00', '2025-11-20T00:00:00.000Z'],
    ['2025年11月20日', '2025-11-19T16:00:00.000Z'],
    ['26-11-22 09:20 来自北京', '2026-11-22T01:20:00.000Z'],
    ['发布于 2026-11-19 20:00', '2026-11-19T12:00:00.000Z'],
    ['编辑于 2026-11-21 09:00', '2026-11-21T01:00:00.000Z'],
    ['发布时间：2026-11-21 19:45', '2026-11-21T11:45:00.000Z'],
    ['发布于 2026-11-18 10:00・IP 属地江苏', '2026-11-18T02:00:00.000Z'],
    ['编辑于 11-19 上海', '2026-11-18T16:00:00.000Z'],
    ['２０２５－１１－２０ ０８：００', '2025-11-20T00:00:00.000Z'],
    ['2026-11-20T00:30:00.000Z', '2026-11-20T00:30:00.000Z'],
    ['2026-11-20T08:30:00+08:00', '2026-11-20T00:30:00.000Z'],
    ['2026-11-20 08:30:00 +0800', '2026-11-20T00:30:00.000Z'],
    ['1763600000', '2025-11-20T00:53:20.000Z'],
    ['1763600000000', '2025-11-20T00:53:20.000Z'],
    ['12:30', '2026-11-22T04:30:00.000Z'],
  ])('%s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it('puts a year-less date that would be in the future into last year', () => {
    expect(at('12-31 23:00')).toBe('2025-12-31T15:00:00.000Z');
    expect(at('12月31日')).toBe('2025-12-30T16:00:00.000Z');
    // Tomorrow is still this year (a clock a little ahead is not a year ago).
    expect(at('11-23 00:30')).toBe('2026-11-22T16:30:00.000Z');
  });

  it('reads "today" and "yesterday" in Shanghai even when UTC is on another day', () => {
    // 2026-11-22 01:00 in Shanghai is still 11-21 in UTC.
    const early = new Date('2026-11-21T17:00:00.000Z');
    expect(at('今天 00:30', early)).toBe('2026-11-21T16:30:00.000Z');
    expect(at('昨天 23:00', early)).toBe('2026-11-21T15:00:00.000Z');
  });

  it('crosses the new year for yesterday and for year-less dates', () => {
    const newYear = new Date('2026-12-31T16:30:00.000Z'); // 2027-01-01 00:30 Shanghai
    expect(at('昨天 23:00', newYear)).toBe('2026-12-31T15:00:00.000Z');
    expect(at('12-31 23:00', newYear)).toBe('2026-12-31T15:00:00.000Z');
    expect(at('01-01 00:10', newYear)).toBe('2026-12-31T16:10:00.000Z');
  });

  it('says nothing rather than guessing', () => {
    for (const text of ['', '   ', '3个月前', '1年前', '很久以前', '2月30日', '2025-13-01', '25:61', '今天 99:99', 'abc', '赞', '∞']) {
      expect(at(text), text).toBeUndefined();
    }
    expect(at('2月29日', new Date('2025-03-01T00:00:00Z'))).toBe('2024-02-28T16:00:00.000Z');
    expect(parsePublishedTime('刚刚', new Date(Number.NaN))).toBeUndefined();
    expect(at('x'.repeat(10_000))).toBeUndefined();
  });

  it('never throws and returns an ISO UTC string or nothing, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (text, now) => {
        const out = parsePublishedTime(text, now);
        if (out !== undefined) expect(out).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any moment written the way Weibo writes it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2001-01-01'), max: Date.parse('2090-01-01') }), (ms) => {
        const t = new Date(Math.floor(ms / 60_000) * 60_000);
        const sh = new Date(t.getTime() + 8 * 3600_000);
        const p = (n: number) => String(n).padStart(2, '0');
        const text = `${sh.getUTCFullYear()}-${p(sh.getUTCMonth() + 1)}-${p(sh.getUTCDate())} ${p(sh.getUTCHours())}:${p(sh.getUTCMinutes())}`;
        expect(parsePublishedTime(text, NOW)).toBe(t.toISOString());
      }),
    );
  });
});
