// An evidence pack: one or more reports as a ZIP that stands on its own, for a lawyer, a court or a
// regulator. Nothing in it needs the extension to be checked:
//
//   manifest.json                 the pack's manifest: every file with its SHA-256, and per report the
//                                 artifact → file map, the event chain's head, and the report's own
//                                 signed evidence manifest reference
//   manifest.sig                  base64 ECDSA P-256/SHA-256 (P1363) signature over manifest.json's bytes
//   public-key.jwk.json           the public key that signed (the installation's key)
//   summary.html                  a printable summary (print to PDF from the browser), zh-CN or en
//   reports/<n>-<id>/report.json  the report as stored
//   reports/<n>-<id>/evidence-manifest.json + .sig   the report's own signed manifest, exactly as signed at capture
//   reports/<n>-<id>/events.json  the hash-chained history
//   reports/<n>-<id>/artifacts/…  the captured bytes, unchanged
//
// `verifyPack` (verify-pack.ts) checks all of it; `npm run verify -- pack.zip` runs it in Node.
import type { Report } from '../model/report';
import type { ReportEvent } from '../lifecycle/event-log';
import type { PublicKeyJwk } from '../evidence/signing-key';
import { canonicalJson, sha256Hex } from '../evidence/hash';
import { text, zip, type Files } from './zip-files';
import { safePathComponent } from './pack-paths';

export const PACK_FORMAT = 'report-assistant-pack/1';

export interface PackArtifact {
  id: string;
  kind: string;
  mime: string;
  path: string;
  size: number;
  sha256: string;
}

export interface PackReport {
  reportId: string;
  dir: string;
  /** Paths of the report's signed evidence manifest and its signature; absent for a report never signed. */
  evidence: { manifestPath: string; signaturePath: string; keyId: string } | null;
  artifacts: PackArtifact[];
  events: { path: string; count: number; head: string };
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  createdAt: string;
  generator: string;
  locale: string;
  reports: PackReport[];
  /** Every file in the pack except manifest.json and manifest.sig, with its hash. */
  files: Array<{ path: string; size: number; sha256: string }>;
  /** The signer's key id (SHA-256 of its canonical JWK); null when the pack is not signed. */
  keyId: string | null;
}

export interface PackInputReport {
  report: Report;
  events: readonly ReportEvent[];
  /** The bytes of each artifact by id (missing ones are listed in the report but not in the pack). */
  artifactBytes: ReadonlyMap<string, Uint8Array>;
}

export interface PackSigner {
  publicJwk: PublicKeyJwk;
  keyId: string;
  /** Base64 P1363 signature over the UTF-8 bytes of `json`. */
  sign(json: string): Promise<string>;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/json': 'json',
  'text/html': 'html',
  'text/plain': 'txt',
  'video/mp4': 'mp4',
};

function extensionOf(mime: string): string {
  const type = mime.split(';')[0]!.trim();
  // Own keys only: a stored mime of "constructor" must not name the file after Object's source text.
  return Object.hasOwn(EXTENSIONS, type) ? EXTENSIONS[type]! : 'bin';
}

/**
 * Where report number `n` (0-based) keeps its files in the pack. The id and (below) the artifact's kind
 * are stored data, maybe restored from someone else's file: each is made a safe path component.
 */
export function reportDir(n: number, report: Pick<Report, 'id'>): string {
  return `reports/${String(n + 1).padStart(3, '0')}-${safePathComponent(String(report.id).slice(0, 8), 'report')}/`;
}

/** The pack path of a report's `i`-th artifact (the summary names the same files). */
export function artifactPath(n: number, report: Pick<Report, 'id'>, i: number, meta: { kind: string; mime: string }): string {
  return `${reportDir(n, report)}artifacts/${String(i + 1).padStart(2, '0')}-${safePathComponent(meta.kind, 'artifact')}.${extensionOf(String(meta.mime))}`;
}

export async function buildEvidencePack(input: {
  reports: readonly PackInputReport[];
  summaryHtml: string;
  locale: string;
  signer?: PackSigner;
  now?: Date;
  generator?: string;
}): Promise<Uint8Array> {
  const files: Files = {};
  const packReports: PackReport[] = [];
  input.reports.forEach(({ report, events, artifactBytes }, n) => {
    const dir = reportDir(n, report);
    files[`${dir}report.json`] = text(JSON.stringify(report, null, 2));
    const eventsPath = `${dir}events.json`;
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    files[eventsPath] = text(JSON.stringify(sorted, null, 2));
    let evidence: PackReport['evidence'] = null;
    if (report.signed) {
      evidence = { manifestPath: `${dir}evidence-manifest.json`, signaturePath: `${dir}evidence-manifest.sig`, keyId: report.signed.keyId };
      // Exactly the bytes that were signed: a pretty-printed copy would no longer verify.
      files[evidence.manifestPath] = text(report.signed.manifest);
      files[evidence.signaturePath] = text(report.signed.signature);
    }
    const artifacts: PackArtifact[] = [];
    report.evidence.forEach((meta, i) => {
      const bytes = artifactBytes.get(meta.id);
      if (!bytes) return;
      const path = artifactPath(n, report, i, meta);
      files[path] = bytes;
      artifacts.push({ id: meta.id, kind: meta.kind, mime: meta.mime, path, size: bytes.byteLength, sha256: meta.sha256 });
    });
    packReports.push({
      reportId: report.id,
      dir,
      evidence,
      artifacts,
      events: { path: eventsPath, count: sorted.length, head: sorted.at(-1)?.hash ?? '' },
    });
  });
  files['summary.html'] = text(input.summaryHtml);
  if (input.signer) files['public-key.jwk.json'] = text(JSON.stringify(input.signer.publicJwk, null, 2));

  const listed: PackManifest['files'] = [];
  for (const path of Object.keys(files).sort()) {
    const data = files[path]!;
    listed.push({ path, size: data.byteLength, sha256: await sha256Hex(data) });
  }
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    createdAt: (input.now ?? new Date()).toISOString(),
    generator: input.generator ?? 'report-assistant',
    locale: input.locale,
    reports: packReports,
    files: listed,
    keyId: input.signer?.keyId ?? null,
  };
  const manifestJson = canonicalJson(manifest);
  files['manifest.json'] = text(manifestJson);
  if (input.signer) files['manifest.sig'] = text(await input.signer.sign(manifestJson));
  return zip(files, input.now);
}
