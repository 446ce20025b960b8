// The dashboard (options page, full tab): the browser parts — messages to the worker, the clock with its
// test offset, other languages' messages — handed to the Preact dashboard in src/ui/dashboard.
import { render } from 'preact';
import { browser, mayRunOn } from '../lib/browser';
import { loadTranslator } from '../lib/i18n';
import { HostAccessNotice } from '../lib/host-access-notice';
import { IdbReportStore, openReportDb } from '../../src/storage/report-store';
import { createTranslator, type Locale, type LocaleMessages } from '../../src/i18n/i18n';
import { Dashboard, FIRST_SCREEN } from '../../src/ui/dashboard/dashboard';
import { loadFirstReports } from '../../src/ui/dashboard/data';
import type { DashboardEnv } from '../../src/ui/dashboard/env';
import { extensionNow } from '../tracking/clock';
import { Settings } from './settings';

async function main() {
  performance.mark('dashboard-start');
  // The database and the first screen of reports are read while the interface language loads.
  const dbPromise = openReportDb();
  const firstReports = dbPromise.then((db) => loadFirstReports(db, FIRST_SCREEN));
  firstReports.catch(() => undefined);
  const { t, locale } = await loadTranslator();
  performance.mark('dashboard-i18n');
  document.title = `${t('dashboardTitle')} · ${t('extName')}`;
  const env: DashboardEnv = {
    store: new IdbReportStore(),
    db: () => dbPromise,
    t,
    locale,
    now: extensionNow,
    send: (message) => browser.runtime.sendMessage(message) as never,
    canHelpOn: mayRunOn,
    async translatorFor(other: Locale) {
      const load = async (l: string) => (await (await fetch(browser.runtime.getURL(`_locales/${l}/messages.json`))).json()) as LocaleMessages;
      return createTranslator(await load(other), await load('zh_CN'));
    },
  };
  render(
    <>
      <header class="bar">
        <h1>{t('dashboardTitle')}</h1>
        <a class="small" href={browser.runtime.getURL('extension/welcome/index.html')} data-testid="open-welcome">
          {t('welcome_reopen')}
        </a>
      </header>
      <HostAccessNotice t={t} />
      <Dashboard env={env} firstReports={firstReports} />
      <Settings t={t} />
    </>,
    document.getElementById('app')!,
  );
}

void main();
