// The form's recommendation for content captured on a platform with its own report entry (the Weibo
// replica at weibo.com): the platform first, with Weibo's own reason code for the category, 12377 only as
// the escalation until the person says the platform failed; and a second capture of the same post is
// recognised by its platform id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture, open, startPlatformEnv, stopPlatformEnv, type PlatformEnv } from './platforms-support';
import { readReports } from '../support/extension-db';
import type { Report } from '../../src/model/report';

let env: PlatformEnv;
beforeAll(async () => {
  env = await startPlatformEnv();
});
afterAll(() => stopPlatformEnv(env));

async function reportOf(bid: string): Promise<Report[]> {
  return ((await readReports(env.reader)) as Report[]).filter((r) => r.items.some((i) => i.ids.bid === bid));
}

describe('form on a platform capture', () => {
  it('recommends Weibo’s own entry first, names Weibo’s reason, and escalates to 12377 when Weibo failed', async () => {
    const page = await open(env, 'http://weibo.com/');
    const scamButton = '[data-fixture="wb-post-scam"] [data-report-assistant="report"]';
    await page.waitForSelector(scamButton, { timeout: 20_000 });
    await captureFixture(env, page, 'wb-post-scam');
    const [report] = await reportOf('PcQx7aB3k');
    const form = await env.session.openPopup(`?report=${report!.id}`);
    await form.locator('form.report-form').waitFor();
    await form.selectOption('#category', 'illegal-11-fraud');
    const roles = await form.locator('.dest-list').first().locator('li').evaluateAll((lis) =>
      lis.map((li) => `${(li as HTMLElement).dataset.destination}:${(li as HTMLElement).dataset.role}`),
    );
    expect(roles.slice(0, 3)).toEqual(['weibo:first', 'cyberpolice:specialised', '12377:escalation']);
    expect(await form.locator('#dest-weibo').isChecked()).toBe(true);
    expect(await form.locator('#dest-12377').isChecked()).toBe(false);
    expect(await form.locator('[data-destination="weibo"] .why').textContent()).toContain('第十六条');
    expect(await form.locator('[data-destination="weibo"] [data-testid="destination-calls"]').textContent()).toBe(
      '新浪微博（社区管理中心） 将归类为：诈骗',
    );

    // The platform did nothing: 12377 becomes the first line, and Weibo is no longer pre-selected.
    await form.check('#platform-already-tried');
    await expect.poll(() => form.locator('#dest-12377').isChecked()).toBe(true);
    expect(await form.locator('#dest-weibo').isChecked()).toBe(false);
    expect(await form.locator('li[data-destination="weibo"]').getAttribute('data-role')).toBe('other');
    expect(await form.locator('[data-destination="12377"] .why').textContent()).toContain('平台未及时处理');
    await form.close();

    // Weibo answered that report "no violation" (as tracking records it in the report's lifecycle summary).
    await env.reader.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('report-assistant');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('reports', 'readwrite');
      const store = tx.objectStore('reports');
      const req = store.get(id);
      req.onsuccess = () => {
        const row = req.result as Record<string, unknown>;
        store.put({
          ...row,
          status: 'submitted',
          lifecycle: {
            stage: 'no-violation', outcome: 'no-violation', outcomeAt: '2026-11-20T02:00:00.000Z', destinations: ['weibo'],
            awaiting: [], receipts: {}, lastEventAt: '2026-11-20T02:00:00.000Z', eventCount: 3, head: '',
          },
        });
      };
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, report!.id);

    // The same post captured again is recognised by its Weibo id.
    await page.reload();
    await page.waitForSelector(scamButton, { timeout: 20_000 });
    await captureFixture(env, page, 'wb-post-scam');
    const both = await reportOf('PcQx7aB3k');
    expect(both).toHaveLength(2);
    const newer = both.find((r) => r.id !== report!.id)!;
    const again = await env.session.openPopup(`?report=${newer.id}`);
    await again.getByTestId('duplicate-notice').waitFor();
    expect(await again.getByTestId('duplicate-notice').textContent()).toContain('这条内容已经在另一份举报中');
    // …and that Weibo already failed for it: "the platform did nothing" is ticked from the tracking, so 12377 leads.
    await again.selectOption('#category', 'illegal-11-fraud');
    await expect.poll(() => again.getByTestId('platform-tried-hint').textContent()).toContain('未发现违规');
    expect(await again.getByTestId('platform-tried-hint').textContent()).toContain('新浪微博');
    expect(await again.locator('#platform-already-tried').isChecked()).toBe(true);
    await expect.poll(() => again.locator('#dest-12377').isChecked()).toBe(true);
    expect(await again.locator('#dest-weibo').isChecked()).toBe(false);
    // The person's answer wins over the derived one.
    await again.uncheck('#platform-already-tried');
    await expect.poll(() => again.locator('#dest-weibo').isChecked()).toBe(true);
    await expect.poll(async () => ((await reportOf('PcQx7aB3k')).find((r) => r.id === newer.id)!).platformAlreadyTried).toBe(false);
    await Promise.all([again.close(), page.close()]);
  });

  it('shows a repost’s original as context, apart from the reported text, and says where the context goes per destination', async () => {
    const page = await open(env, 'http://weibo.com/');
    await page.waitForSelector('[data-fixture="wb-post-repost"] [data-report-assistant="report"]', { timeout: 20_000 });
    await page.bringToFront();
    await captureFixture(env, page, 'wb-post-repost');
    const report = ((await readReports(env.reader)) as Report[]).find((r) => r.items.some((i) => i.context.some((c) => c.ids.bid === 'PcQzXyZ12')))!;
    const form = await env.session.openPopup(`?report=${report.id}`);
    const context = form.getByTestId('item-context');
    await context.waitFor();
    // Marked as context, and not part of the item's own text.
    expect(await context.locator('.context-heading').textContent()).toBe('上下文（帮助理解，不是被举报的内容）');
    const quoted = context.locator('[data-testid="context-item"][data-role="quoted"]');
    expect(await quoted.locator('.context-role').textContent()).toBe('转发的原文');
    expect(await quoted.textContent()).toContain('爆料君');
    expect(await quoted.textContent()).toContain('幸福小区 3 栋');
    expect(await form.getByTestId('item-text').textContent()).not.toContain('幸福小区');
    // What will be sent: per destination, where the context travels.
    await form.check('#dest-12377');
    const where = form.getByTestId('summary-context');
    await expect.poll(() => where.locator('[data-destination="12377"]').getAttribute('data-carriage')).toBe('copy-and-pack');
    expect(await where.locator('[data-destination="12377"]').textContent()).toContain('不填入表单；在复制的举报全文和证据包里');
    await form.setViewportSize({ width: 420, height: 900 });
    await form.screenshot({ path: 'test-output/form-context-zh_CN.png', fullPage: true });
    await Promise.all([form.close(), page.close()]);
  });
});
