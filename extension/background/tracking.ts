// Tracking in the service worker: reminders when a destination's answer window passes (alarm +
// notification + badge), one-click escalation through the submission queue, 12377's status query, and
// answers recognised on platforms' notification pages.
//
// Nothing here lives in memory: the reports' lifecycle summaries and the event log are in IndexedDB, the
// tab that is querying which submission is in storage.session, and the scan runs from an alarm.
import { browser, type Runtime } from '../lib/browser';
import type { HandlerTable } from './handlers';
import { setOverdueCount } from './badge';
import { runQueue } from './queue';
import { extensionNow, CLOCK_OFFSET_AREA, CLOCK_OFFSET_KEY } from '../tracking/clock';
import { openReportDb, type ReportAssistantDB } from '../../src/storage/report-store';
import type { IDBPDatabase } from 'idb';
import type { Report } from '../../src/model/report';
import { recordEvent, type EventData } from '../../src/lifecycle/event-log';
import { WAITING_STAGES, type Stage } from '../../src/lifecycle/lifecycle';
import { findOverdue, RESPONSE_WINDOWS_META, type WindowOverrides } from '../../src/lifecycle/response-windows';
import { chinaDate, escalationHistory, escalationOptions } from '../../src/lifecycle/escalation';
import { feedbackSiteFor, noticeMentions, outcomeOfText, QUERY_12377 } from '../../src/lifecycle/feedback-sites';
import { IdbSubmissionStore } from '../../src/queue/submission-store';
import { newSubmission, type Submission } from '../../src/model/submission';
import { destination as catalogEntry, destinationNameKey } from '../../src/destinations/catalog';
import { destinationAdapter } from '../../src/destinations/adapters';
import { createTranslator, DEFAULT_LOCALE, resolveLocale, type LocaleMessages, type Translate } from '../../src/i18n/i18n';

const OVERDUE_ALARM = 'tracking-overdue';
const OVERDUE_PERIOD_MINUTES = 30;
const NOTIFICATION_ID = 'tracking-overdue';
const queryTabKey = (tabId: number) => `query12377:${tabId}`;

type Db = IDBPDatabase<ReportAssistantDB>;
let dbPromise: Promise<Db> | undefined;
/** The connection is a cache only: reopened whenever the worker starts. */
const db = () => (dbPromise ??= openReportDb());

async function translator(): Promise<Translate> {
  const { language } = (await browser.storage.local.get('language')) as { language?: string };
  const locale = resolveLocale(language, browser.i18n.getUILanguage());
  const load = async (l: string) => (await (await fetch(browser.runtime.getURL(`_locales/${l}/messages.json`))).json()) as LocaleMessages;
  return createTranslator(await load(locale), locale === DEFAULT_LOCALE ? {} : await load(DEFAULT_LOCALE));
}

async function reportsInStages(stages: readonly Stage[]): Promise<Report[]> {
  const d = await db();
  const tx = d.transaction('reports');
  const lists = await Promise.all(stages.map((s) => tx.store.index('by-stage').getAll(s)));
  await tx.done;
  return lists.flat();
}

/**
 * Reminds the person of every submission whose answer window passed: a 'reminder' event (the report
 * becomes "no answer"), one notification, and the badge. Safe to run any number of times: a submission
 * is reminded once (the summary remembers it).
 */
export async function checkOverdue(): Promise<{ overdue: number; reminded: number }> {
  const now = await extensionNow();
  const d = await db();
  const overrides = ((await d.get('meta', RESPONSE_WINDOWS_META))?.value ?? {}) as WindowOverrides;
  const overdue = findOverdue(await reportsInStages(WAITING_STAGES), overrides, now);
  let reminded = 0;
  for (const o of overdue.filter((x) => !x.reminded)) {
    await recordEvent(d, o.reportId, 'reminder', { submissionId: o.submissionId, destinationId: o.destinationId, dueAt: o.dueAt }, { now });
    reminded++;
  }
  const waiting = (await reportsInStages(['no-answer'])).length;
  await setOverdueCount(waiting);
  if (reminded > 0) {
    const t = await translator();
    await browser.notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('track_notifTitle'),
      message: t('track_notifBody', waiting),
      priority: 1,
    });
  }
  return { overdue: waiting, reminded };
}

