// Serves the replica pages under test/fixtures/sites on 127.0.0.1.
// A request for host H and path P is answered from `sites/H/P` when that exists (replicas of real
// hostnames, reached through Chromium's --host-resolver-rules), else from `sites/P`.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITES_ROOT = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface FixtureServer {
  port: number;
  origin: string;
  /** Extra routes, tried before the files (replica APIs, counters). */
  handlers: Handler[];
  close(): Promise<void>;
}

export async function startFixtureServer(root = SITES_ROOT): Promise<FixtureServer> {
  const handlers: Handler[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      for (const handle of handlers) if (await handle(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const candidates = [path.join(root, host, rel), path.join(root, rel)];
      for (const candidate of candidates) {
        let file = candidate;
        if (!file.startsWith(root)) continue;
        const info = await stat(file).catch(() => undefined);
        if (info?.isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file).catch(() => undefined);
        if (body) {
          res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
          return;
        }
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    handlers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
