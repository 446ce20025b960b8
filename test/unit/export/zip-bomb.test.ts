// Security (issue 24, item 17): a pack to check or a backup to restore is a file someone handed the
// person. A 3 MB ZIP that inflates to 3 GB froze the dashboard for about 40 s. Reading a ZIP now counts
// the bytes as they are inflated (fflate's streaming Inflate, fed small slices) and stops at a per-entry
// and a total limit, whatever the headers claim, with an error in the person's language.
import { describe, expect, it } from 'vitest';
import { Deflate } from 'fflate';
import { describeZipError, unzip, zip, ZIP_LIMITS, ZipTooLargeError } from '../../../src/export/zip-files';
import { describePackVerdict, verifyPack } from '../../../src/export/verify-pack';
import { readBackup } from '../../../src/export/backup';
import { createTranslator } from '../../../src/i18n/i18n';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import enMessages from '../../../public/_locales/en/messages.json';

const zh = createTranslator(zhMessages as never);
const en = createTranslator(enMessages as never, zhMessages as never);
const MiB = 1024 * 1024;

/**
 * A raw deflate stream that inflates to `mib` MiB of zeros, about 1/1000 of that in size: one MiB of zeros
 * deflated and sync-flushed (byte-aligned, not final), repeated, then an empty final stored block.
 */
function zerosDeflate(mib: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 });
  d.ondata = (chunk) => parts.push(chunk);
  d.push(new Uint8Array(MiB));
  d.flush(true);
  const block = concat(parts);
  const out = new Uint8Array(block.length * mib + 5);
  for (let i = 0; i < mib; i++) out.set(block, i * block.length);
  out.set([0x01, 0x00, 0x00, 0xff, 0xff], block.length * mib);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}

/** A ZIP of deflated entries, each declaring `declaredSize` (the truth, or a lie). */
function bombZip(entries: Array<{ name: string; data: Uint8Array; declaredSize: number }>): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const h = new DataView(new ArrayBuffer(30));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(8, 8, true); // deflate
    h.setUint32(14, 0, true); // crc (not checked by anyone here)
    h.setUint32(18, e.data.length, true);
    h.setUint32(22, e.declaredSize, true);
    h.setUint16(26, name.length, true);
    local.push(new Uint8Array(h.buffer), name, e.data);
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, 8, true);
    c.setUint32(20, e.data.length, true);
    c.setUint32(24, e.declaredSize, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = concat(central);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cd.length, true);
  end.setUint32(16, offset, true);
  return concat([...local, cd, new Uint8Array(end.buffer)]);
}

function refusal(fn: () => unknown): { error: unknown; ms: number } {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a refusal');
}

