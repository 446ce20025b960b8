// How the content script is cut into files. It runs on every page of the supported platforms, and every
// module file it loads costs the page's main thread a fetch, a compile and an instantiation. The bundler makes
// a separate chunk of every module that two entries share, and the content script shares small helpers
// (`src/capture/url.ts`, `src/model/limits.ts`, the generic finder, the panel clip, the extraction engine's
// imports) with the worker, popup and dashboard: it loaded nine files on a Weibo page. So the content script's
// graph gets its own copies of the modules it imports (ids marked with a query): what runs on every page is
// one file besides the loader, and a platform page loads its adapter and the extraction engine on top, whose
// shared imports are then in the entry's chunk, already loaded. Four files instead of nine on a Weibo page; with
// the copies alone (the preload helper still a file of its own, see below), measured on the bench feed's page
// load (two sets of traces, 6 and 10 loads each), the extension's main-thread tasks went from about 19–21 ms to
// about 13–15 ms, and the page's ScriptDuration did not grow.
//
// Vite wraps every dynamic import in its preload helper, even with `build.modulePreload: false`
// (vitejs/vite#13952, #18551); the helper is a file of its own, shared by every entry, and probes the page's
// DOM for `modulepreload` support when it loads. The content script's graph gets a stand-in instead (see
// OWN_PRELOAD_SOURCE): bundled into the entry, no probe; measured on the bench feed's page load (40 loads each,
// in both orders) ScriptDuration 0.8–0.9 ms less. Unwrapping the imports altogether was tried too: the adapter's
// fetch then starts inside the entry's evaluation instead of in a microtask after it, and the page's
// ScriptDuration grew by 2–3 ms per load; the stand-in keeps the microtask.
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

/** The id under which Vite's import analysis imports its preload helper into every chunk with an `import()`. */
const PRELOAD_HELPER = '\0vite/preload-helper.js';
const OWN_PRELOAD = '\0ra-content-preload.js';
/**
 * The content script's own `__vitePreload`: its lazy chunks have no dependencies to preload, so it only starts
 * the import, in a microtask as Vite's does (not during the entry's evaluation, see the header). Being the content
 * script's own module, it is bundled into the entry instead of being a file of its own, and it does not probe the
 * page's DOM for `modulepreload` support at load as Vite's helper does. A failed import rejects to the caller as
 * it is (index.ts falls back to the generic finder). Should Vite rename the helper, Vite's own is used again and
 * the file list checked in test/e2e/platforms-weibo.e2e.ts says so.
 */
const OWN_PRELOAD_SOURCE = 'export const __vitePreload = (load) => Promise.resolve().then(load);\n';

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
      if (source === PRELOAD_HELPER) return OWN_PRELOAD;
      const from = importer!.includes(COPY) ? original(importer!) : importer!;
      const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
      // Only files are copied: ids with a NUL or a query are other plugins' modules (Vite's own, CRXJS's…).
      if (!resolved || resolved.external || /[\0?]/.test(resolved.id)) return resolved;
      return { ...resolved, id: copyOf(resolved.id) };
    },
    load(id) {
      return id === OWN_PRELOAD ? OWN_PRELOAD_SOURCE : null;
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

