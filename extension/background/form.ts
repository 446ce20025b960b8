// Opening the report form, and what happens when the person saves it.
import { browser, openReportForm } from '../lib/browser';
import type { HandlerTable } from './handlers';

export const formHandlers: HandlerTable = {
  'open-form': async ({ reportId, where }) => {
    if (where === 'tab') {
      await browser.tabs.create({ url: browser.runtime.getURL(`extension/popup/index.html?report=${reportId}&tab=1`) });
    } else {
      await openReportForm(reportId);
    }
    return { ok: true };
  },
  'report-saved': async () => ({ ok: true }),
};
