// Before any Firefox test: a Firefox to run and a Firefox build to install, or a message that says what to do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FIREFOX_DIST, findFirefox } from './firefox';

export default function setup(): void {
  findFirefox();
  if (!existsSync(path.join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error('No build in dist/firefox: run `npm run build` (npm test does it for you).');
  }
}
