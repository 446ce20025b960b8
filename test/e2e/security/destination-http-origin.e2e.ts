// Attack suite (issue 24, item 13): the tab the extension opened for a 12377 submission ends up on
// http://www.12377.cn/… (a network attacker's page, a downgrade, a link the page follows).
//
// What was seen: the content script and the worker checked the hostname only, so the plain-http page was
// filled with the reporter's real name and phone. What must hold: only https at the destination's exact
// origin is filled; the worker decides from the URL the browser gives (`sender.url`), not from the page.
// The same tab then at https is filled as before (so the binding was there all along, and only the
// origin made the difference).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../../support/chromium';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { extensionPage, seedReports, send, setReporterProfile, submissionsOf } from '../submission-support';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  // www.12377.cn at its real hostname; the replica server answers http and https on the same port.
  session = await launchWithExtension({ hostResolverRules: `MAP www.12377.cn 127.0.0.1:${server.port}` });
  ext = await extensionPage(session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const FORM = '/jbxzxq/jbxx/smjb/smjb.html?type=qq';

describe('attack: the submission tab on http://www.12377.cn', () => {
  it('is not filled with the reporter’s name and phone; the same tab at https is', async () => {
    await setReporterProfile(ext, { name: '张三', phone: '13800000000', email: 'z@example.cn', idType: '' });
    const [reportId] = await seedReports(ext, [{ destinations: ['12377'], categoryId: 'illegal-10-insult', anonymous: false }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    await expect.poll(async () => (await submissionsOf(ext, reportId!))[0]?.state, { timeout: 20_000 }).toBe('awaiting-person');
    const submissionId = (await submissionsOf(ext, reportId!))[0]!.id;

    const opened = session.context.waitForEvent('page', { timeout: 15_000 });
    await send(ext, { type: 'submission-action', payload: { submissionId, action: 'open' } });
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('https://www.12377.cn/jbxzxq/qq_web.html');

    // The tab goes to plain http: the replica's real-name form, as an attacker on the network would serve it.
    await page.goto(`http://www.12377.cn${FORM}`);
    expect(page.url()).toBe(`http://www.12377.cn${FORM}`);
    // Nothing is filled, no banner, for as long as filling takes at https (well under a second) and more.
    const state = () =>
      page.evaluate(() => ({
        name: (document.querySelector('#reporter_name') as HTMLInputElement).value,
        phone: (document.querySelector('#reporter_phone') as HTMLInputElement).value,
        description: (document.querySelector('#report_content') as HTMLTextAreaElement).value,
        banner: document.querySelector('[data-report-assistant="destination-banner"]') !== null,
        filled: document.documentElement.dataset.reportAssistantFilled ?? null,
      }));
    const empty = { name: '', phone: '', description: '', banner: false, filled: null };
    for (let i = 0; i < 20; i++) {
      expect(await state()).toEqual(empty);
      await page.waitForTimeout(200);
    }

    // The same tab, the same submission, at https: filled (the control).
    await page.goto(`https://www.12377.cn${FORM}`);
    await expect.poll(() => page.locator('#reporter_name').inputValue(), { timeout: 15_000 }).toBe('张三');
    expect(await page.locator('#reporter_phone').inputValue()).toBe('13800000000');

    await send(ext, { type: 'submission-action', payload: { submissionId, action: 'cancel' } });
    await page.close();
  });
});
