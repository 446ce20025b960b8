// Queue throughput to an HTTPS-API desk: 1,000 queued submissions, how many per second the extension
// delivers, and how its time splits between its own work (IndexedDB, building payloads, the queue) and
// waiting on the desk. The floor is the same 1,000 POSTs sent by a plain fetch loop from an extension
// page at the same concurrency, in the same run. Medians of 3 runs; nothing is asserted.
import { launchWithExtension } from '../../test/support/chromium';
import { startFixtureServer } from '../../test/support/fixture-server';
import { createDesk, type Desk } from '../../test/support/desk';
import { extensionPage, putSubmissions, seedReports, send, setLocal } from '../../test/e2e/submission-support';

const N = 1000;
const RUNS = 3;
const DESK_LATENCY_MS = 5;
const CONCURRENCY = 4;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Total time with at least one request at the desk (the union of the in-flight intervals). */
function busy(intervals: Array<[number, number]>, from: number): number {
  const sorted = intervals.filter(([s]) => s >= from).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (s > end) {
      total += e - s;
      end = e;
    } else if (e > end) {
      total += e - end;
      end = e;
    }
  }
  return total;
}

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const desks: Desk[] = [];
  // The desk's origin, as the settings page asks the person to allow it (the desks listen on 127.0.0.1).
  const session = await launchWithExtension({ grants: ['http://127.0.0.1/*'] });
  const ext = await extensionPage(session);
  // tsx keeps function names with a `__name` helper that does not exist inside the page.
  await ext.evaluate('globalThis.__name = (f) => f');
  const results: Array<{ perSecond: number; floorPerSecond: number; extensionMs: number; deskMs: number }> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const desk = createDesk(`/desk${run}/reports`);
      desk.latencyMs = DESK_LATENCY_MS;
      desks.push(desk);
      server.handlers.push(desk.handler);
      const url = `${server.origin}${desk.basePath}`;

      // Floor: the same number of POSTs, straight from an extension page.
      const floorStart = performance.now();
      await ext.evaluate(
        async ({ url, n, c }) => {
          let next = 0;
          const worker = async () => {
            while (next < n) {
              const i = next++;
              const r = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'idempotency-key': `floor-${i}-${crypto.randomUUID()}` },
                body: JSON.stringify({ schema: 'report-assistant/report@1', url: 'https://weibo.com/1/2', i }),
              });
              await r.text();
            }
          };
          await Promise.all(Array.from({ length: c }, worker));
        },
        { url, n: N, c: CONCURRENCY },
      );
      const floorMs = performance.now() - floorStart;
      const floorCreated = desk.created;

      await setLocal(ext, { apiEndpoint: { url } });
      const reportIds = await seedReports(ext, Array.from({ length: N }, () => ({ destinations: ['https-api'] })));
      const now = new Date().toISOString();
      await putSubmissions(
        ext,
        reportIds.map((reportId) => ({
          id: crypto.randomUUID(),
          reportId,
          destinationId: 'https-api',
          channel: 'api' as const,
          state: 'queued' as const,
          attempts: 0,
          nextAttemptAt: null,
          idempotencyKey: crypto.randomUUID(),
          receipt: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
      const start = performance.now();
      await send(ext, { type: 'queue-kick', payload: {} });
      await desk.waitForCreated(floorCreated + N, 600_000);
      // Delivered means stored as submitted, not only received: wait for the last receipts to be written.
      await ext.waitForFunction(
        async (ids) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open('report-assistant');
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          const count = await new Promise<number>((resolve) => {
            const req = db.transaction('submissions').objectStore('submissions').index('by-state').getAll('submitted');
            req.onsuccess = () => resolve((req.result as Array<{ reportId: string }>).filter((s) => ids.includes(s.reportId)).length);
          });
          db.close();
          return count === ids.length;
        },
        reportIds,
        { timeout: 600_000, polling: 200 },
      );
      const elapsed = performance.now() - start;
      const deskMs = busy(desk.intervals, start);
      results.push({ perSecond: (N / elapsed) * 1000, floorPerSecond: (N / floorMs) * 1000, extensionMs: elapsed - deskMs, deskMs });
      console.log(
        `run ${run + 1}: ${((N / elapsed) * 1000).toFixed(1)} submissions/s (floor ${((N / floorMs) * 1000).toFixed(1)}/s); ` +
          `extension ${(elapsed - deskMs).toFixed(0)} ms, waiting on the desk ${deskMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await session.close();
    await server.close();
  }
  const per = median(results.map((r) => r.perSecond));
  const floor = median(results.map((r) => r.floorPerSecond));
  const ratio = median(results.map((r) => r.extensionMs / r.deskMs));
  console.log(`\nqueue → HTTPS desk, ${N} queued submissions, desk latency ${DESK_LATENCY_MS} ms, concurrency ${CONCURRENCY} (median of ${RUNS}):`);
  console.log(`  throughput                        ${per.toFixed(1)} submissions/s`);
  console.log(`  floor (bare fetch loop)           ${floor.toFixed(1)} requests/s  → queue at ${((per / floor) * 100).toFixed(0)} % of the floor`);
  console.log(`  time in the extension / waiting on the desk   ${ratio.toFixed(2)}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
