// The submission queue in the service worker: the `submit-report` contract with the form, the person's
// actions on a submission, the content scripts of destination pages, and the alarms that drive retries.
//
// Nothing that matters lives in this module's variables: submissions are in IndexedDB, the tab that is
// submitting which submission is in `storage.session`, and retries are `alarms`. A worker stopped at any
// point resumes from there: every wake-up (alarm, message, browser start) runs the queue once.
import { browser, type Runtime } from '../lib/browser';
import type { HandlerTable } from './handlers';
import { updateBadge } from './badge';
import { IdbReportStore } from '../../src/storage/report-store';
import { IdbSubmissionStore, type TransitionRecorder } from '../../src/queue/submission-store';
import { SubmissionQueue, type ApiOutcome, type QueueDestination } from '../../src/queue/submission-queue';
import { backoffFromStorage } from '../../src/queue/backoff';
import { newSubmission, type Submission } from '../../src/model/submission';
import { destination as catalogEntry, isDestinationId } from '../../src/destinations/catalog';
import { destinationAdapter } from '../../src/destinations/adapters';
import type { SubmittableReport } from '../../src/destinations/adapters/destination-adapter';
import { DIALOG_PENDING_KEY, matchPage, siteProfile } from '../../src/destinations/adapters/site-profiles';
import {
  API_ENDPOINT_STORAGE_KEY,
  ApiEndpointSettingsSchema,
  apiPayload,
  pollApiStatus,
  sendToApi,
  type ApiEndpointSettings,
} from '../../src/destinations/adapters/https-api';
import { recordEvent, type EventData } from '../../src/lifecycle/event-log';
import * as v from 'valibot';
import { DEFAULT_LOCALE, resolveLocale, type LocaleMessages } from '../../src/i18n/i18n';
import { PROFILE_META_KEY } from '../../src/model/profile';

/** This worker's start: 'submitting' API rows older than it were cut off by a stopped worker. */
const WORKER_STARTED_AT = new Date();
const QUEUE_ALARM = 'submission-queue';
/**
 * The queue's wake-up repeats every minute after its time until a run finds nothing left to do: a wake-up
 * can be lost (seen in Firefox when the alarm fires while the event page is being shut down: the submission
 * stayed queued until the next unrelated wake-up), and the next one then comes a minute later.
 */
let wakeGeneration = 0;
const wakeQueueAt = (when: number) => {
  // Counted before the call: a run that began before this wake-up must not clear it (see runQueue).
  wakeGeneration++;
  return browser.alarms.create(QUEUE_ALARM, { when, periodInMinutes: 1 });
};
const STATUS_ALARM = 'submission-status';
/** Default minutes between polls of an API destination's status endpoint; `apiStatusPollMinutes` overrides. */
const STATUS_POLL_MINUTES = 15;
/** A platform's "too frequent" answer: wait this long before handing it back to the person. */
const TOO_FREQUENT_COOLDOWN_MS = 30 * 60_000;
/** Artifacts larger than this are described by hash only in an API payload, not carried. */
const MAX_API_ARTIFACT_BYTES = 5 * 1024 * 1024;

const recordTransition: TransitionRecorder = async (tx, before, after) => {
  const base: EventData = { submissionId: after.id, destinationId: after.destinationId, channel: after.channel };
  if (before && before.state === after.state && before.remoteStatus?.status !== after.remoteStatus?.status && after.remoteStatus) {
    await recordEvent(tx, after.reportId, 'feedback', {
      ...base,
      outcome: after.remoteStatus.status,
      note: after.remoteStatus.note ?? null,
      source: 'api-status',
    });
    return;
  }
  if (before && before.state === after.state) return;
  if (after.state === 'submitting' && before?.state !== 'submitting') {
    await recordEvent(tx, after.reportId, 'submitted', { ...base, attempt: after.attempts });
  } else if (after.state === 'submitted') {
    const receipt: EventData = { at: after.receipt?.at ?? after.updatedAt };
    if (after.receipt?.code) receipt.code = after.receipt.code;
    if (after.receipt?.url) receipt.url = after.receipt.url;
    await recordEvent(tx, after.reportId, 'receipt', {
      ...base,
      receipt,
      ...(after.destinationId.startsWith('12377') && after.receipt?.code ? { queryCode: after.receipt.code } : {}),
    });
  } else {
    await recordEvent(tx, after.reportId, 'submission-state', {
      ...base,
      state: after.state,
      ...(after.lastError ? { error: after.lastError.code, detail: after.lastError.detail } : {}),
      ...(after.nextAttemptAt ? { nextAttemptAt: after.nextAttemptAt } : {}),
    });
  }
};

