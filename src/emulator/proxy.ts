// HTTPS proxy with TLS interception: AWS hostnames are answered by the emulator itself,
// everything else (github.com, chatgpt.com, which Codex also contacts) is refused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { routeHost } from './routing.js';
import { type EmulatorState, regionLatencyOf } from './state.js';
import type { TestCa } from './tls.js';

function refuse(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

export function createInterceptingProxy(opts: {
  state: EmulatorState;
  ca: TestCa;
  inner: Server;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}): Server {
  const proxy = createServer((req, res) => {
    const host = /^https?:\/\/([^/]+)/i.exec(req.url ?? '')?.[1] ?? req.headers.host ?? '';
    const routed = routeHost(host);
    if (!routed) {
      res.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`emulator proxy: ${host} is not an AWS endpoint\n`);
      return;
    }
    req.headers.host = host;
    opts.handler(req, res);
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const authority = req.url ?? '';
    const host = authority.replace(/:\d+$/, '');
    const routed = routeHost(host);
    if (!routed) return refuse(client, '403 Forbidden');
    if (opts.state.unreachableRegions.includes(routed.region)) return refuse(client, '502 Bad Gateway');
    client.setNoDelay(true);
    const connectMs = regionLatencyOf(opts.state, routed.region);
    if (connectMs > 0) setTimeout(() => !client.destroyed && open(), connectMs);
    else open();

    function open(): void {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) client.unshift(head);
      // Offer only HTTP/1.1: the emulator speaks no HTTP/2, and clients must not pick it.
      const tls = new TLSSocket(client, { isServer: true, secureContext: opts.ca.contextFor(host), ALPNProtocols: ['http/1.1'] });
      tls.on('error', () => tls.destroy());
      opts.inner.emit('connection', tls);
    }
  });
  proxy.on('clientError', (_err, socket) => socket.destroy());
  return proxy;
}
