// What the built extension's pages and content script load, read from dist/chrome (RA_DIST_ROOT honoured): the
// files a module graph pulls in statically, and their gzipped size. Shared by content-script.ts and popup-bundle.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_DIST } from '../../test/support/chromium';

const read = (file: string) => readFileSync(path.join(CHROME_DIST, file), 'utf8');

/** Every JS file a module graph pulls in statically, starting from `entry` (paths relative to dist). */
export function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const m of read(entry).matchAll(/(?:import|export)\s*(?:[^'"`]*?from\s*)?['"`](\.{1,2}\/[^'"`]+|\/[^'"`]+)['"`]/g)) {
    const spec = m[1]!;
    staticGraph(spec.startsWith('/') ? spec.slice(1) : path.posix.join(path.posix.dirname(entry), spec), seen);
  }
  return seen;
}

/** The files' gzipped bytes, summed. */
export function gzipped(files: Iterable<string>): number {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(path.join(CHROME_DIST, f))).length;
  return bytes;
}

/**
 * The content script that runs on every page: the manifest's loader, the entry it imports and that entry's static
 * graph. CRXJS's loader imports the entry by `chrome.runtime.getURL("assets/….js")`; ours, in Chromium, by
 * "./….js" (scripts/content-script-chunks.ts).
 */
export function contentScriptGraph(): { entry: string; files: Set<string> } {
  const manifest = JSON.parse(read('manifest.json')) as { content_scripts: Array<{ js: string[] }> };
  const loader = manifest.content_scripts[0]!.js[0]!;
  const loaderCode = read(loader);
  const byUrl = /getURL\(["'`]([^"'`]+)["'`]\)/.exec(loaderCode)?.[1];
  const relative = /import\(\s*(?:\/\*[^*]*\*\/\s*)?["'`](\.\/[^"'`]+)["'`]\s*\)/.exec(loaderCode)?.[1];
  const entry = byUrl ?? (relative ? path.posix.join(path.posix.dirname(loader), relative) : undefined);
  if (!entry) throw new Error(`the content script's loader (${loader}) imports nothing this bench recognises`);
  return { entry, files: staticGraph(entry, staticGraph(loader)) };
}

/** The module script an extension page (its HTML, relative to dist) starts from. */
export function pageEntry(html: string): string {
  const src = /<script[^>]+src="([^"]+)"/.exec(read(html))?.[1];
  if (!src) throw new Error(`no script in ${html}`);
  return src.startsWith('/') ? src.slice(1) : path.posix.join(path.posix.dirname(html), src);
}

/** The lazy chunks a module imports by `import("./….js")`. */
export function lazyImports(file: string): string[] {
  return [...read(file).matchAll(/import\(["'`]\.\/([^"'`]+)["'`]\)/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]!));
}
