// `npm run check:sites -- --replicas`: the maintainers' check of the adapters, run on the replicas against its
// baseline — green as the replicas are, red (exit 1, the drop named) when a count or a field rate falls.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/chromium';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/check-sites.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });

describe('npm run check:sites', () => {
  it('finds every replica’s items with the baseline’s field rates, and fails naming what dropped', { timeout: 600_000 }, async () => {
    const ok = run('--replicas');
    expect(ok.stdout).toContain('http://weibo.com/  (weibo)');
    expect(ok.stdout, ok.stdout + ok.stderr).toContain('No count or field rate dropped');
    expect(ok.status).toBe(0);

    // A baseline that expects more than the replicas hold: the command says what fell and exits 1.
    const baseline = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/site-check-baseline.json'), 'utf8')) as Record<string, Record<string, { count: number }>>;
    baseline['http://weibo.com/']!.post!.count += 1;
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'ra-site-check-')), 'baseline.json');
    await writeFile(file, JSON.stringify(baseline));
    const dropped = run('--replicas', '--baseline', file);
    expect(dropped.status).toBe(1);
    expect(dropped.stdout).toMatch(/✗ http:\/\/weibo\.com\/ post: \d+ item\(s\), \d+ before/);
  });
});
