// A hostile network for the built CLI: a proxy that misbehaves in each way a real one can, and a
// Mantle-like server (reached through Codex's base_url) that sends escapes, echoes secrets, drips,
// never ends, or sends events and error bodies of hundreds of megabytes.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { execa } from 'execa';
import { CLI } from './helpers.js';

export interface Server {
  url: string;
  port: number;
  close(): Promise<void>;
}

function closer(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
}

async function listen(server: net.Server, scheme: string): Promise<Server> {
  const close = closer(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `${scheme}://127.0.0.1:${port}`, port, close };
}

/** `silent`: takes the TCP connection, never answers CONNECT. `ok-then-silent`: 200, then nothing. `auth`: 407. */
export function startHostileProxy(mode: 'silent' | 'ok-then-silent' | 'auth'): Promise<Server> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      if (mode === 'ok-then-silent') socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (mode === 'auth') socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
    });
  });
  return listen(server, 'http');
}

export const ESCAPES = '\u001B]52;c;cHduZWQ=\u0007\u001B]0;pwned\u0007\u001B[2J\u001B]8;;http://evil\u001B\\click\u001B]8;;\u001B\\\u009B31m';
export const GOOD_MODEL = 'openai.gpt-5.5';
const sse = (type: string, extra: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...extra })}\n\n`;

/**
 * Routes by the first path segment, so each case gets its own base_url:
 * http://127.0.0.1:PORT/<mode>/v1 → /<mode>/v1/models and /<mode>/v1/responses.
 */
export function startHostileMantle(): Promise<Server> {
  const server = http.createServer((req, res) => {
    const [, mode = '', ...rest] = (req.url ?? '').split('/');
    const path = `/${rest.join('/')}`;
    req.resume();
    res.on('error', () => undefined);
    const forever = (write: () => boolean | void, everyMs: number) => {
      const t = setInterval(() => {
        if (res.destroyed) return clearInterval(t);
        write();
      }, everyMs);
      res.on('close', () => clearInterval(t));
    };
    const pump = (chunk: Buffer, total: number, end: string) => {
      let sent = 0;
      const next = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', next);
        }
        res.end(end);
      };
      next();
    };
    // The Bedrock control plane (AWS_ENDPOINT_URL_BEDROCK), read by the AWS SDK, which buffers bodies whole.
    if (path === '/foundation-models') {
      if (mode === 'sdkhugeerror') {
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerException' });
        return pump(Buffer.alloc(64 * 1024, 'e'), 500 * 1024 * 1024, '');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"modelSummaries":[');
      const entry = Buffer.from(JSON.stringify({ modelId: GOOD_MODEL, modelName: 'x', providerName: 'OpenAI' }) + ',');
      return pump(Buffer.concat(Array.from({ length: 512 }, () => entry)), 300 * 1024 * 1024, `${JSON.stringify({ modelId: GOOD_MODEL })}]}`);
    }
    if (path === '/v1/models') {
      if (mode === 'drip') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[');
        return forever(() => res.write(' '), 200);
      }
      if (mode === 'echo401') return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `Invalid credentials. Authorization: ${req.headers.authorization}` }));
      const ids = [GOOD_MODEL, `openai.evil${ESCAPES}`, 'openai.gpt-5.6-luna'];
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model' })) }));
    }
    if (path === '/v1/responses') {
      switch (mode) {
        case 'escape':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sse('response.created'));
          res.write(sse('response.output_text.delta', { delta: `Hello ${ESCAPES} from Bedrock.` }));
          return void res.end(sse('response.completed', { response: { usage: { input_tokens: 5, output_tokens: 4 } } }));
        case 'echo401':
          return void res
            .writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' })
            .end(JSON.stringify({ error: { message: `Invalid key. You sent Authorization: ${req.headers.authorization} ${ESCAPES}`, type: 'invalid_request_error' } }));
        case 'keepalive':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sse('response.created'));
          return forever(() => res.write(': keepalive\n\n'), 100);
        case 'hugeevent':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"');
          return pump(Buffer.alloc(64 * 1024, 'a'), 100 * 1024 * 1024, '"}\n\n');
        case 'hugeerror':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return pump(Buffer.alloc(64 * 1024, 'e'), 500 * 1024 * 1024, '');
      }
    }
    if (path === '/') return void res.writeHead(404).end();
    res.writeHead(404).end('{}');
  });
  return listen(server, 'http');
}

export interface Measured {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the CLI process, in MB (GNU time). */
  peakMb: number;
}

/** Runs the built CLI under GNU time, which reports the peak RSS as its last stderr line. */
export async function runMeasured(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 40_000): Promise<Measured> {
  const t0 = Date.now();
  const r = await execa('/usr/bin/time', ['-f', 'CBS_MAXRSS_KB=%M', process.execPath, CLI, ...args], { env, extendEnv: false, reject: false, timeout: timeoutMs, stdin: 'ignore' });
  const ms = Date.now() - t0;
  const stderr = String(r.stderr);
  const m = /CBS_MAXRSS_KB=(\d+)\s*$/.exec(stderr);
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: stderr.replace(/(Command exited with non-zero status \d+\n)?CBS_MAXRSS_KB=\d+\s*$/, ''), ms, peakMb: m ? Number(m[1]) / 1024 : Number.NaN };
}

/** Any terminal control that would act on a terminal: ESC, BEL, C1 (CSI 0x9B), other C0 but TAB/LF. */
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
