// The test certificate of the replica sites: made once per process, at first use, and never written to
// disk or installed anywhere. The fixture server answers TLS with it (test/support/fixture-server.ts);
// the browsers the tests launch accept it and nothing else: Chromium through
// `--ignore-certificate-errors-spki-list=<spkiSha256>` (test/support/chromium.ts), Firefox through
// WebDriver BiDi's `acceptInsecureCerts` (test/support/firefox.ts). There is no CA here and no trust
// store is touched: a person's browser still refuses this certificate.
//
// Why `selfsigned` (a dev dependency): Node's crypto makes keys but not X.509 certificates, and the
// openssl command is not guaranteed on a fresh machine; selfsigned builds the certificate with Node's
// own WebCrypto (through @peculiar/x509), with no native code and no download.
import { createHash, createPublicKey } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { generate } from 'selfsigned';

export interface TestCertificate {
  /** PEM private key (P-256). */
  key: string;
  /** PEM certificate, self-signed, for the names below. */
  cert: string;
  /** DNS names in its subjectAltName (the replica hostnames, their parent domains, localhost). */
  names: string[];
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI allow-list wants it. */
  spkiSha256: string;
}

const SITES_ROOT = new URL('../fixtures/sites/', import.meta.url);

/** The hostnames the replicas answer for: the folders of test/fixtures/sites that are hostnames. */
export function replicaHostnames(): string[] {
  return readdirSync(SITES_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d.name))
    .map((d) => d.name)
    .sort();
}

let made: Promise<TestCertificate> | undefined;

/** The process's test certificate (the same one for every server and browser of this process). */
export function testCertificate(): Promise<TestCertificate> {
  made ??= makeCertificate();
  return made;
}

async function makeCertificate(): Promise<TestCertificate> {
  const hosts = replicaHostnames();
  // Each replica host, and a wildcard under its registrable parent (douyin.com → *.douyin.com), so a
  // spec may reach a sibling host (m.douyin.com) without a new certificate.
  const parents = hosts.map((h) => h.split('.').slice(-2).join('.'));
  const names = [...new Set([...hosts, ...parents, ...parents.map((p) => `*.${p}`), 'localhost'])];
  const notBeforeDate = new Date(Date.now() - 60 * 60_000);
  const notAfterDate = new Date(Date.now() + 7 * 24 * 60 * 60_000);
  const pems = await generate([{ name: 'commonName', value: 'report-assistant test replicas' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }],
      },
    ],
  });
  const spki = createPublicKey(pems.cert).export({ type: 'spki', format: 'der' });
  return { key: pems.private, cert: pems.cert, names, spkiSha256: createHash('sha256').update(spki).digest('base64') };
}
