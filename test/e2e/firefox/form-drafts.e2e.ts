// Drafts in Firefox ESR, as test/e2e/form-drafts.e2e.ts checks them in Chromium: several coexist, the
// person switches between them and discards one (after confirming); nothing typed is lost when the form
// closes mid-typing, the event page is suspended, or Firefox restarts with the same profile; and a saved
// report goes to the local submission queue.
//
// The Chromium spec stops the service worker (CDP); here the event page is suspended as Firefox does
// when it is idle (`backgroundIdleTimeoutMs`, `waitForBackgroundSuspended`). The restart keeps the
// profile and the moz-extension UUID (the extension's origin, hence its IndexedDB and storage.local);
// Firefox forgets the temporary add-on on quitting and the harness installs it again, as a developer's
// restart does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buttonNamed, captureEnded, eventually, gotoPage, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { readArtifacts, readReports } from '../../support/extension-db';
import { dbRows, inPage } from '../../support/in-page';
import type { Report } from '../../../src/model/report';

let server: FixtureServer;
let session: FirefoxExtensionSession;
let profileDir: string;
let uuid: string;
const IDLE_MS = 3000;

beforeAll(async () => {
  server = await startFixtureServer();
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-drafts-'));
  // `<all_urls>`: the drafts are captured with the feed's report buttons (127.0.0.1, a site of no host
  // permission), which exist only with the "all sites" grant.
  session = await launchFirefoxWithExtension({ profileDir, grants: ['<all_urls>'], backgroundIdleTimeoutMs: IDLE_MS });
  uuid = session.uuid;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

async function capture(postId: string): Promise<string> {
  const page = await session.newPage();
  await gotoPage(page, `${server.origin}/feed/`);
  const button = `#post-${postId} [data-report-assistant="report"]`;
  await page.waitForSelector(button, { timeout: 20_000 });
  await page.click(button);
  expect(await captureEnded(page, button), 'the capture, with its screenshot').toBe('done');
  const id = (await page.$eval(button, (b) => b.getAttribute('data-report-id')))!;
  await page.close();
  return id;
}

async function form(query = ''): Promise<Page> {
  const page = await session.openPopup(query);
  await page.waitForSelector('form.report-form', { timeout: 15_000 });
  return page;
}
// null while the form re-renders for another draft (the field is briefly not there), so polling goes on.
const shownId = (page: Page) => page.$eval('form.report-form', (f) => f.getAttribute('data-report-id')).catch(() => null);
const valueOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value).catch(() => null);
const checked = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).checked);
const reports = async (page: Page) => (await readReports(page)) as Report[];

/** Replaces a text field's content by typing, as a person does. */
async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

