// Helpers of the Firefox platform specs (the puppeteer twins of test/e2e/platforms-support.ts): a Firefox
// whose http requests for real hostnames go to the replica server, button bookkeeping by data-fixture, and
// reading back the stored capture.
import { expect } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import type { CapturedPost } from '../../../src/model/captured-post';
import type { Report } from '../../../src/model/report';

export interface FirefoxPlatformEnv {
  server: FixtureServer;
  session: FirefoxExtensionSession;
  /** An extension page kept open to read IndexedDB. */
  reader: Page;
  /** Whether Firefox was started with the optional "all sites" permission granted (RA_GRANT_EVERYWHERE=1). */
  granted: boolean;
}

/**
 * The replicas run at the platforms' real hostnames, which the manifest's host permissions cover: the
 * build as a person installs it, with no grant. RA_GRANT_EVERYWHERE=1 runs the same specs with the optional
 * `<all_urls>` grant (as test/e2e/platforms-support.ts does for Chromium), under which a capture also has
 * its screenshot.
 */
export async function startFirefoxPlatformEnv(): Promise<FirefoxPlatformEnv> {
  const server = await startFixtureServer();
  const granted = process.env.RA_GRANT_EVERYWHERE === '1';
  const session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port, ...(granted ? { grants: ['<all_urls>'] } : {}) });
  const reader = await session.openPopup('?reader=1');
  return { server, session, reader, granted };
}

export async function stopFirefoxPlatformEnv(env: FirefoxPlatformEnv | undefined): Promise<void> {
  await env?.session.close();
  await env?.server.close();
}

export async function open(env: FirefoxPlatformEnv, url: string): Promise<Page> {
  const page = await env.session.newPage();
  await gotoPage(page, url);
  return page;
}

/** For every report button: the data-fixture of the nearest marked ancestor, and the button's item type. */
export const buttonsByFixture = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate(() => {
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
    for (const b of buttons) (out[fixtureOf(b)] ??= []).push(b.getAttribute('data-item') ?? '?');
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  });

const sameButtons = (a: Record<string, string[]>, b: Record<string, string[]>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => JSON.stringify(a[k]) === JSON.stringify(v));

/** Waits until the buttons are exactly `expected` (fixture → item type); fails with the difference. */
export async function expectButtons(page: Page, expected: Record<string, string>): Promise<void> {
  const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [v]]));
  const got = await eventually(() => buttonsByFixture(page), (b) => sameButtons(b, want), 15_000).catch(() => buttonsByFixture(page));
  expect(got).toEqual(want);
}

/**
 * Clicks the report button that belongs to `fixture` (nearest marked ancestor, across shadow roots) and returns
 * the stored record. Without the "all sites" grant the browser pictures no page for an in-page button: the
 * button ends in `done-no-screenshot` and the record says why (`screenshotMissing: 'no-permission'`); with
 * it, in `done` with the screenshot.
 */
export async function captureFixture(env: FirefoxPlatformEnv, page: Page, fixture: string): Promise<CapturedPost> {
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
  const button = handle.asElement() as ElementHandle<HTMLElement> | null;
  expect(button, `a button in ${fixture}`).not.toBeNull();
  await button!.click();
  const state = await eventually(
    () => button!.evaluate((b) => b.dataset.state ?? ''),
    (s) => ['done', 'done-no-screenshot', 'failed'].includes(s),
    20_000,
  );
  expect(state, `capture of ${fixture}`).toBe(env.granted ? 'done' : 'done-no-screenshot');
  const reportId = await button!.evaluate((b) => b.dataset.reportId);
  const reports = (await readReports(env.reader as unknown as PlaywrightPage)) as Report[];
  const report = reports.find((r) => r.id === reportId);
  expect(report, `report ${reportId}`).toBeDefined();
  const item = report!.items[0]!;
  expect(item.screenshotMissing, `why ${fixture}'s capture has no screenshot`).toBe(env.granted ? undefined : 'no-permission');
  expect(report!.evidence.some((e) => e.kind === 'screenshot-full'), `a screenshot of ${fixture}'s page`).toBe(env.granted);
  return item;
}
