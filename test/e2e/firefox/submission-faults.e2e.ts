// The Firefox twin of the Chromium fault test in test/e2e/submission-queue.e2e.ts: the background goes
// away at every step of an HTTPS-API submission, and afterwards nothing is lost and nothing is sent twice
// by the desk's count (test/support/desk.ts).
//
// Chromium's spec stops the service worker with CDP. Firefox's MV3 background is an event page that
// Firefox suspends only when idle, never mid-request; what kills it at a chosen instant here is Firefox's
// own `Extension.terminateBackground()` (about:debugging's "Terminate background script"), called in the
// browser's chrome scope: `session.terminateBackground()` in test/support/firefox.ts. Its pending fetch and
// IndexedDB transactions die with it, and the alarms are what start it again: no test code wakes it (the
// page that reads the store reads IndexedDB itself and never messages the background).
//
// Where the kill lands, one trial after the other:
//   right-after-submit       the submit-report answer is back (the submission is stored, the send not yet)
//   timed                    N ms after that answer, N spread over a measured send (store → alarm →
//                            'submitting' → fetch → the desk → the receipt; ~20 ms), so kills land before,
//                            inside and after the send
//   request-received         the desk holds the POST before committing it (it then sees its client gone)
//   committed-before-answer  the desk has committed the report and holds the answer (the send is repeated
//                            with the same Idempotency-Key and answered with the same id)
//   after-stored             the receipt is stored (nothing may be sent again)
// A trial takes about 0.5–1.2 s of Firefox time (a kill mid-send waits for the queue's wake-up alarm, set
// 1 s ahead before every send, then the event page starts again): TRIALS = 200 fills about 3–4 minutes on a
// loaded 2-core machine (25 at each fixed point, 100 timed; measured: 40 trials in 37 s). SUBMISSION_TRIALS
// overrides it, SUBMISSION_TRIALS_LOG prints each trial.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import { evaluateInBrowserChrome, eventually, launchFirefoxWithExtension, type FirefoxExtensionSession } from '../../support/firefox';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { createDesk, type Desk } from '../../support/desk';
import { dbRows, inPage, sendToBackground, setLocalStorage } from '../../support/in-page';
import { seedReports } from '../submission-support';
import type { Submission } from '../../../src/model/submission';

// 100 trials in `npm test` (about 2 minutes); SUBMISSION_TRIALS=200 for a longer run. RA_FIREFOX_FAULTS=0 skips it.
const TRIALS = Number(process.env.SUBMISSION_TRIALS ?? 100);
// This spec found a stranded submission: killed right after submit-report answered, one in ~150 trials stayed
// 'queued' with no queue alarm left. A queue run that had read the queue before the submission was stored
// cleared the wake-up alarm the submit had just set, and the termination came before the run's next round.
// Fixed in extension/background/queue.ts (the alarm is set before storing, repeats every minute, and only a
// run that began after the newest wake-up may clear it). Firefox may still drop an alarm that fires while it
// shuts the event page down; the repeat brings the queue back a minute later, which the trial wait allows.
const RUN = process.env.RA_FIREFOX_FAULTS !== '0';

/** The host permission the settings ask for to send to the desk at 127.0.0.1 (any port). */
const DESK_ORIGIN = 'http://127.0.0.1/*';

let server: FixtureServer;
let desk: Desk;
let session: FirefoxExtensionSession;
let ext: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  desk = createDesk();
  server.handlers.push(desk.handler);
  // The desk's origin (127.0.0.1, in no host permission of the manifest) is granted as the settings' API
  // endpoint form asks for it (src/ui/api-endpoint-settings.tsx, originPattern): without it the background
  // may not send there.
  session = await launchFirefoxWithExtension({ grants: [DESK_ORIGIN] });
  ext = await session.openPopup('?reader=1');
  await inPage(ext, setLocalStorage, {
    apiEndpoint: { url: `${server.origin}${desk.basePath}` },
    queueBackoffBaseMs: 300,
    queueBackoffMaxMs: 2000,
  });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const submissions = async () => (await inPage(ext, dbRows, { store: 'submissions' })) as Submission[];
