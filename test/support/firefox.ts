// Launches Debian's Firefox ESR with the built Firefox extension installed, for the end-to-end tests:
// puppeteer-core over WebDriver BiDi, `browser.installExtension(dir)` (a temporary add-on, as
// about:debugging → "Load Temporary Add-on" does). Never a downloaded browser: these machines have no internet.
//
// The counterpart of test/support/chromium.ts. The pages are puppeteer Pages (not playwright's), so a
// spec drives them with puppeteer's API; the helpers at the bottom cover what the specs need most.
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DIST_ROOT } from './chromium';
import { GECKO_ID } from '../../scripts/manifest-for-browser.mjs';

export const FIREFOX_DIST = path.join(DIST_ROOT, 'firefox');

/** How long one WebDriver BiDi command may go unanswered (see `launchFirefoxWithExtension`). */
export const PROTOCOL_TIMEOUT_MS = 75_000;

export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Firefox was not found. Install Debian\'s Firefox ESR with `sudo apt-get install -y firefox-esr ' +
        'firefox-esr-l10n-zh-cn` (or point FIREFOX_PATH at a Firefox binary), then run the command again.',
    );
  }
  return found;
}

export interface FirefoxLaunchOptions {
  /** The Firefox build to install: a folder (dist/firefox by default) or the store zip. */
  dist?: string;
  /**
   * Optional host permissions to grant after the install, e.g. `['<all_urls>']` ("report buttons on every
   * site", which is also what lets an in-page button take its screenshot). None by default: the build is
   * tested as a person installs it, and a grant is an explicit option, named (with the reason) by the tests
   * that need it. Granted through the real API, as a person's grant: a trusted click on an extension page
   * calls `permissions.request`, with Firefox's prompt turned off by the pref
   * `extensions.webextOptionalPermissionPrompts` (see `permissionPrompts`). The extension then reacts as
   * after a person's grant (permissions.onAdded → the all-sites content script, which is waited for when
   * `'<all_urls>'` is among the grants). Firefox keeps granted optional permissions in the profile: a
   * restart with the same `profileDir` and `uuid` still has them without naming them again.
   */
  grants?: string[];
  /**
   * Leave open the welcome page the extension opens on install (`session.welcomePage`); by default it is
   * waited for and closed, as a person who has read it would, before anything else happens, so that it
   * never comes to the front over a page the test opened (captureVisibleTab pictures the active tab).
   */
  keepWelcome?: boolean;
  /**
   * Grant the manifest's host permissions at install (default true: Firefox's own default since 127).
   * false starts like a person who declined them in the install prompt or revoked them later: MV3 in
   * Firefox treats host permissions as withdrawable, and the extension must ask for them.
   */
  grantHostPermissions?: boolean;
  /**
   * Show Firefox's own prompt for `permissions.request` (default false: answered yes without a prompt).
   * Headless Firefox still builds the prompt in the browser window, so a test can answer it there
   * (`answerPermissionPrompt`), e.g. to decline.
   */
  permissionPrompts?: boolean;
  /** Interface language, e.g. 'zh-CN' (needs Debian's firefox-esr-l10n-zh-cn) or 'en-US'. */
  lang?: string;
  colorScheme?: 'light' | 'dark';
  /**
   * Send every http and https request for a hostname other than 127.0.0.1/localhost to the fixture server
   * on this port (the server answers host H path P from sites/H/P). The Firefox equivalent of Chromium's
   * `--host-resolver-rules`: an HTTP proxy, which the fixture server answers as it answers any request
   * (https as a CONNECT tunnel to itself, with the test certificate).
   */
  fixtureProxyPort?: number;
  /**
   * Suspend the event page (Firefox's MV3 background) after this much idle time, as Firefox does after
   * 30 s: to test that nothing is lost when the background goes away (the counterpart of stopping
   * Chromium's service worker). See `backgroundAlive()` and `waitForBackgroundSuspended()`.
   */
  backgroundIdleTimeoutMs?: number;
  /**
   * Save downloads (an extension page's `<a download>`: evidence packs, CSV, backups) into this folder
   * without asking, as a person who chose "always save" would. See `waitForDownload()`.
   */
  downloadDir?: string;
  /** A profile directory to reuse (a browser restart); a fresh temp dir otherwise. */
  profileDir?: string;
  /**
   * The moz-extension UUID (the extension's origin, hence its IndexedDB); random by default. Pass the
   * previous session's `uuid` with its `profileDir` to restart into the same origin. The temporary add-on
   * is installed again at the next launch, and its IndexedDB and storage.local are still there (checked
   * by test/e2e/firefox/form-drafts.e2e.ts and submission-queue.e2e.ts); granted optional permissions too.
   */
  uuid?: string;
  headless?: boolean;
}

