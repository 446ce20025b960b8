// How the content script is cut into files. It runs on every page of the supported platforms, and every
// module file it loads costs the page's main thread a fetch, a compile and an instantiation. The bundler makes
// a separate chunk of every module that two entries share, and the content script shares small helpers
// (`src/capture/url.ts`, `src/model/limits.ts`, the generic finder, the panel clip, the extraction engine's
// imports) with the worker, popup and dashboard: it loaded nine files on a Weibo page. So the content script's
// graph gets its own copies of the modules it imports (ids marked with a query): what runs on every page is
// one file besides the loader and Vite's preload helper, and a platform page loads its adapter and the
// extraction engine on top, whose shared imports are then in the entry's chunk, already loaded. Five files
// instead of nine on a Weibo page;
// measured on the bench feed's page load (two sets of traces, 6 and 10 loads each), the extension's
// main-thread tasks went from about 19–21 ms to about 13–15 ms, and the page's ScriptDuration did not grow.
//
// Vite's preload helper stays (it wraps every dynamic import, even with `build.modulePreload: false`:
// vitejs/vite#13952, #18551). Unwrapping the imports was tried: it saves the helper's small file, but the
// adapter's fetch then starts inside the entry's evaluation instead of in a microtask after it, and the page's
// ScriptDuration grew by 2–3 ms per load.
//
// Module files, not one classic script: CRXJS injects a content-script chunk with no imports and no exports
// directly, wrapped in a function, and one such self-contained script for a Weibo page (entry, adapter and
// engine) was tried: about 4 ms more ScriptDuration per page load, because a classic content script is compiled
// afresh on every page while module files get V8's code cache.
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/**
 * Marks a module id as the content script's copy: a query, followed again by the file's extension, which is
 * what Vite's plugins (TypeScript, JSON) go by.
 */
const COPY = '?ra-content';
const copyOf = (id: string) => `${id}${COPY}${path.extname(id)}`;
const original = (id: string) => id.slice(0, id.indexOf(COPY));

export function contentScriptChunks(entry: string, browser: 'chrome' | 'firefox'): Plugin[] {
  return browser === 'chrome' ? [ownCopies(entry), relativeLoaders()] : [ownCopies(entry)];
}

/**
 * CRXJS starts each content script with a small classic script that imports the real module by
 * `chrome.runtime.getURL("assets/….js")`. Touching `chrome.runtime` makes the browser build that API's bindings
 * in the page's isolated world on every page load, and the content script itself needs nothing from
 * `runtime` until a capture. A classic content script's `import()` resolves against the script's own
 * extension URL in Chromium, so there the loaders (all in `assets/`, like what they import) import `./….js`
 * instead. Firefox (ESR 140) resolves it against the page's URL: its loaders stay as CRXJS writes them.
 * Measured on the bench feed's page load (25 loads each): ScriptDuration 1.2 ms less, the extension's tasks
 * 12 ms less.
 */
function relativeLoaders(): Plugin {
  return {
    name: 'report-assistant:relative-content-loaders',
    enforce: 'post',
    apply: 'build',
    // After CRXJS has emitted its loaders (in its generateBundle); the files are rewritten where they were written.
    async writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !/-loader-[\w-]+\.js$/.test(file.fileName) || path.posix.dirname(file.fileName) !== 'assets') continue;
        const where = path.join(options.dir ?? '', file.fileName);
        const source = await readFile(where, 'utf8');
        const relative = source.replace(/chrome\.runtime\.getURL\((["'])assets\/([^"'/]+\.js)\1\)/g, '"./$2"');
        if (relative !== source) await writeFile(where, relative);
      }
    },
  };
}

function ownCopies(entry: string): Plugin {
  let entryId = path.resolve(entry);
  const inGraph = (id: string | undefined) => id !== undefined && (id === entryId || id.includes(COPY));
  return {
    name: 'report-assistant:content-script-chunks',
    enforce: 'pre',
    apply: 'build',
    configResolved(config) {
      entryId = path.resolve(config.root, entry);
    },
    async resolveId(source, importer, options) {
      if (!inGraph(importer)) return null;
      const from = importer!.includes(COPY) ? original(importer!) : importer!;
      const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
      // Only files are copied: ids with a NUL or a query are other plugins' modules (Vite's preload helper…).
      if (!resolved || resolved.external || /[\0?]/.test(resolved.id)) return resolved;
      return { ...resolved, id: copyOf(resolved.id) };
    },
    // The copies' chunks are named as the originals' were (weibo-….js, extract-….js), not after the query.
    outputOptions(output) {
      const given = output.chunkFileNames ?? 'assets/[name]-[hash].js';
      return {
        ...output,
        chunkFileNames: (chunk) => {
          const pattern = typeof given === 'function' ? given(chunk) : given;
          if (!chunk.facadeModuleId?.includes(COPY)) return pattern;
          const file = original(chunk.facadeModuleId);
          const stem = path.basename(file, path.extname(file));
          return pattern.replace('[name]', stem === 'index' ? path.basename(path.dirname(file)) : stem);
        },
      };
    },
  };
}

