import { render } from 'preact';
import { loadTranslator } from '../lib/i18n';
import { HostAccessNotice } from '../lib/host-access-notice';
import { IdbReportStore } from '../../src/storage/report-store';
import { ReportList } from '../../src/ui/report-list';
import { Settings } from './settings';

async function main() {
  const { t, locale } = await loadTranslator();
  document.title = `${t('dashboardTitle')} · ${t('extName')}`;
  const store = new IdbReportStore();
  render(
    <>
      <header class="bar">
        <h1>{t('dashboardTitle')}</h1>
      </header>
      <HostAccessNotice t={t} />
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('reportsHeading')}</h2>
        <ReportList store={store} t={t} locale={locale} />
      </section>
      <Settings t={t} />
    </>,
    document.getElementById('app')!,
  );
}

void main();