export interface FirefoxExtensionSession {
  browser: Browser;
  /** The add-on id (browser_specific_settings.gecko.id). */
  addonId: string;
  /** The moz-extension host of this install, fixed through `extensions.webextensions.uuids`. */
  uuid: string;
  profileDir: string;
  /**
   * The welcome page the extension opened on install, when launched with `keepWelcome: true` (undefined
   * otherwise: it was closed).
   */
  welcomePage?: Page;
  extensionUrl(pathname: string): string;
  newPage(): Promise<Page>;
  openPopup(query?: string): Promise<Page>;
  openDashboard(): Promise<Page>;
  /** Whether the event page (background) is running now; asking does not wake it. */
  backgroundAlive(): Promise<boolean>;
  /** Waits until Firefox has suspended the idle event page (set `backgroundIdleTimeoutMs` short). */
  waitForBackgroundSuspended(timeoutMs?: number): Promise<void>;
  /**
   * Unloads the extension's event page now, whatever it is doing, as about:debugging's "Terminate
   * background script" button does: Firefox's own `Extension.terminateBackground()`, called in the
   * browser's chrome scope (`evaluateInBrowserChrome`). The counterpart of stopping Chromium's service
   * worker with CDP: pending `fetch`es, IndexedDB transactions and ports of the background die with it,
   * and its persistent listeners (alarms, messages…) are primed to start it again. Resolves with the
   * background's state afterwards ('stopped'; also when it was not running).
   */
  terminateBackground(): Promise<string>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionSession> {
  const executablePath = findFirefox();
  const sourceDist = options.dist ?? FIREFOX_DIST;
  if (!existsSync(sourceDist.endsWith('.zip') ? sourceDist : path.join(sourceDist, 'manifest.json'))) {
    throw new Error(`No built Firefox extension at ${sourceDist}: run \`npm run build\` first.`);
  }
  const ownProfile = !options.profileDir;
  // Firefox writes compatibility.ini at its first start in a profile.
  const freshProfile = ownProfile || !existsSync(path.join(options.profileDir!, 'compatibility.ini'));
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ra-firefox-')));
  const dist = sourceDist;
  const lang = options.lang ?? 'zh-CN';
  const uuid = options.uuid ?? randomUUID();
  const prefs: Record<string, unknown> = {
    // Unsigned temporary add-ons (what about:debugging does for a developer).
    'xpinstall.signatures.required': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    'extensions.originControls.grantByDefault': options.grantHostPermissions ?? true,
    'intl.locale.requested': lang,
    // permissions.request (still only in a user gesture) is answered yes without a prompt.
    'extensions.webextOptionalPermissionPrompts': options.permissionPrompts ?? false,
    'intl.accept_languages': lang === 'zh-CN' ? 'zh-CN, zh, en' : `${lang}, en`,
    // 0 = dark, 1 = light, for pages and extension pages alike.
    'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
    // The closed network: no update checks, telemetry or remote settings noise.
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
  if (options.downloadDir) {
    Object.assign(prefs, {
      'browser.download.folderList': 2,
      'browser.download.dir': options.downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/zip,text/csv,application/json,application/octet-stream',
    });
  }
  if (options.backgroundIdleTimeoutMs) prefs['extensions.background.idle.timeout'] = options.backgroundIdleTimeoutMs;
  if (options.fixtureProxyPort) {
    Object.assign(prefs, {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.fixtureProxyPort,
      // https goes through the same server as a CONNECT tunnel; it answers with the test certificate,
      // which `acceptInsecureCerts` below lets this session accept.
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.fixtureProxyPort,
      'network.proxy.share_proxy_settings': false,
      // 127.0.0.1 (the fixture server itself) stays direct.
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      // A URL the test writes as http stays http (most replicas): HTTPS-First would move it to https,
      // which the server also answers, and the page would not be the one the spec named.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
    });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: options.headless ?? true,
    userDataDir: profileDir,
    extraPrefsFirefox: prefs,
    defaultViewport: { width: 1100, height: 800 },
    // The replicas' https uses a self-signed test certificate (test/support/tls.ts). WebDriver BiDi's
    // session capability: certificate errors are overridden in this browser session only.
    acceptInsecureCerts: true,
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// (the extension's pages) without it.
    args: ['--remote-allow-system-access'],
    // Firefox's remote agent now and then never answers a command (seen: browsingContext.navigate, which
    // gotoPage() works around), and the test hung until its 120 s timeout with nothing said. A command
    // unanswered for this long fails with its name instead (puppeteer: "<command> timed out. Increase the
    // 'protocolTimeout' …"), and the project makes such a test once more (vitest.config.ts). Longer than
    // every wait a spec asks the browser for (60 s at most), shorter than a test.
    protocolTimeout: PROTOCOL_TIMEOUT_MS,
    env: { ...process.env, LANG: `${lang.replace('-', '_')}.UTF-8`, LANGUAGE: lang.replace('-', '_') },
  });
  const addonId = await browser.installExtension(dist);
  if (addonId !== GECKO_ID) throw new Error(`installed add-on id ${addonId}, expected ${GECKO_ID}`);
  const extensionUrl = (pathname: string) => `moz-extension://${uuid}/${pathname.replace(/^\//, '')}`;
  let probe: Promise<Page> | undefined;

  const session: FirefoxExtensionSession = {
    browser,
    addonId,
    uuid,
    profileDir,
    extensionUrl,
    newPage: () => browser.newPage(),
    openPopup: (query = '') => openExtensionPage(browser, extensionUrl(`extension/popup/index.html${query}`)),
    openDashboard: () => openExtensionPage(browser, extensionUrl('extension/dashboard/index.html')),
    async backgroundAlive() {
      // An extension page lists the extension's views; the background is one while it runs. An open
      // extension page does not keep Firefox's event page alive.
      probe ??= openExtensionPage(browser, extensionUrl('extension/popup/index.html?probe=background'));
      return (await probe).evaluate(() =>
        (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension
          .getViews()
          .some((view) => view.location.pathname === '/_generated_background_page.html'),
      );
    },
    async waitForBackgroundSuspended(timeoutMs = 60_000) {
      await eventually(() => session.backgroundAlive(), (alive) => !alive, timeoutMs);
    },
    terminateBackground() {
      // `disableResetIdleForTest`: terminate even while the background has events or requests pending
      // (Firefox would otherwise postpone an idle suspension); `ignoreDevToolsAttached`: a debugger
      // attached would keep it alive.
      return evaluateInBrowserChrome<string>(
        browser,
        null,
        `(async () => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(addonId)});
          if (!extension) throw new Error('no such extension');
          await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
          return String(extension.backgroundState);
        })()`,
      );
    },
    async close() {
      await browser.close();
      if (ownProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };

  // First the welcome page, then the grants: nothing the test opens later is covered by it.
  const welcome = await settleWelcome(browser, extensionUrl('extension/welcome/index.html'), freshProfile, options.keepWelcome ?? false);
  if (welcome) session.welcomePage = welcome;

  const grants = options.grants ?? [];
  if (grants.length) {
    const page = await session.openPopup();
    await grantFromExtensionPage(page, grants);
    if (grants.includes('<all_urls>')) {
      // The background registers the all-sites content script when the grant arrives; pages opened
      // before that get no buttons.
      await page.waitForFunction(
        () => (globalThis as unknown as { browser: typeof chrome }).browser.scripting.getRegisteredContentScripts().then((s) => s.length > 0),
        { timeout: 15_000, polling: 100 },
      );
    }
    await page.close();
  }
  return session;
}

/**
 * The welcome page the extension opens on install (runtime.onInstalled, reason 'install'): waited for (up
 * to 15 s) and closed, or returned when `keep`. Firefox installs a temporary add-on anew at every launch
 * and reports it as an install, so the page also opens when a profile is started again; only on a fresh
 * profile is its absence an error. (The tab's `page.url()` says about:blank, as for every extension page
 * in Firefox's BiDi; its document is asked instead.)
 */
async function settleWelcome(browser: Browser, url: string, fresh: boolean, keep: boolean): Promise<Page | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (!href.startsWith(url)) continue;
      await eventually(() => page.evaluate(() => document.readyState).catch(() => ''), (state) => state === 'complete', 15_000);
      if (keep) return page;
      await page.close();
      return undefined;
    }
    if (Date.now() > deadline) {
      if (fresh) throw new Error(`the welcome page (${url}) did not open on install`);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Grants host permissions as a person would: `permissions.request` from a trusted click on one of the
 * extension's pages (Firefox refuses it outside a user gesture). The prompt is off in these profiles,
 * so the answer is yes. Throws if the browser still says no.
 */
export async function grantFromExtensionPage(page: Page, origins: string[]): Promise<void> {
  await page.evaluate((wanted) => {
    const button = document.createElement('button');
    button.id = 'test-grant-permissions';
    button.textContent = 'grant';
    button.style.cssText = 'position:fixed;inset:0 auto auto 0;width:120px;height:40px;z-index:2147483647';
    button.addEventListener('click', () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      (window as { __granted?: Promise<string> }).__granted = api.permissions.request({ origins: wanted }).then(String, String);
      button.remove();
    });
    document.body.append(button);
  }, origins);
  await page.click('#test-grant-permissions');
  const answer = await page.evaluate(() => (window as { __granted?: Promise<string> }).__granted);
  if (answer !== 'true') throw new Error(`permissions.request(${origins.join(', ')}) answered ${answer}`);
}

/**
 * Navigates `page` to a web page and waits until it has loaded. Firefox's remote agent now and then never
 * answers the navigation command although the page has loaded (seen about once in 80 navigations of the
 * platform specs; every request of the page answered by the fixture server), so the page is also watched
 * from inside: done when the navigation answers, or when a new document (not the one navigated from) at
 * the wanted origin has finished loading. A navigation that fails (an error page, a refused URL) throws.
 */
export async function gotoPage(page: Page, url: string, timeout = 30_000): Promise<void> {
  const origin = new URL(url).origin;
  // Marks the document navigated from, so that it is not mistaken for the new one.
  await page.evaluate(() => ((window as { __raLeaving?: boolean }).__raLeaving = true)).catch(() => undefined);
  let failure: unknown;
  let answered = false;
  void page.goto(url, { timeout }).then(
    () => (answered = true),
    (err: unknown) => (failure = err),
  );
  const loaded = () =>
    page
      .evaluate(
        (o) => !(window as { __raLeaving?: boolean }).__raLeaving && location.origin === o && document.readyState === 'complete',
        origin,
      )
      .catch(() => false);
  await eventually(async () => answered || failure !== undefined || (await loaded()), Boolean, timeout);
  if (!answered && failure !== undefined) throw failure;
}

/**
 * Opens one of the extension's pages in a new tab. Firefox's WebDriver BiDi navigates a tab to
 * moz-extension:// (with --remote-allow-system-access) but reports no load event for it, so
 * `page.goto` would time out although the page is there: wait for the document instead. (`page.url()`
 * keeps saying about:blank for such a tab; read `location.href` in the page if it matters.)
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url, { timeout: 120_000 }).catch(() => undefined);
  // Polled by hand: while the tab switches to the extension's process an evaluation can fail outright.
  const loaded = () =>
    page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
  await eventually(loaded, Boolean, 30_000);
  return page;
}

/**
 * Runs `click` and waits for the file it downloads into `dir` (launched with `downloadDir: dir`) to be
 * complete: a new name that is not Firefox's `.part` and stays the same size. Returns its name and bytes.
 */
export async function waitForDownload(dir: string, click: () => Promise<void>, timeout = 30_000): Promise<{ name: string; bytes: Uint8Array }> {
  const before = new Set(await readdir(dir));
  await click();
  const fresh = () => readdir(dir).then((names) => names.filter((n) => !before.has(n) && !n.endsWith('.part')));
  const [name] = await eventually(fresh, (names) => names.length === 1 && !names[0]!.startsWith('.'), timeout);
  const file = path.join(dir, name!);
  let size = -1;
  await eventually(
    async () => {
      const now = (await stat(file)).size;
      const settled = now === size && now > 0;
      size = now;
      return settled && !(await readdir(dir)).some((n) => n === `${name}.part`);
    },
    Boolean,
    timeout,
  );
  return { name: name!, bytes: new Uint8Array(await readFile(file)) };
}

// ---- Small helpers, so Firefox specs read like the Chromium ones ----

/** Waits for an element and returns its text (textContent, trimmed). */
export async function textOf(page: Page, selector: string, timeout = 10_000): Promise<string> {
  const el = await page.waitForSelector(selector, { timeout });
  return (await el!.evaluate((node) => node.textContent ?? '')).trim();
}

/** Polls until `read()` satisfies `ok`, like playwright's expect.poll; returns the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/**
 * Waits until the report button `selector` in `page` has finished its capture, and returns how: 'done'
 * (stored with its screenshot), 'done-no-screenshot' (stored without one; the record says why, e.g. no
 * `<all_urls>` grant or a tab not in front) or 'failed'. A test asserts the state it expects, so that a
 * capture stored without its screenshot fails at once and says so, not as a wait for 'done' that ran out.
 */
export async function captureEnded(page: Page, selector: string, timeout = 20_000): Promise<string> {
  return eventually(
    () => page.$eval(selector, (b) => b.getAttribute('data-state') ?? '').catch(() => ''),
    (state) => ['done', 'done-no-screenshot', 'failed'].includes(state),
    timeout,
  );
}

/** The button whose accessible name (aria-label, else text) is `name`, under `root`. */
export async function buttonNamed(page: Page, name: string, root = 'body'): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (rootSelector, wanted) =>
      Array.from(document.querySelectorAll<HTMLButtonElement>(`${rootSelector} button`)).find(
        (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === wanted,
      ),
    { timeout: 10_000 },
    root,
    name,
  );
  return handle as unknown as ElementHandle<HTMLButtonElement>;
}

// ---- The browser's own context menu (the chrome scope) ----

/**
 * Evaluates `expression` in Firefox's browser window (the privileged chrome document, not a web page),
 * through WebDriver BiDi's `moz:scope: "chrome"` contexts, which `--remote-allow-system-access` opens:
 * the window that holds `page`'s tab, or any browser window for `null` (for what is not about one tab,
 * e.g. the extension's background). The expression should produce a JSON-serialisable value or a
 * promise of one.
 */
export async function evaluateInBrowserChrome<T>(browser: Browser, page: Page | null, expression: string): Promise<T> {
  type Send = (method: string, params: object) => Promise<{ result: Record<string, unknown> }>;
  type Context = { context: string; url: string; clientWindow: string };
  const connection = (browser as unknown as { connection: { send: Send } }).connection;
  let clientWindow: string | undefined;
  if (page) {
    const tabId = (page.mainFrame() as unknown as { _id: string })._id;
    const tabs = (await connection.send('browsingContext.getTree', { maxDepth: 0 })).result.contexts as Context[];
    const tab = tabs.find((c) => c.context === tabId);
    if (!tab) throw new Error('the page is not a top-level browsing context');
    clientWindow = tab.clientWindow;
  }
  const windows = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result.contexts as Context[];
  const window = windows.find(
    (c) => (clientWindow === undefined || c.clientWindow === clientWindow) && c.url === 'chrome://browser/content/browser.xhtml',
  );
  if (!window) throw new Error(`no browser window holds the page: ${windows.map((c) => c.url).join(', ')}`);
  const answer = await connection.send('script.evaluate', {
    expression: `Promise.resolve(${expression}).then((v) => JSON.stringify(v ?? null))`,
    target: { context: window.context },
    awaitPromise: true,
  });
  const outcome = answer.result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
  if (outcome.type !== 'success') throw new Error(`in the browser window: ${outcome.exceptionDetails?.text ?? JSON.stringify(outcome)}`);
  return JSON.parse(outcome.result?.value ?? 'null') as T;
}

/** One of the extension's items in an open context menu. */
export interface ContextMenuItem {
  /** The item's id as the extension created it (e.g. 'ra-report-page'). */
  id: string;
  /** Its title as the menu shows it. */
  label: string;
}

/**
 * Right-clicks `page` at (x, y) with the mouse, waits for Firefox's real page context menu
 * (`#contentAreaContextMenu`), and clicks the extension's item `menuItemId` in it (`activateItem`, as
 * Firefox's own menu tests do), which delivers `menus.onClicked` with the browser's click info and grants
 * `activeTab`, exactly as a person's click. Returns the extension's items the menu showed.
 * Pass `menuItemId: null` to only look at the menu (it is closed again).
 * An open toolbar popup of the extension (the form opened after a capture) is closed first, as a
 * person's click in the page would close it. Every wait in the browser's scope is bounded; a menu that did
 * not open or close in time (seen under load) is dismissed and the whole gesture tried once more.
 */
export async function clickContextMenuItem(
  browser: Browser,
  page: Page,
  at: { x: number; y: number },
  menuItemId: string | null,
): Promise<ContextMenuItem[]> {
  try {
    return await clickContextMenuItemOnce(browser, page, at, menuItemId);
  } catch (err) {
    if (!/context menu:/.test(String(err)) || /no item /.test(String(err))) throw err;
    await page.keyboard.press('Escape').catch(() => undefined);
    return clickContextMenuItemOnce(browser, page, at, menuItemId);
  }
}

/** Closes the browser window's open panels (the extension's toolbar popup), as a person's click in the page would. */
const CLOSE_OPEN_PANELS = `(async () => {
  for (const panel of document.querySelectorAll('panel[state="open"], panel[state="showing"]')) {
    const hidden = new Promise((r) => panel.addEventListener('popuphidden', r, { once: true }));
    panel.hidePopup();
    await Promise.race([hidden, new Promise((r) => setTimeout(r, 2000))]);
  }
})()`;

async function clickContextMenuItemOnce(
  browser: Browser,
  page: Page,
  at: { x: number; y: number },
  menuItemId: string | null,
): Promise<ContextMenuItem[]> {
  const widget = GECKO_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  await evaluateInBrowserChrome(browser, page, CLOSE_OPEN_PANELS);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  return evaluateInBrowserChrome<ContextMenuItem[]>(
    browser,
    page,
    `(async () => {
      const prefix = ${JSON.stringify(`${widget}-menuitem-_`)};
      const wanted = ${JSON.stringify(menuItemId)};
      const menu = document.getElementById('contentAreaContextMenu');
      const bounded = (promise, what) =>
        Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('context menu: ' + what)), 5000))]);
      const until = async (ok, what) => {
        for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
        if (!ok()) throw new Error('context menu: ' + what);
      };
      await until(() => menu.state === 'open', 'never opened');
      const items = () => Array.from(menu.querySelectorAll('menuitem')).filter((i) => i.id.startsWith(prefix) && !i.hidden);
      // The extension's items appear once the menu has asked every extension (menus.onShown).
      await until(() => items().length > 0, 'no item of the extension');
      const shown = items().map((i) => ({ id: i.id.slice(prefix.length), label: i.label }));
      const hidden = () => new Promise((r) => menu.addEventListener('popuphidden', r, { once: true }));
      if (wanted === null) {
        const closed = hidden();
        menu.hidePopup();
        await bounded(closed, 'did not close');
        return shown;
      }
      const item = items().find((i) => i.id === prefix + wanted);
      if (!item) throw new Error('context menu: no item ' + wanted + ' among ' + shown.map((s) => s.id).join(', '));
      const popup = item.closest('menupopup');
      // Several items of one extension sit in a submenu named after it: open that first.
      if (popup !== menu && popup.state !== 'open') {
        const opened = new Promise((r) => popup.addEventListener('popupshown', r, { once: true }));
        popup.parentElement.openMenu(true);
        await bounded(opened, 'submenu did not open');
      }
      const closed = hidden();
      popup.activateItem(item);
      await bounded(closed, 'did not close after the click');
      return shown;
    })()`,
  );
}

/**
 * Answers Firefox's prompt for an optional permission (launched with `permissionPrompts: true`) in the
 * browser window that holds `page`, as a person clicking 允许 (allow) or 不允许 (don't allow) would.
 * Returns the prompt's text.
 */
export async function answerPermissionPrompt(browser: Browser, page: Page, allow: boolean): Promise<string> {
  return evaluateInBrowserChrome<string>(
    browser,
    page,
    `(async () => {
      const find = () => PopupNotifications.getNotification('addon-webext-permissions', gBrowser.selectedBrowser);
      for (let i = 0; i < 200 && !(find() && PopupNotifications.panel.state === 'open'); i++) await new Promise((r) => setTimeout(r, 50));
      if (!find()) throw new Error('no permission prompt');
      const element = PopupNotifications.panel.querySelector('popupnotification');
      const text = element.textContent.replace(/\\s+/g, ' ').trim() || (element.getAttribute('label') ?? '');
      (${allow ? 'element.button' : 'element.secondaryButton'}).click();
      return text;
    })()`,
  );
}

/**
 * Presses a key combination such as 'Alt+Shift+U' in Firefox's browser window that holds `page`, as the
 * keyboard would reach it: through an `nsITextInputProcessor` of the browser window (the chrome scope, see
 * `evaluateInBrowserChrome`), as Firefox's own tests of extension shortcuts press them. The keys go to the
 * focused tab and, unless the page consumes them, come back to the window's key handling, where the
 * extension's `commands` shortcuts are (and where a command grants `activeTab`).
 *
 * Puppeteer's `page.keyboard` cannot do this: WebDriver BiDi's input actions are dispatched inside the
 * page's content process, so the page sees trusted key events but the browser window never does, and no
 * extension shortcut fires (seen with Alt+Shift+U on Firefox ESR 153: the page got keydown U with altKey
 * and shiftKey, and no command reached the extension).
 */
export async function pressInBrowserWindow(browser: Browser, page: Page, combo: string): Promise<void> {
  const parts = combo.split('+');
  const last = parts.pop()!;
  const modifiers: Record<string, { key: string; code: string; keyCode: string }> = {
    Alt: { key: 'Alt', code: 'AltLeft', keyCode: 'DOM_VK_ALT' },
    Shift: { key: 'Shift', code: 'ShiftLeft', keyCode: 'DOM_VK_SHIFT' },
    Control: { key: 'Control', code: 'ControlLeft', keyCode: 'DOM_VK_CONTROL' },
    Meta: { key: 'Meta', code: 'MetaLeft', keyCode: 'DOM_VK_META' },
  };
  const held = parts.map((m) => {
    const found = modifiers[m];
    if (!found) throw new Error(`unknown modifier ${m} in ${combo}`);
    return found;
  });
  if (!/^[A-Z0-9]$/i.test(last)) throw new Error(`only a letter or a digit after the modifiers: ${combo}`);
  const upper = last.toUpperCase();
  const main = { key: parts.includes('Shift') ? upper : last.toLowerCase(), code: /\d/.test(upper) ? `Digit${upper}` : `Key${upper}`, keyCode: `DOM_VK_${upper}` };
  // An open toolbar popup of the extension (the form opened after a capture) would take the keys.
  await evaluateInBrowserChrome(browser, page, CLOSE_OPEN_PANELS);
  const answer = await evaluateInBrowserChrome<string>(
    browser,
    page,
    `(() => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) return 'no input transaction';
      const event = (k) => new KeyboardEvent('', { key: k.key, code: k.code, keyCode: KeyboardEvent[k.keyCode] });
      const held = ${JSON.stringify(held)}.map(event);
      const main = event(${JSON.stringify(main)});
      for (const m of held) tip.keydown(m);
      tip.keydown(main);
      tip.keyup(main);
      for (const m of held.reverse()) tip.keyup(m);
      return 'ok';
    })()`,
  );
  if (answer !== 'ok') throw new Error(`pressing ${combo} in the browser window: ${answer}`);
}
