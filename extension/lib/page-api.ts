// The extension API as the content script sees it. That script runs on every page of the platforms (and,
// once allowed, on any site), so it does not load webextension-polyfill (browser.ts) — nor ask for the
// message catalogue, which `i18n.getMessage` fetches from the browser synchronously on its first call: the
// two together cost every page about 12 ms of main-thread time before the first button. It needs three
// calls, which both browsers give promise-returning: Firefox's `browser.*` and Chromium's `chrome.*`
// (Manifest V3). Everything else goes through browser.ts.
// Named imports: the bundler keeps only these entries of each catalogue.
import {
  reportButton as zhLabel,
  reportButtonBusy as zhBusy,
  reportButtonDone as zhDone,
  reportButtonDoneNoScreenshot as zhDoneNoShot,
  reportButtonDoneNoScreenshotHint as zhDoneNoShotHint,
  reportButtonFailed as zhFailed,
} from '../../public/_locales/zh_CN/messages.json';
import {
  reportButton as enLabel,
  reportButtonBusy as enBusy,
  reportButtonDone as enDone,
  reportButtonDoneNoScreenshot as enDoneNoShot,
  reportButtonDoneNoScreenshotHint as enDoneNoShotHint,
  reportButtonFailed as enFailed,
} from '../../public/_locales/en/messages.json';

export interface PageApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  i18n: { getUILanguage(): string };
}

const scope = globalThis as unknown as { browser?: PageApi; chrome?: PageApi };
export const pageApi: PageApi = (scope.browser ?? scope.chrome)!;

export interface ButtonLabels {
  label: string;
  busyLabel: string;
  doneLabel: string;
  doneNoScreenshotLabel: string;
  doneNoScreenshotHint: string;
  failedLabel: string;
}

/**
 * The report button's words, from the extension's own catalogues (only these keys are bundled), in the
 * language `i18n.getMessage` would pick: English for an English browser, else the default, Chinese.
 */
export function buttonLabels(uiLanguage: string): ButtonLabels {
  const [label, busy, done, noShot, noShotHint, failed] = /^en\b/i.test(uiLanguage)
    ? [enLabel, enBusy, enDone, enDoneNoShot, enDoneNoShotHint, enFailed]
    : [zhLabel, zhBusy, zhDone, zhDoneNoShot, zhDoneNoShotHint, zhFailed];
  return {
    label: label.message,
    busyLabel: busy.message,
    doneLabel: done.message,
    doneNoScreenshotLabel: noShot.message,
    doneNoScreenshotHint: noShotHint.message,
    failedLabel: failed.message,
  };
}
