// Drafts in the built extension: several coexist, the person switches between them and discards one
// (after confirming); nothing typed is lost when the popup closes, the worker is stopped, or the browser
// restarts with the same profile; and a saved report goes to the local submission queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readReports } from '../support/extension-db';
import { holdStore, inPage } from '../support/in-page';
import type { Report } from '../../src/model/report';

let server: FixtureServer;
let session: ExtensionSession;
let profileDir: string;

beforeAll(async () => {
  server = await startFixtureServer();
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'ra-form-restart-'));
  // Named grant: the drafts are captured with in-page buttons on a generic site (127.0.0.1), which needs access
  // to pages: it starts granted
  session = await launchWithExtension({ grants: ['<all_urls>'], userDataDir: profileDir });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

async function capture(postId: string): Promise<string> {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/`);
  const button = page.locator(`#post-${postId} [data-report-assistant="report"]`);
  await button.click();
  await page.waitForFunction(
    (id) => document.querySelector<HTMLElement>(`#post-${id} [data-report-assistant="report"]`)?.dataset.state === 'done',
    postId,
    { timeout: 20_000 },
  );
  const id = (await button.getAttribute('data-report-id'))!;
  await page.close();
  return id;
}

async function form(query = ''): Promise<Page> {
  const page = await session.openPopup(query);
  await page.locator('form.report-form').waitFor();
  return page;
}
const shownId = (page: Page) => page.locator('form.report-form').getAttribute('data-report-id');
const reports = async (page: Page) => (await readReports(page)) as Report[];

