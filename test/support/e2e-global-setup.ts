// Before any browser test: a Chromium to run and a build to load, or a message that says what to do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROME_DIST, findChromium } from './chromium';

export default function setup(): void {
  findChromium();
  if (!existsSync(path.join(CHROME_DIST, 'manifest.json'))) {
    throw new Error('No build in dist/chrome: run `npm run build` (npm test does it for you).');
  }
}
