// Signs a report's evidence manifest with this installation's key and stores the signature with it.
import type { Report, SignedManifest } from '../model/report';
import { ReportNotFoundError, type AlsoWithin, type ReportStore } from '../storage/report-store';
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

/** The stored report's evidence moved on between signing the change and writing it: sign again. */
class SignedBasisChanged extends Error {
  constructor() {
    super('signed basis changed');
  }
}

/**
 * Changes a report's evidence (and its bytes) and stores it already signed, in one transaction: the change
 * is applied to the report as read, that result signed, and then applied again inside the write; if the
 * evidence it yields there is not what was signed (another capture landed meanwhile), nothing is written and
 * it starts again. So no moment exists at which the stored evidence is ahead of its signature — a popup
 * closed or a worker stopped between the two steps used to leave an artifact outside the signed manifest.
 * `change` may throw to refuse (nothing is written; the error is passed on).
 */
export async function updateSigned(
  store: ReportStore,
  reportId: string,
  change: (current: Report) => Report,
  artifacts: Parameters<ReportStore['updateWithArtifacts']>[2],
  userAgent: string,
  options: { key?: Promise<SigningKey>; alsoWithin?: AlsoWithin } = {},
): Promise<Report> {
  const key = await (options.key ?? getSigningKey(store));
  for (let attempt = 0; attempt < 5; attempt++) {
    const read = await store.get(reportId);
    if (!read) throw new ReportNotFoundError(reportId);
    const planned = change(read);
    const signed = await signReportObject(planned, key, userAgent);
    const fingerprint = evidenceFingerprint(planned);
    try {
      return await store.updateWithArtifacts(
        reportId,
        (current) => {
          const next = change(current);
          if (evidenceFingerprint(next) !== fingerprint) throw new SignedBasisChanged();
          return { ...next, signed };
        },
        artifacts,
        options.alsoWithin,
      );
    } catch (err) {
      if (!(err instanceof SignedBasisChanged)) throw err;
    }
  }
  throw new Error(`report ${reportId} kept changing while it was being signed`);
}
