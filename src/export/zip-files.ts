// Thin helpers over fflate for the evidence pack and the backup: files in, one ZIP out, and back.
//
// Reading a ZIP is reading a file someone handed the person (a pack to check, a backup to restore), so it
// is bounded: a 3 MB ZIP can claim — or, worse, quietly hold — 3 GB of deflated zeros, and inflating that
// in the dashboard froze it for about 40 s before running out of memory. `unzip` reads the central
// directory itself and inflates each entry with fflate's streaming `Inflate`, fed a small slice of the
// compressed bytes at a time, keeping a running count of the bytes that came out: it stops as soon as one
// entry passes ZIP_LIMITS.maxEntryBytes or all of them pass the total limit, whatever the headers say.
// Each push can only add a bounded amount (deflate expands at most ~1032×, so a 16 KiB slice ≤ ~17 MB).
import { Inflate, strFromU8, strToU8, zipSync, type Zippable } from 'fflate';

export type Files = Record<string, Uint8Array>;

/** Images and ZIP-like payloads are stored as they are (compressing them gains nothing); text is deflated. */
export function zip(files: Files, mtime = new Date()): Uint8Array {
  const input: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    const stored = /\.(png|jpe?g|webp|gif|mp4|webm|zip)$/i.test(name) || name.startsWith('blobs/');
    input[name] = [data, { level: stored ? 0 : 6, mtime }];
  }
  return zipSync(input);
}

export class NotAZipError extends Error {
  constructor(cause: unknown) {
    super(`not a ZIP file: ${String(cause)}`);
    this.name = 'NotAZipError';
  }
}

export interface ZipLimits {
  /** No single entry may inflate to more than this. */
  maxEntryBytes: number;
  /** All entries together may not inflate to more than this… */
  maxTotalBytes: number;
  /**
   * …nor to more than `ratioAllowanceBytes + maxRatio × the ZIP's own size` (a bomb is all ratio: the
   * 3 MB one that inflates to 3 GB is stopped after about 90 MB).
   */
  maxRatio: number;
  ratioAllowanceBytes: number;
  maxEntries: number;
}

const MiB = 1024 * 1024;

/**
 * What a real pack or backup needs, with room: screenshots and blobs are stored (ratio 1), only JSON and
 * text are deflated (ratio ~3–10: hashes and ids compress poorly). A long stitched screenshot is tens of
 * MB; a backup.json of 10,000 reports about 50 MB, deflated to well over 5 MB.
 */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 1024 * MiB,
  maxRatio: 20,
  ratioAllowanceBytes: 32 * MiB,
  maxEntries: 200_000,
};

/**
 * The ZIP would inflate to more than a limit: refused before it is all inflated. `messageKey` (with
 * `substitutions`) says it in the person's language; `message` is the same in English (logs, Node).
 */
export class ZipTooLargeError extends Error {
  readonly messageKey: 'zip_entryTooLarge' | 'zip_totalTooLarge';
  readonly substitutions: string[];
  constructor(
    readonly which: 'entry' | 'total',
    readonly limitBytes: number,
    readonly entryName?: string,
    /** How many bytes had been inflated when it was refused (0: refused from the headers alone). */
    readonly inflatedBytes = 0,
  ) {
    const mb = String(Math.floor(limitBytes / MiB));
    super(
      which === 'entry'
        ? `the file ${entryName ?? ''} in the ZIP would unpack to more than ${mb} MB; refused (a ZIP bomb?)`
        : `the ZIP would unpack to more than ${mb} MB; refused (a ZIP bomb?)`,
    );
    this.name = 'ZipTooLargeError';
    this.messageKey = which === 'entry' ? 'zip_entryTooLarge' : 'zip_totalTooLarge';
    this.substitutions = which === 'entry' ? [entryName ?? '', mb] : [mb];
  }
}

/** The error in the person's language when it has a message key (ZipTooLargeError), else its message. */
export function describeZipError(err: unknown, t: (key: string, ...subs: string[]) => string): string {
  if (err instanceof ZipTooLargeError) return t(err.messageKey, ...err.substitutions);
  return err instanceof Error ? err.message : String(err);
}

/** Compressed bytes handed to the inflater at a time. */
const SLICE = 16 * 1024;

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

function endOfCentralDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) if (u32(bytes, i) === 0x06054b50) return i;
  throw new NotAZipError('no end of central directory');
}

export function unzip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Files {
  const fail = (why: string): never => {
    throw new NotAZipError(why);
  };
  if (bytes.length < 22) fail('too short');
  const end = endOfCentralDirectory(bytes);
  const count = u16(bytes, end + 10);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) fail('ZIP64 archives are not supported');
  if (count > limits.maxEntries) fail(`more than ${limits.maxEntries} entries`);
  const totalLimit = Math.min(limits.maxTotalBytes, limits.ratioAllowanceBytes + limits.maxRatio * bytes.length);

  // The central directory first: names, methods and declared sizes, checked before anything is inflated.
  const entries: Array<{ name: string; method: number; compressed: number; size: number; local: number }> = [];
  let declaredTotal = 0;
  for (let i = 0, p = cdOffset; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) fail('broken central directory');
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const entry = {
      name: strFromU8(bytes.subarray(p + 46, p + 46 + nameLength), !(flags & 0x800)),
      method: u16(bytes, p + 10),
      compressed: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      local: u32(bytes, p + 42),
    };
    if (flags & 1) fail(`${entry.name} is encrypted`);
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.local === 0xffffffff) fail('ZIP64 archives are not supported');
    if (entry.size > limits.maxEntryBytes) throw new ZipTooLargeError('entry', limits.maxEntryBytes, entry.name);
    declaredTotal += entry.size;
    if (declaredTotal > totalLimit) throw new ZipTooLargeError('total', totalLimit);
    entries.push(entry);
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }

  // Then each entry's bytes, counted as they come out: the declared sizes above may be lies.
  // No prototype: a name such as "constructor" or "__proto__" is an entry like any other, never inherited.
  const files: Files = Object.create(null) as Files;
  let total = 0;
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) fail(`two entries are named ${entry.name}`);
    const at = entry.local;
    if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) fail(`${entry.name}: no local header`);
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    if (start + entry.compressed > bytes.length) fail(`${entry.name} is cut short`);
    const data = bytes.subarray(start, start + entry.compressed);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressed !== entry.size) fail(`${entry.name}: stored size differs from its header`);
      total += data.length;
      if (total > totalLimit) throw new ZipTooLargeError('total', totalLimit, undefined, total);
      out = data.slice();
    } else if (entry.method === 8) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const inflater = new Inflate((chunk) => {
        size += chunk.length;
        total += chunk.length;
        if (size > limits.maxEntryBytes) throw new ZipTooLargeError('entry', limits.maxEntryBytes, entry.name, total);
        if (total > totalLimit) throw new ZipTooLargeError('total', totalLimit, undefined, total);
        if (chunk.length) chunks.push(chunk);
      });
      try {
        if (data.length === 0) inflater.push(new Uint8Array(0), true);
        for (let i = 0; i < data.length; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      } catch (err) {
        if (err instanceof ZipTooLargeError) throw err;
        fail(`${entry.name}: ${String(err instanceof Error ? err.message : err)}`);
      }
      out = new Uint8Array(size);
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
    } else {
      return fail(`${entry.name}: unknown compression method ${entry.method}`);
    }
    files[entry.name] = out;
  }
  return files;
}

export const text = (s: string): Uint8Array => strToU8(s);
export const readText = (b: Uint8Array): string => strFromU8(b);
