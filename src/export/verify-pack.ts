// Checks an evidence pack (evidence-pack.ts) with nothing but the pack: the pack signature, every file's
// hash, each report's own signed evidence manifest against the artifact bytes, and each event chain.
// Runs in Node (`npm run verify -- pack.zip`) and in the dashboard. Names what no longer matches.
import { sha256Hex } from '../evidence/hash';
import { fromBase64 } from '../evidence/bytes';
import { importPublicKey, keyIdOf, publicKeyFields, SIGNATURE_ALGORITHM, type PublicKeyJwk } from '../evidence/signing-key';
import { verifyEvidence, type VerificationResult } from '../evidence/verify';
import { editedEntries, verifyChain, type ReportEvent } from '../lifecycle/event-log';
import { PACK_FORMAT, type PackManifest } from './evidence-pack';
import { readText, unzip, ZipTooLargeError, type Files } from './zip-files';

export type Finding =
  | { kind: 'not-a-pack'; detail: string }
  /** The ZIP would unpack to more than a limit (a ZIP bomb?): refused before it was all unpacked. */
  | { kind: 'too-large'; messageKey: ZipTooLargeError['messageKey']; substitutions: string[] }
  | { kind: 'pack-signature-invalid' }
  | { kind: 'pack-unsigned' }
  | { kind: 'pack-key-mismatch' }
  | { kind: 'file-changed'; path: string }
  | { kind: 'file-missing'; path: string }
  | { kind: 'file-unlisted'; path: string }
  | { kind: 'artifact-changed'; reportId: string; path: string }
  | { kind: 'artifact-missing'; reportId: string; path: string }
  | { kind: 'evidence-signature-invalid'; reportId: string }
  | { kind: 'evidence-unsigned'; reportId: string }
  | { kind: 'history-edited'; reportId: string; seqs: number[] };

export interface PackVerdict {
  ok: boolean;
  findings: Finding[];
  reports: Array<{ reportId: string; evidence?: VerificationResult; events: number }>;
  fileCount: number;
  artifactCount: number;
  keyId: string | null;
}

async function verifySignature(json: string, signatureB64: string, jwk: PublicKeyJwk): Promise<boolean> {
  const sig = fromBase64(signatureB64.trim());
  if (!sig || sig.length !== 64) return false;
  try {
    const key = await importPublicKey(publicKeyFields(jwk));
    return await crypto.subtle.verify(SIGNATURE_ALGORITHM, key, sig as BufferSource, new TextEncoder().encode(json));
  } catch {
    return false;
  }
}

