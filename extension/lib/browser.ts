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

// ---- Content scripts declared in the manifest ----

export interface DeclaredContentScript {
  matches: string[];
  /** Extension-relative paths, as `scripting.registerContentScripts` wants them. */
  js: string[];
}

/**
 * The manifest's content scripts, ready to register again for other pages. Firefox's `getManifest()`
 * returns their files as absolute `moz-extension://…` URLs, which `registerContentScripts` refuses;
 * Chromium returns the relative paths.
 */
export function declaredContentScripts(): DeclaredContentScript[] {
  const origin = extensionOrigin();
  const relative = (file: string) => (file.startsWith(origin) ? file.slice(origin.length) : file).replace(/^\/+/, '');
  return (browser.runtime.getManifest().content_scripts ?? []).map((entry) => ({
    matches: entry.matches ?? [],
    js: (entry.js ?? []).map(relative),
  }));
}

// ---- Host permissions ----

/**
 * The manifest's host permissions (the supported platforms) that the person has not granted.
 * Chromium grants them at install, but a person can withhold them ("site access"); Firefox MV3 treats
 * them as optional: granted at install by default since Firefox 127, declinable in the install
 * prompt and revocable in the add-ons manager. Either way the report buttons on those sites need them.
 */
export async function missingHostPermissions(): Promise<string[]> {
  const wanted = browser.runtime.getManifest().host_permissions ?? [];
  const missing: string[] = [];
  for (const origin of wanted) {
    if (!(await browser.permissions.contains({ origins: [origin] }))) missing.push(origin);
  }
  return missing;
}

/** Whether the extension may run on every one of these hostnames (to fill a destination's page there). */
export function mayRunOn(hostnames: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins: hostnames.map((h) => `*://${h}/*`) });
}

/**
 * Asks for the manifest's host permissions. Call it FIRST in a click handler, before any `await`:
 * Firefox honours `permissions.request` only during the user gesture itself.
 * Resolves to whether everything asked for is now granted.
 */
export function requestHostPermissions(): Promise<boolean> {
  const origins = browser.runtime.getManifest().host_permissions ?? [];
  return browser.permissions.request({ origins });
}

/** Calls `listener` whenever the extension's permissions change (granted here or in the browser's settings). */
export function onPermissionsChanged(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}

// ---- Side panel (Chromium) / sidebar (Firefox) ----

interface ChromiumSidePanel {
  setOptions(options: { path?: string; enabled?: boolean; tabId?: number }): Promise<void>;
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  setPanel(details: { panel: string | null; windowId?: number }): Promise<void>;
  open(): Promise<void>;
}

/** Whether this browser can show an extension page beside the tabs (side panel or sidebar). */
export function hasFormPanel(): boolean {
  const api = globalThis as { chrome?: { sidePanel?: unknown }; browser?: { sidebarAction?: unknown } };
  return Boolean(api.chrome?.sidePanel ?? api.browser?.sidebarAction);
}

/**
 * Shows `pagePath` (an extension page, e.g. 'extension/popup/index.html?report=…') beside the tabs:
 * Chromium's `sidePanel` (manifest `side_panel`, permission `sidePanel`) or Firefox's `sidebarAction`
 * (manifest `sidebar_action`, which scripts/manifest-for-browser.mjs derives from `side_panel`).
 * Both must be called during a user gesture. Resolves to false when the browser has neither, so the
 * caller can fall back to `openReportForm`.
 */
export async function openFormPanel(pagePath: string, windowId?: number): Promise<boolean> {
  const api = globalThis as { chrome?: { sidePanel?: ChromiumSidePanel }; browser?: { sidebarAction?: FirefoxSidebarAction } };
  const path = pagePath.replace(/^\/+/, '');
  const sidebar = api.browser?.sidebarAction;
  // Both calls start synchronously, inside the gesture; awaiting the first would spend it.
  if (sidebar) {
    const set = sidebar.setPanel({ panel: browser.runtime.getURL(path), ...(windowId !== undefined ? { windowId } : {}) });
    await Promise.all([set, sidebar.open()]);
    return true;
  }
  const panel = api.chrome?.sidePanel;
  if (panel) {
    const set = panel.setOptions({ path, enabled: true });
    await Promise.all([set, panel.open(windowId !== undefined ? { windowId } : {})]);
    return true;
  }
  return false;
}
