import { performance } from 'node:perf_hooks';
import { ServiceError } from './errors.js';
import type { HttpClient, StreamResponse } from './http.js';
import { httpRetryDecision, withRetry, type RetryOptions } from './retry.js';
import { MANTLE_CLIENT_AGENT, mantleHeaders } from './sigv4.js';
import { parseSse } from './sse.js';
import type { Failure, LatencySample, SmokeEvent } from '../types.js';

/** Adds auth to a request's headers: SigV4 (needs the body) or a bearer token. */
export type Authorize = (req: { url: string; method: string; headers: Record<string, string>; body?: string }) => Promise<Record<string, string>>;

export interface MantleCall {
  http: HttpClient;
  authorize: Authorize;
  region: string;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

/** AWS puts the error type in x-amzn-ErrorType, sometimes followed by `:<namespace URL>`. */
export function failureFromHttp(
  status: number,
  headers: Record<string, string>,
  bodyText: string,
  ctx: { service: Failure['service']; region?: string; model?: string },
  receivedAt = Date.now(),
): Failure {
  let errorType = headers['x-amzn-errortype']?.split(':')[0] || undefined;
  let message: string | undefined;
  try {
    const j = JSON.parse(bodyText) as Record<string, unknown>;
    const oe = j.error as { message?: string; type?: string; code?: string } | string | undefined;
    if (oe && typeof oe === 'object') {
      message = oe.message;
      errorType ??= oe.code ?? oe.type;
    } else if (typeof oe === 'string') message = oe;
    message ??= (j.message ?? j.Message) as string | undefined;
    errorType ??= (j.__type as string | undefined)?.split('#').pop();
  } catch {
    message = bodyText.trim().slice(0, 300) || undefined;
  }
  return {
    kind: 'http',
    status,
    ...(errorType ? { errorType } : {}),
    message: message ?? `HTTP ${status}`,
    service: ctx.service,
    ...(ctx.region ? { region: ctx.region } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
    // "Signature expired" means clock skew only when the server's clock disagrees with ours.
    ...(headers.date ? { serverDate: headers.date, receivedAt } : {}),
  };
}

async function send(
  call: MantleCall,
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
  service: Failure['service'] = 'bedrock-mantle',
): Promise<StreamResponse> {
  return withRetry(
    async () => {
      const signed = await call.authorize({ url, method, headers, body });
      return call.http.requestStream(url, { method, headers: signed, body, signal: call.signal, service });
    },
    httpRetryDecision,
    { ...call.retry, signal: call.signal, discard: (r) => r.cancel() },
  );
}

/**
 * Once headers have arrived the server was reached: a reset or silence while reading the body is a
 * broken response (stream-broken), not a failed connection.
 */
function brokenBody(e: unknown, ctx: Pick<Failure, 'service' | 'region' | 'model'>): Failure | null {
  if (!(e instanceof ServiceError)) return null;
  const f = e.failure;
  return f.kind === 'network' && f.code !== 'ABORTED' ? { ...f, ...ctx, kind: 'stream' } : { ...f, ...ctx };
}

export async function listMantleModels(call: MantleCall & { url: string }): Promise<string[]> {
  const res = await send(call, call.url, 'GET', { accept: 'application/json', 'x-amzn-mantle-client-agent': MANTLE_CLIENT_AGENT });
  const ctx = { service: 'bedrock-mantle' as const, region: call.region };
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    const f = brokenBody(e, ctx);
    if (f) throw new ServiceError(f);
    throw e;
  }
  if (res.status !== 200) throw new ServiceError(failureFromHttp(res.status, res.headers, text, ctx));
  try {
    const j = JSON.parse(text) as { data?: { id?: string }[] };
    return (j.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  } catch {
    throw new ServiceError({ kind: 'stream', code: 'JSON_MALFORMED', status: res.status, message: 'Mantle returned a model list that is not valid JSON.', ...ctx });
  }
}

/** The smallest Responses API body that behaves like a Codex turn. */
export function smokeBody(model: string, prompt: string): string {
  return JSON.stringify({
    model,
    input: [{ role: 'user', content: [{ type: 'input_text', text: prompt }] }],
    stream: true,
    store: false,
  });
}

/** The body and pre-auth headers of a Codex request to send again. */
export interface ReplayRequest {
  body: string;
  headers: Record<string, string>;
}

export interface ResponseStreamResult {
  text: string;
  sample: LatencySample;
  usage?: { input_tokens?: number; output_tokens?: number; total_tokens?: number };
  failure?: Failure;
}

/**
 * Streams one Responses API call. HTTP errors and broken streams come back as `failure`
 * (with whatever text arrived); only programming errors throw. Network errors before headers throw ServiceError.
 */
export async function createResponseStream(
  call: MantleCall & { url: string; model: string; prompt: string; request?: ReplayRequest; service?: 'bedrock-mantle' | 'bedrock-runtime' },
  onEvent: (e: SmokeEvent) => void,
): Promise<ResponseStreamResult> {
  // A replayed Codex request goes out with Codex's own body and headers; auth is added afresh by `send`.
  const body = call.request?.body ?? smokeBody(call.model, call.prompt);
  const headers = call.request?.headers ?? mantleHeaders(true);
  const ctx = { service: call.service ?? ('bedrock-mantle' as const), region: call.region, model: call.model };
  const res = await send(call, call.url, 'POST', headers, body, ctx.service);
  const t0 = res.timing.startAt;
  const rel = (t: number) => t - t0;
  const connectAt = res.timing.tlsAt ?? res.timing.connectedAt;
  if (connectAt !== null) onEvent({ type: 'connected', atMs: rel(connectAt) });
  const headersMs = rel(res.timing.headersAt);
  onEvent({ type: 'headers', atMs: headersMs, status: res.status });

  const tokenTimes: number[] = [];
  let text = '';
  const finish = (extra: Partial<ResponseStreamResult>): ResponseStreamResult => {
    const totalMs = rel(performance.now());
    onEvent({ type: 'done', atMs: totalMs });
    return {
      text,
      sample: {
        tokenTimes,
        ...(connectAt !== null ? { connectMs: rel(connectAt) } : {}),
        headersMs,
        totalMs,
        ...(extra.usage?.output_tokens !== undefined ? { outputTokens: extra.usage.output_tokens } : {}),
      },
      ...extra,
    };
  };

  if (res.status !== 200) {
    const errText = await res.text().catch(() => '');
    return finish({ failure: failureFromHttp(res.status, res.headers, errText, ctx) });
  }

  const streamFailure = (code: string, message: string, errorType?: string): Failure => ({
    kind: 'stream',
    code,
    message,
    ...(errorType ? { errorType } : {}),
    ...ctx,
  });

  try {
    for await (const ev of parseSse(res.body)) {
      if (ev.data === '[DONE]') break;
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(ev.data) as Record<string, unknown>;
      } catch {
        res.cancel();
        return finish({ failure: streamFailure('SSE_MALFORMED', `Mantle sent an event that is not JSON (${ev.event}).`) });
      }
      const type = (data.type as string | undefined) ?? ev.event;
      if (type === 'response.output_text.delta') {
        const now = performance.now();
        const delta = typeof data.delta === 'string' ? data.delta : '';
        tokenTimes.push(rel(now));
        text += delta;
        onEvent({ type: 'delta', atMs: rel(now), text: delta });
      } else if (type === 'response.completed') {
        const usage = (data.response as { usage?: ResponseStreamResult['usage'] } | undefined)?.usage;
        res.cancel();
        return finish(usage ? { usage } : {});
      } else if (type === 'response.failed' || type === 'response.incomplete' || type === 'error') {
        const err = (data.response as { error?: { code?: string; message?: string } } | undefined)?.error ??
          (data.error as { code?: string; message?: string; type?: string } | undefined) ??
          (data as { code?: string; message?: string });
        res.cancel();
        return finish({ failure: streamFailure(type === 'error' ? 'STREAM_ERROR' : 'RESPONSE_FAILED', err?.message ?? `Mantle reported ${type}.`, err?.code ?? undefined) });
      }
    }
  } catch (e) {
    const f = brokenBody(e, ctx);
    if (f) return finish({ failure: f });
    throw e;
  }
  return finish({ failure: streamFailure('STREAM_TRUNCATED', 'The stream ended before response.completed.') });
}
