import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Started {
  port: number;
  close(): Promise<void>;
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

async function listen(server: net.Server): Promise<Started> {
  const sockets = track(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const startHttp = (handler: http.RequestListener) => listen(http.createServer(handler));

export const startHttps = (handler: http.RequestListener, tls: { certPem: string; keyPem: string }) =>
  listen(https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler));

/**
 * A CONNECT proxy that sends every tunnel to 127.0.0.1:`targetPort` whatever host was asked for
 * (so real AWS host names work offline), or refuses with `refuseStatus`.
 */
export async function startProxy(opts: { targetPort: number; refuseStatus?: number }) {
  const connects: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    if (opts.refuseStatus) {
      client.end(`HTTP/1.1 ${opts.refuseStatus} Forbidden\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const upstream = net.connect(opts.targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const started = await listen(server);
  return { ...started, connects, url: `http://127.0.0.1:${started.port}` };
}

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
