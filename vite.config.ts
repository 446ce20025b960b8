import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// One source, built into dist/<browser>. scripts/build.mjs sets TARGET_BROWSER and zips the result.
const target = process.env.TARGET_BROWSER ?? 'chrome';

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as never, browser: target === 'firefox' ? 'firefox' : 'chrome' })],
  publicDir: 'public',
  build: {
    outDir: `${process.env.RA_DIST_ROOT ?? 'dist'}/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
});
