import { latencyReport } from '../core/latency.js';
import * as sdk from './awsSdk.js';
import { isServiceError } from './errors.js';
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

export function createAwsService(deps: AwsServiceDeps): AwsService {
  const ctx: sdk.SdkContext = { env: deps.env, endpoints: deps.endpoints, http: deps.http };

  /** SigV4 signs each attempt afresh (x-amz-date moves); credentials are resolved once per call. */
  async function authorizer(auth: AuthChoice, region: string): Promise<Authorize> {
    if (auth.kind === 'api-key') return async ({ headers }) => bearerHeaders(auth.apiKey, headers);
    const credentials = await sdk.resolveCredentials(ctx, auth, region);
    return (req) => signRequest({ ...req, region, service: 'bedrock-mantle', credentials });
  }

  return {
    whoAmI: (auth, region, signal) => sdk.whoAmI(ctx, auth, region, signal),
    listFoundationModels: (auth, region, signal) => sdk.listFoundationModels(ctx, auth, region, signal),

    async listMantleModels(auth, region, signal) {
      const authorize = await authorizer(auth, region);
      return listMantleModels({ http: deps.http, authorize, region, signal, url: deps.endpoints.mantleModels(region) });
    },

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
        return { ok: false, rttMs: null, error: e.failure.code ?? e.failure.kind };
      }
    },

    async smokeTest(opts, onEvent, signal): Promise<SmokeResult> {
      const endpoint = deps.endpoints.mantleResponses(opts.region);
      const base = {
        model: opts.model,
        region: opts.region,
        endpoint,
        auth: opts.auth.kind === 'api-key' ? ('bearer' as const) : ('sigv4' as const),
      };
      try {
        const authorize = await authorizer(opts.auth, opts.region);
        const r = await createResponseStream(
          { http: deps.http, authorize, region: opts.region, signal, url: endpoint, model: opts.model, prompt: opts.prompt, ...(opts.request ? { request: opts.request } : {}) },
          onEvent,
        );
        return { ...base, ok: !r.failure, text: r.text, latency: latencyReport(r.sample), ...(r.failure ? { failure: r.failure } : {}) };
      } catch (e) {
        if (!isServiceError(e)) throw e;
        return {
          ...base,
          ok: false,
          text: '',
          latency: latencyReport({ tokenTimes: [], headersMs: 0, totalMs: 0 }),
          failure: { ...e.failure, region: opts.region, model: opts.model, service: e.failure.service ?? 'bedrock-mantle' },
        };
      }
    },
  };
}
