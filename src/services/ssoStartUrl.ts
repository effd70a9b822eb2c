// Does an IAM Identity Center start URL answer? The device flow's first two calls (unsigned, as the aws CLI makes
// them): register a public client, then start a device authorization for the URL. Nothing is kept or printed.
import type { EndpointResolver } from '../types.js';
import { isServiceError } from './errors.js';
import type { HttpClient } from './http.js';

export type StartUrlCheck = { ok: true } | { ok: false; reason: 'rejected' | 'unreachable'; detail: string };

export interface StartUrlService {
  check(startUrl: string, ssoRegion: string, signal?: AbortSignal): Promise<StartUrlCheck>;
}

export function createStartUrlService(deps: { http: Pick<HttpClient, 'requestStream'>; endpoints: Pick<EndpointResolver, 'ssoOidc'> }): StartUrlService {
  const post = async (url: string, body: unknown, signal?: AbortSignal) => {
    const res = await deps.http.requestStream(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal, deadlineMs: 10_000 });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // a proxy's HTML page: the status says enough
    }
    return { status: res.status, json };
  };
  return {
    async check(startUrl, ssoRegion, signal) {
      const base = deps.endpoints.ssoOidc(ssoRegion);
      try {
        const reg = await post(`${base}/client/register`, { clientName: 'codex-bedrock-setup-team-check', clientType: 'public' }, signal);
        if (reg.status !== 200) return { ok: false, reason: 'unreachable', detail: `Identity Center in ${ssoRegion} answered HTTP ${reg.status} to client registration` };
        const auth = await post(`${base}/device_authorization`, { clientId: reg.json.clientId, clientSecret: reg.json.clientSecret, startUrl }, signal);
        if (auth.status === 200) return { ok: true };
        const code = String(auth.json.error ?? auth.json.__type ?? auth.json.code ?? `HTTP ${auth.status}`);
        return { ok: false, reason: 'rejected', detail: `Identity Center in ${ssoRegion} does not know ${startUrl} (${code})` };
      } catch (e) {
        if (!isServiceError(e)) throw e;
        return { ok: false, reason: 'unreachable', detail: e.failure.message ?? e.failure.code ?? 'network error' };
      }
    },
  };
}
