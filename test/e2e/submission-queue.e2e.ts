// The HTTPS-API destination and the queue's promises, in a real Chromium with the built extension and a
// report desk on 127.0.0.1: sent automatically with an idempotency key; retried with backoff on 503;
// a 400 kept as a permanent failure with its message; the worker stopped at every step of a send, 50
// times, with nothing lost and nothing sent twice; and a browser restart with 20 queued submissions.
// Alarms fire fast because the backoff base is a documented test setting in storage (no fake time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { createDesk, type Desk } from '../support/desk';
import { extensionPage, putSubmissions, readStore, seedReports, send, setLocal, submissionsOf } from './submission-support';
import type { Submission } from '../../src/model/submission';

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

/** The desk's origin as a host permission: the fixture server listens on 127.0.0.1 (any port). */
const DESK_ORIGIN = 'http://127.0.0.1/*';
const endpoint = () => ({ url: `${server.origin}${desk.basePath}` });

async function waitForState(ext: Page, reportId: string, state: Submission['state'], timeout = 30_000): Promise<Submission> {
  let last: Submission | undefined;
  await expect
    .poll(async () => ((last = (await submissionsOf(ext, reportId))[0]), last?.state), { timeout, interval: 100 })
    .toBe(state);
  return last!;
}

describe('HTTPS API destination', () => {
  let session: ExtensionSession;
  let ext: Page;

  beforeAll(async () => {
    // Named grant: the person allows the desk's origin when saving the endpoint in the settings (its
    // permission prompt, which headless Chromium cannot click; docs/testing.md); here it is set directly.
    session = await launchWithExtension({ grants: [DESK_ORIGIN] });
    ext = await extensionPage(session);
    await setLocal(ext, { apiEndpoint: endpoint(), queueBackoffBaseMs: 300, queueBackoffMaxMs: 2000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sends the report by itself, with its idempotency key and evidence, stores the desk id, and polls its status', async () => {
    const before = desk.created;
    const [reportId] = await seedReports(ext, [{ destinations: ['https-api'], screenshot: true }]);
    const answer = await send<{ ok: boolean; submissionIds: string[] }>(ext, { type: 'submit-report', payload: { reportId } });
    expect(answer.ok).toBe(true);
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(desk.created).toBe(before + 1);
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
    const report = (await readStore<{ id: string; evidence: Array<{ sha256: string }> }>(ext, 'reports')).find((r) => r.id === reportId)!;
    const evidence = (received.body.evidence as Array<{ sha256: string; data: string }>)[0]!;
    expect(evidence.sha256).toBe(report.evidence[0]!.sha256);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(Buffer.from(evidence.data, 'base64')).digest('hex')).toBe(evidence.sha256);
    // The person is never asked to do anything for this destination.
    expect(done.channel).toBe('api');

    desk.setStatus(done.receipt!.code!, 'removed', '已删除该内容');
    await setLocal(ext, { apiStatusPollMinutes: 0.01 });
    await expect
      .poll(async () => (await submissionsOf(ext, reportId!))[0]?.remoteStatus?.status, { timeout: 30_000 })
      .toBe('removed');
    const events = (await readStore<{ reportId: string; type: string; data: Record<string, unknown> }>(ext, 'events')).filter((e) => e.reportId === reportId);
    expect(events.find((e) => e.type === 'feedback')?.data).toMatchObject({ outcome: 'removed', note: '已删除该内容', source: 'api-status' });
    // The desk's answer is the report's outcome (src/lifecycle).
    const outcome = (await readStore<{ id: string; lifecycle?: { outcome?: string } }>(ext, 'reports')).find((r) => r.id === reportId)?.lifecycle?.outcome;
    expect(outcome).toBe('removed');
    await setLocal(ext, { apiStatusPollMinutes: 15 });
  });

  it('retries with backoff while the desk answers 503, then delivers once when it recovers', async () => {
    const deliveries = desk.deliveries;
    const created = desk.created;
    desk.failNext(3, 503, '维护中');
    const [reportId] = await seedReports(ext, [{ destinations: ['https-api'] }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    await expect.poll(async () => (await submissionsOf(ext, reportId!))[0]?.lastError?.code).toBe('http-503');
    const failed = (await submissionsOf(ext, reportId!))[0]!;
    expect(failed.lastError).toMatchObject({ messageKey: 'submissionErrorServer', detail: '维护中', permanent: false });
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(done.attempts).toBe(4);
    expect(desk.deliveries - deliveries).toBe(4);
    expect(desk.created - created).toBe(1);
  });

  it('keeps a 400 as a permanent failure with the desk’s message, and sends nothing more until the person retries', async () => {
    desk.reject('url 字段格式不正确');
    const [reportId] = await seedReports(ext, [{ destinations: ['https-api'] }]);
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const failed = await waitForState(ext, reportId!, 'failed-permanent');
    expect(failed.lastError).toMatchObject({ code: 'http-400', messageKey: 'submissionErrorRejected', detail: 'url 字段格式不正确', permanent: true });
    const deliveries = desk.deliveries;
    await new Promise((r) => setTimeout(r, 3000));
    expect(desk.deliveries).toBe(deliveries);
    expect((await submissionsOf(ext, reportId!))[0]!.state).toBe('failed-permanent');
    desk.accept();
    const retried = await send<{ ok: boolean; submission: Submission }>(ext, { type: 'submission-action', payload: { submissionId: failed.id, action: 'retry' } });
    expect(retried.ok).toBe(true);
    const done = await waitForState(ext, reportId!, 'submitted');
    expect(done.idempotencyKey).toBe(failed.idempotencyKey);
  });

  it('the person can cancel a submission waiting for its next attempt; it is never sent', async () => {
    desk.failNext(1, 503);
    const [reportId] = await seedReports(ext, [{ destinations: ['https-api'] }]);
    await setLocal(ext, { queueBackoffBaseMs: 20_000 });
    await send(ext, { type: 'submit-report', payload: { reportId } });
    const failed = await waitForState(ext, reportId!, 'failed-retryable');
    const deliveries = desk.deliveries;
    await send(ext, { type: 'submission-action', payload: { submissionId: failed.id, action: 'cancel' } });
    await waitForState(ext, reportId!, 'cancelled');
    await send(ext, { type: 'queue-kick', payload: {} });
    expect(desk.deliveries).toBe(deliveries);
    expect(desk.byKey.has(failed.idempotencyKey)).toBe(false);
    await setLocal(ext, { queueBackoffBaseMs: 300 });
  });

  it('stopping the worker at every step of a send, 50 times: 0 lost, 0 sent twice', { timeout: 900_000 }, async () => {
    const steps = ['right-after-submit', 'request-received', 'committed-before-answer', 'after-stored'] as const;
    const created = desk.created;
    const repeats = desk.repeats;
    const reportIds: string[] = [];
    const count: Record<string, number> = {};
    const TRIALS = Number(process.env.SUBMISSION_TRIALS ?? 50);
    for (let trial = 0; trial < TRIALS; trial++) {
      const step = steps[trial % steps.length]!;
      count[step] = (count[step] ?? 0) + 1;
      const [reportId] = await seedReports(ext, [{ destinations: ['https-api'], description: `第 ${trial} 次：冒充理财导师，诱导加微信交会员费。` }]);
      reportIds.push(reportId!);
      const held =
        step === 'request-received' ? desk.holdNext('before-commit') : step === 'committed-before-answer' ? desk.holdNext('after-commit') : null;
      const answer = await send<{ ok: boolean }>(ext, { type: 'submit-report', payload: { reportId } });
      expect(answer.ok).toBe(true);
      if (step === 'after-stored') await waitForState(ext, reportId!, 'submitted');
      if (held) await Promise.race([held, new Promise((_, reject) => setTimeout(() => reject(new Error(`trial ${trial}: the desk never saw the request (${step})`)), 30_000))]);
      await session.stopServiceWorker();
      desk.release();
      // Nobody pokes the worker: its own alarm must bring it back.
      await waitForState(ext, reportId!, 'submitted', 60_000);
      if (process.env.SUBMISSION_TRIALS_LOG) console.log(`trial ${trial} ${step} ok`);
    }
    const all = (await readStore<Submission>(ext, 'submissions')).filter((s) => reportIds.includes(s.reportId));
    expect(all).toHaveLength(TRIALS);
    expect(all.every((s) => s.state === 'submitted')).toBe(true);
    // 0 sent twice: exactly one report at the desk per submission, and each stored receipt is that report.
    expect(desk.created - created).toBe(TRIALS);
    for (const s of all) expect(desk.byKey.get(s.idempotencyKey)).toBe(s.receipt!.code);
    expect(new Set(all.map((s) => s.receipt!.code)).size).toBe(TRIALS);
    // The interrupted sends were really sent again (and answered with the same id).
    expect(desk.repeats - repeats).toBeGreaterThanOrEqual(count['committed-before-answer']!);
    console.log(`[worker-stop trials] ${JSON.stringify(count)}; desk deliveries repeated with the same key: ${desk.repeats - repeats}`);
  });
});

describe('browser restart', () => {
  it('20 queued submissions all resume after the browser restarts', { timeout: 300_000 }, async () => {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ra-restart-'));
    try {
      // Named grant: the desk's origin, as the settings page asks for it (see above).
      let session = await launchWithExtension({ userDataDir, grants: [DESK_ORIGIN] });
      let ext = await extensionPage(session);
      await setLocal(ext, { apiEndpoint: endpoint(), queueBackoffBaseMs: 300 });
      const reportIds = await seedReports(ext, Array.from({ length: 20 }, () => ({ destinations: ['https-api'] })));
      const now = new Date().toISOString();
      // Queued as submit-report leaves them, persisted before anything was sent; then the browser closes.
      await putSubmissions(
        ext,
        reportIds.map((reportId) => ({
          id: crypto.randomUUID(),
          reportId,
          destinationId: 'https-api',
          channel: 'api' as const,
          state: 'queued' as const,
          attempts: 0,
          nextAttemptAt: null,
          idempotencyKey: crypto.randomUUID(),
          receipt: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
      const created = desk.created;
      await session.close();
      expect(desk.created).toBe(created);

      session = await launchWithExtension({ userDataDir });
      ext = await extensionPage(session);
      await desk.waitForCreated(created + 20, 60_000);
      await expect
        .poll(async () => (await readStore<Submission>(ext, 'submissions')).filter((s) => reportIds.includes(s.reportId) && s.state === 'submitted').length, {
          timeout: 30_000,
        })
        .toBe(20);
      expect(desk.created - created).toBe(20);
      await session.close();
    } finally {
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