describe('drafts (Firefox)', () => {
  let a: string;
  let b: string;

  it('keeps several drafts, each with its own typing, and switches between them', async () => {
    a = await capture('1001');
    b = await capture('1002');
    // The form opened without a report shows the one the extension last opened (b).
    let page = await form();
    expect(await shownId(page)).toBe(b);
    await fill(page, '#description', '第二份草稿的描述');
    await page.select('#draft-switch', a);
    await eventually(() => shownId(page), (id) => id === a);
    await fill(page, '#description', '第一份草稿的描述');
    await page.select('#category', 'harmful-9');
    await page.close();

    // Reopened: the draft last looked at, with its text.
    page = await form();
    expect(await shownId(page)).toBe(a);
    await eventually(() => valueOf(page, '#description'), (v) => v === '第一份草稿的描述');
    await page.select('#draft-switch', b);
    await eventually(() => valueOf(page, '#description'), (v) => v === '第二份草稿的描述');
    await page.close();
  });

  it('loses nothing when the event page is suspended, the form closes mid-typing, or Firefox restarts', async () => {
    await session.waitForBackgroundSuspended();
    let page = await form(`?report=${a}`);
    await eventually(() => valueOf(page, '#description'), (v) => v === '第一份草稿的描述');
    await page.focus('#description');
    await page.keyboard.press('End');
    await page.type('#description', '，后台挂起后');
    await page.click('#identity-real-name');
    await page.waitForSelector('#profile-name', { timeout: 10_000 });
    await page.type('#profile-name', '李四');
    // Closed right after the last keystroke; then the whole browser goes away.
    await page.close();
    await session.close();

    session = await launchFirefoxWithExtension({ profileDir, uuid, backgroundIdleTimeoutMs: IDLE_MS });
    page = await form(`?report=${a}`);
    await eventually(() => valueOf(page, '#description'), (v) => v === '第一份草稿的描述，后台挂起后');
    expect(await valueOf(page, '#category')).toBe('harmful-9');
    expect(await checked(page, '#identity-real-name')).toBe(true);
    expect(await valueOf(page, '#profile-name')).toBe('李四');
    expect((await reports(page)).filter((r) => r.status === 'draft').map((r) => r.id).sort()).toEqual([a, b].sort());
    await page.close();
  });

  it('discards a draft and its evidence only after the person confirms', async () => {
    const page = await form(`?report=${b}`);
    const artifactsBefore = (await readArtifacts(page)).filter((x) => x.reportId === b).length;
    expect(artifactsBefore).toBeGreaterThan(0);
    await page.click('[data-testid="draft-discard"]');
    // Asking is not deleting.
    await page.waitForSelector('[data-testid="draft-discard-confirm"]');
    expect((await reports(page)).some((r) => r.id === b)).toBe(true);
    await (await buttonNamed(page, '取消')).click();
    await page.waitForSelector('[data-testid="draft-discard-confirm"]', { hidden: true });
    expect((await reports(page)).some((r) => r.id === b)).toBe(true);
    await page.click('[data-testid="draft-discard"]');
    await page.click('[data-testid="draft-discard-confirm"]');
    await eventually(async () => (await reports(page)).some((r) => r.id === b), (present) => !present);
    expect((await readArtifacts(page)).filter((x) => x.reportId === b)).toEqual([]);
    // The form moves on to the remaining draft.
    await eventually(() => shownId(page), (id) => id === a);
    await page.close();
  });

  it('saves and submits to the local queue: one submission per destination, then the report is locked', async () => {
    const page = await form(`?report=${a}`);
    await page.click('#identity-anonymous');
    await page.select('#category', 'illegal-8');
    // Rumours: 12377 (no platform entry on this site) and the rumour-refuting platform.
    await eventually(() => checked(page, '#dest-piyao'), Boolean);
    await page.click('#dest-piyao');
    await fill(page, '#description', '捏造本地发生疫情封城的消息，引发恐慌。');
    await page.click('#good-faith');
    await page.click('[data-report-assistant="save"]');
    await page.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    let report = (await reports(page)).find((r) => r.id === a)!;
    expect(report).toMatchObject({ status: 'saved', destinations: ['12377'], anonymous: true, categoryId: 'illegal-8' });
    expect(report.description).toBe('捏造本地发生疫情封城的消息，引发恐慌。');

    await page.click('[data-report-assistant="submit"]');
    await page.waitForSelector('[data-testid="submitted"]', { timeout: 15_000 });
    report = (await reports(page)).find((r) => r.id === a)!;
    expect(report.status).toBe('submitted');
    const rows = (await inPage(page, dbRows, { store: 'submissions', index: 'by-report', key: a })) as Array<{ destinationId: string }>;
    expect(rows.map((r) => r.destinationId)).toEqual(['12377']);
    expect(await page.$eval('[data-testid="locked"]', (el) => el.textContent ?? '')).toContain('已提交');
    expect(await page.$eval('[data-report-assistant="save"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    // The form now lists the submission, waiting for the person, with the action that opens 12377.
    const row = '[data-testid="submission-row"][data-destination="12377"]';
    await page.waitForSelector(`${row}[data-state="awaiting-person"]`, { timeout: 15_000 });
    expect(await page.$$(`${row} [data-testid="submission-open"]`)).toHaveLength(1);
    await page.close();
  });
});
