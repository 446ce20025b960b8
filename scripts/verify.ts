// `npm run verify -- pack.zip [more.zip…]`: checks evidence packs exported from the dashboard, with nothing
// but the pack (and Node's WebCrypto). Prints one line per finding, naming the file that no longer
// matches; exits 1 if any pack fails. `--key key.jwk.json` checks the signature against a key you trust
// instead of the one inside the pack. `--en` prints in English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyPack, describePackVerdict } from '../src/export/verify-pack';
import { createTranslator, type LocaleMessages } from '../src/i18n/i18n';
import type { PublicKeyJwk } from '../src/evidence/signing-key';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const en = args.includes('--en');
const keyIndex = args.indexOf('--key');
const keyPath = keyIndex >= 0 ? args[keyIndex + 1] : undefined;
const packs = args.filter((a, i) => !a.startsWith('--') && (keyIndex < 0 || i !== keyIndex + 1));
const messages = (locale: string) => JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as LocaleMessages;
const t = createTranslator(messages(en ? 'en' : 'zh_CN'), messages('zh_CN'));

if (packs.length === 0) {
  console.error('usage: npm run verify -- pack.zip [more.zip…] [--key trusted-key.jwk.json] [--en]');
  process.exit(2);
}
const trustedPublicKey = keyPath ? (JSON.parse(readFileSync(keyPath, 'utf8')) as PublicKeyJwk) : undefined;
let failed = 0;
for (const file of packs) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    console.error(`${file}: ${(err as Error).message}`);
    failed++;
    continue;
  }
  const verdict = await verifyPack(bytes, trustedPublicKey ? { trustedPublicKey } : {});
  const lines = describePackVerdict(verdict, t);
  console.log(`${verdict.ok ? 'OK  ' : 'FAIL'} ${file}`);
  for (const line of lines) console.log(`     ${line}`);
  if (verdict.keyId) console.log(`     key id ${verdict.keyId}`);
  if (!verdict.ok) failed++;
}
process.exit(failed ? 1 : 0);