const submissions = new IdbSubmissionStore(undefined, recordTransition);
const reports = new IdbReportStore();

function queueDestination(id: string): QueueDestination | undefined {
  const dest = catalogEntry(id);
  const adapter = destinationAdapter(id);
  if (!dest || !adapter) return undefined;
  return {
    id,
    channel: adapter.channel,
    ...(dest.dailyLimit ? { limit: { max: dest.dailyLimit.count, windowMs: dest.dailyLimit.hours * 3600_000 } } : {}),
    tooFrequentCooldownMs: TOO_FREQUENT_COOLDOWN_MS,
  };
}

async function endpointSettings(): Promise<ApiEndpointSettings | undefined> {
  const stored = (await browser.storage.local.get(API_ENDPOINT_STORAGE_KEY))[API_ENDPOINT_STORAGE_KEY];
  const parsed = v.safeParse(ApiEndpointSettingsSchema, stored);
  return parsed.success ? parsed.output : undefined;
}

async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function sendApi(s: Submission): Promise<ApiOutcome> {
  const endpoint = await endpointSettings();
  if (!endpoint) return { kind: 'permanent', code: 'no-endpoint', detail: 'no endpoint configured' };
  const report = await loadReport(s.reportId);
  if (!report) return { kind: 'permanent', code: 'no-report', detail: `report ${s.reportId} is gone` };
  const data: Record<string, string> = {};
  for (const meta of report.evidence) {
    if (meta.excluded || meta.size > MAX_API_ARTIFACT_BYTES) continue;
    const record = await reports.getArtifact(meta.id);
    if (record) data[meta.id] = await blobBase64(record.blob);
  }
  return sendToApi(endpoint, s, apiPayload(report, s, data));
}

function makeQueue(): SubmissionQueue {
  return new SubmissionQueue({
    store: submissions,
    destination: queueDestination,
    sendApi,
    backoff: async () => backoffFromStorage(await browser.storage.local.get(['queueBackoffBaseMs', 'queueBackoffMaxMs', 'queueMaxAttempts'])),
    now: () => new Date(),
    random: Math.random,
    orphanedBefore: WORKER_STARTED_AT,
    onTransition: () => undefined,
    beforeSend: async () => {
      const { baseMs } = backoffFromStorage(await browser.storage.local.get(['queueBackoffBaseMs']));
      await wakeQueueAt(Date.now() + Math.max(1000, baseMs));
    },
  });
}
const queue = makeQueue();

// One run at a time per worker; a request during a run makes one more run afterwards.
let running: Promise<void> | null = null;
let again = false;
export function runQueue(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const generation = wakeGeneration;
      const { nextAt } = await queue.process();
      if (nextAt) await wakeQueueAt(Math.max(Date.now() + 50, Date.parse(nextAt)));
      // Nothing left as this run saw it. A wake-up asked for meanwhile (a submission stored while the run
      // read the queue) stays: were it cleared and the worker stopped before the next round, that
      // submission would wait for some unrelated wake-up.
      else if (generation === wakeGeneration) await browser.alarms.clear(QUEUE_ALARM);
    } while (again);
    await updateBadge(submissions);
  })()
    .catch((err: unknown) => console.error('[report-assistant] queue run failed', err))
    .finally(() => {
      running = null;
    });
  return running;
}

async function pollStatuses(): Promise<void> {
  const endpoint = await endpointSettings();
  if (!endpoint) return;
  const done = (await submissions.listByStates(['submitted'])).filter((s) => s.channel === 'api' && s.receipt?.code);
  for (const s of done) {
    const status = await pollApiStatus(endpoint, s.receipt!.code!);
    if (!status || status.status === s.remoteStatus?.status) continue;
    await submissions.update(s.id, (c) => ({
      ...c,
      remoteStatus: { status: status.status, ...(status.note ? { note: status.note } : {}), checkedAt: new Date().toISOString() },
      updatedAt: new Date().toISOString(),
    }));
  }
}

// ---- which tab is submitting which submission (survives a stopped worker, not a browser restart,
// which closes the tab anyway)
interface TabBinding {
  submissionId: string;
  profileId: string;
}
const tabKey = (tabId: number) => `destinationTab:${tabId}`;
/** Until when a dialog page (an item's own page on a platform) may be submitting: see extension/destinations. */
const DIALOG_PENDING_MS = 6 * 3600_000;
async function bindingFor(sender: Runtime.MessageSender): Promise<TabBinding | undefined> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return undefined;
  return (await browser.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as TabBinding | undefined;
}

