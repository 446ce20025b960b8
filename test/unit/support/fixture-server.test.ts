// The replica server's https: one port for http and TLS, a certificate that verifies for the replica
// hostnames (checked here with the certificate itself as the only trusted root, so the names really are in
// it), and the proxy tunnel Firefox uses. The browsers' side is covered by the e2e specs that open
// https://www.douyin.com/ and the destinations' https pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { createHash, X509Certificate } from 'node:crypto';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { replicaHostnames, testCertificate } from '../../support/tls';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

interface Answer {
  status: number;
  body: string;
}

const collect = (res: http.IncomingMessage): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    res.on('error', reject);
  });

/** GET over TLS to 127.0.0.1:<port> for `host`, trusting only the test certificate (full verification). */
async function getSecure(host: string, pathname: string, socket?: net.Socket): Promise<Answer> {
  const { cert } = await testCertificate();
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: server.port,
        servername: host,
        headers: { host },
        path: pathname,
        ca: cert,
        checkServerIdentity: (_name, peer) => tls.checkServerIdentity(host, peer),
        ...(socket ? { createConnection: () => tls.connect({ socket, servername: host, ca: cert }) } : {}),
        agent: false,
      },
      (res) => collect(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end();
  });
}

function getPlain(host: string, pathname: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, headers: { host }, agent: false }, (res) =>
      collect(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a CONNECT tunnel through the server as a proxy; resolves with the status line and the socket. */
function connect(target: string): Promise<{ statusLine: string; socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'CONNECT', path: target, agent: false });
    req.on('connect', (res, socket) => resolve({ statusLine: `${res.statusCode}`, socket }));
    req.on('response', (res) => resolve({ statusLine: `${res.statusCode}`, socket: res.socket }));
    req.on('error', reject);
    req.end();
  });
}

describe('fixture server over https', () => {
  it('answers the same replica over http and over TLS on one port', async () => {
    const plain = await getPlain('www.douyin.com', '/video/7440000000000000001');
    const secure = await getSecure('www.douyin.com', '/video/7440000000000000001');
    expect(plain.status).toBe(200);
    expect(secure.status).toBe(200);
    expect(secure.body).toBe(plain.body);
    expect(secure.body).toContain('抖音');
  });

  it('has a certificate whose names cover every replica hostname, HSTS-preloaded ones included', async () => {
    const { cert, names, spkiSha256 } = await testCertificate();
    const x509 = new X509Certificate(cert);
    for (const host of replicaHostnames()) expect(x509.checkHost(host), host).toBe(host);
    expect(names).toEqual(expect.arrayContaining(['www.douyin.com', 'www.toutiao.com', 'www.12377.cn']));
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('www.example.com')).toBeUndefined();
    // Self-signed, not a CA: it cannot vouch for any other certificate.
    expect(x509.ca).toBe(false);
    expect(x509.verify(x509.publicKey)).toBe(true);
    // The hash Chromium is given is that of this certificate's key.
    expect(spkiSha256).toBe(createHash('sha256').update(x509.publicKey.export({ type: 'spki', format: 'der' })).digest('base64'));
    // A client that trusts the system roots refuses it.
    const refused = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: server.port, servername: 'www.douyin.com' });
      socket.on('secureConnect', () => (socket.destroy(), resolve('accepted')));
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
    });
    expect(refused).not.toBe('accepted');
  });

  it('tunnels CONNECT to port 443 into its own TLS side, and refuses other ports', async () => {
    const tunnel = await connect('www.toutiao.com:443');
    expect(tunnel.statusLine).toBe('200');
    const answer = await getSecure('www.toutiao.com', '/article/7440000000000000101/', tunnel.socket);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('今日头条');

    const refused = await connect('www.toutiao.com:22');
    expect(refused.statusLine).toBe('403');
    refused.socket.destroy();
  });
});
