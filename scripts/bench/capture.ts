// Capture time from the click on a report button to the stored, signed record (the page's button turns
// "done" only after the worker has written it), p50 and p95 over repeated captures, against a bare
// `tabs.captureVisibleTab` measured in the same browser and run. Also a long post (stitched).
// Captures are spaced beyond the browser's rate limit (2/s) so neither side measures the wait for it.
// The main figure clicks as a person does (an 80 ms press); a zero-length press is measured too. The
// worker's share is also measured alone, to tell it from the content script's part. What "stored" means:
// the signed record with the page's text, facts and full visible-tab screenshot; the post's cropped
// picture is cut from that screenshot and added (signed again) right after, before the form opens.
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension } from '../../test/support/chromium';
import { startFixtureServer } from '../../test/support/fixture-server';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const SPACING_MS = 700;
/**
 * How long the button is held down in the main figure: a person's click lasts about a tenth of a second
 * from press to release (the click event comes at the release). The extension uses the press (it hides its
 * controls and reads the setting then), so a zero-length press — what automation sends by default — is
 * measured too, as the harder case.
 */
const PRESS_MS = 80;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

/**
 * A trusted click on the report button of `selector` (the browser's own input, as a person's: the extension
 * ignores clicks made by page scripts) → ms from that click event to the button saying the record is
 * stored (or an error when it says failed). The start is the click event's own time stamp, so the
 * automation's input dispatch is not counted.
 */
async function clickToStored(target: Page, selector: string, pressMs = PRESS_MS): Promise<number> {
  const button = `${selector} [data-report-assistant="report"]`;
  // The person's window is active when they click (they have just closed the form, or moved in the page).
  // Headless Chromium leaves it inactive after the form closes, and the press would then also activate it
  // (about 50 ms, inside a zero-length press): a click on the page's empty margin first, not measured.
  await target.mouse.click(2, 2);
  await target.waitForTimeout(300);
  await target.evaluate((sel) => {
    const el = document.querySelector<HTMLButtonElement>(sel)!;
    delete el.dataset.state;
    (window as unknown as { __benchCapture: Promise<number> }).__benchCapture = new Promise<number>((resolve, reject) => {
      let start = Number.NaN;
      // On the window in the capture phase, like the extension's own listener (which stops the click there).
      window.addEventListener('click', (event) => (start = event.timeStamp), { capture: true, once: true });
      const timer = setTimeout(() => reject(new Error('capture timed out')), 30_000);
      const observer = new MutationObserver(() => {
        if (el.dataset.state !== 'done' && el.dataset.state !== 'failed') return;
        observer.disconnect();
        clearTimeout(timer);
        if (el.dataset.state === 'failed') reject(new Error('capture failed'));
        else resolve(performance.now() - start);
      });
      observer.observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });
  }, button);
  await target.click(button, { delay: pressMs });
  const elapsed = await target.evaluate(() => (window as unknown as { __benchCapture: Promise<number> }).__benchCapture);
  if (!Number.isFinite(elapsed)) throw new Error('the click was not seen');
  // Each capture opens the form: the next measurement starts once it is closed (not part of the figure).
  await closeForm();
  return elapsed;
}

