// The evidence manifest of a report: what was captured, and the SHA-256 of every artifact's bytes,
// in canonical JSON. It is what gets signed; a verifier needs only it, the signature and the bytes.
import type { Report } from '../model/report';
import type { ArtifactKind } from '../model/report';
import type { ContentKind, PlatformId } from '../model/captured-post';
import { canonicalJson } from './hash';
import type { PublicKeyJwk } from './signing-key';

export const MANIFEST_FORMAT = 'report-assistant-evidence/1';

export interface ManifestItem {
  index: number;
  platform: PlatformId;
  kind: ContentKind;
  ids: Record<string, string>;
  permalink?: string;
  pageUrl: string;
  capturedAt: string;
}

export interface ManifestArtifact {
  id: string;
  kind: ArtifactKind;
  mime: string;
  size: number;
  sha256: string;
  itemIndex: number;
  capturedAt: string;
  sourceUrl?: string;
  derivedFrom?: string;
}

export interface EvidenceManifest {
  format: typeof MANIFEST_FORMAT;
  reportId: string;
  /** The first capture of the report, UTC. */
  capturedAt: string;
  /** When this manifest was signed, UTC (it is re-signed when items or artifacts are added or removed). */
  signedAt: string;
  userAgent: string;
  evidencePolicy?: 'url-only';
  items: ManifestItem[];
  artifacts: ManifestArtifact[];
  publicKey: PublicKeyJwk;
  /** SHA-256 (hex) of the public key's canonical JWK. */
  keyId: string;
}

export function buildManifest(
  report: Report,
  key: { publicJwk: PublicKeyJwk; keyId: string },
  userAgent: string,
  now = new Date(),
): EvidenceManifest {
  const times = report.items.map((i) => i.capturedAt).sort();
  return {
    format: MANIFEST_FORMAT,
    reportId: report.id,
    capturedAt: times[0] ?? report.createdAt,
    signedAt: now.toISOString(),
    userAgent,
    ...(report.evidencePolicy ? { evidencePolicy: report.evidencePolicy } : {}),
    items: report.items.map((item, index) => ({
      index,
      platform: item.platform,
      kind: item.kind,
      ids: { ...item.ids },
      ...(item.permalink ? { permalink: item.permalink } : {}),
      pageUrl: item.pageUrl,
      capturedAt: item.capturedAt,
    })),
    artifacts: report.evidence.map((a) => ({
      id: a.id,
      kind: a.kind,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      itemIndex: a.itemIndex,
      capturedAt: a.createdAt,
      ...(a.sourceUrl ? { sourceUrl: a.sourceUrl } : {}),
      ...(a.derivedFrom ? { derivedFrom: a.derivedFrom } : {}),
    })),
    publicKey: key.publicJwk,
    keyId: key.keyId,
  };
}

export function serializeManifest(manifest: EvidenceManifest): string {
  return canonicalJson(manifest);
}

/**
 * What the signature covers, in a form that changes exactly when the signed content would: used to tell
 * whether a report changed between reading it and storing its new signature.
 */
export function evidenceFingerprint(report: Report): string {
  return canonicalJson({
    items: report.items.map((i) => [i.platform, i.kind, i.ids, i.permalink, i.pageUrl, i.capturedAt]),
    evidence: report.evidence.map((a) => [a.id, a.sha256, a.size, a.kind, a.mime, a.itemIndex, a.createdAt, a.sourceUrl, a.derivedFrom]),
    policy: report.evidencePolicy ?? null,
  });
}
