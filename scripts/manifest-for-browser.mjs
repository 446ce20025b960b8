// The one per-browser difference of the manifest. `manifest.json` at the root is the Chromium manifest;
// every other browser gets it with the changes below, applied to the SOURCE manifest before
// @crxjs/vite-plugin reads it (its `browser: 'firefox'` mode expects `background.scripts` in its input and
// emits a `background.scripts` loader and web-accessible resources without `use_dynamic_url`).
// The README's "Chromium and Firefox" table lists the same differences for people.

/** Gecko add-on id: fixed, so updates, storage and the moz-extension UUID pref (tests) stay attached to it. */
export const GECKO_ID = 'report-assistant@jubao-helper.example';

/**
 * The oldest Firefox that has everything the extension relies on:
 * - `optional_host_permissions` in MV3 (Firefox 128),
 * - `browser_specific_settings.gecko.data_collection_permissions`, which addons.mozilla.org requires of
 *   new add-ons (Firefox 140; older versions ignore the key but AMO's linter then asks for a newer minimum),
 * - plus older needs: MV3 with `background.type: "module"` (112), `storage.session` (115),
 *   `scripting.registerContentScripts` with `persistAcrossSessions` (105).
 * 140 is also the ESR line that Debian ships Firefox ESR from before 153.
 */
export const GECKO_MIN_VERSION = '140.0';

export const BROWSERS = /** @type {const} */ (['chrome', 'firefox']);

/**
 * @param {'chrome' | 'firefox'} browser
 * @param {Record<string, any>} base the root manifest.json
 * @returns {Record<string, any>} the source manifest for that browser (a copy; `base` is not changed)
 */
export function manifestFor(browser, base) {
  const manifest = structuredClone(base);
  if (browser === 'chrome') return manifest;
  if (browser !== 'firefox') throw new Error(`unknown browser ${browser}; supported: ${BROWSERS.join(', ')}`);

  // Firefox runs MV3 background code as an event page (a non-persistent document), not a service worker.
  const worker = manifest.background?.service_worker;
  if (!worker) throw new Error('manifest.json has no background.service_worker to turn into background.scripts');
  manifest.background = { scripts: [worker], type: 'module' };

  // Firefox's own MV3 policy for extension pages is "script-src 'self'; upgrade-insecure-requests", and an
  // explicit policy replaces it: keep its upgrade of plain-http requests, so making object-src explicit
  // (issue 24) does not loosen Firefox. (Chromium's default has no upgrade; Chromium keeps manifest.json's.)
  const pages = manifest.content_security_policy?.extension_pages;
  if (pages && !/upgrade-insecure-requests/.test(pages)) {
    manifest.content_security_policy = { ...manifest.content_security_policy, extension_pages: `${pages}; upgrade-insecure-requests` };
  }

  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // Nothing is sent anywhere by the extension itself: the person sends reports to the destinations.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on (untested there; this only keeps
    // the key's minimum honest for AMO).
    gecko_android: { strict_min_version: '142.0' },
  };

  return manifest;
}

/**
 * The second half of the difference, applied to the manifest CRXJS wrote, for keys whose files CRXJS
 * only bundles under their Chromium name (it bundles `side_panel.default_path` but not
 * `sidebar_action.default_panel`).
 * @param {'chrome' | 'firefox'} browser
 * @param {Record<string, any>} built the manifest.json in dist/<browser>
 * @returns {Record<string, any>} the manifest to write back
 */
export function finishBuiltManifest(browser, built) {
  const manifest = structuredClone(built);
  if (browser === 'chrome') return manifest;
  // Firefox rejects `use_dynamic_url` (CRXJS's firefox mode drops it; this is a guard for later CRXJS versions).
  for (const entry of manifest.web_accessible_resources ?? []) delete entry.use_dynamic_url;
  if (manifest.side_panel) {
    // Firefox's sidebar shows one extension page beside the tabs of a window, as Chromium's side panel does.
    manifest.sidebar_action = {
      default_panel: manifest.side_panel.default_path,
      default_title: manifest.action?.default_title ?? manifest.name,
      ...(manifest.action?.default_icon ? { default_icon: manifest.action.default_icon } : {}),
      open_at_install: false,
    };
    delete manifest.side_panel;
  }
  // `sidePanel` is a Chromium permission; Firefox's sidebar needs none.
  if (manifest.permissions) manifest.permissions = manifest.permissions.filter((p) => p !== 'sidePanel');
  return manifest;
}