describe('drafts', () => {
  let a: string;
  let b: string;

  it('keeps several drafts, each with its own typing, and switches between them', async () => {
    a = await capture('1001');
    b = await capture('1002');
    // The popup opened without a report shows the one the extension last opened (b).
    let page = await form();
    expect(await shownId(page)).toBe(b);
    await page.locator('#description').fill('第二份草稿的描述');
    await page.selectOption('#draft-switch', a);
    await expect.poll(() => shownId(page)).toBe(a);
    await page.locator('#description').fill('第一份草稿的描述');
    await page.selectOption('#category', 'harmful-9');
    await page.close();

    // Reopened from the toolbar: the draft last looked at, with its text.
    page = await form();
    expect(await shownId(page)).toBe(a);
    expect(await page.locator('#description').inputValue()).toBe('第一份草稿的描述');
    await page.selectOption('#draft-switch', b);
    await expect.poll(() => page.locator('#description').inputValue()).toBe('第二份草稿的描述');
    await page.close();
  });

  it('loses nothing when the worker is stopped or the browser restarts', async () => {
    await session.stopServiceWorker();
    let page = await form(`?report=${a}`);
    await page.locator('#description').pressSequentially('，工作进程停止后');
    await page.check('#identity-real-name');
    await page.fill('#profile-name', '李四');
    // Closed mid-typing; then the whole browser goes away.
    await page.close();
    await session.context.close();

    session = await launchWithExtension({ grants: ['<all_urls>'], userDataDir: profileDir });
    page = await form(`?report=${a}`);
    expect(await page.locator('#description').inputValue()).toBe('第一份草稿的描述，工作进程停止后');
    expect(await page.locator('#category').inputValue()).toBe('harmful-9');
    expect(await page.locator('#identity-real-name').isChecked()).toBe(true);
    expect(await page.locator('#profile-name').inputValue()).toBe('李四');
    expect((await reports(page)).filter((r) => r.status === 'draft').map((r) => r.id).sort()).toEqual([a, b].sort());
    await page.close();
  });

  it('keeps the last keystrokes when an older edit is written after them and the popup closes before theirs', async () => {
    const page = await form(`?report=${a}`);
    const before = await page.locator('#description').inputValue();
    // Transactions on the reports store of the extension's database, held open from the popup itself until
    // released: they decide when the form's writes run. `hold` resolves once its transaction is created (the
    // database runs transactions on one store in the order they were created); `started` counts those running.
    type Holds = { holds: Array<{ release: boolean }>; started: number; hold: () => Promise<void> };
    await page.evaluate(() => {
      const w = window as unknown as Holds;
      w.holds = [];
      w.started = 0;
      w.hold = () =>
        new Promise<void>((created) => {
          const open = indexedDB.open('report-assistant');
          open.onsuccess = () => {
            const store = open.result.transaction('reports', 'readwrite').objectStore('reports');
            const hold = { release: false };
            w.holds.push(hold);
            const spin = () => {
              if (!hold.release) store.get('-').onsuccess = spin;
            };
            store.get('-').onsuccess = () => {
              w.started++;
              spin();
            };
            created();
          };
        });
    });
    await page.evaluate(() => (window as unknown as Holds).hold());
    await page.waitForFunction(() => (window as unknown as Holds).started === 1);
    // The first keystroke's write waits behind the first hold; a second hold is created behind that write.
    await page.locator('#description').pressSequentially('甲');
    await page.waitForTimeout(200);
    await page.evaluate(() => (window as unknown as Holds).hold());
    await page.locator('#description').pressSequentially('乙丙');
    // The first write runs now, after the last keystrokes (so the store's time for it is later than theirs);
    // the write of the last keystrokes waits behind the second hold, and the popup closes before it runs.
    await page.evaluate(() => {
      (window as unknown as Holds).holds[0]!.release = true;
    });
    // The second hold is running: the first write has committed ("甲" only) and the last one waits.
    await page.waitForFunction(() => (window as unknown as Holds).started === 2);
    await page.close();

    const reopened = await form(`?report=${a}`);
    expect(await reopened.locator('#description').inputValue()).toBe(`${before}甲乙丙`);
    const stored = (await reports(reopened)).find((r) => r.id === a)!;
    expect(stored.description).toBe(`${before}甲乙丙`);
    await reopened.close();
  });

  it('brings back the last keystrokes from the page\'s own copy of the journal when the extension storage\'s was lost', async () => {
    const page = await form(`?report=${a}`);
    const before = await page.locator('#description').inputValue();
    // The reports store held open, so the keystroke's IndexedDB write cannot land before the popup closes.
    await inPage(page, holdStore, 'reports');
    await page.locator('#description').pressSequentially('丁');
    // As when the popup closes before its extension storage call is handled: that copy never arrives.
    await page.waitForTimeout(200);
    await page.evaluate((id) => chrome.storage.local.remove(`formJournal:${id}`), a);
    expect(await page.evaluate((id) => localStorage.getItem(`formJournal:${id}`), a)).toContain('丁');
    await page.close();

    const reopened = await form(`?report=${a}`);
    expect(await reopened.locator('#description').inputValue()).toBe(`${before}丁`);
    expect((await reports(reopened)).find((r) => r.id === a)!.description).toBe(`${before}丁`);
    // Replayed, the journal is cleared from both copies.
    await expect.poll(() => reopened.evaluate((id) => localStorage.getItem(`formJournal:${id}`), a)).toBeNull();
    await reopened.close();
  });

  it('discards a draft and its evidence only after the person confirms', async () => {
    const page = await form(`?report=${b}`);
    const artifactsBefore = (await readArtifacts(page)).filter((x) => x.reportId === b).length;
    expect(artifactsBefore).toBeGreaterThan(0);
    await page.getByTestId('draft-discard').click();
    // Asking is not deleting.
    expect((await reports(page)).some((r) => r.id === b)).toBe(true);
    await page.getByRole('button', { name: '取消' }).click();
    expect((await reports(page)).some((r) => r.id === b)).toBe(true);
    await page.getByTestId('draft-discard').click();
    await page.getByTestId('draft-discard-confirm').click();
    await expect.poll(async () => (await reports(page)).some((r) => r.id === b)).toBe(false);
    expect((await readArtifacts(page)).filter((x) => x.reportId === b)).toEqual([]);
    // The form moves on to the remaining draft.
    await expect.poll(() => shownId(page)).toBe(a);
    await page.close();
  });

  it('saves and submits to the local queue: one submission per destination, then the report is locked', async () => {
    const page = await form(`?report=${a}`);
    await page.check('#identity-anonymous');
    await page.selectOption('#category', 'illegal-8');
    // Rumours: 12377 (no platform entry on this site) and the rumour-refuting platform.
    await expect.poll(() => page.locator('#dest-piyao').isChecked()).toBe(true);
    await page.uncheck('#dest-piyao');
    await page.locator('#description').fill('捏造本地发生疫情封城的消息，引发恐慌。');
    await page.check('#good-faith');
    await page.locator('[data-report-assistant="save"]').click();
    await page.getByTestId('saved').waitFor();
    let report = (await reports(page)).find((r) => r.id === a)!;
    expect(report).toMatchObject({ status: 'saved', destinations: ['12377'], anonymous: true, categoryId: 'illegal-8' });

    await page.locator('[data-report-assistant="submit"]').click();
    await page.getByTestId('submitted').waitFor();
    report = (await reports(page)).find((r) => r.id === a)!;
    expect(report.status).toBe('submitted');
    const rows = await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('report-assistant');
        r.onsuccess = () => res(r.result);
      });
      return new Promise<Array<{ reportId: string; destinationId: string }>>((res) => {
        const r = db.transaction('submissions').objectStore('submissions').index('by-report').getAll(id);
        r.onsuccess = () => res(r.result as Array<{ reportId: string; destinationId: string }>);
      });
    }, a);
    expect(rows.map((r) => r.destinationId)).toEqual(['12377']);
    expect(await page.getByTestId('locked').textContent()).toContain('已提交');
    expect(await page.locator('[data-report-assistant="save"]').isDisabled()).toBe(true);
    // The popup now lists the submission, waiting for the person, with the action that opens 12377.
    const row = page.locator('[data-testid="submission-row"][data-destination="12377"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('awaiting-person');
    expect(await row.getByTestId('submission-open').count()).toBe(1);
    await page.close();
  });
});
