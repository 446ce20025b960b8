// Helpers of the Firefox platform specs (the puppeteer twins of test/e2e/platforms-support.ts): a Firefox
// whose http requests for real hostnames go to the replica server, button bookkeeping by data-fixture, and
// reading back the stored capture.
import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readReports } from '../../support/extension-db';
import type { CapturedPost } from '../../../src/model/captured-post';
import type { Report } from '../../../src/model/report';

export interface FirefoxPlatformEnv {
  server: FixtureServer;
  session: FirefoxExtensionSession;
  /** An extension page kept open to read IndexedDB. */
  reader: Page;
}

export async function startFirefoxPlatformEnv(): Promise<FirefoxPlatformEnv> {
  const server = await startFixtureServer();
  const session = await launchFirefoxWithExtension({ fixtureProxyPort: server.port });
  const reader = await session.openPopup('?reader=1');
  return { server, session, reader };
}

export async function stopFirefoxPlatformEnv(env: FirefoxPlatformEnv | undefined): Promise<void> {
  await env?.session.close();
  await env?.server.close();
}

export async function open(env: FirefoxPlatformEnv, url: string): Promise<Page> {
  const page = await env.session.newPage();
  await page.goto(url);
  return page;
}

/** For every report button: the data-fixture of the nearest marked ancestor, and the button's item type. */
export const buttonsByFixture = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const b of Array.from(document.querySelectorAll('[data-report-assistant="report"]'))) {
      const key = b.closest('[data-fixture]')?.getAttribute('data-fixture') ?? '(none)';
      (out[key] ??= []).push(b.getAttribute('data-item') ?? '?');
    }
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

/** Clicks the report button that belongs to `fixture` (nearest marked ancestor) and returns the stored record. */
export async function captureFixture(env: FirefoxPlatformEnv, page: Page, fixture: string): Promise<CapturedPost> {
  await page.evaluate((key) => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('[data-report-assistant="report"]'));
    const mine = all.find((b) => b.closest('[data-fixture]')?.getAttribute('data-fixture') === key);
    if (!mine) throw new Error(`no button in ${key}`);
    mine.setAttribute('data-test-target', key);
  }, fixture);
  const target = `[data-test-target="${fixture}"]`;
  await page.click(target);
  await page.waitForFunction((s) => ['done', 'failed'].includes(document.querySelector<HTMLElement>(s)?.dataset.state ?? ''), { timeout: 20_000 }, target);
  expect(await page.$eval(target, (b) => b.getAttribute('data-state')), `capture of ${fixture}`).toBe('done');
  const reportId = await page.$eval(target, (b) => b.getAttribute('data-report-id'));
  const reports = (await readReports(env.reader as unknown as PlaywrightPage)) as Report[];
  const report = reports.find((r) => r.id === reportId);
  expect(report, `report ${reportId}`).toBeDefined();
  return report!.items[0]!;
}
