// npm run check:sites — how well the platform adapters read real pages, for maintainers.
//
//   npm run check:sites -- [--profile DIR] [--headed] <url>…
//       Opens each live page in Debian's Chromium (with DIR, a profile the maintainer is logged in with; the
//       pages are read, never changed), waits for it to settle, and prints per adapter and item spec how many
//       items it finds and how often each field is read. Nothing here talks to a live site on its own: the
//       maintainer names the pages.
//   npm run check:sites -- --replicas [--baseline FILE] [--update]
//       The same on the replicas (test/fixtures/sites, at their real hostnames on 127.0.0.1), compared with
//       the baseline (test/fixtures/site-check-baseline.json): exits 1 when an item count or a field's hit
//       rate drops. --update writes the baseline from this run. The test suite runs it (site-check.e2e.ts).
//
// The adapters and the engine are bundled (Vite, one IIFE) and injected into each page's main world.
import { build } from 'vite';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchWithoutExtension, REPO_ROOT } from '../test/support/chromium';
import { startFixtureServer } from '../test/support/fixture-server';
import type { PageCheck } from '../src/platforms/site-check';

/** The replicas checked in the suite: one or more pages per platform. */
export const REPLICA_PAGES = [
  'http://weibo.com/',
  'http://weibo.com/1850000001/PcQx7aB3k',
  'http://weibo.com/u/1850000001',
  'http://m.weibo.cn/',
  'http://www.bilibili.com/video/BV17x411w7KC/',
  'http://t.bilibili.com/912345678901234567',
  'http://www.zhihu.com/question/600000001',
  'http://zhuanlan.zhihu.com/p/700000001',
  'https://www.douyin.com/video/7440000000000000001',
  'https://www.douyin.com/video/7440000000000000002',
  'https://www.douyin.com/jingxuan?modal_id=7440000000000000003',
  'https://www.douyin.com/user/MS4wLjABAAAAscam02?modal_id=7440000000000000002',
  'http://tieba.baidu.com/p/9100000001',
  'http://tieba.baidu.com/p/9100000002',
  'http://www.xiaohongshu.com/explore',
  'http://www.douban.com/group/topic/310000001/',
  'https://www.toutiao.com/article/7440000000000000101/',
  'http://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01',
];
const REPLICA_HOSTS = [...new Set(REPLICA_PAGES.map((u) => new URL(u).hostname))];
const DEFAULT_BASELINE = path.join(REPO_ROOT, 'test/fixtures/site-check-baseline.json');
const SETTLE_MS = 2500;

type Baseline = Record<string, PageCheck['specs']>;

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      // An IIFE has no code splitting: the adapters' lazy imports are inlined.
      lib: { entry: path.join(REPO_ROOT, 'src/platforms/site-check-entry.ts'), formats: ['iife'], name: 'raSiteCheckBundle' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('could not bundle src/platforms/site-check-entry.ts');
  return chunk.code;
}

function table(check: PageCheck): string {
  const lines = [`${check.url}  (${check.platform ?? 'no adapter'})`];
  for (const [id, s] of Object.entries(check.specs)) {
    if (!s.count) continue;
    const rate = (n: number) => `${Math.round((n / s.count) * 100)}%`;
    const fields = Object.entries(s.fields)
      .map(([f, n]) => `${f} ${rate(n)}`)
      .join(', ');
    lines.push(`  ${id.padEnd(16)} ${String(s.count).padStart(4)} item(s)  ${fields}${s.unreadable ? `, unreadable ${s.unreadable}` : ''}`);
  }
  if (lines.length === 1) lines.push('  no items found');
  return lines.join('\n');
}

/** What dropped against the baseline: fewer items of a spec, or a lower hit rate of a field. */
export function drops(baseline: Baseline, checks: PageCheck[]): string[] {
  const problems: string[] = [];
  for (const check of checks) {
    const was = baseline[check.url];
    if (!was) continue;
    for (const [id, before] of Object.entries(was)) {
      const now = check.specs[id];
      if (!now || now.count < before.count) {
        problems.push(`${check.url} ${id}: ${now?.count ?? 0} item(s), ${before.count} before`);
        continue;
      }
      for (const [field, hits] of Object.entries(before.fields)) {
        const rateBefore = before.count ? hits / before.count : 0;
        const rateNow = now.count ? now.fields[field as keyof typeof now.fields] / now.count : 0;
        if (rateNow + 1e-9 < rateBefore) problems.push(`${check.url} ${id}.${field}: ${Math.round(rateNow * 100)}%, ${Math.round(rateBefore * 100)}% before`);
      }
    }
  }
  return problems;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const replicas = flag('--replicas');
  const urls = replicas ? REPLICA_PAGES : args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--profile' && args[i - 1] !== '--baseline');
  if (!urls.length) {
    console.error('usage: npm run check:sites -- [--profile DIR] [--headed] <url>…   |   npm run check:sites -- --replicas [--baseline FILE] [--update]');
    return 2;
  }
  const code = await bundle();
  const server = replicas ? await startFixtureServer() : undefined;
  const profile = value('--profile');
  const userDataDir = profile ?? (await mkdtemp(path.join(os.tmpdir(), 'ra-check-sites-')));
  const context = await launchWithoutExtension({
    userDataDir,
    headless: !flag('--headed'),
    ...(server ? { hostResolverRules: REPLICA_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ') } : {}),
  });
  const checks: PageCheck[] = [];
  try {
    for (const url of urls) {
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        await page.waitForTimeout(SETTLE_MS);
        await page.evaluate(code);
        const check = (await page.evaluate((u) => (window as unknown as { __raSiteCheck(d: Document, u: string): Promise<PageCheck> }).__raSiteCheck(document, u), url)) as PageCheck;
        checks.push(check);
        console.log(table(check));
      } catch (err) {
        console.log(`${url}\n  could not be checked: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        checks.push({ url, platform: null, specs: {} });
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
    await server?.close();
    if (!profile) await rm(userDataDir, { recursive: true, force: true });
  }
  if (!replicas) return 0;
  const baselineFile = value('--baseline') ?? DEFAULT_BASELINE;
  if (flag('--update')) {
    const next: Baseline = Object.fromEntries(checks.map((c) => [c.url, Object.fromEntries(Object.entries(c.specs).filter(([, s]) => s.count > 0))]));
    await writeFile(baselineFile, JSON.stringify(next, null, 2) + '\n');
    console.log(`baseline written: ${path.relative(REPO_ROOT, baselineFile)}`);
    return 0;
  }
  const baseline = JSON.parse(await readFile(baselineFile, 'utf8')) as Baseline;
  const problems = drops(baseline, checks);
  if (problems.length) {
    console.log(`\nDropped against ${path.relative(REPO_ROOT, baselineFile)}:\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
    return 1;
  }
  console.log(`\nNo count or field rate dropped against ${path.relative(REPO_ROOT, baselineFile)}.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exit(await main());
}