async function escalate(reportId: string, fromSubmissionId: string, toDestinationId: string) {
  const d = await db();
  const [report, from] = await Promise.all([d.get('reports', reportId), d.get('submissions', fromSubmissionId)]);
  const original = from as unknown as Submission | undefined;
  if (!report || !original || original.reportId !== reportId) return { ok: false as const, error: 'track_errorNotFound' };
  const sent = [...new Set([...(report.lifecycle?.destinations ?? []), ...(report.destinations ?? [])])];
  const adapter = destinationAdapter(toDestinationId);
  if (!adapter || !escalationOptions(original.destinationId, report.categoryId, sent).includes(toDestinationId as never)) {
    return { ok: false as const, error: 'track_errorLadder' };
  }
  // The history the next destination reads: every earlier submission, when, where, its number.
  const t = await translator();
  const earlier = ((await d.getAllFromIndex('submissions', 'by-report', reportId)) as unknown as Submission[])
    .filter((s) => s.state === 'submitted' || s.id === fromSubmissionId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const history = escalationHistory(
    earlier.map((s) => ({
      destinationName: t(destinationNameKey(s.destinationId)),
      when: chinaDate(s.receipt?.at ?? s.updatedAt),
      ...(s.receipt?.code ? { receiptCode: s.receipt.code } : {}),
    })),
  );
  const now = await extensionNow();
  const next = newSubmission({ reportId, destinationId: toDestinationId, channel: adapter.channel, escalatedFrom: fromSubmissionId }, now);
  // Created through the queue's own store, so the new row and the 'escalated' event commit together.
  const store = new IdbSubmissionStore(undefined, async (tx, before, after) => {
    if (before === null && after.id === next.id) {
      const data: EventData = { fromSubmissionId, fromDestinationId: original.destinationId, toDestinationId, submissionId: next.id, history };
      await recordEvent(tx, reportId, 'escalated', data, { now });
    }
  });
  const [created] = await store.createForReport(reportId, [next], (r) => ({
    ...r,
    // The same evidence goes along (it is the report's); the history opens the description.
    description: r.description.startsWith(history) ? r.description : `${history}\n\n${r.description}`,
    destinations: [...new Set([...(r.destinations ?? []), toDestinationId])],
  }));
  if (!created || created.id !== next.id) return { ok: false as const, error: 'track_errorLadder' };
  await runQueue();
  await checkOverdue();
  return { ok: true as const, submissionId: next.id, history };
}

/** Submissions of tracked reports whose receipt carries this code (12377's 查询码). */
async function submissionsWithCode(code: string): Promise<Submission[]> {
  const d = await db();
  const all = (await d.getAll('submissions')) as unknown as Submission[];
  return all.filter((s) => s.receipt?.code === code);
}

export const trackingHandlers: HandlerTable = {
  'track-escalate': async ({ reportId, fromSubmissionId, toDestinationId }) => escalate(reportId, fromSubmissionId, toDestinationId),

  'track-open-query': async ({ submissionId }) => {
    const s = (await (await db()).get('submissions', submissionId)) as unknown as Submission | undefined;
    if (!s) return { ok: false, error: 'track_errorNotFound' };
    if (!s.receipt?.code) return { ok: false, error: 'track_errorNoCode' };
    const url = catalogEntry(s.destinationId)?.entries.find((e) => e.purpose === 'status-query')?.url ?? QUERY_12377.source;
    const tab = await browser.tabs.create({ url });
    if (tab.id !== undefined) {
      await browser.storage.session.set({ [queryTabKey(tab.id)]: { submissionId: s.id, reportId: s.reportId, code: s.receipt.code } });
    }
    return { ok: true };
  },

  'track-check-now': async () => ({ ok: true, ...(await checkOverdue()) }),

  'track-set-status': async ({ reportId, submissionId, outcome, stage, note }) => {
    const d = await db();
    if (!(await d.get('reports', reportId))) return { ok: false, error: 'track_errorNotFound' };
    const data: EventData = { note, ...(submissionId ? { submissionId } : {}), ...(outcome ? { outcome } : {}), ...(stage ? { stage } : {}) };
    await recordEvent(d, reportId, stage === 'closed' && !outcome ? 'closed' : 'status-set-by-hand', data, { now: await extensionNow() });
    await checkOverdue();
    return { ok: true };
  },

  'track-query-page': async (_payload, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: true, code: null };
    const binding = (await browser.storage.session.get(queryTabKey(tabId)))[queryTabKey(tabId)] as { code?: string } | undefined;
    return { ok: true, code: binding?.code ?? null };
  },

  'track-query-result': async ({ records }, sender: Runtime.MessageSender) => {
    const d = await db();
    const tabId = sender.tab?.id;
    const binding =
      tabId === undefined ? undefined : ((await browser.storage.session.get(queryTabKey(tabId)))[queryTabKey(tabId)] as { submissionId: string; code: string } | undefined);
    const now = await extensionNow();
    const recorded: Array<{ code: string; outcome: string | null; result: string }> = [];
    for (const record of records) {
      // Only codes of the person's own submissions: a page cannot write into another report.
      const subs = (await submissionsWithCode(record.code)).filter((s) => !binding || s.id === binding.submissionId || s.receipt?.code === binding.code);
      for (const s of subs) {
        const outcome = outcomeOfText(record.result);
        const last = (await d.get('reports', s.reportId))?.lifecycle;
        // The same answer read twice (the person queries again) is recorded once.
        const events = await d.getAllFromIndex('events', 'by-report', s.reportId);
        const seen = events.some((e) => e.type === 'feedback' && (e as { data?: EventData }).data?.resultText === record.result && (e as { data?: EventData }).data?.submissionId === s.id);
        if (!seen && last) {
          await recordEvent(
            d,
            s.reportId,
            'feedback',
            {
              submissionId: s.id,
              destinationId: s.destinationId,
              source: '12377-query',
              resultText: record.result,
              ...(outcome ? { outcome } : {}),
              ...(record.harmType ? { harmType: record.harmType } : {}),
            },
            { now },
          );
        }
        recorded.push({ code: record.code, outcome, result: record.result });
      }
    }
    await checkOverdue();
    return { ok: true, recorded };
  },

  'track-feedback-page': async ({ url, notices }) => {
    const site = feedbackSiteFor(url);
    if (!site) return { ok: true, matches: [] };
    const tracked = await trackedFor(site.destinationId);
    const matches = [];
    for (const notice of notices) {
      const report = tracked.find((r) => noticeMentions(notice, r.items));
      if (report) matches.push({ index: notice.index, reportId: report.id, outcome: outcomeOfText(notice.text) });
    }
    return { ok: true, matches };
  },

  'track-record-notice': async ({ url, notice, reportId }) => {
    const site = feedbackSiteFor(url);
    if (!site) return { ok: false, error: 'errorRejected' };
    // Matched again here: the content script's word is not enough to write into a report.
    const report = (await trackedFor(site.destinationId)).find((r) => r.id === reportId && noticeMentions(notice, r.items));
    if (!report) return { ok: false, error: 'track_errorNotFound' };
    const outcome = outcomeOfText(notice.text);
    const submissionId = report.lifecycle?.awaiting.find((a) => a.destinationId === site.destinationId)?.submissionId;
    await recordEvent(
      await db(),
      report.id,
      'feedback',
      {
        destinationId: site.destinationId,
        source: site.id,
        resultText: notice.text,
        ...(submissionId ? { submissionId } : {}),
        ...(outcome ? { outcome } : {}),
      },
      { now: await extensionNow() },
    );
    await checkOverdue();
    return { ok: true, outcome };
  },
};

