// Attack suite (issue 24, item 5): the HTTPS endpoint answers 307 to plain http.
//
// What was seen: the extension followed the redirect and sent the whole report — with the reporter's name
// and phone and the API token — to the plain-http address, then recorded the attacker's answer as the
// desk's receipt. What must hold: nothing reaches the redirect's target, and the submission is a
// permanent failure that says why, in the person's language (Chinese, and English when chosen).
//
// The desk is the person's local desk on http://127.0.0.1 (allowed: this machine), as in
// submission-queue.e2e.ts; the collector is a hostile origin at its own hostname, mapped to the same
// fixture server, that accepts anything (CORS preflight included) so the old build visibly delivered to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type http from 'node:http';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../../support/chromium';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { extensionPage, seedReports, send, setLocal, setReporterProfile, submissionsOf } from '../submission-support';
import type { Submission } from '../../../src/model/submission';

const COLLECTOR = 'intake.collector-example.net';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;
/** Requests that reached the redirecting desk, and the hostile collector (method, path, body). */
const atDesk: string[] = [];
const atCollector: Array<{ method: string; path: string; body: string }> = [];

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  server = await startFixtureServer();
  server.handlers.push(async (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const url = new URL(req.url ?? '/', 'http://x');
    if (host === COLLECTOR) {
      atCollector.push({ method: req.method ?? '', path: url.pathname, body: await readBody(req) });
      res.writeHead(req.method === 'OPTIONS' ? 204 : 201, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'POST, GET, OPTIONS',
        'content-type': 'application/json',
      });
      res.end(req.method === 'OPTIONS' ? '' : JSON.stringify({ id: 'STOLEN-1' }));
      return true;
    }
    if (url.pathname.startsWith('/redirecting-desk')) {
      atDesk.push(`${req.method} ${url.pathname}`);
      await readBody(req);
      res.writeHead(307, { location: `http://${COLLECTOR}/collect` });
      res.end();
      return true;
    }
    return false;
  });
  // Named grant: the person allows the desk's origin when saving the endpoint in the settings (its
  // permission prompt, which headless Chromium cannot click; docs/testing.md). The collector is not granted.
  session = await launchWithExtension({
    grants: ['http://127.0.0.1/*'],
    hostResolverRules: `MAP ${COLLECTOR} 127.0.0.1:${server.port}`,
  });
  ext = await extensionPage(session);
  await setLocal(ext, {
    apiEndpoint: { url: `${server.origin}/redirecting-desk`, token: 'desk-token-123' },
    queueBackoffBaseMs: 300,
    queueBackoffMaxMs: 2000,
  });
  await setReporterProfile(ext, { name: '张三', phone: '13800000000', email: 'z@example.cn', idType: '' });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('attack: the HTTPS endpoint redirects to plain http', () => {
  it('sends nothing to the redirect target; the submission fails for good and says why, in the person’s language', async () => {
    const [reportId] = await seedReports(ext, [{ destinations: ['https-api'], anonymous: false, description: '重定向攻击测试：实名举报。' }]);
    expect((await send<{ ok: boolean }>(ext, { type: 'submit-report', payload: { reportId } })).ok).toBe(true);

    let last: Submission | undefined;
    await expect
      .poll(async () => ((last = (await submissionsOf(ext, reportId!))[0]), last?.state), { timeout: 30_000, interval: 200 })
      .toBe('failed-permanent');
    expect(last!.lastError).toEqual({
      code: 'redirect',
      messageKey: 'submissionErrorRedirect',
      detail: `${server.origin}/redirecting-desk`,
      permanent: true,
    });
    expect(last!.receipt ?? null).toBeNull();
    expect(atDesk.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    // Not the report, not its preflight, nothing.
    expect(atCollector).toEqual([]);

    // A permanent failure is not retried by itself: still one delivery a few backoff periods later.
    await expect.poll(async () => (await submissionsOf(ext, reportId!))[0]?.attempts, { timeout: 5_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(atDesk.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(atCollector).toEqual([]);

    // The person reads why on the dashboard, in Chinese…
    const error = async (dashboard: Page) => {
      await dashboard.getByTestId('search').fill('重定向攻击测试');
      const card = dashboard.locator(`[data-report-id="${reportId}"]`);
      await card.waitFor();
      await card.getByTestId('report-history-toggle').click();
      return card.getByTestId('submission-error').first();
    };
    let dashboard = await session.openDashboard();
    let shown = await error(dashboard);
    await expect
      .poll(() => shown.textContent(), { timeout: 15_000 })
      .toBe(`接口 ${server.origin}/redirecting-desk 没有接收举报，而是要求转到别的地址（重定向）。为安全起见没有跟随，举报没有发送到任何别处。请在设置中核对接口地址。`);
    await dashboard.close();
    // …and in English when that is the language chosen.
    await setLocal(ext, { language: 'en' });
    dashboard = await session.openDashboard();
    shown = await error(dashboard);
    await expect
      .poll(() => shown.textContent(), { timeout: 15_000 })
      .toMatch(/^The endpoint http:\/\/127\.0\.0\.1:\d+\/redirecting-desk did not take the report but redirected it elsewhere\. For safety the redirect was not followed/);
    await dashboard.close();
    await setLocal(ext, { language: 'zh_CN' });
  });
});
