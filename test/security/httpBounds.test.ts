// requestStream's bounds at the service level: the connect phase through a silent proxy, a total
// deadline for bodies that never end, and the body cap. Each ends quickly and leaves no socket open.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError, type ServiceError } from '../../src/services/errors.js';
import { createHttp } from '../../src/services/http.js';

let silentProxy: net.Server;
let proxySockets = 0;
let origin: http.Server;
const port = (s: net.Server) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  silentProxy = net.createServer((s) => {
    proxySockets++;
    s.on('close', () => proxySockets--);
    s.on('error', () => undefined);
    // Reads (and ignores) the CONNECT request, so it sees the client go away.
    s.resume();
  });
  origin = http.createServer((req, res) => {
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const t = setInterval(() => res.write(': keepalive\n\n'), 20);
      res.on('close', () => clearInterval(t));
      return;
    }
    res.writeHead(req.url === '/big-error' ? 500 : 200);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < 64 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  await Promise.all([new Promise<void>((r) => silentProxy.listen(0, '127.0.0.1', r)), new Promise<void>((r) => origin.listen(0, '127.0.0.1', r))]);
});
afterAll(async () => {
  origin.closeAllConnections();
  await Promise.all([new Promise((r) => silentProxy.close(r)), new Promise((r) => origin.close(r))]);
});

async function failureOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isServiceError(e)).toBe(true);
  return (e as ServiceError).failure;
}

describe('requestStream bounds', () => {
  it('a proxy that never answers CONNECT: the deadline holds and the socket to the proxy is closed', async () => {
    const client = createHttp({ env: { HTTPS_PROXY: `http://127.0.0.1:${port(silentProxy)}` } });
    const t0 = Date.now();
    const f = await failureOf(client.requestStream('https://bedrock-mantle.us-east-1.api.aws/', { deadlineMs: 400 }));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(f.kind).toBe('network');
    for (let i = 0; i < 50 && proxySockets > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(proxySockets).toBe(0);
    client.close();
  });

  it('a stream of keep-alives ends at the total deadline', async () => {
    const client = createHttp({ env: {} });
    const res = await client.requestStream(`http://127.0.0.1:${port(origin)}/endless`, { deadlineMs: 300, totalMs: 500 });
    const t0 = Date.now();
    const f = await failureOf((async () => {
      for await (const _ of res.body) void _;
    })());
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(f.code).toBe('STREAM_DEADLINE');
    client.close();
  });

  it('text() refuses a success body over the cap and cuts an error body there', async () => {
    const client = createHttp({ env: {} });
    const ok = await client.requestStream(`http://127.0.0.1:${port(origin)}/big`, { maxBodyBytes: 1024 * 1024 });
    expect((await failureOf(ok.text())).code).toBe('BODY_TOO_LARGE');
    const err = await client.requestStream(`http://127.0.0.1:${port(origin)}/big-error`, { maxBodyBytes: 1024 * 1024 });
    expect(err.status).toBe(500);
    expect((await err.text()).length).toBe(1024 * 1024);
    client.close();
  });
});
