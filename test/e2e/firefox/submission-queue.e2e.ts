// The HTTPS-API destination and the submission queue in Firefox ESR, as test/e2e/submission-queue.e2e.ts
// checks them in Chromium: sent by itself with its idempotency key and evidence, the desk's status polled;
// retried with backoff on 503 until the desk recovers, delivered once; a 400 kept as a permanent failure
// until the person retries; a cancelled retry never sent; and a browser restart with 20 queued submissions.
// The desk (test/support/desk.ts) is served by the fixture server on 127.0.0.1.
//
// The Chromium spec's trials that stop the service worker at each step of a send are in
// submission-faults.e2e.ts: Firefox suspends its event page only when idle, so they terminate it with
// Firefox's own terminateBackground (`session.terminateBackground()`). The restart below covers
// submissions persisted before anything was sent, and a background starting afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { createDesk, type Desk } from '../../support/desk';
import { dbPut, dbRows, inPage, sendToBackground, setLocalStorage } from '../../support/in-page';
import { seedReports } from '../submission-support';
import type { Submission } from '../../../src/model/submission';

/** The host permission the settings ask for to send to the desk at 127.0.0.1 (any port). */
const DESK_ORIGIN = 'http://127.0.0.1/*';

let server: FixtureServer;
let desk: Desk;

beforeAll(async () => {
  server = await startFixtureServer();
  desk = createDesk();
  server.handlers.push(desk.handler);
});

afterAll(async () => {
  await server?.close();
});

const endpoint = () => ({ url: `${server.origin}${desk.basePath}` });
const submissions = async (ext: Page) => (await inPage(ext, dbRows, { store: 'submissions' })) as Submission[];
const submissionsOf = async (ext: Page, reportId: string) => (await submissions(ext)).filter((s) => s.reportId === reportId);
const send = <T = { ok: boolean; [k: string]: unknown }>(ext: Page, message: unknown) => inPage(ext, sendToBackground, message) as Promise<T>;
// submission-support's seeding only calls `evaluate`, which puppeteer's Page has with the same meaning.
const seed = (ext: Page, seeds: Parameters<typeof seedReports>[1]) => seedReports(ext as unknown as PlaywrightPage, seeds);

async function waitForState(ext: Page, reportId: string, state: Submission['state'], timeout = 30_000): Promise<Submission> {
  const [found] = await eventually(() => submissionsOf(ext, reportId), (rows) => rows[0]?.state === state, timeout);
  return found!;
}

