// Verifies a report's evidence: does the signature over the manifest hold, and does each artifact's
// bytes still hash to what the manifest says? Pure: it takes the manifest, the signature, the bytes and
// (optionally) the public key the verifier trusts, so an exported pack can be checked anywhere.
import type { ArtifactKind } from '../model/report';
import type { EvidenceManifest } from './evidence-manifest';
import { MANIFEST_FORMAT } from './evidence-manifest';
import { sha256Hex } from './hash';
import { fromBase64 } from './bytes';
import { importPublicKey, keyIdOf, publicKeyFields, SIGNATURE_ALGORITHM, type PublicKeyJwk } from './signing-key';

export type ArtifactStatus =
  /** The bytes hash to the manifest's SHA-256 and have its size. */
  | 'ok'
  /** The bytes are there but differ from what was captured. */
  | 'changed'
  /** The bytes are gone. */
  | 'missing';

export interface ArtifactCheck {
  id: string;
  kind: ArtifactKind;
  itemIndex: number;
  status: ArtifactStatus;
}

export interface VerificationResult {
  /** 'invalid' also covers a manifest that is not one (unparseable, wrong format); 'absent': never signed. */
  signature: 'valid' | 'invalid' | 'absent';
  /** The manifest's key id is the hash of its own public key. */
  keyIdConsistent: boolean;
  /** The manifest was signed by the key the verifier trusts; undefined when no trusted key was given. */
  trustedKey: boolean | undefined;
  artifacts: ArtifactCheck[];
  /** Artifacts the report lists that the signed manifest does not cover (added after signing, outside the extension). */
  unsigned: string[];
  manifest: EvidenceManifest | undefined;
  ok: boolean;
}

export type BytesSource = (artifactId: string) => Promise<Blob | ArrayBuffer | Uint8Array | undefined>;

export interface VerifyInput {
  manifestJson: string;
  /** Base64 P1363 signature. */
  signature: string;
  /** The key the verifier trusts (this installation's); without it, the manifest's own key is used. */
  trustedPublicKey?: PublicKeyJwk;
  /** Further trusted keys: this person's earlier keys, restored from a backup. */
  alsoTrusted?: readonly unknown[];
  bytes: BytesSource;
  /** Artifact ids the report currently lists, to find any the manifest does not cover. */
  listedArtifactIds?: readonly string[];
}

export async function verifyEvidence(input: VerifyInput): Promise<VerificationResult> {
  const manifest = parseManifest(input.manifestJson);
  if (!manifest) {
    return { signature: 'invalid', keyIdConsistent: false, trustedKey: undefined, artifacts: [], unsigned: [], manifest: undefined, ok: false };
  }
  const ownKey = publicKeyFields(manifest.publicKey);
  const keyIdConsistent = (await keyIdOf(ownKey)) === manifest.keyId;
  const trusted = [input.trustedPublicKey, ...(input.alsoTrusted ?? [])].flatMap((k) => {
    try {
      return k ? [publicKeyFields(k as PublicKeyJwk)] : [];
    } catch {
      return [];
    }
  });
  const trustedKey = trusted.length > 0 ? trusted.some((k) => sameKey(k, ownKey)) : undefined;
  // The signature is checked against the key the manifest names; whether that key is the trusted one is a
  // separate finding, so a report signed by an earlier key of this person (a reset extension) reads as
  // "signed, but not by this installation", not as "forged".
  const signatureValid = await checkSignature(input.manifestJson, input.signature, ownKey);

  const artifacts: ArtifactCheck[] = [];
  for (const entry of manifest.artifacts) {
    const data = await input.bytes(entry.id).catch(() => undefined);
    let status: ArtifactStatus = 'missing';
    if (data !== undefined) {
      const size = data instanceof Blob ? data.size : data.byteLength;
      status = size === entry.size && (await sha256Hex(data)) === entry.sha256 ? 'ok' : 'changed';
    }
    artifacts.push({ id: entry.id, kind: entry.kind, itemIndex: entry.itemIndex, status });
  }
  const covered = new Set(manifest.artifacts.map((a) => a.id));
  const unsigned = (input.listedArtifactIds ?? []).filter((id) => !covered.has(id));
  const ok = signatureValid && keyIdConsistent && trustedKey !== false && unsigned.length === 0 && artifacts.every((a) => a.status === 'ok');
  return { signature: signatureValid ? 'valid' : 'invalid', keyIdConsistent, trustedKey, artifacts, unsigned, manifest, ok };
}

function parseManifest(json: string): EvidenceManifest | undefined {
  try {
    const m = JSON.parse(json) as Partial<EvidenceManifest>;
    if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.artifacts) || !Array.isArray(m.items) || !m.publicKey) return undefined;
    publicKeyFields(m.publicKey);
    for (const a of m.artifacts) {
      if (typeof a?.id !== 'string' || typeof a.sha256 !== 'string' || typeof a.size !== 'number') return undefined;
    }
    return m as EvidenceManifest;
  } catch {
    return undefined;
  }
}

function sameKey(a: PublicKeyJwk, b: PublicKeyJwk): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}

async function checkSignature(manifestJson: string, signature: string, key: PublicKeyJwk): Promise<boolean> {
  const bytes = fromBase64(signature);
  if (!bytes || bytes.length !== 64) return false;
  try {
    const publicKey = await importPublicKey(publicKeyFields(key));
    return await crypto.subtle.verify(SIGNATURE_ALGORITHM, publicKey, bytes as BufferSource, new TextEncoder().encode(manifestJson));
  } catch {
    return false;
  }
}

/** One plain sentence per finding, in the person's language; the first line is the verdict. */
export function describeVerification(
  result: VerificationResult,
  t: (key: string, ...subs: Array<string | number>) => string,
  itemCount: number,
): string[] {
  const label = (a: { kind: string; itemIndex: number }) => {
    const name = t(`artifact_${a.kind.replace('-', '_')}`);
    return itemCount > 1 ? t('verify_itemArtifact', name, a.itemIndex + 1) : name;
  };
  const lines: string[] = [];
  if (result.signature === 'invalid') lines.push(t('verify_signatureInvalid'));
  if (result.signature === 'absent') lines.push(t('verify_unsigned'));
  if (!result.keyIdConsistent && result.manifest) lines.push(t('verify_keyIdMismatch'));
  if (result.trustedKey === false) lines.push(t('verify_foreignKey'));
  for (const a of result.artifacts) {
    if (a.status === 'changed') lines.push(t('verify_artifactChanged', label(a)));
    if (a.status === 'missing') lines.push(t('verify_artifactMissing', label(a)));
  }
  for (const id of result.unsigned) lines.push(t('verify_artifactUnsigned', id.slice(0, 8)));
  if (lines.length === 0) return [t('verify_allOk', result.artifacts.length)];
  return [t('verify_failedHeading'), ...lines];
}
