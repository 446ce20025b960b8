// Chromium allows `tabs.captureVisibleTab` at most twice a second per extension
// (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND); going faster fails the call. Calls are spaced out instead.

export function spacedCalls(minIntervalMs: number, clock: () => number = Date.now) {
  let nextFree = 0;
  let chain: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const result = chain.then(async () => {
      const wait = nextFree - clock();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        return await task();
      } finally {
        nextFree = clock() + minIntervalMs;
      }
    });
    chain = result.catch(() => undefined);
    return result;
  };
}

export const CAPTURE_INTERVAL_MS = 550;