describe('ZIP bombs', { timeout: 60_000 }, () => {
  const threeGb = zerosDeflate(3 * 1024);

  it('the test bomb is what it says: about 3 MB that inflates to 3 GB', () => {
    expect(threeGb.length).toBeGreaterThan(2 * MiB);
    expect(threeGb.length).toBeLessThan(4 * MiB);
  });

  it('refuses a 3 MB ZIP that inflates to 3 GB and lies about it in its headers, quickly', () => {
    const bomb = bombZip([{ name: 'backup.json', data: threeGb, declaredSize: 1000 }]);
    const { error, ms } = refusal(() => unzip(bomb));
    expect(error).toBeInstanceOf(ZipTooLargeError);
    // Refused at the total limit for a ZIP of this size (32 MiB + 20 × its size, about 90 MB), long before
    // 3 GB: what was inflated is the limit plus at most one slice's output (16 KiB × 1032).
    const limit = ZIP_LIMITS.ratioAllowanceBytes + ZIP_LIMITS.maxRatio * bomb.length;
    expect((error as ZipTooLargeError).limitBytes).toBe(limit);
    expect((error as ZipTooLargeError).inflatedBytes).toBeLessThan(limit + 17 * MiB);
    expect(limit).toBeLessThan(100 * MiB);
    // About a second on an idle 2-core machine; the bound leaves room for a loaded one.
    expect(ms).toBeLessThan(15_000);
  });

  it('refuses a bomb that declares its size at once, before inflating anything', () => {
    const bomb = bombZip([{ name: 'backup.json', data: threeGb, declaredSize: 3 * 1024 * MiB }]);
    const { error, ms } = refusal(() => unzip(bomb));
    expect(error).toMatchObject({ which: 'entry', entryName: 'backup.json', inflatedBytes: 0 });
    expect(ms).toBeLessThan(2_000);
  });

  it('counts every entry: many entries, each under the per-entry limit, are refused together', () => {
    const each = zerosDeflate(40);
    const bomb = bombZip(Array.from({ length: 60 }, (_, i) => ({ name: `blobs/${i}`, data: each, declaredSize: 10 })));
    const { error, ms } = refusal(() => unzip(bomb));
    expect(error).toMatchObject({ which: 'total' });
    expect((error as ZipTooLargeError).inflatedBytes).toBeLessThan((error as ZipTooLargeError).limitBytes + 17 * MiB);
    expect(ms).toBeLessThan(15_000);
  });

  it('stops one entry at the per-entry limit even when the total would allow it', () => {
    const bomb = bombZip([{ name: 'report.json', data: zerosDeflate(8), declaredSize: 10 }]);
    expect(() => unzip(bomb, { ...ZIP_LIMITS, maxEntryBytes: 4 * MiB })).toThrow(ZipTooLargeError);
    expect(refusal(() => unzip(bomb, { ...ZIP_LIMITS, maxEntryBytes: 4 * MiB })).error).toMatchObject({ which: 'entry', entryName: 'report.json' });
  });

  it('says so in the person’s language, in the pack check and for a backup', async () => {
    const bomb = bombZip([{ name: 'manifest.json', data: threeGb, declaredSize: 1000 }]);
    const verdict = await verifyPack(bomb);
    expect(verdict.ok).toBe(false);
    expect(verdict.findings).toEqual([{ kind: 'too-large', messageKey: 'zip_totalTooLarge', substitutions: [expect.any(String)] }]);
    expect(describePackVerdict(verdict, zh).join('\n')).toMatch(/这个 ZIP 文件解压后会超过 \d+ MB，已拒绝读取/);
    expect(describePackVerdict(verdict, en).join('\n')).toMatch(/This ZIP file would unpack to more than \d+ MB; it was not read/);

    const { error } = refusal(() => readBackup(bombZip([{ name: 'backup.json', data: threeGb, declaredSize: 1000 }])));
    expect(describeZipError(error, zh)).toMatch(/解压后会超过 \d+ MB/);
    expect(describeZipError(error, en)).toMatch(/would unpack to more than \d+ MB/);
  });

  it('still reads ordinary packs: stored pictures, deflated text, and text that compresses very well', () => {
    const picture = new Uint8Array(3 * MiB).map((_, i) => (i * 2654435761) >>> 24);
    const repetitive = new TextEncoder().encode('{"reportId":"x","text":"日赚三千"}\n'.repeat(300_000));
    const files = unzip(zip({ 'a.png': picture, 'events.json': repetitive, 'empty.txt': new Uint8Array(0) }));
    // Compared as Buffers: vitest's deep equality on megabytes of typed array takes seconds.
    expect(Buffer.from(files['a.png']!).equals(Buffer.from(picture))).toBe(true);
    expect(Buffer.from(files['events.json']!).equals(Buffer.from(repetitive))).toBe(true);
    expect(files['empty.txt']).toEqual(new Uint8Array(0));
  });

  it('refuses what is not a ZIP, a ZIP cut short, and two entries with one name', () => {
    expect(() => unzip(new Uint8Array([1, 2, 3]))).toThrow(/not a ZIP/);
    const good = zip({ 'a.txt': new TextEncoder().encode('hello '.repeat(1000)) });
    expect(() => unzip(good.subarray(0, good.length - 30))).toThrow(/not a ZIP/);
    const twice = bombZip([
      { name: 'manifest.json', data: zerosDeflate(1), declaredSize: MiB },
      { name: 'manifest.json', data: zerosDeflate(1), declaredSize: MiB },
    ]);
    expect(() => unzip(twice)).toThrow(/two entries are named manifest\.json/);
  });
});
