// Report buttons on every site are opt-in: the person grants the optional host permission in the
// settings, and the content script is then registered for all sites. Without it, the supported
// platforms (declared in manifest.json) still get their buttons, and any page can be reported via
// the toolbar or the context menu (activeTab).
import { browser, declaredContentScripts } from '../lib/browser';
import { EVERYWHERE_PERMISSION } from '../lib/permissions';

const SCRIPT_ID = 'report-buttons-everywhere';
const PAGES = ['http://*/*', 'https://*/*'];

export async function syncEverywhereScripts(): Promise<void> {
  const granted = await browser.permissions.contains(EVERYWHERE_PERMISSION);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (granted && registered.length === 0) {
    const declared = declaredContentScripts()[0];
    if (!declared?.js.length) return;
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: PAGES,
        // The supported platforms already get the declared content script.
        excludeMatches: declared.matches,
        js: declared.js,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!granted && registered.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
}


export function registerEverywhereListeners(): void {
  const sync = () => void syncEverywhereScripts().catch((e: unknown) => console.warn('[report-assistant] content script registration', e));
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}
