// The content script: puts a report button on each post and sends the captured post to the worker.
// It runs on every feed item, so it does little: one batched observer, no layout reads until a click.
import { browser } from '../lib/browser';
import { attachReportButtons } from './report-buttons';

const controller = new AbortController();
attachReportButtons(document, {
  signal: controller.signal,
  label: browser.i18n.getMessage('reportButton') || '举报',
  busyLabel: browser.i18n.getMessage('reportButtonBusy') || '…',
  doneLabel: browser.i18n.getMessage('reportButtonDone') || '✓',
  failedLabel: browser.i18n.getMessage('reportButtonFailed') || '!',
  send: (message) => browser.runtime.sendMessage(message),
});
