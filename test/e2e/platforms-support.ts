// Shared helpers of the platform e2e tests: a browser whose resolver sends the platforms' real hostnames to
// the local replica server, button bookkeeping by data-fixture, and reading back the stored capture.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROME_DIST, launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readReports } from '../support/extension-db';
import type { CapturedPost } from '../../src/model/captured-post';
import type { Report } from '../../src/model/report';

/** The replicas' hostnames (test/fixtures/sites/<host>). */
export const REPLICA_HOSTS = [
  'weibo.com',
  'm.weibo.cn',
  'www.bilibili.com',
  't.bilibili.com',
  'www.zhihu.com',
  'zhuanlan.zhihu.com',
  'www.douyin.com',
  'tieba.baidu.com',
  'www.xiaohongshu.com',
  'www.douban.com',
  'www.toutiao.com',
  'mp.weixin.qq.com',
];

export interface PlatformEnv {
  server: FixtureServer;
  session: ExtensionSession;
  /** The test's copy of the build (with the HSTS variants). */
  dist: string;
  /** An extension page kept open to read IndexedDB. */
  reader: Page;
}

/**
 * douyin.com and toutiao.com are on Chromium's HSTS preload list (with subdomains), so the browser refuses
 * plain http to them before any request is made, and these machines have no CA for a local https server.
 * Their replicas are therefore reached at a variant hostname (real host + ".test"), which the test's copy
 * of the build adds to the content script's matches and to the platform registry; the fixture server
 * answers the variant from the real host's folder.
 */
export const HSTS_VARIANTS: Readonly<Record<string, string>> = {
  'www.douyin.com': 'www.douyin.com.test',
  'www.toutiao.com': 'www.toutiao.com.test',
};

/** A copy of the build in which the HSTS variant hosts count as their platforms. */
async function buildWithVariants(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ra-platforms-build-'));
  await cp(CHROME_DIST, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    host_permissions: string[];
    content_scripts: Array<{ matches: string[] }>;
  };
  const extra = Object.values(HSTS_VARIANTS).map((h) => `*://${h}/*`);
  manifest.host_permissions.push(...extra);
  manifest.content_scripts[0]!.matches.push(...extra);
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  let patched = 0;
  for (const file of await readdir(path.join(dir, 'assets'))) {
    if (!file.endsWith('.js')) continue;
    const full = path.join(dir, 'assets', file);
    let code = await readFile(full, 'utf8');
    for (const [real, variant] of Object.entries(HSTS_VARIANTS)) {
      // The registry's match pattern as the bundler quoted it ("…", '…' or `…`).
      const pattern = new RegExp(`(["'\`])\\*://\\*\\.${real.replace(/^www\./, '').replace(/\./g, '\\.')}/\\*\\1`);
      const m = pattern.exec(code);
      if (m) {
        code = code.replace(pattern, `${m[0]},${m[1]}*://${variant}/*${m[1]}`);
        patched++;
      }
    }
    await writeFile(full, code);
  }
  if (patched !== Object.keys(HSTS_VARIANTS).length) throw new Error(`registry patterns not found in the build (${patched})`);
  return dir;
}

export async function startPlatformEnv(): Promise<PlatformEnv> {
  const server = await startFixtureServer();
  server.handlers.push((req) => {
    // Answer a variant host from the real host's replica folder.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const real = Object.entries(HSTS_VARIANTS).find(([, v]) => v === host)?.[0];
    if (real) req.headers.host = real;
    return false;
  });
  const hosts = [...REPLICA_HOSTS, ...Object.values(HSTS_VARIANTS)];
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
  const dist = await buildWithVariants();
  const session = await launchWithExtension({
    dist,
    hostResolverRules: rules,
    grantEverywhere: process.env.RA_GRANT_EVERYWHERE !== '0',
  });
  const reader = await session.openPopup();
  return { server, session, reader, dist };
}

export async function stopPlatformEnv(env: PlatformEnv | undefined): Promise<void> {
  await env?.session.close();
  await env?.server.close();
  if (env) await rm(env.dist, { recursive: true, force: true });
}

/** For every report button: the data-fixture of the nearest marked ancestor, and the button's item type. */
export async function buttonsByFixture(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    // Buttons anywhere, open shadow roots included; the fixture is the nearest marked ancestor across them.
    const buttons: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.matches('[data-report-assistant="report"]')) buttons.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const fixtureOf = (el: Element): string => {
      for (let n: Element | null = el; n; ) {
        const hit = n.closest('[data-fixture]');
        if (hit) return hit.getAttribute('data-fixture')!;
        const root = n.getRootNode();
        n = root instanceof ShadowRoot ? root.host : null;
      }
      return '(none)';
    };
    const out: Record<string, string[]> = {};
    for (const b of buttons) {
      const key = fixtureOf(b);
      (out[key] ??= []).push(b.getAttribute('data-item') ?? '?');
    }
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  });
}

/** Waits until the buttons are exactly `expected` (fixture → item types); fails with the difference. */
export async function expectButtons(page: Page, expected: Record<string, string | string[]>): Promise<void> {
  const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).slice().sort()]));
  await expect.poll(() => buttonsByFixture(page), { timeout: 15_000 }).toEqual(want);
}

export async function open(env: PlatformEnv, url: string): Promise<Page> {
  const page = await env.session.context.newPage();
  await page.goto(url);
  return page;
}

/** Clicks the report button that belongs to `fixture` and returns the stored record. */
export async function captureFixture(env: PlatformEnv, page: Page, fixture: string): Promise<CapturedPost> {
  const handle = await page.evaluateHandle((key) => {
    const buttons: HTMLElement[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        if (el.matches('[data-report-assistant="report"]')) buttons.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const fixtureOf = (el: Element): string | null => {
      for (let n: Element | null = el; n; ) {
        const hit = n.closest('[data-fixture]');
        if (hit) return hit.getAttribute('data-fixture');
        const root = n.getRootNode();
        n = root instanceof ShadowRoot ? root.host : null;
      }
      return null;
    };
    return buttons.find((b) => fixtureOf(b) === key) ?? null;
  }, fixture);
  const button = handle.asElement();
  expect(button, `a button in ${fixture}`).not.toBeNull();
  await button!.click();
  await page.waitForFunction((b) => (b as HTMLElement).dataset.state === 'done' || (b as HTMLElement).dataset.state === 'failed', button, {
    timeout: 20_000,
  });
  expect(await button!.getAttribute('data-state'), `capture of ${fixture}`).toBe('done');
  const reportId = await button!.getAttribute('data-report-id');
  const reports = (await readReports(env.reader)) as Report[];
  const report = reports.find((r) => r.id === reportId);
  expect(report, `report ${reportId}`).toBeDefined();
  // The worker opens the report form for each capture; the tests read the database instead.
  for (const p of env.session.context.pages()) if (p !== page && p !== env.reader && p.url().includes('popup')) await p.close();
  return report!.items[0]!;
}

/** Minutes between an ISO time and now. */
export function minutesAgo(iso: string | undefined): number {
  return (Date.now() - Date.parse(iso ?? '')) / 60_000;
}
