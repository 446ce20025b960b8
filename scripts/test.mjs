// The one test command (README quick start, and what .ci/run runs):
// type-check, build the extension for Chromium and Firefox, lint the Firefox build (web-ext), then the
// unit tests and the browser tests in Chromium and in Firefox ESR, and close with the counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
};

let passed = 0;
let failed = 0;
const failures = [];

const typecheck = run('type-check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
typecheck ? passed++ : (failed++, failures.push('type-check'));

const built = run('build (node scripts/build.mjs)', process.execPath, [path.join(root, 'scripts/build.mjs')]);
built ? passed++ : (failed++, failures.push('build'));

// AMO's linter on the Firefox build: warnings are printed, errors fail.
if (built) {
  const linted = run('web-ext lint (Firefox build)', process.execPath, [path.join(root, 'scripts/lint-firefox.mjs')]);
  linted ? passed++ : (failed++, failures.push('web-ext lint of the Firefox build'));
}

// Firefox ESR runs the same flows as Chromium (test/e2e/firefox). Without it, say how to get it.
const firefox = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
if (!firefox) {
  console.log('\n✗ Firefox ESR not found: install it with `sudo apt-get install -y firefox-esr firefox-esr-l10n-zh-cn` (or set FIREFOX_PATH); the Firefox browser tests are not run.');
  failed++;
  failures.push('Firefox browser tests not run: Firefox ESR is missing (sudo apt-get install -y firefox-esr)');
}

const reportDir = path.join(root, 'test-output');
mkdirSync(reportDir, { recursive: true });
const jsonReport = path.join(reportDir, 'vitest.json');
rmSync(jsonReport, { force: true });
const projects = built ? ['unit', 'e2e', ...(firefox ? ['e2e-firefox'] : [])] : ['unit'];
const vitestOk = run(`tests (vitest: ${projects.join(', ')})`, bin('vitest'), [
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${jsonReport}`,
]);
if (existsSync(jsonReport)) {
  const report = JSON.parse(readFileSync(jsonReport, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`${path.relative(root, file.name)} › ${test.fullName}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failed++;
      failures.push(`${path.relative(root, file.name)} (could not run: ${String(file.message ?? '').split('\n')[0]})`);
    }
  }
  if (!vitestOk && report.numFailedTests === 0) {
    failed++;
    failures.push('vitest reported errors outside the tests (see above)');
  }
} else {
  failed++;
  failures.push('vitest produced no report');
}
if (!built) failures.push('browser tests not run: the build failed');

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
