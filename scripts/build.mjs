// Builds the extension into dist/<browser>/ and a store-ready zip beside it, for Chromium and Firefox,
// from the one manifest.json plus the per-browser difference in scripts/manifest-for-browser.mjs.
// Usage: node scripts/build.mjs [chrome|firefox ...]   (default: every supported browser)
import { build } from 'vite';
import { zipSync } from 'fflate';
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, finishBuiltManifest } from './manifest-for-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// RA_DIST_ROOT lets parallel work build into its own folder (default: dist).
const distRoot = path.resolve(root, process.env.RA_DIST_ROOT ?? 'dist');
const SUPPORTED = [...BROWSERS];
const targets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const browsers = targets.length ? targets : SUPPORTED;

async function filesUnder(dir, base = dir) {
  const out = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await filesUnder(full, base));
    else out[path.relative(base, full).split(path.sep).join('/')] = new Uint8Array(await readFile(full));
  }
  return out;
}

for (const browser of browsers) {
  if (!SUPPORTED.includes(browser)) throw new Error(`unknown browser ${browser}; supported: ${SUPPORTED.join(', ')}`);
  process.env.TARGET_BROWSER = browser;
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  const outDir = path.join(distRoot, browser);
  const manifestPath = path.join(outDir, 'manifest.json');
  const manifest = finishBuiltManifest(browser, JSON.parse(await readFile(manifestPath, 'utf8')));
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  // Fixed timestamps make the zip byte-for-byte reproducible from the same sources.
  const files = await filesUnder(outDir);
  const zipped = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: new Date('2026-01-01T00:00:00Z') }]])),
    { level: 9 },
  );
  const zipPath = path.join(distRoot, `report-assistant-${browser}-${manifest.version}.zip`);
  await writeFile(zipPath, zipped);
  const size = (await stat(zipPath)).size;
  console.log(`built ${path.relative(root, outDir)}/ and ${path.relative(root, zipPath)} (${(size / 1024).toFixed(1)} KB)`);
}
