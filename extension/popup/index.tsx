import { render } from 'preact';
import { browser } from '../lib/browser';
import { loadTranslator } from '../lib/i18n';
import { IdbReportStore } from '../../src/storage/report-store';
import { ReportForm } from '../../src/ui/report-form';

async function main() {
  const { t } = await loadTranslator();
  document.title = t('extName');
  const params = new URLSearchParams(location.search);
  const session = (await browser.storage.session?.get('formReportId').catch(() => undefined)) as
    | { formReportId?: string }
    | undefined;
  const fromSession = session?.formReportId;
  const reportId = params.get('report') ?? fromSession ?? undefined;
  const store = new IdbReportStore();
  render(
    <>
      <header class="bar">
        <h1>{t('extName')}</h1>
      </header>
      <ReportForm
        store={store}
        t={t}
        reportId={reportId}
        onSaved={(report) => void browser.runtime.sendMessage({ type: 'report-saved', payload: { reportId: report.id } })}
        onOpenDashboard={() => void browser.runtime.openOptionsPage()}
      />
    </>,
    document.getElementById('app')!,
  );
}

void main();
