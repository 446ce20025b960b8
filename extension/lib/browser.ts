// The one place that imports the WebExtension polyfill, and where browser differences live.
// Chromium and Firefox differ in a few APIs; each difference gets one function here, never an
// `if (firefox)` in a feature.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs } from 'webextension-polyfill';

export const extensionOrigin = (): string => browser.runtime.getURL('/');

/**
 * Opens the report form for a report. The toolbar popup is the first choice; `action.openPopup` is not
 * allowed everywhere (no focused window, no user gesture), so a small popup window is the fallback.
 */
export async function openReportForm(reportId: string): Promise<void> {
  await browser.storage.session?.set({ formReportId: reportId }).catch(() => undefined);
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // fall through to a window
  }
  await browser.windows.create({
    url: browser.runtime.getURL(`extension/popup/index.html?report=${encodeURIComponent(reportId)}&window=1`),
    type: 'popup',
    width: 440,
    height: 680,
  });
}
