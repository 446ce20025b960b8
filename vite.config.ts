import { build as viteBuild, defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import path from 'node:path';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import base from './manifest.json' with { type: 'json' };
import { manifestFor } from './scripts/manifest-for-browser.mjs';

// One source, built into dist/<browser>. scripts/build.mjs sets TARGET_BROWSER, finishes the per-browser
// manifest and zips the result. The per-browser difference of the manifest lives in
// scripts/manifest-for-browser.mjs; the extension's code is the same for every browser (its API
// differences are behind extension/lib/browser.ts).
const target = process.env.TARGET_BROWSER === 'firefox' ? 'firefox' : 'chrome';

/**
 * CRXJS names its emitted chunks by file basename, and with Vite 8 (rolldown) two emitted chunks named
 * `index.ts` (the background's `extension/background/index.ts` and a `?script` import such as
 * `extension/picker/index.ts`) make `getFileName` answer the later one for both: the background loader
 * then imports the picker and the extension has no background at all. This checks the loader against
 * the chunk actually built from the manifest's background file and points it there.
 */
function backgroundLoaderGuard(backgroundSource: string): Plugin {
  return {
    name: 'report-assistant:background-loader-guard',
    enforce: 'post',
    apply: 'build',
    // After CRXJS has written its loader (it emits it while writing the manifest, after generateBundle).
    async writeBundle(options, bundle) {
      const wanted = path.resolve(import.meta.dirname, backgroundSource);
      const entry = Object.values(bundle).find((f) => f.type === 'chunk' && f.facadeModuleId === wanted);
      const loaderPath = path.join(options.dir ?? '', 'service-worker-loader.js');
      if (!entry) this.error(`background: no chunk was built from ${backgroundSource}`);
      const source = await readFile(loaderPath, 'utf8');
      const expected = `import './${entry.fileName}';\n`;
      if (source !== expected) {
        this.warn(`the background loader was "${source.trim()}"; pointed it at ${entry.fileName} (CRXJS chunk-name collision)`);
        await writeFile(loaderPath, expected);
      }
    },
  };
}

/**
 * The content script that runs on every page of the platforms is one classic script (CRXJS's standalone
 * build: no module loader), and what only a platform's pages need — its adapter and the extraction engine —
 * is one self-contained ES module per platform at `finderFile(id)`, which the script imports by URL
 * (extension/content/item-finder.ts). One module instead of a graph of shared chunks: each module a page
 * loads costs it compilation, evaluation and code caching on the main thread.
 */
function platformFinders(): Plugin {
  let config: ResolvedConfig;
  // One folder per platform (the registry's test holds the folders to its ids); the file name is the one
  // `finderFile` in src/platforms/registry.ts gives (not imported: the config stays free of the app's modules).
  const finderFile = (id: string) => `assets/finder-${id}.js`;
  return {
    name: 'report-assistant:platform-finders',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle() {
      const at = (file: string) => JSON.stringify(path.resolve(config.root, file));
      const folders = await readdir(path.resolve(config.root, 'src/platforms'), { withFileTypes: true });
      for (const id of folders.filter((f) => f.isDirectory()).map((f) => f.name)) {
        // The entry is made up here; its name, an absolute path that does not exist, is what lib mode wants.
        const virtual = path.resolve(config.root, `src/platforms/${id}/finder.virtual.js`);
        const entry = [
          `import adapter from ${at(`src/platforms/${id}/index.ts`)};`,
          // Named, not a namespace: the bundle keeps only what finding and extracting use.
          `import { enclosingItem, extractItem, findItems, findSlot, joined } from ${at('src/platforms/extract.ts')};`,
          `import { platformFinder } from ${at('extension/content/item-finder.ts')};`,
          'export default platformFinder(adapter, { enclosingItem, extractItem, findItems, findSlot, joined });',
        ].join('\n');
        const result = await viteBuild({
          configFile: false,
          root: config.root,
          mode: config.mode,
          logLevel: 'warn',
          define: config.define,
          plugins: [
            {
              name: 'report-assistant:platform-finder-entry',
              enforce: 'pre',
              resolveId: (source) => (source === virtual ? virtual : undefined),
              load: (moduleId) => (moduleId === virtual ? entry : undefined),
            },
          ],
          build: {
            write: false,
            target: config.build.target,
            minify: config.build.minify,
            sourcemap: false,
            // Not lib mode, which leaves an ES module's whitespace unminified.
            rollupOptions: {
              input: virtual,
              preserveEntrySignatures: 'strict',
              output: { format: 'es', entryFileNames: finderFile(id), codeSplitting: false },
            },
          },
        });
        const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
        const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry);
        if (!chunk || chunk.type !== 'chunk') this.error(`platform finder ${id}: nothing was built`);
        this.emitFile({ type: 'asset', fileName: finderFile(id), source: chunk.code });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(target, base) as never,
      browser: target,
      contentScripts: { standaloneFiles: [base.content_scripts[0]!.js[0]!] },
    }),
    platformFinders(),
    backgroundLoaderGuard(base.background.service_worker),
  ],
  publicDir: 'public',
  build: {
    // Vite's preload helper would add <link rel="modulepreload" href="chrome-extension://…"> tags to every page
    // the content script runs on when it loads an adapter lazily: noise in the page and a fingerprint.
    modulePreload: false,
    outDir: `${process.env.RA_DIST_ROOT ?? 'dist'}/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // RA_NO_MINIFY=1 keeps names readable in CPU profiles of the built extension (benchmarks, profiling).
    minify: process.env.RA_NO_MINIFY ? false : undefined,
  },
  server: { port: 5173, strictPort: true },
});
