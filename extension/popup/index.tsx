// The form's page: the toolbar popup, and the same page in a tab (`?tab=1`, for long reports), in a
// popup window (`?window=1`, when the browser would not open the toolbar popup) or in the side panel.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Locale, Translate } from '../../src/i18n/i18n';
import { browser, hasFormPanel, mayRunOn, openFormPanel } from '../lib/browser';
import { loadTranslator } from '../lib/i18n';
import { HostAccessNotice } from '../lib/host-access-notice';
import { SiteChangedNotice } from './site-changed-notice';
import { IdbReportStore } from '../../src/storage/report-store';
import { ReportForm, type EditJournal, type SubmitResult } from '../../src/ui/report-form';
import { editJournal } from '../../src/ui/edit-journal';
import type { FetchMediaResult } from '../../src/ui/form/media-fetch';
import type { RetakeState } from '../../src/ui/evidence-view';
import type { Responses } from '../../src/messaging/protocol';
import type { RetakeOutcome } from '../../src/messaging/messages/capture';
import { EVERYWHERE_PERMISSION } from '../lib/permissions';
import { readSessionMap } from '../lib/session-state';

/** The worker's record of a retake carried out after the grant (extension/background/retake.ts, RESULTS_KEY). */
async function retakeResult(key: string, timeoutMs = 60_000): Promise<RetakeOutcome> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const outcome = (await readSessionMap<Record<string, { outcome: RetakeOutcome }>>('retakeResults'))[key]?.outcome;
    if (outcome) return outcome;
    await new Promise((r) => setTimeout(r, 300));
  }
  return 'failed';
}

/**
 * 授予权限并补拍: the permission is asked for first in the click (Firefox refuses it after an await), and the
 * retake registered with the worker at the same time, which carries it out once the grant is there.
 */
function retakeScreenshot(reportId: string, itemIndex: number, progress: (state: RetakeState) => void): Promise<RetakeOutcome> {
  const granted = browser.permissions.request(EVERYWHERE_PERMISSION).catch(() => false);
  const asked = browser.runtime.sendMessage({ type: 'retake-screenshot', payload: { reportId, itemIndex } }) as Promise<Responses['retake-screenshot']>;
  return (async () => {
    const first = await asked;
    if (!first?.ok) return 'failed';
    if (first.outcome !== 'waiting') return first.outcome;
    progress('waiting');
    if (!(await granted)) return 'no-permission';
    return retakeResult(`${reportId}:${itemIndex}`);
  })();
}