const server = await startFixtureServer();
// In-page captures on a generic page: the buttons and their screenshots need the optional access to pages.
const session = await launchWithExtension({ grants: ['<all_urls>'] });
// The form opens after each capture — as the toolbar's popup, or as a window when the popup cannot open.
// It is closed before the next measurement (found by its URL among the browser's targets: playwright reports
// the toolbar popup as no page of its own), and the captured page put in front again — what happens when a
// person closes the form. (Left open, the next capture finds the popup still showing and opens a window
// instead, and the window's activation, about 50 ms here, lands inside the measured capture.)
let inFront: Page | undefined;
let cdp: CDPSession | undefined;
async function closeForm(): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (cdp && Date.now() < deadline) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const forms = targetInfos.filter((t) => t.type === 'page' && t.url.includes('/extension/popup/'));
    if (forms.length > 0) {
      for (const form of forms) await cdp.send('Target.closeTarget', { targetId: form.targetId }).catch(() => undefined);
      await inFront?.bringToFront();
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the form did not open after a capture');
}
try {
  const page = await session.context.newPage();
  await page.goto(`${server.origin}/feed/`);
  await page.waitForSelector('#post-1002 [data-report-assistant="report"]');
  inFront = page;
  cdp = await session.context.newCDPSession(page);
  await page.bringToFront();
  const worker = await session.serviceWorker();
  // tsx keeps function names with a `__name` helper, which the code sent to the worker refers to.
  await worker.evaluate('globalThis.__name = (f) => f');

  /** One click on a post's button → elapsed ms until the button says the record is stored. */
  const captureOnce = (selector: string, pressMs?: number) => clickToStored(page, selector, pressMs);
  const bareCapture = () =>
    worker.evaluate(async () => {
      const start = performance.now();
      const url = await chrome.tabs.captureVisibleTab(chrome.windows.WINDOW_ID_CURRENT, { format: 'png' });
      const elapsed = performance.now() - start;
      if (!url.startsWith('data:image/png')) throw new Error('no screenshot');
      return elapsed;
    });
  /**
   * The worker's share alone: the same capture-post message sent from the tab's isolated world (as the
   * content script sends it), timed from sending to the answer — without the content script's own work
   * (extraction, scrolling into view, waiting for the frame).
   */
  const workerOnce = async () => {
    const elapsed = await workerMessage();
    await closeForm();
    return elapsed;
  };
  const workerMessage = () =>
    worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        func: async () => {
          const el = document.querySelector('#post-1002')!;
          const r = el.getBoundingClientRect();
          const post = {
            platform: 'generic',
            kind: 'post',
            ids: { postId: '1002' },
            pageUrl: location.href,
            pageTitle: document.title,
            text: el.textContent ?? '',
            media: [],
            context: [],
            capturedAt: new Date().toISOString(),
          };
          const start = performance.now();
          const answer = (await chrome.runtime.sendMessage({
            type: 'capture-post',
            payload: { post, rect: { x: r.x, y: r.y, width: r.width, height: r.height }, devicePixelRatio: devicePixelRatio, viewport: { width: innerWidth, height: innerHeight } },
          })) as { ok: boolean };
          if (!answer?.ok) throw new Error('capture failed');
          return performance.now() - start;
        },
      });
      return result!.result as number;
    }, page.url());
  const pause = () => new Promise((r) => setTimeout(r, SPACING_MS));

  // Warm up both paths (worker start, key generation, first IndexedDB open).
  await captureOnce('#post-1002');
  await pause();
  await bareCapture();
  await pause();

  const ours: number[] = [];
  const instant: number[] = [];
  const bare: number[] = [];
  const workerShare: number[] = [];
  // Interleaved, so background noise on this shared machine falls on all alike.
  for (let i = 0; i < RUNS; i++) {
    instant.push(await captureOnce('#post-1002', 0));
    await pause();
    ours.push(await captureOnce('#post-1002'));
    await pause();
    bare.push(await bareCapture());
    await pause();
    workerShare.push(await workerOnce());
    await pause();
  }

  const long = await session.context.newPage();
  await long.goto(`${server.origin}/long/`);
  await long.waitForSelector('#post-long [data-report-assistant="report"]');
  inFront = long;
  await long.bringToFront();
  const stitched: number[] = [];
  for (let i = 0; i < 5; i++) {
    stitched.push(await clickToStored(long, '#post-long'));
    await pause();
  }

  if (process.env.BENCH_DEBUG) {
    for (const [name, values] of Object.entries({ ours, instant, bare, workerShare, stitched })) console.log(`  ${name}: ${values.map((v) => v.toFixed(0)).join(' ')}`);
  }
  const p50 = percentile(ours, 50);
  const bareP50 = percentile(bare, 50);
  const instantP50 = percentile(instant, 50);
  console.log(`capture, click → stored signed record (${RUNS} runs, interleaved with the baseline)`);
  console.log(`  ours (press ${PRESS_MS} ms)         p50 ${ms(p50)}   p95 ${ms(percentile(ours, 95))}`);
  console.log(`  bare captureVisibleTab     p50 ${ms(bareP50)}   p95 ${ms(percentile(bare, 95))}`);
  console.log(`  ratio of medians           ${(p50 / bareP50).toFixed(2)}   (goal ≤ 2: ${p50 / bareP50 <= 2 ? 'met' : 'NOT met'})`);
  console.log(`  ours, zero-length press    p50 ${ms(instantP50)}   p95 ${ms(percentile(instant, 95))}   ratio ${(instantP50 / bareP50).toFixed(2)}`);
  console.log(`  of which the worker's share (message → stored)   p50 ${ms(percentile(workerShare, 50))}   ratio to bare ${(percentile(workerShare, 50) / bareP50).toFixed(2)}`);
  console.log(`  long post, stitched (5 runs, rate-limited to 2 captures/s)   p50 ${ms(percentile(stitched, 50))}`);
} finally {
  await session.close();
  await server.close();
}
