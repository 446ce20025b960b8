// Before any Firefox test: a Firefox to run, its Chinese language pack (the specs run in zh-CN, as the
// Chromium ones do) and a Firefox build to install, or a message that says what to do.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIREFOX_DIST, findFirefox } from './firefox';

export default function setup(): void {
  const binary = findFirefox();
  if (binary === '/usr/bin/firefox-esr') {
    const packs = '/usr/lib/firefox-esr/browser/extensions';
    const hasChinese = existsSync(packs) && readdirSync(packs).some((f) => f.startsWith('langpack-zh-CN@'));
    if (!hasChinese) {
      throw new Error(
        'Firefox ESR has no Chinese language pack, and the Firefox tests run in zh-CN: ' +
          '`sudo apt-get install -y firefox-esr-l10n-zh-cn`, then run the command again.',
      );
    }
  }
  if (!existsSync(path.join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error('No build in dist/firefox: run `npm run build` (npm test does it for you).');
  }
}
