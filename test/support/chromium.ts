// Launches Debian's Chromium with the built extension loaded, for the end-to-end tests, the demo and
// the benchmarks (and the same browser without it, the benchmarks' baseline). Never a downloaded browser:
// these machines have no internet.
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testCertificate } from './tls';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** RA_DIST_ROOT lets parallel work test its own build (default: dist). */
export const DIST_ROOT = path.resolve(REPO_ROOT, process.env.RA_DIST_ROOT ?? 'dist');
export const CHROME_DIST = path.join(DIST_ROOT, 'chrome');

export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium was not found. Install Debian\'s Chromium with `sudo apt-get install -y chromium` ' +
        '(or point CHROME_PATH at a Chromium binary), then run the command again.',
    );
  }
  return found;
}

export interface LaunchOptions {
  /** The unpacked build to load; dist/chrome by default. */
  dist?: string;
  /** Keep the profile between launches (to test a browser restart); a fresh temp dir otherwise. */
  userDataDir?: string;
  /**
   * Optional host permissions to start with, as if the person had granted them (e.g. `['<all_urls>']`:
   * "report buttons on every site", which also lets an in-page button take its screenshot). None by
   * default: the build is loaded exactly as a person installs it. Headless Chromium cannot answer the
   * `permissions.request` prompt (docs/testing.md says what was tried), so a grant is made by loading a
   * copy of the build, kept in the profile, whose manifest lists these origins as granted at install; the
   * extension's code after that is the same as after a person's grant. Name it only in the tests that are
   * about a granted browser, and say why there.
   */
  grants?: string[];
  /**
   * Load the build from a byte-identical copy inside the profile (nothing edited), so that
   * `restartWithGrants()` can later start the same extension (same id, same data) with a grant.
   */
  ownCopy?: boolean;
  /** Keep the welcome page the extension opens on install (closed by default, as a person who read it would). */
  keepWelcome?: boolean;
  /**
   * Show the browser on this X display (an Xvfb server, test/support/desktop.ts) instead of headless: for the
   * tests that need the browser's own interface — its permission prompt, shortcuts that reach the extension.
   */
  display?: string;
  /** Browser UI language, e.g. 'zh-CN' or 'en-US'. */
  lang?: string;
  colorScheme?: 'light' | 'dark';
  /** Map real hostnames (weibo.com, www.12377.cn…) to the local fixture server. */
  hostResolverRules?: string;
  headless?: boolean;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  extensionUrl(pathname: string): string;
  serviceWorker(): Promise<Worker>;
  /** Stops the extension's service worker, as the browser does when it is idle (CDP). */
  stopServiceWorker(): Promise<void>;
  openPopup(query?: string): Promise<Page>;
  openDashboard(): Promise<Page>;
  close(): Promise<void>;
  /**
   * Closes the browser and starts the same profile and extension again with `origins` granted: how a
   * Chromium test makes a person's grant happen (see `grants`). Needs `ownCopy` (or `grants`) at launch.
   */
  restartWithGrants(origins: string[]): Promise<ExtensionSession>;
}

/**
 * The same browser as launchWithExtension's (same flags, language, window), with no extension at all: the
 * baseline of the benchmarks' "with / without the extension" figures.
 */
export async function launchWithoutExtension(options: Omit<LaunchOptions, 'dist' | 'grants' | 'ownCopy'> & { userDataDir: string }): Promise<BrowserContext> {
  return launchChromium(options, options.userDataDir, []);
}

