// Every submission of one report, with its state and the person's actions, kept current while open.
// For the popup after "submit" and for the dashboard's report card:
//   <SubmissionsPanel reportId={id} t={t} locale={locale} send={(m) => browser.runtime.sendMessage(m)} />
// It reads IndexedDB directly (same extension origin) and re-reads every second: the worker changes
// submissions (an alarm, a destination's confirmation in another tab) while the page is open.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Submission } from '../../model/submission';
import type { Locale, Translate } from '../../i18n/i18n';
import { IdbReportStore, type ReportStore } from '../../storage/report-store';
import { IdbSubmissionStore, type SubmissionStore } from '../../queue/submission-store';
import { destination } from '../../destinations/catalog';
import type { SubmittableReport } from '../../destinations/adapters/destination-adapter';
import { SubmissionActions, SubmissionStatus, type SubmissionActionsProps } from './submission-actions';

export interface SubmissionsPanelProps {
  reportId: string;
  t: Translate;
  locale: Locale;
  send: (message: unknown) => Promise<unknown>;
  /** Injectable for tests; the extension's own database by default. */
  stores?: { reports: ReportStore; submissions: SubmissionStore };
  refreshMs?: number;
  /**
   * Whether the extension may run on every one of these hostnames (its destination pages): without that
   * it cannot fill the destination's page for the person, and the row says so. Absent: not checked.
   */
  canHelpOn?: (hostnames: string[]) => Promise<boolean>;
}

/** The hostnames of a destination's own pages (entries that are an item's own address are left out). */
export function destinationHosts(destinationId: string): string[] {
  const hosts = new Set<string>();
  for (const entry of destination(destinationId)?.entries ?? []) {
    if (!/^https?:\/\//.test(entry.url)) continue;
    try {
      hosts.add(new URL(entry.url.replace(/\{[^}]*\}/g, 'x')).hostname);
    } catch {
      // a template that is no URL: nothing to check
    }
  }
  return [...hosts];
}

/** States in which the person is about to use the destination's page with the extension's help. */
const NEEDS_PAGE_HELP = new Set(['awaiting-person', 'submitting']);

export function SubmissionsPanel({ reportId, t, locale, send, stores, refreshMs = 1000, canHelpOn }: SubmissionsPanelProps) {
  const { reports, submissions } = useMemo(() => stores ?? { reports: new IdbReportStore(), submissions: new IdbSubmissionStore() }, [stores]);
  const [report, setReport] = useState<SubmittableReport | null>(null);
  const [list, setList] = useState<Submission[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all([reports.get(reportId), submissions.listByReport(reportId)]).then(([r, s]) => {
      if (!live) return;
      setReport(r ?? null);
      setList(s);
    });
    const timer = setTimeout(() => setTick((n) => n + 1), refreshMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [reportId, tick]);
  // Destinations whose pages the extension may not run on (asked once per destination while open).
  const [noAccess, setNoAccess] = useState<ReadonlySet<string>>(new Set());
  const pageDestinations = [...new Set(list.filter((s) => s.channel === 'web-form' && NEEDS_PAGE_HELP.has(s.state)).map((s) => s.destinationId))].sort().join(' ');
  useEffect(() => {
    if (!canHelpOn || !pageDestinations) return;
    let live = true;
    void Promise.all(
      pageDestinations.split(' ').map(async (id) => {
        const hosts = destinationHosts(id);
        return hosts.length && !(await canHelpOn(hosts).catch(() => true)) ? id : undefined;
      }),
    ).then((ids) => live && setNoAccess(new Set(ids.filter((id): id is string => id !== undefined))));
    return () => {
      live = false;
    };
  }, [pageDestinations, tick === 0]);
  const act: SubmissionActionsProps['act'] = (message) => send(message) as ReturnType<SubmissionActionsProps['act']>;
  return (
    <section aria-labelledby={`submissions-${reportId}`} data-testid="submissions-panel">
      <h3 id={`submissions-${reportId}`} class="section-title">
        {t('submissionsHeading')}
      </h3>
      {list.length === 0 ? <p class="muted">{t('submissionsEmpty')}</p> : null}
      <ul class="dest-list">
        {list.map((s) => {
          const dest = destination(s.destinationId);
          return (
            <li key={s.id} data-testid="submission-row" data-destination={s.destinationId} data-state={s.state}>
              <strong>{dest ? t(dest.nameKey) : s.destinationId}</strong>
              <SubmissionStatus submission={s} t={t} locale={locale} />
              {noAccess.has(s.destinationId) && s.channel === 'web-form' && NEEDS_PAGE_HELP.has(s.state) ? (
                <p class="muted small" data-testid="submission-no-access">
                  {t('submissionNoHostAccess', destinationHosts(s.destinationId).join(locale === 'zh_CN' ? '、' : ', '))}
                </p>
              ) : null}
              {report ? (
                <SubmissionActions
                  submission={s}
                  report={report}
                  t={t}
                  locale={locale}
                  act={act}
                  readArtifact={(id) => reports.getArtifact(id)}
                  onChanged={() => setTick((n) => n + 1)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
