// Opening the report form (from a message, or the keyboard shortcut for a tab), and what happens when the
// person saves it.
import { browser, openReportForm } from '../lib/browser';
import { IdbReportStore, openReportDb } from '../../src/storage/report-store';
import { recordEvent } from '../../src/lifecycle/event-log';
import type { HandlerTable } from './handlers';

const formTabUrl = (reportId: string | undefined) =>
  browser.runtime.getURL(`extension/popup/index.html?${reportId ? `report=${encodeURIComponent(reportId)}&` : ''}tab=1`);

export const formHandlers: HandlerTable = {
  'open-form': async ({ reportId, where }) => {
    if (where === 'tab') {
      await browser.tabs.create({ url: formTabUrl(reportId) });
    } else {
      await openReportForm(reportId);
    }
    return { ok: true };
  },
  // The form writes the report itself (it must not wait on a worker that may be asleep); the worker then
  // records the save in the report's hash-chained history, after checking the report really is saved.
  'report-saved': async ({ reportId }) => {
    const report = await new IdbReportStore().get(reportId);
    if (report?.status !== 'saved') return { ok: false, error: 'errorRejected', detail: 'report is not saved' };
    await recordEvent(await openReportDb(), reportId, 'saved', {
      categoryId: report.categoryId,
      destinations: report.destinations ?? [],
      anonymous: report.anonymous ?? true,
    });
    return { ok: true };
  },
};

/** The report the form should show when opened without one: the one last open in the form, else the newest draft. */
async function currentFormReport(): Promise<string | undefined> {
  const session = (await browser.storage.session?.get('formReportId').catch(() => undefined)) as { formReportId?: string } | undefined;
  if (session?.formReportId) return session.formReportId;
  return (await new IdbReportStore().list({ status: 'draft' }))[0]?.id;
}

export async function openFormInTab(): Promise<void> {
  await browser.tabs.create({ url: formTabUrl(await currentFormReport()) });
}

export function registerFormListeners(): void {
  // `_execute_action` (the popup's own shortcut) is handled by the browser; this is the "form in a tab" one.
  browser.commands?.onCommand.addListener((command: string) => {
    if (command === 'open-form-tab') void openFormInTab();
  });
}
