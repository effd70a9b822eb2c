import { latencyReport } from '../core/latency.js';
import { cleanFailure, plausibleModelId, sanitize } from '../core/sanitize.js';
import * as sdk from './awsSdk.js';
import { ServiceError, isServiceError } from './errors.js';
import type { HttpClient } from './http.js';
import { createResponseStream, listMantleModels, type Authorize } from './mantle.js';
import { bearerHeaders, signRequest } from './sigv4.js';
import type { AwsService } from './types.js';
import type { AuthChoice, EndpointResolver, SmokeResult } from '../types.js';

export interface AwsServiceDeps {
  env: NodeJS.ProcessEnv;
  endpoints: EndpointResolver;
  http: HttpClient;
  /** Probe deadline (connect + headers). */
  probeTimeoutMs?: number;
}

/** More models than any region serves: a longer list is a broken or hostile answer, cut here. */
export const MAX_MODELS = 1_000;

/** A probe answer is an error page at most; anything longer is not read. */
const PROBE_BODY_BYTES = 64 * 1024;

/** Server text never reaches a screen raw: every failure leaving this service is cleaned. */
async function cleaned<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isServiceError(e)) throw new ServiceError(cleanFailure(e.failure));
    throw e;
  }
}

export function createAwsService(deps: AwsServiceDeps): AwsService {
  const ctx: sdk.SdkContext = { env: deps.env, endpoints: deps.endpoints, http: deps.http };

  /** SigV4 signs each attempt afresh (x-amz-date moves); credentials are resolved once per call. */
  async function authorizer(auth: AuthChoice, region: string, service = 'bedrock-mantle'): Promise<Authorize> {
    if (auth.kind === 'api-key') return async ({ headers }) => bearerHeaders(auth.apiKey, headers);
    const credentials = await sdk.resolveCredentials(ctx, auth, region);
    return (req) => signRequest({ ...req, region, service, credentials });
  }

  return {
    whoAmI: (auth, region, signal) =>
      cleaned(async () => {
        const id = await sdk.whoAmI(ctx, auth, region, signal);
        return id && { arn: sanitize(id.arn), account: sanitize(id.account), userId: sanitize(id.userId) };
      }),
    listFoundationModels: (auth, region, signal) =>
      cleaned(async () => (await sdk.listFoundationModels(ctx, auth, region, signal)).filter((m) => plausibleModelId(m.modelId)).slice(0, MAX_MODELS).map((m) => ({ ...m, modelName: sanitize(m.modelName), providerName: sanitize(m.providerName), lifecycleStatus: sanitize(m.lifecycleStatus) }))),

    listMantleModels: (auth, region, signal) =>
      cleaned(async () => {
        const authorize = await authorizer(auth, region);
        const ids = await listMantleModels({ http: deps.http, authorize, region, signal, url: deps.endpoints.mantleModels(region) });
        // An id with control bytes or spaces is never offered, so it is never written to a profile file.
        return ids.filter(plausibleModelId).slice(0, MAX_MODELS);
      }),

    async probeRegion(region, signal) {
      try {
        const res = await deps.http.requestStream(`${deps.endpoints.mantle(region)}/`, {
          method: 'GET',
          signal,
          deadlineMs: deps.probeTimeoutMs ?? 5_000,
          service: 'bedrock-mantle',
        });
        res.cancel();
        // Any HTTP answer (even 403/404) proves DNS, TCP, TLS and the proxy all work.
        return { ok: true, rttMs: res.timing.headersAt - res.timing.startAt };
      } catch (e) {
        if (!isServiceError(e)) throw e;
        return { ok: false, rttMs: null, error: e.failure.code ?? e.failure.kind, ...(e.failure.status ? { status: e.failure.status } : {}) };
      }
    },

    async timeRegionRequest(region, provider, signal) {
      const service = provider === 'runtime' ? ('bedrock-runtime' as const) : ('bedrock-mantle' as const);
      const base = provider === 'runtime' ? deps.endpoints.runtimeResponses(region).replace(/\/openai\/v1\/responses$/, '') : deps.endpoints.mantle(region);
      try {
        const res = await deps.http.requestStream(`${base}/`, { method: 'GET', signal, deadlineMs: deps.probeTimeoutMs ?? 5_000, service, maxBodyBytes: PROBE_BODY_BYTES });
        // Read to the end: a cancelled response closes its socket, and the next probe would pay a new handshake.
        await res.text().catch(() => '');
        return { ok: true, ms: res.timing.headersAt - res.timing.startAt, reused: res.timing.reused === true, status: res.status };
      } catch (e) {
        if (!isServiceError(e)) throw e;
        return { ok: false, failure: cleanFailure({ ...e.failure, region, service }) };
      }
    },

    async smokeTest(opts, onEvent, signal): Promise<SmokeResult> {
      const runtime = opts.provider === 'runtime';
      const endpoint = runtime ? deps.endpoints.runtimeResponses(opts.region) : deps.endpoints.mantleResponses(opts.region);
      const service = runtime ? ('bedrock-runtime' as const) : ('bedrock-mantle' as const);
      const base = {
        model: opts.model,
        region: opts.region,
        endpoint,
        auth: opts.auth.kind === 'api-key' ? ('bearer' as const) : ('sigv4' as const),
      };
      try {
        // Bedrock Runtime signs as `bedrock`, the service name Codex's runtime provider uses.
        const authorize = await authorizer(opts.auth, opts.region, runtime ? 'bedrock' : 'bedrock-mantle');
        // Deltas are for the screen (the result keeps the exact text): shown, never interpreted.
        const shown = (e: Parameters<typeof onEvent>[0]) => onEvent(e.type === 'delta' ? { ...e, text: sanitize(e.text, { keepNewlines: true }) } : e);
        const r = await createResponseStream(
          { http: deps.http, authorize, region: opts.region, signal, url: endpoint, model: opts.model, prompt: opts.prompt, service, ...(opts.request ? { request: opts.request } : {}) },
          shown,
        );
        return { ...base, ok: !r.failure, text: r.text, latency: latencyReport(r.sample), ...(r.failure ? { failure: cleanFailure(r.failure) } : {}) };
      } catch (e) {
        if (!isServiceError(e)) throw e;
        return {
          ...base,
          ok: false,
          text: '',
          latency: latencyReport({ tokenTimes: [], headersMs: 0, totalMs: 0 }),
          failure: cleanFailure({ ...e.failure, region: opts.region, model: opts.model, service: e.failure.service ?? service }),
        };
      }
    },
  };
}
