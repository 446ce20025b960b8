// Shared helpers of the platform e2e tests: a browser whose resolver sends the platforms' real hostnames to
// the local replica server, button bookkeeping by data-fixture, and reading back the stored capture.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
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
  /** An extension page kept open to read IndexedDB. */
  reader: Page;
  /** Whether the browser was started with the optional "all sites" permission granted (RA_GRANT_EVERYWHERE=1). */
  granted: boolean;
}

/**
 * douyin.com and toutiao.com are on Chromium's HSTS preload list (with subdomains): the browser turns
 * http into https before any request is made. The fixture server answers https on the same port with the
 * test certificate the launcher tells Chromium to accept, so their replicas run at the real
 * https://www.douyin.com/ and https://www.toutiao.com/ against the build as it ships.
 */
export async function startPlatformEnv(): Promise<PlatformEnv> {
  const server = await startFixtureServer();
  const rules = REPLICA_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
  // The build as a person installs it; RA_GRANT_EVERYWHERE=1 runs the same specs with the optional grant.
  const granted = process.env.RA_GRANT_EVERYWHERE === '1';
  const session = await launchWithExtension({ hostResolverRules: rules, ...(granted ? { grants: ['<all_urls>'] } : {}) });
  const reader = await session.openPopup();
  return { server, session, reader, granted };
}

export async function stopPlatformEnv(env: PlatformEnv | undefined): Promise<void> {
  await env?.session.close();
  await env?.server.close();
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
  await page.waitForFunction((b) => /^(done|done-no-screenshot|failed)$/.test((b as HTMLElement).dataset.state ?? ''), button, {
    timeout: 20_000,
  });
  // The build as shipped has no access to pages beyond the platforms' own: the record is stored without
  // its screenshot (and says why); with the "all sites" grant it has one.
  expect(await button!.getAttribute('data-state'), `capture of ${fixture}`).toBe(env.granted ? 'done' : 'done-no-screenshot');
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
