// Security (issue 24, item 16): the names of files inside an exported pack are partly stored data — an
// artifact's `kind`, a report's `id`, its `mime` — and a report restored from a crafted backup can hold
// `../../`, an absolute path, a drive letter, a NUL or a bidi override there. Every path the extension
// writes into a ZIP must be made of safe components only (`[A-Za-z0-9._-]`, no leading dot), whatever the data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildEvidencePack } from '../../../src/export/evidence-pack';
import { buildEvidencePack as buildDestinationPack } from '../../../src/destinations/evidence-pack';
import { isSafeZipPath, safePathComponent } from '../../../src/export/pack-paths';
import { unzip } from '../../../src/export/zip-files';
import type { Report } from '../../../src/model/report';
import type { SubmittableReport } from '../../../src/destinations/adapters/destination-adapter';

const HOSTILE = [
  '../../../../etc/passwd',
  '..',
  '.',
  '',
  '/abs/olute',
  'C:\\Windows\\system32',
  '..\\..\\x',
  'a/../../b',
  'nul\u0000byte',
  'rtl\u202egnp.exe',
  '%2e%2e%2f',
  '~/.ssh/id_rsa',
  ' spaced ',
  'constructor',
  '__proto__',
  '截图',
  '.hidden',
  'x'.repeat(300),
];

function hostileReport(kind: string, id: string, mime = 'image/png'): Report {
  return {
    id,
    status: 'saved',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    items: [],
    evidence: [{ id: 'a1', kind, mime, size: 3, sha256: 'ab', itemIndex: 0, createdAt: '2026-11-01T00:00:00Z', excluded: false }],
    categoryId: null,
    description: '',
  } as unknown as Report;
}

async function packPaths(kind: string, id: string, mime?: string): Promise<string[]> {
  const report = hostileReport(kind, id, mime);
  const bytes = await buildEvidencePack({
    reports: [{ report, events: [], artifactBytes: new Map([['a1', new Uint8Array([1, 2, 3])]]) }],
    summaryHtml: '<!doctype html>',
    locale: 'zh_CN',
  });
  return Object.keys(unzip(bytes));
}

async function destinationPack(kind: string, id: string, mime?: string) {
  const report = { ...hostileReport(kind, id, mime), items: [], description: 'd' } as unknown as SubmittableReport;
  return buildDestinationPack(report, '12377', async (aid) => ({ id: aid, reportId: id, blob: new Blob([new Uint8Array([1, 2, 3])]) }));
}

describe('safe path components', () => {
  it.each(HOSTILE)('makes %j a safe component', (value) => {
    const safe = safePathComponent(value);
    expect(safe).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/);
    expect(safe).not.toContain('..');
  });

  it('keeps ordinary names as they are', () => {
    expect(safePathComponent('screenshot')).toBe('screenshot');
    expect(safePathComponent('post-json')).toBe('post-json');
    expect(safePathComponent('3f2a9c1e')).toBe('3f2a9c1e');
  });
});

describe('exported evidence pack', () => {
  it.each(HOSTILE)('writes only safe paths when the artifact kind or the report id is %j', async (value) => {
    for (const paths of [await packPaths(value, 'r-1'), await packPaths('screenshot', value), await packPaths(value, value, value)]) {
      for (const path of paths) expect(isSafeZipPath(path), path).toBe(true);
      expect(paths.filter((p) => p.includes('/artifacts/'))).toHaveLength(1);
    }
  });

  it('never writes an unsafe path, whatever the kind, id and mime (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.string(), async (kind, id, mime) => {
        for (const path of await packPaths(kind, id, mime)) expect(isSafeZipPath(path), path).toBe(true);
        const pack = await destinationPack(kind, id, mime);
        for (const path of pack.files) expect(isSafeZipPath(path), path).toBe(true);
        expect(safePathComponent(pack.fileName)).toBe(pack.fileName);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('evidence pack for a destination (attached by hand)', () => {
  it.each(HOSTILE)('writes only safe paths and a safe file name when the kind or id is %j', async (value) => {
    for (const pack of [await destinationPack(value, 'r-1'), await destinationPack('screenshot', value), await destinationPack(value, value, value)]) {
      for (const path of pack.files) expect(isSafeZipPath(path), path).toBe(true);
      for (const path of Object.keys(unzip(pack.bytes))) expect(isSafeZipPath(path), path).toBe(true);
      expect(pack.fileName).toMatch(/^report-[A-Za-z0-9][A-Za-z0-9._-]*-evidence\.zip$/);
    }
  });
});