/** The report, with the reporter's details from the local profile only when it is not anonymous. */
async function loadReport(id: string): Promise<SubmittableReport | undefined> {
  const report = await reports.get(id);
  if (!report || report.anonymous !== false) return report;
  const profile = await reports.getMeta<Record<string, unknown>>(PROFILE_META_KEY);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() && v.length <= 254 ? v.trim() : undefined);
  const reporter = { name: text(profile?.name), phone: text(profile?.phone), email: text(profile?.email) };
  return { ...report, reporter: Object.fromEntries(Object.entries(reporter).filter(([, v]) => v)) };
}

const BANNER_KEYS = [
  'submitBannerTitle', 'submitBannerNotes', 'submitBannerCountdown', 'submitBannerTickRead', 'submitBannerAgreeNow',
  'submitBannerFilled', 'submitBannerAttached', 'submitBannerMissing', 'submitBannerCaptcha', 'submitBannerSubmit',
  'submitBannerRecorded', 'submitBannerRecordedCode', 'submitBannerTooFrequent', 'submitBannerAlready',
  'submitBannerFindingItem', 'submitBannerOpenDialogYourself', 'submitBannerDialogSubmit',
];

/** The destination page's banner in the language the person chose in the settings (the browser's otherwise). */
async function bannerMessages(): Promise<Record<string, string>> {
  const { language } = (await browser.storage.local.get('language')) as { language?: string };
  const locale = resolveLocale(language, browser.i18n.getUILanguage());
  const load = async (l: string) => (await (await fetch(browser.runtime.getURL(`_locales/${l}/messages.json`))).json()) as LocaleMessages;
  const messages = await load(locale);
  const fallback = locale === DEFAULT_LOCALE ? {} : await load(DEFAULT_LOCALE);
  return Object.fromEntries(BANNER_KEYS.map((k) => [k, (messages[k] ?? fallback[k])?.message ?? k]));
}

