// Opening the report form (from a message, or the keyboard shortcut for a tab), and what happens when the
// person saves it.
import { browser, openReportForm } from '../lib/browser';
import { IdbReportStore, openReportDb } from '../../src/storage/report-store';
import { readEvents, recordEvent } from '../../src/lifecycle/event-log';
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
  // An edit after saving reopens the report as a draft (the form writes that itself). The history gets one
  // `edited` entry per reopening: only when the report really is a draft again and its newest save has
  // not been followed by a reopening yet, so a repeated or replayed message records nothing twice.
  'report-reopened': async ({ reportId }) => {
    const report = await new IdbReportStore().get(reportId);
    if (!report) return { ok: false, error: 'errorRejected', detail: 'no such report' };
    if (report.status !== 'draft') return { ok: false, error: 'errorRejected', detail: 'report is not a draft' };
    const db = await openReportDb();
    const last = (await readEvents(db, reportId)).filter((e) => e.type === 'saved' || e.type === 'edited').at(-1);
    if (last?.type !== 'saved') return { ok: true, recorded: false };
    await recordEvent(db, reportId, 'edited', { reopened: true, previousStatus: 'saved' });
    return { ok: true, recorded: true };
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
