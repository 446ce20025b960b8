// Thin helpers over fflate for the evidence pack and the backup: files in, one ZIP out, and back.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

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

export function unzip(bytes: Uint8Array): Files {
  try {
    return unzipSync(bytes);
  } catch (err) {
    throw new NotAZipError(err);
  }
}

export const text = (s: string): Uint8Array => strToU8(s);
export const readText = (b: Uint8Array): string => strFromU8(b);
