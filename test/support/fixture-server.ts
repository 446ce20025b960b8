// Serves the replica pages under test/fixtures/sites on 127.0.0.1.
// A request for host H and path P is answered from `sites/H/P` when that exists (replicas of real
// hostnames, reached through Chromium's --host-resolver-rules), else from `sites/P`.
//
// http and https on one port: the first byte of a connection tells them apart (0x16 opens a TLS
// handshake; a plain request starts with a method's letter). TLS is answered with the process's test
// certificate (test/support/tls.ts), so https://www.douyin.com/ (HSTS-preloaded: plain http is refused
// by the browser) and the destinations' real https URLs reach their replicas. As an HTTP proxy (Firefox's
// route to the replicas) it also accepts CONNECT host:port and answers the tunnel the same way.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testCertificate } from './tls';

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
  /** http://127.0.0.1:<port> */
  origin: string;
  /** https://127.0.0.1:<port> (the same server, over TLS with the test certificate). */
  secureOrigin: string;
  /** Extra routes, tried before the files (replica APIs, counters). */
  handlers: Handler[];
  close(): Promise<void>;
}

export async function startFixtureServer(root = SITES_ROOT): Promise<FixtureServer> {
  const handlers: Handler[] = [];
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
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
  };
  const { key, cert } = await testCertificate();
  const plain = http.createServer(answer);
  const secure = https.createServer({ key, cert }, answer);
  const sockets = new Set<net.Socket>();

  /** Hands a connection to the http or the https server by its first byte. */
  const route = (socket: net.Socket) => {
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  };
  // A proxy's tunnel (Firefox: https through the HTTP proxy): only to port 443 of a replica host, i.e.
  // to this server again, never onward.
  const tunnel = (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const target = /^([a-z0-9.-]+):(\d+)$/i.exec(req.url ?? '');
    if (!target || target[2] !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    route(socket);
  };
  plain.on('connect', tunnel);
  secure.on('connect', tunnel);
  for (const s of [plain, secure]) s.on('clientError', (_err, socket) => socket.destroy());
  secure.on('tlsClientError', (_err, socket) => socket.destroy());

  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    route(socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    secureOrigin: `https://127.0.0.1:${port}`,
    handlers,
    close: () =>
      new Promise((resolve) => {
        listener.close(() => resolve());
        // Keep-alive connections (and proxy tunnels) would hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