/** 举报此页面 in the toolbar popup: the page it was opened over, which opening it allowed the extension to picture. */
function ReportPageButton({ t, onReported }: { t: Translate; onReported: (id: string) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        class="small"
        data-testid="report-page"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          void (browser.runtime.sendMessage({ type: 'report-active-page', payload: {} }) as Promise<Responses['report-active-page']>)
            .then((answer) => (answer?.ok ? onReported(answer.reportId) : setError(answer?.error ?? 'errorInternal')), () => setError('errorInternal'))
            .finally(() => setBusy(false));
        }}
      >
        {t('popup_reportPage')}
      </button>
      {error ? (
        <p class="error small" role="alert" data-testid="report-page-error">
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

/** Every edit is journaled at once (src/ui/edit-journal.ts): a keystroke not yet in IndexedDB when the popup closes is replayed. */
const journal: EditJournal = editJournal(browser.storage.local, (() => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
})());

type Panel = typeof import('../../src/ui/submissions/submissions-panel').SubmissionsPanel;

/** The submissions of a submitted report, with their actions; loaded on first use (not in the form's bundle). */
function LazySubmissions({ reportId, t, locale }: { reportId: string; t: Translate; locale: Locale }) {
  const [Loaded, setLoaded] = useState<Panel>();
  useEffect(() => {
    void import('../../src/ui/submissions/submissions-panel').then((m) => setLoaded(() => m.SubmissionsPanel));
  }, []);
  return Loaded ? (
    <Loaded
      reportId={reportId}
      t={t}
      locale={locale}
      send={(m) => browser.runtime.sendMessage(m)}
      canHelpOn={mayRunOn}
    />
  ) : null;
}

async function main() {
  const params = new URLSearchParams(location.search);
  const wide = params.has('tab') || params.has('window');
  const inPanel = params.has('panel');
  // Everything the first render needs, asked for at once: each is a round trip to the browser.
  const [{ t, locale }, windowId, session, local] = await Promise.all([
    loadTranslator(),
    // Known before any click: opening the side panel must happen inside the click's user gesture.
    hasFormPanel() && !inPanel ? browser.windows.getCurrent().then((w) => w.id, () => undefined) : Promise.resolve(undefined),
    (browser.storage.session?.get('formReportId').catch(() => undefined) ?? Promise.resolve(undefined)) as Promise<{ formReportId?: string } | undefined>,
    // 收集模式: the capture side keeps the report being gathered into under `collectInto`. `apiEndpoint` is
    // API_ENDPOINT_STORAGE_KEY of src/destinations/adapters/https-api.ts, spelled out: importing that module
    // would bring its validators into the popup's bundle for one string.
    browser.storage.local.get(['collectInto', 'apiEndpoint']) as Promise<{ collectInto?: string; apiEndpoint?: { url?: unknown } }>,
  ]);
  document.title = t('extName');
  document.body.classList.toggle('wide', wide);
  document.body.classList.toggle('panel', inPanel);
  const reportId = params.get('report') ?? session?.formReportId ?? undefined;
  const { collectInto } = local;
  const api = local.apiEndpoint;
  const store = new IdbReportStore();

  const rememberReport = (id: string | null) => {
    void browser.storage.session?.set({ formReportId: id ?? undefined }).catch(() => undefined);
    const url = new URL(location.href);
    if (id) url.searchParams.set('report', id);
    else url.searchParams.delete('report');
    history.replaceState(null, '', url);
  };

  render(
    <>
      <header class="bar">
        <h1>{t('extName')}</h1>
        {!wide && !inPanel ? (
          <ReportPageButton
            t={t}
            onReported={(id) => {
              rememberReport(id);
              location.reload();
            }}
          />
        ) : null}
      </header>
      <HostAccessNotice t={t} />
      <SiteChangedNotice t={t} />
      <ReportForm
        onRetakeScreenshot={retakeScreenshot}
        store={store}
        t={t}
        locale={locale}
        reportId={reportId}
        onSaved={(report) => void browser.runtime.sendMessage({ type: 'report-saved', payload: { reportId: report.id } })}
        onReopened={(id) => void browser.runtime.sendMessage({ type: 'report-reopened', payload: { reportId: id } }).catch(() => undefined)}
        onOpenDashboard={() => void browser.runtime.openOptionsPage()}
        onSwitchReport={rememberReport}
        apiConfigured={typeof api?.url === 'string' && api.url !== ''}
        {...(params.has('tab')
          ? {}
          : {
              onOpenInTab: (id: string) => {
                void browser.runtime.sendMessage({ type: 'open-form', payload: { reportId: id, where: 'tab' } }).then(() => {
                  if (!wide) window.close();
                });
              },
            })}
        {...(windowId !== undefined
          ? {
              onOpenInPanel: (id: string, written: Promise<void>) => {
                const opened = openFormPanel(`extension/popup/index.html?report=${encodeURIComponent(id)}&panel=1`, windowId);
                void Promise.all([opened, written]).then(([ok]) => {
                  if (ok && !wide) window.close();
                });
              },
            }
          : {})}
        limitUsage={async (ids) => {
          // Loaded on first use: the submissions store and the limit rule are the queue's (src/queue).
          const [{ IdbSubmissionStore }, { checkLimit }, { destination }] = await Promise.all([
            import('../../src/queue/submission-store'),
            import('../../src/queue/limits'),
            import('../../src/destinations/catalog'),
          ]);
          const sent = await new IdbSubmissionStore().listByStates(['submitted', 'submitting']);
          const now = new Date();
          return Object.fromEntries(
            ids.flatMap((id) => {
              const limit = destination(id)?.dailyLimit;
              return limit ? [[id, checkLimit(sent, id, { max: limit.count, windowMs: limit.hours * 3_600_000 }, now).used]] : [];
            }),
          );
        }}
        onSubmit={(id) => browser.runtime.sendMessage({ type: 'submit-report', payload: { reportId: id } }) as Promise<SubmitResult>}
        journal={journal}
        submissionsPanel={(id) => <LazySubmissions reportId={id} t={t} locale={locale} />}
        onFetchMedia={(id) => browser.runtime.sendMessage({ type: 'fetch-media', payload: { reportId: id } }) as Promise<FetchMediaResult>}
        collectingInto={collectInto}
        onCollect={async (id) => {
          const reply = (await browser.runtime.sendMessage(
            id ? { type: 'collect-start', payload: { reportId: id } } : { type: 'collect-stop', payload: {} },
          )) as { ok: boolean } | undefined;
          return reply?.ok === true;
        }}
      />
    </>,
    document.getElementById('app')!,
  );
}

void main();
