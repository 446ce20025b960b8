// The extension's evidence signing key: ECDSA P-256, generated on first use, kept in IndexedDB.
// The private key is non-extractable: it can sign in this profile and can never be read out, so a
// signature says "made by this installation". The public key (always exportable) travels in every
// manifest as a JWK, with its SHA-256 as the key id.
import type { ReportStore } from '../storage/report-store';
import { canonicalJson, sha256Hex } from './hash';

export const SIGNING_KEY_META = 'evidence-signing-key';
export const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The public half as a JWK with only the fields that define the key, so its hash is stable. */
export interface PublicKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface SigningKey {
  /** Structured clone keeps CryptoKey objects as they are, including non-extractability. */
  keyPair: CryptoKeyPair;
  publicJwk: PublicKeyJwk;
  keyId: string;
  createdAt: string;
}

export async function keyIdOf(jwk: PublicKeyJwk): Promise<string> {
  return sha256Hex(canonicalJson(publicKeyFields(jwk)));
}

export function publicKeyFields(jwk: { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown }): PublicKeyJwk {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error('not a P-256 public key');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

export async function generateSigningKey(now = new Date()): Promise<SigningKey> {
  const keyPair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicJwk = publicKeyFields(await crypto.subtle.exportKey('jwk', keyPair.publicKey));
  return { keyPair, publicJwk, keyId: await keyIdOf(publicJwk), createdAt: now.toISOString() };
}

/**
 * This installation's key, created on first use. Two contexts (worker and popup) may ask at once: the
 * store keeps the first one written and both use it.
 */
export async function getSigningKey(store: ReportStore): Promise<SigningKey> {
  const existing = await store.getMeta<SigningKey>(SIGNING_KEY_META);
  if (isUsable(existing)) return existing;
  const fresh = await generateSigningKey();
  if (existing !== undefined) {
    // A damaged row (a key cannot be copied by hand or by a backup): replace it rather than fail every capture.
    await store.setMeta(SIGNING_KEY_META, fresh);
    return fresh;
  }
  return store.setMetaIfAbsent(SIGNING_KEY_META, fresh);
}

function isUsable(key: SigningKey | undefined): key is SigningKey {
  return (
    typeof CryptoKey !== 'undefined' &&
    key?.keyPair?.privateKey instanceof CryptoKey &&
    key.keyPair.privateKey.type === 'private' &&
    typeof key.publicJwk?.x === 'string' &&
    typeof key.keyId === 'string'
  );
}

/** The public key only, without creating one (the dashboard verifies; it does not need to sign). */
export async function getPublicKey(store: ReportStore): Promise<PublicKeyJwk | undefined> {
  return (await store.getMeta<SigningKey>(SIGNING_KEY_META))?.publicJwk;
}

export async function importPublicKey(jwk: PublicKeyJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { ...jwk, ext: true }, KEY_ALGORITHM, true, ['verify']);
}
