// The dashboard's list of reports, each with its items and evidence, and a check of every hash.
import { useEffect, useState } from 'preact/hooks';
import type { Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import { formatTime, type Locale, type Translate } from '../i18n/i18n';
import { taxonomyItem, categoryLabelKey } from '../taxonomy/taxonomy';
import { verifyStoredReport } from '../evidence/verify-stored';
import { describeVerification } from '../evidence/verify';
import { EvidenceList, ItemSummary } from './evidence-view';

export function ReportList({ store, t, locale }: { store: ReportStore; t: Translate; locale: Locale }) {
  const [reports, setReports] = useState<Report[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    store.list().then(setReports, (err: unknown) => setError(String(err)));
  }, [store]);

  if (error) return <p role="alert" class="error">{t('errorLoad', error)}</p>;
  if (!reports) return <p class="muted">{t('loading')}</p>;
  if (reports.length === 0) return <p class="muted" data-testid="no-reports">{t('noReports')}</p>;
  return (
    <ol class="report-list" aria-label={t('reportsHeading')}>
      {reports.map((report) => (
        <li key={report.id} class="report-card" data-report-id={report.id} data-testid="report-card">
          <ReportCard report={report} store={store} t={t} locale={locale} />
        </li>
      ))}
    </ol>
  );
}

function ReportCard({ report, store, t, locale }: { report: Report; store: ReportStore; t: Translate; locale: Locale }) {
  const category = taxonomyItem(report.categoryId);
  return (
    <article>
      <header class="card-head">
        <span class={`status status-${report.status}`} data-testid="report-status">
          {t(`status_${report.status}`)}
        </span>
        <span data-testid="report-category">{category ? t(categoryLabelKey(category)) : t('noCategory')}</span>
        <time class="muted" dateTime={report.createdAt}>
          {formatTime(report.createdAt, locale)}
        </time>
      </header>
      <ItemSummary report={report} t={t} />
      {report.description ? (
        <p class="description" data-testid="report-description">
          {report.description}
        </p>
      ) : null}
      <details>
        <summary>{t('evidenceHeading')}</summary>
        <EvidenceList report={report} store={store} t={t} />
        <VerifyButton report={report} store={store} t={t} />
      </details>
    </article>
  );
}

function VerifyButton({ report, store, t }: { report: Report; store: ReportStore; t: Translate }) {
  // The signed manifest is the reference: a changed byte, a missing file or a forged signature is named.
  const [result, setResult] = useState<{ ok: boolean; lines: string[] }>();
  const verify = async () => {
    const fresh = (await store.get(report.id)) ?? report;
    const checked = await verifyStoredReport(store, fresh);
    setResult({ ok: checked.ok, lines: describeVerification(checked, t, fresh.items.length) });
  };
  return (
    <div class="verify">
      <button type="button" onClick={verify}>
        {t('verifyHashes')}
      </button>
      {result ? (
        <div role="status" class={result.ok ? 'ok' : 'error'} data-testid="verify-result">
          {result.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
