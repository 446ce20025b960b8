// `npm run bench`: builds the extension, then runs every benchmark in scripts/bench/*.ts in turn.
// Each prints its own figures (medians, percentiles, ratios measured in the same run); none asserts a time.
// `npm run bench -- capture` runs only the benchmarks whose file name contains "capture".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'chrome'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// Not benchmarks: content-ab.ts compares builds given on its command line (see its header); bundle-graph.ts is
// the module the size benchmarks share.
const TOOLS = new Set(['content-ab.ts', 'bundle-graph.ts']);
const benches = readdirSync(path.join(root, 'scripts/bench'))
  .filter((f) => f.endsWith('.ts') && !TOOLS.has(f))
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
