// A small HTTPS-API report desk, as an organisation collecting reports might run it, for the tests and
// the benchmark. Served by the fixture server (plain http on 127.0.0.1, which the extension accepts for
// local endpoints).
//
//   POST {base}        Idempotency-Key required; JSON body → 201 {"id"}; the same key → 200 with the same id
//   GET  {base}/{id}   → {"id", "status", "note"?}
//
// Switches: answer 503 for the next N requests, answer 400 with a message, hold a request before or after
// it is committed (so a test can stop the extension's worker at that exact step), add latency.
import type http from 'node:http';
import type { Handler } from './fixture-server';

export interface DeskReport {
  id: string;
  key: string;
  body: Record<string, unknown>;
  status: string;
  note?: string;
}

type Hold = 'before-commit' | 'after-commit';

export interface Desk {
  basePath: string;
  handler: Handler;
  /** POST requests that arrived (every attempt, including repeats and refused ones). */
  readonly deliveries: number;
  /** Reports created: distinct idempotency keys accepted. The "sent twice" check is created vs expected. */
  readonly created: number;
  /** POSTs that repeated a key already accepted (answered with the same id, not counted again). */
  readonly repeats: number;
  reports: Map<string, DeskReport>;
  byKey: Map<string, string>;
  /** Answer `status` (default 503) to the next `count` POSTs. */
  failNext(count: number, status?: number, message?: string): void;
  /** Answer 400 with `message` to every POST until `accept()`. */
  reject(message: string): void;
  accept(): void;
  /** Hold the next POST at a step; resolves when a request is being held. */
  holdNext(step: Hold): Promise<void>;
  /** Lets a held request go on (it finds out whether its client is still there). */
  release(): void;
  setStatus(id: string, status: string, note?: string): void;
  latencyMs: number;
  /** [start, end] (ms, performance.now()) of every POST, from arrival to the answer's last byte. */
  intervals: Array<[number, number]>;
  /** Resolves when `created` reaches n. */
  waitForCreated(n: number, timeoutMs?: number): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function createDesk(basePath = '/desk/reports'): Desk {
  let deliveries = 0;
  let repeats = 0;
  let failing: { count: number; status: number; message: string } | null = null;
  let rejecting: string | null = null;
  let hold: Hold | null = null;
  let onHeld: (() => void) | null = null;
  let releaseHeld: (() => void) | null = null;
  const reports = new Map<string, DeskReport>();
  const byKey = new Map<string, string>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const intervals: Array<[number, number]> = [];
  let nextId = 1;

  const notify = () => {
    for (const w of [...waiters]) {
      if (reports.size >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const pause = (step: Hold): Promise<void> | null => {
    if (hold !== step) return null;
    hold = null;
    return new Promise<void>((resolve) => {
      releaseHeld = resolve;
      onHeld?.();
      onHeld = null;
    });
  };

  const handler: Handler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(basePath)) return false;
    const rest = url.pathname.slice(basePath.length);
    if (req.method === 'GET' && /^\/[^/]+$/.test(rest)) {
      const report = reports.get(decodeURIComponent(rest.slice(1)));
      if (!report) json(res, 404, { message: 'not found' });
      else json(res, 200, { id: report.id, status: report.status, ...(report.note ? { note: report.note } : {}) });
      return true;
    }
    if (req.method !== 'POST' || rest !== '') {
      json(res, 405, { message: 'method not allowed' });
      return true;
    }
    const started = performance.now();
    res.once('finish', () => intervals.push([started, performance.now()]));
    const text = await readBody(req);
    deliveries += 1;
    // The answer's stream closes before it finished only when the client went away.
    let clientGone = false;
    res.once('close', () => (clientGone = !res.writableFinished));
    if (failing && failing.count > 0) {
      failing.count -= 1;
      json(res, failing.status, { message: failing.message });
      return true;
    }
    if (rejecting !== null) {
      json(res, 400, { message: rejecting });
      return true;
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 8) {
      json(res, 400, { message: 'Idempotency-Key header required' });
      return true;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json(res, 400, { message: 'body is not JSON' });
      return true;
    }
    if (body.schema !== 'report-assistant/report@1' || typeof body.url !== 'string' || !body.url) {
      json(res, 400, { message: 'schema and url are required' });
      return true;
    }
    const before = pause('before-commit');
    if (before) {
      await before;
      // A desk commits only what a client is still waiting for at this point.
      if (clientGone) return true;
    }
    if (handlerLatency > 0) await new Promise((r) => setTimeout(r, handlerLatency));
    const existing = byKey.get(key);
    let status = 200;
    let id: string;
    if (existing) {
      repeats += 1;
      id = existing;
    } else {
      id = `D${String(nextId++).padStart(6, '0')}`;
      byKey.set(key, id);
      reports.set(id, { id, key, body, status: 'received' });
      status = 201;
      notify();
    }
    const after = pause('after-commit');
    if (after) await after;
    json(res, status, { id });
    return true;
  };

  let handlerLatency = 0;
  return {
    basePath,
    handler,
    get deliveries() {
      return deliveries;
    },
    get created() {
      return reports.size;
    },
    get repeats() {
      return repeats;
    },
    reports,
    byKey,
    intervals,
    failNext(count, status = 503, message = 'service unavailable') {
      failing = { count, status, message };
    },
    reject(message) {
      rejecting = message;
    },
    accept() {
      rejecting = null;
      failing = null;
    },
    holdNext(step) {
      hold = step;
      return new Promise<void>((resolve) => (onHeld = resolve));
    },
    release() {
      releaseHeld?.();
      releaseHeld = null;
    },
    setStatus(id, status, note) {
      const r = reports.get(id);
      if (r) Object.assign(r, { status, ...(note ? { note } : {}) });
    },
    get latencyMs() {
      return handlerLatency;
    },
    set latencyMs(ms: number) {
      handlerLatency = ms;
    },
    waitForCreated(n, timeoutMs = 60_000) {
      if (reports.size >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`desk: ${reports.size} created, waited for ${n}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}
