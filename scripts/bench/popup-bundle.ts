// Size of what each extension page and the content script load, gzipped, from the built dist/chrome.
// Budgets (issue #3, #4): content script that runs on every page ≤ 15 KB; the popup's own JS ≤ 30 KB.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_DIST } from '../../test/support/chromium';

/** Every JS file a module graph pulls in statically, starting from `entry` (paths relative to dist). */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(path.join(CHROME_DIST, entry), 'utf8');
  for (const m of code.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?['"](\.{1,2}\/[^'"]+|\/[^'"]+)['"]/g)) {
    const spec = m[1]!;
    const resolved = spec.startsWith('/') ? spec.slice(1) : path.posix.join(path.posix.dirname(entry), spec);
    staticGraph(resolved, seen);
  }
  return seen;
}

const gz = (files: Iterable<string>) =>
  [...files].reduce((sum, f) => sum + gzipSync(readFileSync(path.join(CHROME_DIST, f))).length, 0);

function pageEntry(html: string): string {
  const text = readFileSync(path.join(CHROME_DIST, html), 'utf8');
  const src = /<script[^>]+src="([^"]+)"/.exec(text)?.[1];
  if (!src) throw new Error(`no script in ${html}`);
  return src.startsWith('/') ? src.slice(1) : path.posix.join(path.posix.dirname(html), src);
}

const manifest = JSON.parse(readFileSync(path.join(CHROME_DIST, 'manifest.json'), 'utf8')) as {
  content_scripts: Array<{ js: string[] }>;
};
const loader = manifest.content_scripts[0]!.js[0]!;
const loaderCode = readFileSync(path.join(CHROME_DIST, loader), 'utf8');
// CRXJS's loader imports the module by `chrome.runtime.getURL("assets/….js")`; ours, in Chromium, by "./….js"
// (scripts/content-script-chunks.ts). Reading only the first left the entry out: 0.2 KB, the loader alone.
const byUrl = /getURL\(["'`]([^"'`]+)["'`]\)/.exec(loaderCode)?.[1];
const relative = /import\(\s*(?:\/\*[^*]*\*\/\s*)?["'`](\.\/[^"'`]+)["'`]\s*\)/.exec(loaderCode)?.[1];
const contentMain = byUrl ?? (relative ? path.posix.join(path.posix.dirname(loader), relative) : undefined);
if (!contentMain) throw new Error(`the content script's loader (${loader}) imports nothing this bench recognises`);
const contentFiles = staticGraph(loader);
staticGraph(contentMain, contentFiles);

const rows = [
  ['content script (every page)', gz(contentFiles), 15 * 1024],
  ['popup (form)', gz(staticGraph(pageEntry('extension/popup/index.html'))), 30 * 1024],
  ['dashboard', gz(staticGraph(pageEntry('extension/dashboard/index.html'))), undefined],
] as const;
for (const [name, bytes, budget] of rows) {
  const kb = (bytes / 1024).toFixed(1);
  console.log(`${name.padEnd(30)} ${kb.padStart(7)} KB gzipped${budget ? `   (goal ≤ ${budget / 1024} KB: ${bytes <= budget ? 'met' : 'NOT met'})` : ''}`);
}