export async function verifyPack(zipBytes: Uint8Array, options: { trustedPublicKey?: PublicKeyJwk } = {}): Promise<PackVerdict> {
  const findings: Finding[] = [];
  const fail = (detail: string): PackVerdict => ({
    ok: false,
    findings: [{ kind: 'not-a-pack', detail }],
    reports: [],
    fileCount: 0,
    artifactCount: 0,
    keyId: null,
  });
  let files: Files;
  try {
    files = unzip(zipBytes);
  } catch (err) {
    if (err instanceof ZipTooLargeError) {
      return { ...fail(err.message), findings: [{ kind: 'too-large', messageKey: err.messageKey, substitutions: err.substitutions }] };
    }
    return fail(String(err instanceof Error ? err.message : err));
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return fail('manifest.json is missing');
  const manifestJson = readText(manifestBytes);
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(manifestJson) as PackManifest;
  } catch {
    return fail('manifest.json is not JSON');
  }
  if (manifest?.format !== PACK_FORMAT || !Array.isArray(manifest.files) || !Array.isArray(manifest.reports)) {
    return fail(`manifest.json is not a ${PACK_FORMAT} manifest`);
  }

  // 1. The pack signature over manifest.json, with the key in the pack (or the one the caller trusts).
  const sigFile = files['manifest.sig'];
  const keyFile = files['public-key.jwk.json'];
  let packKey: PublicKeyJwk | undefined;
  try {
    packKey = keyFile ? publicKeyFields(JSON.parse(readText(keyFile)) as PublicKeyJwk) : undefined;
  } catch {
    packKey = undefined;
  }
  if (!sigFile || !packKey) findings.push({ kind: 'pack-unsigned' });
  else {
    const key = options.trustedPublicKey ?? packKey;
    if (!(await verifySignature(manifestJson, readText(sigFile), key))) findings.push({ kind: 'pack-signature-invalid' });
    if (manifest.keyId !== (await keyIdOf(packKey))) findings.push({ kind: 'pack-key-mismatch' });
  }

  // 2. Every listed file against its hash; anything extra is named too.
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const data = files[entry.path];
    if (!data) findings.push({ kind: 'file-missing', path: entry.path });
    else if (data.byteLength !== entry.size || (await sha256Hex(data)) !== entry.sha256) findings.push({ kind: 'file-changed', path: entry.path });
  }
  for (const path of Object.keys(files)) {
    if (path.endsWith('/') || path === 'manifest.json' || path === 'manifest.sig') continue;
    if (!listed.has(path)) findings.push({ kind: 'file-unlisted', path });
  }

  // 3. Each report's own signed evidence manifest against the bytes, and its event chain.
  const reports: PackVerdict['reports'] = [];
  let artifactCount = 0;
  for (const r of manifest.reports) {
    const byId = new Map(r.artifacts.map((a) => [a.id, a.path]));
    artifactCount += r.artifacts.length;
    let evidence: VerificationResult | undefined;
    if (r.evidence) {
      const signedJson = files[r.evidence.manifestPath];
      const signature = files[r.evidence.signaturePath];
      if (!signedJson || !signature) findings.push({ kind: 'evidence-signature-invalid', reportId: r.reportId });
      else {
        evidence = await verifyEvidence({
          manifestJson: readText(signedJson),
          signature: readText(signature).trim(),
          bytes: async (id) => {
            const path = byId.get(id);
            return path ? files[path] : undefined;
          },
        });
        if (evidence.signature !== 'valid' || !evidence.keyIdConsistent) findings.push({ kind: 'evidence-signature-invalid', reportId: r.reportId });
        for (const a of evidence.artifacts) {
          const path = byId.get(a.id) ?? `(${a.kind} ${a.id})`;
          if (a.status === 'changed') findings.push({ kind: 'artifact-changed', reportId: r.reportId, path });
          if (a.status === 'missing') findings.push({ kind: 'artifact-missing', reportId: r.reportId, path });
        }
      }
    } else {
      findings.push({ kind: 'evidence-unsigned', reportId: r.reportId });
      for (const a of r.artifacts) {
        const data = files[a.path];
        if (!data) findings.push({ kind: 'artifact-missing', reportId: r.reportId, path: a.path });
        else if ((await sha256Hex(data)) !== a.sha256) findings.push({ kind: 'artifact-changed', reportId: r.reportId, path: a.path });
      }
    }
    let events: ReportEvent[] = [];
    const eventsFile = files[r.events.path];
    try {
      events = eventsFile ? (JSON.parse(readText(eventsFile)) as ReportEvent[]) : [];
    } catch {
      events = [];
    }
    if (events.length > 0 || r.events.count > 0) {
      const verdict = verifyChain(events, r.events.head || undefined);
      const seqs = editedEntries(verdict);
      if (!verdict.ok || events.length !== r.events.count) findings.push({ kind: 'history-edited', reportId: r.reportId, seqs });
    }
    reports.push({ reportId: r.reportId, ...(evidence ? { evidence } : {}), events: events.length });
  }
  // An artifact whose bytes changed is reported once, as the artifact (not again as a changed file).
  const artifactPaths = new Set(findings.filter((f) => f.kind === 'artifact-changed').map((f) => (f as { path: string }).path));
  const deduped = findings.filter((f) => !(f.kind === 'file-changed' && artifactPaths.has(f.path)));
  return {
    ok: deduped.length === 0,
    findings: deduped,
    reports,
    fileCount: manifest.files.length,
    artifactCount,
    keyId: manifest.keyId,
  };
}

/** One line per finding, in the person's language; the first line is the verdict. */
export function describePackVerdict(verdict: PackVerdict, t: (key: string, ...subs: Array<string | number>) => string): string[] {
  if (verdict.ok) return [t('pack_verifyOk', verdict.reports.length, verdict.artifactCount, verdict.fileCount)];
  const lines = [t('pack_verifyFailed')];
  for (const f of verdict.findings) {
    switch (f.kind) {
      case 'not-a-pack': lines.push(t('pack_notAPack', f.detail)); break;
      case 'too-large': lines.push(t(f.messageKey, ...f.substitutions)); break;
      case 'pack-signature-invalid': lines.push(t('pack_signatureInvalid')); break;
      case 'pack-unsigned': lines.push(t('pack_unsigned')); break;
      case 'pack-key-mismatch': lines.push(t('pack_keyMismatch')); break;
      case 'file-changed': lines.push(t('pack_fileChanged', f.path)); break;
      case 'file-missing': lines.push(t('pack_fileMissing', f.path)); break;
      case 'file-unlisted': lines.push(t('pack_fileUnlisted', f.path)); break;
      case 'artifact-changed': lines.push(t('pack_artifactChanged', f.path)); break;
      case 'artifact-missing': lines.push(t('pack_artifactMissing', f.path)); break;
      case 'evidence-signature-invalid': lines.push(t('pack_evidenceSignatureInvalid', f.reportId)); break;
      case 'evidence-unsigned': lines.push(t('pack_evidenceUnsigned', f.reportId)); break;
      case 'history-edited': lines.push(t('pack_historyEdited', f.reportId, f.seqs.join(', ') || '?')); break;
    }
  }
  return lines;
}
