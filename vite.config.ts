import { defineConfig, type Plugin } from 'vite';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import base from './manifest.json' with { type: 'json' };
import { manifestFor } from './scripts/manifest-for-browser.mjs';
import { contentScriptChunks } from './scripts/content-script-chunks.ts';

// One source, built into dist/<browser>. scripts/build.mjs sets TARGET_BROWSER, finishes the per-browser
// manifest and zips the result. The per-browser difference of the manifest lives in
// scripts/manifest-for-browser.mjs; the extension's code is the same for every browser (its API
// differences are behind extension/lib/browser.ts), but for CRXJS's content-script loaders, which import
// relatively in Chromium (scripts/content-script-chunks.ts).
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

export default defineConfig({
  plugins: [
    preact(),
    contentScriptChunks(base.content_scripts[0]!.js[0]!, target),
    crx({ manifest: manifestFor(target, base) as never, browser: target }),
    backgroundLoaderGuard(base.background.service_worker),
  ],
  publicDir: 'public',
  build: {
    // Vite's preload helper would add <link rel="modulepreload" href="chrome-extension://…"> tags to every page
    // the content script runs on when it loads an adapter lazily: noise in the page and a fingerprint.
    modulePreload: false,
    outDir: `${process.env.RA_DIST_ROOT ?? 'dist'}/${target}`,
    // Pages the manifest does not name: the welcome page opened on install.
    rollupOptions: { input: { welcome: 'extension/welcome/index.html' } },
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // RA_NO_MINIFY=1 keeps names readable in CPU profiles of the built extension (benchmarks, profiling).
    minify: process.env.RA_NO_MINIFY ? false : undefined,
  },
  server: { port: 5173, strictPort: true },
});