async function launchChromium(options: LaunchOptions, userDataDir: string, extensionArgs: string[]): Promise<BrowserContext> {
  const args = [
    '--no-sandbox',
    ...extensionArgs,
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--lang=${options.lang ?? 'zh-CN'}`,
    // The replicas' https (fixture server) uses this process's test certificate: accepted for its key
    // alone, so any other certificate error still fails as it would for a person.
    `--ignore-certificate-errors-spki-list=${(await testCertificate()).spkiSha256}`,
  ];
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  if (options.display) args.push('--window-position=0,0', '--window-size=1200,860');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.display ? false : (options.headless ?? true),
    args,
    // Playwright turns extensions off unless told otherwise; the baseline keeps them off.
    ...(extensionArgs.length ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    locale: options.lang ?? 'zh-CN',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    env: { ...process.env, ...(options.display ? { DISPLAY: options.display } : {}), LANGUAGE: (options.lang ?? 'zh-CN').replace('-', '_'), LANG: `${(options.lang ?? 'zh-CN').replace('-', '_')}.UTF-8` },
  });
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const sourceDist = options.dist ?? CHROME_DIST;
  if (!existsSync(path.join(sourceDist, 'manifest.json'))) {
    throw new Error(`No built extension at ${sourceDist}: run \`npm run build\` first.`);
  }
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ra-profile-')));
  const grants = options.grants ?? [];
  // A copy in the profile keeps the extension's id (an unpacked extension's id is its folder's path) when
  // the same profile is started again with other grants.
  const copied = path.join(userDataDir, 'extension-build');
  const copyExists = existsSync(copied);
  const dist = grants.length || options.ownCopy || copyExists ? copied : sourceDist;
  if (dist === copied) {
    if (!copyExists) await cp(sourceDist, copied, { recursive: true });
    // A restart on the same profile keeps what was granted, as a browser does, unless told otherwise.
    if (!copyExists || options.grants) await writeGrants(copied, sourceDist, grants);
  }
  const freshProfile = !existsSync(path.join(userDataDir, 'Default'));
  const context = await launchChromium(options, userDataDir, [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (pathname: string) => `chrome-extension://${extensionId}/${pathname.replace(/^\//, '')}`;

  if (grants.includes('<all_urls>')) {
    // The worker registers the all-sites content script on install; pages opened before that get no buttons.
    await until(
      () => worker.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.length > 0)),
      'the all-sites content script was never registered',
    );
  }
  // A build that has a welcome page must open it on install (builds from before it, compared by the
  // benchmarks' A/B tool, have none).
  if (freshProfile && existsSync(path.join(dist, 'extension/welcome/index.html'))) {
    await settleWelcome(context, extensionUrl('extension/welcome/index.html'), options.keepWelcome ?? false);
  }

  const session: ExtensionSession = {
    context,
    extensionId,
    userDataDir,
    extensionUrl,
    async serviceWorker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (live) return live;
      // Waking the worker: any extension event does; opening an extension page and messaging is simplest.
      const wake = await context.newPage();
      const waiting = context.waitForEvent('serviceworker', { timeout: 30_000 });
      await wake.goto(extensionUrl('extension/popup/index.html'));
      await wake.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }).catch(() => undefined));
      const started = await waiting;
      await wake.close();
      return started;
    },
    async stopServiceWorker() {
      const page = await context.newPage();
      await page.goto(extensionUrl('extension/popup/index.html'));
      const cdp = await context.newCDPSession(page);
      const before = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      const closed = before ? new Promise<void>((resolve) => before.once('close', () => resolve())) : Promise.resolve();
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await cdp.detach();
      await page.close();
    },
    async openPopup(query = '') {
      const page = await context.newPage();
      await page.goto(extensionUrl(`extension/popup/index.html${query}`));
      return page;
    },
    async openDashboard() {
      const page = await context.newPage();
      await page.goto(extensionUrl('extension/dashboard/index.html'));
      return page;
    },
    async close() {
      await context.close();
      if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
    },
    async restartWithGrants(origins: string[]) {
      if (dist !== copied) throw new Error('restartWithGrants needs a session launched with ownCopy: true (or grants)');
      await context.close();
      return launchWithExtension({ ...options, userDataDir, grants: origins, ownCopy: true });
    },
  };
  return session;
}

/**
 * The profile's copy of the build: its manifest is the build's own, byte for byte, when nothing is granted;
 * otherwise it also lists `origins` (optional ones the person "granted") as host permissions.
 */
async function writeGrants(copy: string, source: string, origins: string[]): Promise<void> {
  const text = await readFile(path.join(source, 'manifest.json'), 'utf8');
  if (!origins.length) {
    await writeFile(path.join(copy, 'manifest.json'), text);
    return;
  }
  const built = JSON.parse(text) as Record<string, string[] | undefined>;
  const listed = built.host_permissions ?? [];
  const manifest = { ...built, host_permissions: [...listed, ...origins.filter((o) => !listed.includes(o))] };
  await writeFile(path.join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

async function until(check: () => Promise<boolean>, failure: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A new install opens the welcome page (extension/background/welcome.ts). It is waited for, so that it
 * never takes the focus from a page a test opened later, and closed unless the test is about it.
 */
async function settleWelcome(context: BrowserContext, url: string, keep: boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = context.pages().find((p) => p.url().startsWith(url));
    if (page) {
      await page.waitForLoadState('load');
      if (!keep) await page.close();
      return;
    }
    if (Date.now() > deadline) throw new Error('the welcome page did not open on install');
    await new Promise((r) => setTimeout(r, 100));
  }
}