/** Reports sent to this destination that are still open. */
async function trackedFor(destinationId: string): Promise<Report[]> {
  const open: Stage[] = ['submitted', 'awaiting-feedback', 'no-answer', 'escalated', 'rejected', 'no-violation'];
  return (await reportsInStages(open)).filter(
    (r) => (r.lifecycle?.destinations ?? []).includes(destinationId) || (r.destinations ?? []).includes(destinationId),
  );
}

async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(OVERDUE_ALARM))) {
    await browser.alarms.create(OVERDUE_ALARM, { periodInMinutes: OVERDUE_PERIOD_MINUTES, delayInMinutes: 1 });
  }
}

export function registerTrackingListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OVERDUE_ALARM) void checkOverdue().catch((e: unknown) => console.warn('[report-assistant] overdue check failed', e));
  });
  browser.runtime.onStartup.addListener(() => void ensureAlarm().then(checkOverdue));
  browser.runtime.onInstalled.addListener(() => void ensureAlarm());
  // Moving the test clock, or changing the windows, is a reason to look again now.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === CLOCK_OFFSET_AREA && CLOCK_OFFSET_KEY in changes) void checkOverdue();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== NOTIFICATION_ID) return;
    void browser.runtime.openOptionsPage();
    void browser.notifications.clear(id);
  });
}
