// `web-ext lint` of the Firefox build, as addons.mozilla.org runs it on upload (so not --self-hosted).
// Prints every error, warning and notice; only errors fail (exit 1). Used by scripts/test.mjs.
// Usage: node scripts/lint-firefox.mjs [dir]   (default: $RA_DIST_ROOT/firefox, i.e. dist/firefox)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = path.resolve(root, process.argv[2] ?? path.join(process.env.RA_DIST_ROOT ?? 'dist', 'firefox'));
if (!existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`No Firefox build at ${path.relative(root, dir)}: run \`node scripts/build.mjs firefox\` first.`);
  process.exit(1);
}
const result = spawnSync(path.join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`web-ext lint gave no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}
const show = (kind, items) => {
  for (const item of items) {
    const where = item.file ? ` (${item.file}${item.line ? `:${item.line}` : ''})` : '';
    console.log(`  ${kind} ${item.code}: ${item.message}${where}`);
    if (kind === 'error' && item.description) console.log(`      ${String(item.description).replace(/\s+/g, ' ')}`);
  }
};
show('error', report.errors ?? []);
show('warning', report.warnings ?? []);
show('notice', report.notices ?? []);
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${path.relative(root, dir)}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 ? 0 : 1);