const submissionsOf = async (reportId: string) => (await submissions()).filter((s) => s.reportId === reportId);
const send = <T = { ok: boolean; [k: string]: unknown }>(message: unknown) => inPage(ext, sendToBackground, message) as Promise<T>;
// submission-support's seeding only calls `evaluate`, which puppeteer's Page has with the same meaning.
const seed = (seeds: Parameters<typeof seedReports>[1]) => seedReports(ext as unknown as PlaywrightPage, seeds);

async function waitForState(reportId: string, state: Submission['state'], timeout = 30_000): Promise<Submission> {
  const [found] = await eventually(() => submissionsOf(reportId), (rows) => rows[0]?.state === state, timeout);
  return found!;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(what)), ms))]);
}

/** What Firefox says about the background and the alarms, for a failure's message. */
async function diagnosis(): Promise<string> {
  const alarms = await ext.evaluate(() =>
    (globalThis as unknown as { browser: typeof chrome }).browser.alarms.getAll().then((all) => all.map((a) => ({ name: a.name, inMs: Math.round(a.scheduledTime - Date.now()) }))),
  );
  const state = await evaluateInBrowserChrome<string>(
    session.browser,
    null,
    `(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      return String(ExtensionParent.GlobalManager.getExtension(${JSON.stringify(session.addonId)})?.backgroundState);
    })()`,
  );
  return `background ${state}, alive ${await session.backgroundAlive()}, alarms ${JSON.stringify(alarms)}`;
}

