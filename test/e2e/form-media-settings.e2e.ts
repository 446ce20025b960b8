// The person's own choices around capture: saving a post's images as evidence on request, and how much
// context around a comment is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readArtifacts, readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';
import { dbPut, inPage } from '../support/in-page';
import { MEDIA_PRIVATE_HOSTS_META } from '../../src/evidence/media';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  // Named grant: the reports are captured with in-page buttons on a generic site (127.0.0.1), which needs access
  // to pages: it starts granted
  session = await launchWithExtension({ grants: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('capture choices', () => {
  it('saves the post’s images as hashed evidence only when the person asks', async () => {
    const feed = await session.context.newPage();
    await feed.goto(`${server.origin}/feed/`);
    const button = feed.locator('#post-1002 [data-report-assistant="report"]');
    // A person presses a button on the page in front of them; the worker pictures only the tab in front.
    await feed.bringToFront();
    await button.click();
    await feed.waitForFunction(
      () => document.querySelector<HTMLElement>('#post-1002 [data-report-assistant="report"]')?.dataset.state === 'done',
      undefined,
      { timeout: 20_000 },
    );
    const reportId = (await button.getAttribute('data-report-id'))!;
    const popup = await session.openPopup(`?report=${reportId}`);
    const before = ((await readReports(popup)) as Report[]).find((r) => r.id === reportId)!;
    expect(before.evidence.some((e) => e.kind === 'media')).toBe(false);

    // Named setting: the image is on the replica server at 127.0.0.1, a loopback address, which "fetch media"
    // refuses unless the test setting names it (src/evidence/media.ts, MEDIA_PRIVATE_HOSTS_META).
    await inPage(popup, dbPut, [{ store: 'meta', row: { key: MEDIA_PRIVATE_HOSTS_META, value: ['127.0.0.1'] } }]);
    await popup.getByRole('button', { name: '把帖子里的 1 张图片保存为证据' }).click();
    await expect.poll(() => popup.getByTestId('fetch-media-result').textContent()).toBe('已保存 1 张图片；0 张无法下载。');
    // The offer goes once the form has read the report again (after the result is shown): polled, not read once.
    await expect.poll(() => popup.getByTestId('fetch-media').count()).toBe(0);

    const after = ((await readReports(popup)) as Report[]).find((r) => r.id === reportId)!;
    const media = after.evidence.filter((e) => e.kind === 'media');
    expect(media).toHaveLength(1);
    expect(media[0]!.sourceUrl).toBe(`${server.origin}/feed/ad.png`);
    const onDisk = createHash('sha256').update(readFileSync(`${SITES_ROOT}feed/ad.png`)).digest('hex');
    expect(media[0]!.sha256).toBe(onDisk);
    const stored = (await readArtifacts(popup)).find((a) => a.id === media[0]!.id)!;
    expect(stored.sha256).toBe(onDisk);
    expect(stored.type).toBe('image/png');
    // The thumbnail is shown with the rest of the evidence.
    await expect.poll(() => popup.locator('[data-testid="evidence-item"][data-kind="media"]').count()).toBe(1);
    await Promise.all([feed.close(), popup.close()]);
  });

  it('stores how many comments around a captured one are recorded, refusing what is out of range', async () => {
    const dashboard = await session.openDashboard();
    const field = dashboard.getByLabel('采集评论时一并记录前后各几条评论或楼层');
    await expect.poll(() => field.inputValue()).toBe('3');
    await field.fill('99');
    await expect.poll(() => dashboard.locator('#context-count-error').textContent()).toBe('请输入 0 到 50 之间的整数。');
    expect(await dashboard.evaluate(() => chrome.storage.local.get('contextCount'))).toEqual({});
    expect(await field.inputValue()).toBe('99');
    await field.fill('1');
    await expect.poll(() => dashboard.evaluate(() => chrome.storage.local.get('contextCount'))).toEqual({ contextCount: 1 });
    expect(await dashboard.locator('#context-count-error').count()).toBe(0);
    await dashboard.reload();
    await expect.poll(() => dashboard.getByLabel('采集评论时一并记录前后各几条评论或楼层').inputValue()).toBe('1');
    await dashboard.close();
  });
});
