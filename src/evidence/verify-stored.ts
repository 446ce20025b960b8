// Verifies a stored report against this installation's key and the bytes in the artifact store.
import type { Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { sha256Hex } from './hash';
import { getPublicKey } from './signing-key';
import { RESTORED_KEYS_META } from '../export/backup';
import { verifyEvidence, type ArtifactCheck, type VerificationResult } from './verify';

export async function verifyStoredReport(store: ReportStore, report: Report): Promise<VerificationResult> {
  const bytes = async (id: string) => {
    const record = await store.getArtifact(id);
    return record && record.reportId === report.id ? record.blob : undefined;
  };
  if (!report.signed) return checkUnsigned(report, bytes);
  const [trusted, restored] = await Promise.all([getPublicKey(store), store.getMeta<unknown>(RESTORED_KEYS_META)]);
  return verifyEvidence({
    manifestJson: report.signed.manifest,
    signature: report.signed.signature,
    ...(trusted ? { trustedPublicKey: trusted } : {}),
    // Keys of this person's earlier installation, put back by a restore (src/export/backup.ts).
    ...(Array.isArray(restored) ? { alsoTrusted: restored } : {}),
    bytes,
    listedArtifactIds: report.evidence.map((e) => e.id),
  });
}

/** A report from before signing: the recorded hashes are all there is to check against. */
async function checkUnsigned(report: Report, bytes: (id: string) => Promise<Blob | undefined>): Promise<VerificationResult> {
  const artifacts: ArtifactCheck[] = [];
  for (const meta of report.evidence) {
    const blob = await bytes(meta.id);
    const status = !blob ? 'missing' : blob.size === meta.size && (await sha256Hex(blob)) === meta.sha256 ? 'ok' : 'changed';
    artifacts.push({ id: meta.id, kind: meta.kind, itemIndex: meta.itemIndex, status });
  }
  return { signature: 'absent', keyIdConsistent: true, trustedKey: undefined, artifacts, unsigned: [], manifest: undefined, ok: false };
}