describe('HTTPS API destination (Firefox)', () => {
  let session: FirefoxExtensionSession;
  let ext: Page;

  beforeAll(async () => {
    // The desk's origin (127.0.0.1, in no host permission of the manifest) is granted as the settings' API
    // endpoint form asks for it (src/ui/api-endpoint-settings.tsx, originPattern): without it the background
    // may not send there.
    session = await launchFirefoxWithExtension({ grants: [DESK_ORIGIN] });
    ext = await session.openPopup('?reader=1');
    await inPage(ext, setLocalStorage, { apiEndpoint: endpoint(), queueBackoffBaseMs: 300, queueBackoffMaxMs: 2000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sends the report by itself, with its idempotency key and evidence, stores the desk id, and polls its status', async () => {
    const before = desk.created;
    const [reportId] = await seed(ext, [{ destinations: ['https-api'], screenshot: true }]);
    const answer = await send<{ ok: boolean; submissionIds: string[] }>(ext, { type: 'submit-report', payload: { reportId } });
    expect(answer.ok).toBe(true);
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(desk.created).toBe(before + 1);
    expect(done.channel).toBe('api');
    const received = desk.reports.get(done.receipt!.code!)!;
    expect(received.key).toBe(done.idempotencyKey);
    expect(received.body).toMatchObject({
      schema: 'report-assistant/report@1',
      submissionId: done.id,
      reportId,
      categoryId: 'illegal-11-fraud',
      url: 'https://weibo.com/1234567890/NxAbCdEfG',
      anonymous: true,
    });
    // The evidence bytes Firefox read from IndexedDB and base64-encoded are the stored, hashed ones.
    const report = ((await inPage(ext, dbRows, { store: 'reports' })) as Array<{ id: string; evidence: Array<{ sha256: string }> }>).find((r) => r.id === reportId)!;
    const evidence = (received.body.evidence as Array<{ sha256: string; data: string }>)[0]!;
    expect(evidence.sha256).toBe(report.evidence[0]!.sha256);
    expect(createHash('sha256').update(Buffer.from(evidence.data, 'base64')).digest('hex')).toBe(evidence.sha256);

    desk.setStatus(done.receipt!.code!, 'removed', '已删除该内容');
    await inPage(ext, setLocalStorage, { apiStatusPollMinutes: 0.01 });
    await eventually(async () => (await submissionsOf(ext, reportId!))[0]?.remoteStatus?.status, (s) => s === 'removed', 30_000);
    const events = ((await inPage(ext, dbRows, { store: 'events', index: 'by-report', key: reportId! })) as Array<{ type: string; data: Record<string, unknown> }>);
    expect(events.find((e) => e.type === 'feedback')?.data).toMatchObject({ outcome: 'removed', note: '已删除该内容', source: 'api-status' });
    const outcome = ((await inPage(ext, dbRows, { store: 'reports' })) as Array<{ id: string; lifecycle?: { outcome?: string } }>).find((r) => r.id === reportId)?.lifecycle?.outcome;
    expect(outcome).toBe('removed');
    await inPage(ext, setLocalStorage, { apiStatusPollMinutes: 15 });
  });

  it('retries with backoff while the desk answers 503, then delivers once when it recovers', async () => {
    const deliveries = desk.deliveries;
    const created = desk.created;
    desk.failNext(3, 503, '维护中');
    const [reportId] = await seed(ext, [{ destinations: ['https-api'] }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const [failed] = await eventually(() => submissionsOf(ext, reportId!), (rows) => rows[0]?.lastError?.code === 'http-503', 30_000);
    expect(failed!.lastError).toMatchObject({ messageKey: 'submissionErrorServer', detail: '维护中', permanent: false });
    // No message wakes the queue from here on: Firefox's alarms bring each retry.
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(done.attempts).toBe(4);
    expect(desk.deliveries - deliveries).toBe(4);
    expect(desk.created - created).toBe(1);
  });

  it('keeps a 400 as a permanent failure with the desk’s message, and sends nothing more until the person retries', async () => {
    desk.reject('url 字段格式不正确');
    const [reportId] = await seed(ext, [{ destinations: ['https-api'] }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const failed = await waitForState(ext, reportId!, 'failed-permanent');
    expect(failed.lastError).toMatchObject({ code: 'http-400', messageKey: 'submissionErrorRejected', detail: 'url 字段格式不正确', permanent: true });
    const deliveries = desk.deliveries;
    // Several backoff periods (300 ms base) pass: a permanent failure is not retried by the alarms.
    await new Promise((r) => setTimeout(r, 3000));
    expect(desk.deliveries).toBe(deliveries);
    expect((await submissionsOf(ext, reportId!))[0]!.state).toBe('failed-permanent');

    // The popup shows it in the person's language, with the desk's own words and a retry.
    const popup = await session.openPopup(`?report=${reportId}`);
    const row = `[data-testid="submission-row"][data-destination="https-api"]`;
    await popup.waitForSelector(`${row}[data-state="failed-permanent"]`, { timeout: 15_000 });
    expect(await popup.$eval(row, (el) => el.textContent ?? '')).toContain('url 字段格式不正确');
    desk.accept();
    const retried = await send<{ ok: boolean }>(ext, { type: 'submission-action', payload: { submissionId: failed.id, action: 'retry' } });
    expect(retried.ok).toBe(true);
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(done.idempotencyKey).toBe(failed.idempotencyKey);
    await popup.waitForSelector(`${row}[data-state="submitted"]`, { timeout: 15_000 });
    await popup.close();
  });

  it('the person can cancel a submission waiting for its next attempt; it is never sent', async () => {
    desk.failNext(1, 503);
    const [reportId] = await seed(ext, [{ destinations: ['https-api'] }]);
    await inPage(ext, setLocalStorage, { queueBackoffBaseMs: 20_000 });
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const failed = await waitForState(ext, reportId!, 'failed-retryable');
    const deliveries = desk.deliveries;
    await send(ext, { type: 'submission-action', payload: { submissionId: failed.id, action: 'cancel' } });
    await waitForState(ext, reportId!, 'cancelled');
    await send(ext, { type: 'queue-kick', payload: {} });
    expect(desk.deliveries).toBe(deliveries);
    expect(desk.byKey.has(failed.idempotencyKey)).toBe(false);
    await inPage(ext, setLocalStorage, { queueBackoffBaseMs: 300 });
  });
});

describe('browser restart (Firefox)', () => {
  it('20 queued submissions all resume after Firefox restarts with the same profile', { timeout: 300_000 }, async () => {
    // The same profile and the same moz-extension UUID (the extension's origin, hence its IndexedDB and
    // storage.local). Firefox forgets a temporary add-on when it quits and the harness installs it again
    // at the next launch, as a developer's restart does; the extension's data stays in the profile.
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-restart-'));
    try {
      let session = await launchFirefoxWithExtension({ profileDir, grants: [DESK_ORIGIN] });
      const uuid = session.uuid;
      let ext = await session.openPopup('?reader=1');
      await inPage(ext, setLocalStorage, { apiEndpoint: endpoint(), queueBackoffBaseMs: 300 });
      const reportIds = await seed(ext, Array.from({ length: 20 }, () => ({ destinations: ['https-api'] })));
      const now = new Date().toISOString();
      // Queued as submit-report leaves them, persisted before anything was sent; then the browser closes.
      await inPage(
        ext,
        dbPut,
        reportIds.map((reportId) => ({
          store: 'submissions',
          row: {
            id: crypto.randomUUID(),
            reportId,
            destinationId: 'https-api',
            channel: 'api',
            state: 'queued',
            attempts: 0,
            nextAttemptAt: null,
            idempotencyKey: crypto.randomUUID(),
            receipt: null,
            lastError: null,
            createdAt: now,
            updatedAt: now,
          },
        })),
      );
      const created = desk.created;
      await session.close();
      expect(desk.created).toBe(created);

      // The desk's origin was granted in the first session; the restarted one keeps that grant (not asked again).
      session = await launchFirefoxWithExtension({ profileDir, uuid });
      try {
        await desk.waitForCreated(created + 20, 60_000);
        ext = await session.openPopup('?reader=1');
        expect(await ext.evaluate((o) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: [o] }), DESK_ORIGIN)).toBe(true);
        await eventually(
          async () => (await submissions(ext)).filter((s) => reportIds.includes(s.reportId) && s.state === 'submitted').length,
          (n) => n === 20,
          30_000,
        );
        expect(desk.created - created).toBe(20);
        // Each stored receipt is the desk's id for that submission's key: nothing sent twice.
        for (const s of (await submissions(ext)).filter((x) => reportIds.includes(x.reportId))) expect(desk.byKey.get(s.idempotencyKey)).toBe(s.receipt!.code);
      } finally {
        await session.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
