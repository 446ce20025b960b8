// The evidence pack: a ZIP of the artifacts the person did not exclude, a summary text and a manifest of
// their SHA-256 hashes, for destinations the person reaches by hand (e-mail, deep links).
import { zipSync, strToU8 } from 'fflate';
import type { ArtifactRecord } from '../model/report';
import type { SubmittableReport } from './adapters/destination-adapter';
import { fullReportText } from './report-text';
import { safePathComponent } from '../export/pack-paths';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/json': 'json', 'video/mp4': 'mp4', 'image/webp': 'webp' };

export interface EvidencePack {
  fileName: string;
  bytes: Uint8Array;
  files: string[];
}

export async function buildEvidencePack(
  report: SubmittableReport,
  destinationId: string,
  readArtifact: (id: string) => Promise<ArtifactRecord | undefined>,
): Promise<EvidencePack> {
  const files: Record<string, Uint8Array> = {};
  const manifest: Array<{ file: string; kind: string; sha256: string; size: number; createdAt: string }> = [];
  let n = 0;
  for (const meta of report.evidence) {
    if (meta.excluded) continue;
    const record = await readArtifact(meta.id);
    if (!record) continue;
    n += 1;
    // The kind is stored data (a restored report can hold `../` in it): a safe path component only.
    const file = `evidence/${String(n).padStart(2, '0')}-${safePathComponent(meta.kind, 'artifact')}.${Object.hasOwn(EXT, meta.mime) ? EXT[meta.mime] : 'bin'}`;
    files[file] = new Uint8Array(await record.blob.arrayBuffer());
    manifest.push({ file, kind: meta.kind, sha256: meta.sha256, size: meta.size, createdAt: meta.createdAt });
  }
  files['summary.txt'] = strToU8(fullReportText(report, destinationId));
  files['manifest.json'] = strToU8(JSON.stringify({ reportId: report.id, files: manifest, signed: report.signed ?? null }, null, 2));
  // Pictures and videos are compressed already; level 0 keeps the pack fast to build.
  const bytes = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: name.startsWith('evidence/') ? 0 : 6 }]])),
  );
  return { fileName: `report-${safePathComponent(String(report.id).slice(0, 8), 'report')}-evidence.zip`, bytes, files: Object.keys(files) };
}