export const submissionHandlers: HandlerTable = {
  'submit-report': async ({ reportId }) => {
    const report = await loadReport(reportId);
    if (!report) return { ok: false, error: 'submitErrorNoReport' };
    if (report.status === 'draft') return { ok: false, error: 'submitErrorNotSaved' };
    const ids = [...new Set((report.destinations ?? []).filter(isDestinationId))];
    if (ids.length === 0) return { ok: false, error: 'submitErrorNoDestinations' };
    const wanted = ids.map((id) => newSubmission({ reportId, destinationId: id, channel: destinationAdapter(id)!.channel }));
    // The wake-up first, so a worker stopped right after storing still has one coming (a run that finds
    // nothing yet just ends); then persist: one submission per destination and the report's status, in one
    // transaction; then act now, while this worker lives.
    await wakeQueueAt(Date.now() + 2000);
    const stored = await submissions.createForReport(reportId, wanted, (r) => ({ ...r, status: 'submitted' }));
    void runQueue();
    return { ok: true, submissionIds: stored.map((s) => s.id) };
  },

  'submission-action': async (payload) => {
    const s = await submissions.get(payload.submissionId);
    if (!s) return { ok: false, error: 'submitErrorNoSubmission' };
    if (payload.action === 'retry') {
      const after = await queue.retry(s.id);
      await runQueue();
      return { ok: true, submission: (await submissions.get(s.id)) ?? after };
    }
    if (payload.action === 'cancel') {
      const after = await queue.cancel(s.id);
      await updateBadge(submissions);
      return { ok: true, submission: after };
    }
    if (payload.action === 'confirm') {
      if (s.channel === 'api') return { ok: false, error: 'submitErrorNotByHand' };
      const receipt = { at: new Date().toISOString(), ...(payload.code ? { code: payload.code } : {}) };
      if (s.state === 'awaiting-person') await queue.begin(s.id);
      const after = await queue.confirm(s.id, receipt);
      await updateBadge(submissions);
      return { ok: true, submission: after };
    }
    // open
    const report = await loadReport(s.reportId);
    const adapter = destinationAdapter(s.destinationId);
    if (!report || !adapter) return { ok: false, error: 'submitErrorNoReport' };
    if (s.channel === 'api') return { ok: false, error: 'submitErrorNotByHand' };
    const after = await queue.begin(s.id);
    await updateBadge(submissions);
    if (after.state !== 'submitting') return { ok: true, submission: after };
    const action = adapter.prepare(report, after);
    if (action.kind === 'open-page') {
      // The content script on platforms' item pages asks the worker only while such a tab may be open.
      if (action.fill && siteProfile(action.fill.profileId)?.dialog) {
        await browser.storage.local.set({ [DIALOG_PENDING_KEY]: Date.now() + DIALOG_PENDING_MS });
      }
      const tab = await browser.tabs.create({ url: action.url });
      if (tab.id !== undefined) {
        const binding: TabBinding = { submissionId: s.id, profileId: action.fill?.profileId ?? '' };
        await browser.storage.session.set({ [tabKey(tab.id)]: binding });
      }
    }
    return { ok: true, submission: after, action };
  },

  'queue-kick': async () => {
    await runQueue();
    return { ok: true };
  },

  // The page's own word for its URL (`payload.url`) is not asked: the browser's `sender.url` says which page
  // this is (a tab the extension opened can since have gone to http://, or anywhere).
  'destination-page': async (_payload, sender) => {
    const binding = await bindingFor(sender);
    const page = matchPage(sender.url ?? '');
    if (!binding || !page || page.profile.id !== binding.profileId) return { ok: true, task: null };
    const s = await submissions.get(binding.submissionId);
    if (!s || (s.state !== 'submitting' && s.state !== 'submitted')) return { ok: true, task: null };
    const report = await loadReport(s.reportId);
    const action = report ? destinationAdapter(s.destinationId)?.prepare(report, s) : undefined;
    if (!action || action.kind !== 'open-page' || !action.fill) return { ok: true, task: null };
    return {
      ok: true,
      task: {
        submissionId: s.id,
        profileId: action.fill.profileId,
        role: s.state === 'submitted' ? 'result' : page.role,
        values: action.fill.values,
        ...(action.fill.target ? { target: action.fill.target } : {}),
        uploadCount: action.fill.uploads.length,
        messages: await bannerMessages(),
      },
    };
  },

  'destination-uploads': async ({ submissionId }, sender) => {
    const binding = await bindingFor(sender);
    // The evidence goes only to a page of the destination's own https origin, as the fill values do.
    if (binding?.submissionId !== submissionId || matchPage(sender.url ?? '')?.profile.id !== binding.profileId) {
      return { ok: false, error: 'errorRejected' };
    }
    const s = await submissions.get(submissionId);
    const report = s ? await loadReport(s.reportId) : undefined;
    const action = report && s ? destinationAdapter(s.destinationId)?.prepare(report, s) : undefined;
    if (!action || action.kind !== 'open-page' || !action.fill) return { ok: true, files: [] };
    const files = [];
    let n = 0;
    for (const id of action.fill.uploads) {
      const record = await reports.getArtifact(id);
      const meta = report!.evidence.find((a) => a.id === id);
      if (!record || !meta) continue;
      n += 1;
      const ext = meta.mime === 'image/jpeg' ? 'jpg' : 'png';
      files.push({ name: `evidence-${n}-${meta.sha256.slice(0, 8)}.${ext}`, mime: meta.mime, base64: await blobBase64(record.blob) });
    }
    return { ok: true, files };
  },

  'destination-answer': async ({ submissionId, kind, code, detail }, sender) => {
    const binding = await bindingFor(sender);
    const page = matchPage(sender.url ?? '');
    if (binding?.submissionId !== submissionId || !page || page.profile.id !== binding.profileId) {
      return { ok: false, error: 'errorRejected' };
    }
    let after: Submission;
    if (kind === 'confirmed') {
      const dest = catalogEntry((await submissions.get(submissionId))?.destinationId);
      const statusPage = dest?.entries.find((e) => e.purpose === 'status-query')?.url;
      after = await queue.confirm(submissionId, {
        at: new Date().toISOString(),
        ...(code ? { code } : {}),
        ...(statusPage ? { url: statusPage } : {}),
      });
    } else {
      after = await queue.destinationAnswered(submissionId, { kind, detail });
      await runQueue();
    }
    await updateBadge(submissions);
    return { ok: true, state: after.state };
  },
};

async function schedulePolling(): Promise<void> {
  const { apiStatusPollMinutes } = (await browser.storage.local.get('apiStatusPollMinutes')) as { apiStatusPollMinutes?: unknown };
  const minutes = typeof apiStatusPollMinutes === 'number' && apiStatusPollMinutes > 0 ? apiStatusPollMinutes : STATUS_POLL_MINUTES;
  const existing = await browser.alarms.get(STATUS_ALARM);
  if (!existing || existing.periodInMinutes !== minutes) {
    await browser.alarms.create(STATUS_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
  }
}

/** Top-level registration (called from index.ts), and one queue run at every wake-up of the worker. */
export function registerQueueListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === QUEUE_ALARM) void runQueue();
    if (alarm.name === STATUS_ALARM) void pollStatuses();
  });
  browser.runtime.onStartup.addListener(() => void runQueue());
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(tabKey(tabId)));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('apiStatusPollMinutes' in changes || API_ENDPOINT_STORAGE_KEY in changes)) void schedulePolling();
  });
  void schedulePolling();
  void runQueue();
}

export { siteProfile };
