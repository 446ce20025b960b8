// The dashboard (options page, full tab): the browser parts — messages to the worker, the clock with its
// test offset, other languages' messages — handed to the Preact dashboard in src/ui/dashboard.
import { render } from 'preact';
import { browser } from '../lib/browser';
import { loadTranslator } from '../lib/i18n';
import { HostAccessNotice } from '../lib/host-access-notice';
import { IdbReportStore, openReportDb } from '../../src/storage/report-store';
import { createTranslator, type Locale, type LocaleMessages } from '../../src/i18n/i18n';
import { Dashboard } from '../../src/ui/dashboard/dashboard';
import type { DashboardEnv } from '../../src/ui/dashboard/env';
import { extensionNow } from '../tracking/clock';
import { Settings } from './settings';

async function main() {
  performance.mark('dashboard-start');
  const { t, locale } = await loadTranslator();
  performance.mark('dashboard-i18n');
  document.title = `${t('dashboardTitle')} · ${t('extName')}`;
  let dbPromise: ReturnType<typeof openReportDb> | undefined;
  const env: DashboardEnv = {
    store: new IdbReportStore(),
    db: () => (dbPromise ??= openReportDb()),
    t,
    locale,
    now: extensionNow,
    send: (message) => browser.runtime.sendMessage(message) as never,
    async translatorFor(other: Locale) {
      const load = async (l: string) => (await (await fetch(browser.runtime.getURL(`_locales/${l}/messages.json`))).json()) as LocaleMessages;
      return createTranslator(await load(other), await load('zh_CN'));
    },
  };
  render(
    <>
      <header class="bar">
        <h1>{t('dashboardTitle')}</h1>
      </header>
      <HostAccessNotice t={t} />
      <Dashboard env={env} />
      <Settings t={t} />
    </>,
    document.getElementById('app')!,
  );
}

void main();
