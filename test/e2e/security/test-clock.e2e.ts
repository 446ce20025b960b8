// Attack suite (issue 24, item 18): the test clock from a page's content-script world.
//
// What was seen: the clock offset the browser tests use (`debugClockOffsetMs`) was read from
// storage.local, which every content script can write: from weibo.com the clock could be moved eight
// days on, and every tracked report became overdue (reminders, a notification, escalation offered).
// What must hold: the offset is read from storage.session only, which a content script cannot reach at
// all, so writing it to storage.local changes nothing; the extension's own pages can still move it (the
// tracking specs do).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../../support/chromium';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { extensionPage, readStore, seedReports, send, submissionsOf } from '../submission-support';
import { contentWorld, type ContentWorld } from './content-world';
import type { ReportEvent } from '../../../src/lifecycle/event-log';

const HOSTS = ['service.account.weibo.com', 'weibo.com'];
const DAY = 86_400_000;

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension({ hostResolverRules: HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ') });
  ext = await extensionPage(session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const eventTypes = async (reportId: string) =>
  (await readStore<ReportEvent>(ext, 'events')).filter((e) => e.reportId === reportId).map((e) => e.type);

/** A Weibo report submitted on the Weibo replica as the person would: now waiting for an answer (7 days). */
async function submittedOnWeibo(): Promise<string> {
  const [reportId] = await seedReports(ext, [{ destinations: ['weibo'], ids: { mid: '4890000000000999' }, description: '时钟攻击测试。' }]);
  await send(ext, { type: 'submit-report', payload: { reportId } });
  const state = async () => (await submissionsOf(ext, reportId!)).find((s) => s.destinationId === 'weibo')?.state;
  await expect.poll(state, { timeout: 20_000 }).toBe('awaiting-person');
  const id = (await submissionsOf(ext, reportId!))[0]!.id;
  const opened = session.context.waitForEvent('page', { timeout: 15_000 });
  await send(ext, { type: 'submission-action', payload: { submissionId: id, action: 'open' } });
  const page = await opened;
  await expect.poll(() => page.locator('#reason_text').inputValue(), { timeout: 15_000 }).not.toBe('');
  await page.locator('#report_submit').click();
  await expect.poll(state, { timeout: 20_000 }).toBe('submitted');
  await page.close();
  return reportId!;
}

describe('attack: a content script moves the test clock', () => {
  let world: ContentWorld;
  let feed: Page;

  beforeAll(async () => {
    feed = await session.context.newPage();
    await feed.goto('http://weibo.com/');
    await feed.locator('[data-report-assistant="report"]').first().waitFor({ state: 'attached', timeout: 20_000 });
    world = await contentWorld(session.context, feed, session.extensionId);
  });
  afterAll(async () => {
    await world?.close();
    await feed?.close();
  });

  it('cannot reach storage.session at all, and an offset it writes to storage.local does not move the clock', async () => {
    const reportId = await submittedOnWeibo();
    expect(await send(ext, { type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0 });

    // From weibo.com's content-script world: storage.session is refused…
    const session_ = await world.evaluate<string>(
      `chrome.storage.session.set({ debugClockOffsetMs: ${8 * DAY} }).then(() => 'written', (e) => 'refused: ' + e.message)`,
    );
    expect(session_).toMatch(/^refused: /);
    expect(await world.evaluate<string>(`chrome.storage.session.get(null).then(() => 'read', (e) => 'refused')`)).toBe('refused');
    // …and storage.local is writable from there (issue 24, item 1), but the clock no longer reads it.
    expect(await world.evaluate<string>(`chrome.storage.local.set({ debugClockOffsetMs: ${8 * DAY} }).then(() => 'written')`)).toBe('written');
    expect(await ext.evaluate(() => chrome.storage.local.get('debugClockOffsetMs'))).toEqual({ debugClockOffsetMs: 8 * DAY });

    // No reminder: not by the change (the old build looked again at once), not by an explicit check.
    for (let i = 0; i < 10; i++) {
      expect(await eventTypes(reportId)).not.toContain('reminder');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await send(ext, { type: 'track-check-now', payload: {} })).toMatchObject({ ok: true, reminded: 0 });
    expect(await eventTypes(reportId)).not.toContain('reminder');

    // The extension's own page can still move it (what the tracking specs do): the reminder fires by itself.
    await ext.evaluate((ms) => chrome.storage.session.set({ debugClockOffsetMs: ms }), 8 * DAY);
    await expect.poll(() => eventTypes(reportId), { timeout: 15_000 }).toContain('reminder');
    await ext.evaluate(() => chrome.storage.session.set({ debugClockOffsetMs: 0 }));
    await ext.evaluate(() => chrome.storage.local.remove('debugClockOffsetMs'));
  });
});
