// Signs a report's evidence manifest with this installation's key and stores the signature with it.
import type { Report, SignedManifest } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { buildManifest, evidenceFingerprint, serializeManifest } from './evidence-manifest';
import { getSigningKey, SIGNATURE_ALGORITHM, type SigningKey } from './signing-key';
import { toBase64 } from './bytes';

export async function signManifestJson(manifestJson: string, key: SigningKey): Promise<string> {
  const signature = await crypto.subtle.sign(SIGNATURE_ALGORITHM, key.keyPair.privateKey, new TextEncoder().encode(manifestJson));
  return toBase64(new Uint8Array(signature));
}

export async function signReportObject(report: Report, key: SigningKey, userAgent: string, now = new Date()): Promise<SignedManifest> {
  const manifest = serializeManifest(buildManifest(report, key, userAgent, now));
  return { manifest, signature: await signManifestJson(manifest, key), keyId: key.keyId };
}

/**
 * (Re-)signs the stored report. Signing is asynchronous and cannot sit inside an IndexedDB transaction,
 * so the report is read, signed, and the signature stored only if the signed content has not changed
 * meanwhile (another capture appended to it, say); otherwise it starts again.
 */
export async function signStoredReport(store: ReportStore, reportId: string, userAgent: string): Promise<Report> {
  const key = await getSigningKey(store);
  for (let attempt = 0; attempt < 5; attempt++) {
    const report = await store.get(reportId);
    if (!report) throw new Error(`report ${reportId} not found`);
    const signed = await signReportObject(report, key, userAgent);
    const fingerprint = evidenceFingerprint(report);
    let stale = false;
    const stored = await store.update(reportId, (current) => {
      if (evidenceFingerprint(current) !== fingerprint) {
        stale = true;
        return current;
      }
      return { ...current, signed };
    });
    if (!stale) return stored;
  }
  throw new Error(`report ${reportId} kept changing while it was being signed`);
}
