// The single HTTP handler behind both the direct port and the intercepting proxy.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Call, newRequestId, type RecordedRequest } from './call.js';
import { sendError } from './errors.js';
import { defaultErrorType, defaultMessage, takeFault } from './faults.js';
import { handleBedrock } from './handlers/bedrock.js';
import { handleMantle } from './handlers/mantle.js';
import { handleRuntime } from './handlers/runtime.js';
import { handleOidc, handlePortal, type SsoRuntime } from './handlers/sso.js';
import { handleS3 } from './handlers/s3.js';
import { handleSignin, type SigninRuntime } from './handlers/signin.js';
import { handleSts } from './handlers/sts.js';
import { awsHostname, route } from './routing.js';
import { type EmulatorState, emulatorNow, mergeState, requestDelayMs } from './state.js';

export interface HandlerContext {
  state: EmulatorState;
  requests: RecordedRequest[];
  sso: SsoRuntime;
  signin: SigninRuntime;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function plainJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
}

export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch(() => {
      if (!res.headersSent) plainJson(res, 500, { message: 'emulator internal error' });
      else res.destroy();
    });
  };
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.socket.setNoDelay(true);
  // Plain-HTTP proxy requests carry an absolute URI; SigV4 signs only its path.
  if (req.url && /^https?:\/\//i.test(req.url)) {
    const u = new URL(req.url);
    req.url = `${u.pathname}${u.search}`;
    req.headers.host ??= u.host;
  }
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const body = await readBody(req);
  if (url.pathname.startsWith('/__emulator/')) return control(ctx, req, res, url.pathname, body);

  const host = req.headers.host ?? '';
  const routed = route(host, url.pathname);
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    host,
    path: req.url ?? '/',
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
    body: body.toString('utf8'),
    service: routed?.service ?? null,
    region: routed?.region ?? null,
    authKind: req.headers['x-amz-sso_bearer_token'] ? 'sso' : 'none',
    status: null,
  };
  ctx.requests.push(record);
  res.on('close', () => {
    record.status = res.headersSent ? res.statusCode : null;
  });
  if (!routed) return plainJson(res, 404, { message: `No emulated AWS service for ${host}${url.pathname}` });

  const { state } = ctx;
  if (state.unreachableRegions.includes(routed.region)) {
    // What a client sees when the name does not resolve, as near as HTTP can say it.
    res.writeHead(502, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`getaddrinfo ENOTFOUND ${awsHostname(routed.service, routed.region)}\n`);
    req.socket.destroySoon();
    return;
  }
  const call: Call = { req, res, route: routed, query: url.searchParams, body, requestId: newRequestId(), state, now: () => emulatorNow(state), record };
  const waitMs = requestDelayMs(state, routed.region);
  if (waitMs > 0) await delay(waitMs);

  const fault = takeFault(state, routed);
  if (fault) {
    const kind = fault.kind ?? 'http';
    if (kind === 'hang') return;
    if (kind === 'slowHeaders') await delay(fault.delayMs ?? 5000);
    else if (kind === 'http') {
      const status = fault.status ?? 500;
      return sendError(call, {
        status,
        code: fault.errorType ?? defaultErrorType(status),
        message: fault.message ?? defaultMessage(status),
        retryAfterSeconds: fault.retryAfterSeconds,
      });
    } else call.fault = fault;
  }

  switch (routed.service) {
    case 'sts':
      return handleSts(call);
    case 'bedrock':
      return handleBedrock(call);
    case 'bedrock-runtime':
      return handleRuntime(call);
    case 'bedrock-mantle':
      return handleMantle(call);
    case 'oidc':
      return handleOidc(call, ctx.sso);
    case 'portal':
      return handlePortal(call, ctx.sso);
    case 's3':
      return handleS3(call);
    case 'signin':
      return handleSignin(call, ctx.signin);
  }
}

/** Lets tests in other processes steer a running emulator. */
function control(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
  if (req.method === 'GET' && path === '/__emulator/requests') return plainJson(res, 200, ctx.requests);
  if (req.method === 'GET' && path === '/__emulator/state') return plainJson(res, 200, ctx.state);
  if (req.method === 'POST' && path === '/__emulator/state') {
    try {
      mergeState(ctx.state, JSON.parse(body.toString('utf8') || '{}'));
    } catch {
      return plainJson(res, 400, { message: 'state patch must be JSON' });
    }
    return plainJson(res, 200, ctx.state);
  }
  if (req.method === 'DELETE' && path === '/__emulator/requests') {
    ctx.requests.length = 0;
    return plainJson(res, 200, { cleared: true });
  }
  plainJson(res, 404, { message: `unknown control endpoint ${req.method} ${path}` });
}
