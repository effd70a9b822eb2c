import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttp } from '../../src/services/http.js';
import { createResponseStream, failureFromHttp, listMantleModels, type Authorize } from '../../src/services/mantle.js';
import type { SmokeEvent } from '../../src/types.js';
import { startHttp, type Started } from './helpers/servers.js';

const sse = (res: ServerResponse, type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: Started;
let seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];
const attempts = new Map<string, number>();

beforeAll(async () => {
  server = await startHttp(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    seen.push({ url: req.url!, headers: req.headers, body });
    const n = (attempts.get(req.url!) ?? 0) + 1;
    attempts.set(req.url!, n);
    switch (req.url) {
      case '/ok': {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'response.created', {});
        for (const d of ['Hel', 'lo', '!']) {
          await sleep(5);
          sse(res, 'response.output_text.delta', { delta: d });
        }
        sse(res, 'response.completed', { response: { usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } } });
        return res.end();
      }
      case '/truncated':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'response.output_text.delta', { delta: 'half' });
        return res.end();
      case '/malformed':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: response.output_text.delta\ndata: {not json\n\n');
        return res.end();
      case '/failed':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'response.failed', { response: { error: { code: 'server_error', message: 'model overloaded' } } });
        return res.end();
      case '/error-event':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', code: 'rate_limit_exceeded', message: 'slow down' })}\n\n`);
        return res.end();
      case '/openai-403':
        res.writeHead(403, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'not allowed', type: 'permission_error', code: 'access_denied' } }));
      case '/aws-403':
        res.writeHead(403, { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/', 'content-type': 'application/json' });
        return res.end(JSON.stringify({ message: 'User is not authorized to perform: bedrock-mantle:CreateInference' }));
      case '/flaky':
        if (n === 1) {
          res.writeHead(503, { 'retry-after': '0' });
          return res.end('{"message":"busy"}');
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'response.output_text.delta', { delta: 'ok' });
        sse(res, 'response.completed', { response: {} });
        return res.end();
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'response.output_text.delta', { delta: 'first' });
        await sleep(10_000);
        return res.end();
      case '/v1/models':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: [{ id: 'openai.gpt-oss-120b' }, { id: 'openai.gpt-oss-20b' }] }));
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(() => server.close());

const http = createHttp({ env: {} });
afterAll(() => http.close());
const authorize: Authorize = async ({ headers }) => ({ ...headers, authorization: 'Bearer test-key' });

function run(path: string) {
  const events: SmokeEvent[] = [];
  const p = createResponseStream(
    { http, authorize, region: 'us-east-1', url: `http://127.0.0.1:${server.port}${path}`, model: 'openai.gpt-oss-120b', prompt: 'Say hello', retry: { sleep: async () => {} } },
    (e) => events.push(e),
  );
  return p.then((r) => ({ ...r, events }));
}

describe('createResponseStream', () => {
  it('sends a Codex-like body and collects text, usage and timed events', async () => {
    seen = [];
    const r = await run('/ok');
    expect(r.failure).toBeUndefined();
    expect(r.text).toBe('Hello!');
    expect(r.usage).toEqual({ input_tokens: 3, output_tokens: 4, total_tokens: 7 });
    expect(r.sample.outputTokens).toBe(4);
    expect(r.sample.tokenTimes).toHaveLength(3);
    expect(r.events.map((e) => e.type)).toEqual(['connected', 'headers', 'delta', 'delta', 'delta', 'done']);
    const times = r.events.map((e) => e.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const req = seen[0]!;
    expect(JSON.parse(req.body)).toEqual({
      model: 'openai.gpt-oss-120b',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }],
      stream: true,
      store: false,
    });
    expect(req.headers).toMatchObject({ accept: 'text/event-stream', 'content-type': 'application/json', 'x-amzn-mantle-client-agent': 'codex-bedrock-setup', authorization: 'Bearer test-key' });
  });

  it('reports a stream that ends without response.completed', async () => {
    const r = await run('/truncated');
    expect(r.text).toBe('half');
    expect(r.failure).toMatchObject({ kind: 'stream', code: 'STREAM_TRUNCATED', service: 'bedrock-mantle', model: 'openai.gpt-oss-120b', region: 'us-east-1' });
  });

  it('turns malformed JSON into a stream failure', async () => {
    expect((await run('/malformed')).failure).toMatchObject({ kind: 'stream', code: 'SSE_MALFORMED' });
  });

  it('reports response.failed and error events with their codes', async () => {
    expect((await run('/failed')).failure).toMatchObject({ kind: 'stream', code: 'RESPONSE_FAILED', errorType: 'server_error', message: 'model overloaded' });
    expect((await run('/error-event')).failure).toMatchObject({ kind: 'stream', code: 'STREAM_ERROR', errorType: 'rate_limit_exceeded', message: 'slow down' });
  });

  it('maps OpenAI-shaped and AWS-shaped HTTP errors', async () => {
    expect((await run('/openai-403')).failure).toEqual({
      kind: 'http', status: 403, errorType: 'access_denied', message: 'not allowed', service: 'bedrock-mantle', region: 'us-east-1', model: 'openai.gpt-oss-120b',
      // The server's Date, and our clock on arrival: what tells clock skew from expired credentials.
      serverDate: expect.stringMatching(/GMT$/), receivedAt: expect.any(Number),
    });
    expect((await run('/aws-403')).failure).toMatchObject({
      kind: 'http', status: 403, errorType: 'AccessDeniedException', message: 'User is not authorized to perform: bedrock-mantle:CreateInference',
    });
  });

  it('retries a 503 before reading the body', async () => {
    const r = await run('/flaky');
    expect(r.failure).toBeUndefined();
    expect(r.text).toBe('ok');
    expect(attempts.get('/flaky')).toBe(2);
  });
});

describe('cancelling a stream', () => {
  it('ends with an ABORTED failure and keeps the text so far', async () => {
    const ac = new AbortController();
    const r = await createResponseStream(
      { http, authorize, region: 'us-east-1', url: `http://127.0.0.1:${server.port}/slow`, model: 'm', prompt: 'p', signal: ac.signal },
      (e) => {
        if (e.type === 'delta') ac.abort();
      },
    );
    expect(r.text).toBe('first');
    expect(r.failure).toMatchObject({ kind: 'network', code: 'ABORTED', service: 'bedrock-mantle' });
  });
});

describe('listMantleModels', () => {
  it('returns the ids', async () => {
    const ids = await listMantleModels({ http, authorize, region: 'us-east-1', url: `http://127.0.0.1:${server.port}/v1/models` });
    expect(ids).toEqual(['openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
  });
  it('throws a ServiceError for HTTP errors', async () => {
    await expect(listMantleModels({ http, authorize, region: 'us-east-1', url: `http://127.0.0.1:${server.port}/aws-403` })).rejects.toMatchObject({
      failure: { kind: 'http', status: 403, errorType: 'AccessDeniedException', service: 'bedrock-mantle' },
    });
  });
});

describe('failureFromHttp', () => {
  it('keeps a non-JSON body as the message', () => {
    expect(failureFromHttp(502, {}, '<html>Bad Gateway</html>', { service: 'bedrock-mantle' })).toEqual({
      kind: 'http', status: 502, message: '<html>Bad Gateway</html>', service: 'bedrock-mantle',
    });
  });
});