async function waitOrExplain(reportId: string, state: Submission['state'], timeout: number): Promise<Submission> {
  try {
    return await waitForState(reportId, state, timeout);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await diagnosis()}`);
  }
}

async function terminate(): Promise<void> {
  expect(await session.terminateBackground()).toBe('stopped');
}

describe.skipIf(!RUN)('the event page terminated in the middle of HTTPS submissions (Firefox)', () => {
  it(`terminated at every step of a send, ${TRIALS} trials: 0 lost, 0 sent twice (the desk counts)`, { timeout: 900_000 }, async () => {
    // Undisturbed sends first: how long from the submit-report answer to the desk's answer here (by the
    // desk's own clock, not a poll), to spread the timed kills over it; and what a termination costs.
    const windows: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [warmId] = await seed([{ destinations: ['https-api'] }]);
      expect((await send({ type: 'submit-report', payload: { reportId: warmId } })).ok).toBe(true);
      const t0 = performance.now();
      await waitForState(warmId!, 'submitted');
      windows.push(desk.intervals.at(-1)![1] - t0);
    }
    const windowMs = Math.max(10, Math.round(windows.sort((a, b) => a - b)[1]!));
    let terminateMs = performance.now();
    await terminate();
    terminateMs = Math.round(performance.now() - terminateMs);

    const fixed = ['right-after-submit', 'request-received', 'committed-before-answer', 'after-stored'] as const;
    const timedPerCycle = 4;
    const created = desk.created;
    const repeats = desk.repeats;
    const deliveries = desk.deliveries;
    const reportIds: string[] = [];
    const count: Record<string, number> = {};
    const stateAtKill: Record<string, number> = {};
    const started = performance.now();
    for (let trial = 0; trial < TRIALS; trial++) {
      const slot = trial % (fixed.length + timedPerCycle);
      // The timed kills are spread evenly over 0 … 1.2 × the measured send (golden-ratio steps).
      const timed = Math.floor(trial / (fixed.length + timedPerCycle)) * timedPerCycle + slot - fixed.length;
      const delay = slot < fixed.length ? null : Math.round(((timed * 0.6180339887) % 1) * 1.2 * windowMs);
      const step = slot < fixed.length ? fixed[slot]! : 'timed';
      count[step] = (count[step] ?? 0) + 1;
      const [reportId] = await seed([{ destinations: ['https-api'], description: `第 ${trial} 次：冒充理财导师，诱导加微信交会员费。` }]);
      reportIds.push(reportId!);
      const held =
        step === 'request-received' ? desk.holdNext('before-commit') : step === 'committed-before-answer' ? desk.holdNext('after-commit') : null;
      const answer = await send<{ ok: boolean }>({ type: 'submit-report', payload: { reportId } });
      expect(answer.ok).toBe(true);
      if (step === 'after-stored') await waitForState(reportId!, 'submitted');
      if (held) await within(held, 30_000, `trial ${trial}: the desk never saw the request (${step})`);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      await terminate();
      // Where the send was when the background went away (read after the kill: the store is what counts).
      const at = (await submissionsOf(reportId!))[0]?.state ?? 'none';
      stateAtKill[at] = (stateAtKill[at] ?? 0) + 1;
      desk.release();
      // Nobody wakes the background: its own alarm must bring it back.
      await waitOrExplain(reportId!, 'submitted', 100_000);
      if (process.env.SUBMISSION_TRIALS_LOG) console.log(`trial ${trial} ${step}${delay === null ? '' : ` ${delay} ms`} (${at}) ok`);
    }
    const seconds = Math.round((performance.now() - started) / 1000);

    // Drained: every submission submitted with one receipt, and the desk holds exactly one report each.
    const all = (await submissions()).filter((s) => reportIds.includes(s.reportId));
    expect(all).toHaveLength(TRIALS);
    expect(all.filter((s) => s.state !== 'submitted')).toEqual([]);
    expect(desk.created - created).toBe(TRIALS);
    for (const s of all) {
      expect(desk.byKey.get(s.idempotencyKey)).toBe(s.receipt!.code);
      expect(desk.reports.get(s.receipt!.code!)!.body.submissionId).toBe(s.id);
    }
    expect(new Set(all.map((s) => s.receipt!.code)).size).toBe(TRIALS);
    // Each report's history has exactly one receipt.
    const events = (await inPage(ext, dbRows, { store: 'events' })) as Array<{ reportId: string; type: string }>;
    for (const id of reportIds) expect(events.filter((e) => e.reportId === id && e.type === 'receipt')).toHaveLength(1);
    // The sends cut off after the desk committed were really sent again, and answered with the same id.
    expect(desk.repeats - repeats).toBeGreaterThanOrEqual(count['committed-before-answer']!);
    // Kills landed before the send (queued), in it (submitting) and after it (submitted).
    expect(Object.keys(stateAtKill).sort()).toEqual(['queued', 'submitted', 'submitting']);
    console.log(
      `[firefox terminate trials] ${TRIALS} trials in ${seconds} s (submit answer → desk answer ~${windowMs} ms, a termination call ~${terminateMs} ms); ${JSON.stringify(count)}; ` +
        `state when terminated ${JSON.stringify(stateAtKill)}; desk: ${desk.deliveries - deliveries} POSTs, ` +
        `${desk.created - created} reports, ${desk.repeats - repeats} repeats answered with the same id`,
    );
  });

  it('the desk answers 503 for a while; the event page is terminated while it waits to retry; delivered once when the desk recovers', { timeout: 120_000 }, async () => {
    // Backoff long enough (1–2 s, then 2–4 s, 4–8 s) that each termination lands while it waits.
    await inPage(ext, setLocalStorage, { queueBackoffBaseMs: 2000, queueBackoffMaxMs: 8000 });
    try {
      const deliveries = desk.deliveries;
      const created = desk.created;
      desk.failNext(3, 503, '维护中');
      const [reportId] = await seed([{ destinations: ['https-api'] }]);
      await send({ type: 'submit-report', payload: { reportId } });
      const waits: string[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [failed] = await eventually(
          () => submissionsOf(reportId!),
          (rows) => rows[0]?.state === 'failed-retryable' && rows[0].attempts === attempt,
          30_000,
        );
        expect(failed!.lastError).toMatchObject({ code: 'http-503', detail: '维护中', permanent: false });
        await terminate();
        const after = (await submissionsOf(reportId!))[0]!;
        waits.push(`${after.state}#${after.attempts}`);
      }
      // Each termination hit the background while it waited for its retry alarm.
      expect(waits).toEqual(['failed-retryable#1', 'failed-retryable#2', 'failed-retryable#3']);
      const done = await waitOrExplain(reportId!, 'submitted', 30_000);
      expect(done.attempts).toBe(4);
      expect(desk.deliveries - deliveries).toBe(4);
      expect(desk.created - created).toBe(1);
      expect(desk.byKey.get(done.idempotencyKey)).toBe(done.receipt!.code);
      const events = (await inPage(ext, dbRows, { store: 'events', index: 'by-report', key: reportId! })) as Array<{ type: string }>;
      expect(events.filter((e) => e.type === 'receipt')).toHaveLength(1);
    } finally {
      desk.accept();
      await inPage(ext, setLocalStorage, { queueBackoffBaseMs: 300, queueBackoffMaxMs: 2000 });
    }
  });
});
