import type { EndpointResolver } from '../types.js';

export interface EndpointOptions {
  /** Codex's `[model_providers.amazon-bedrock] base_url`; Codex posts to `<base_url>/responses`. */
  mantleBaseUrl?: string;
  /** Demo emulator in direct mode: every service lives under `<emulatorUrl>/<service>/<region>`. */
  emulatorUrl?: string;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/**
 * SDK endpoint rules: a service-specific AWS_ENDPOINT_URL_<SERVICE> beats the global
 * AWS_ENDPOINT_URL, and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns both off.
 */
function configuredEndpoint(env: NodeJS.ProcessEnv, serviceEnvId: string): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const url = env[`AWS_ENDPOINT_URL_${serviceEnvId}`] || env.AWS_ENDPOINT_URL;
  return url ? trimSlash(url) : undefined;
}

export function makeEndpointResolver(env: NodeJS.ProcessEnv, opts: EndpointOptions = {}): EndpointResolver {
  const emu = opts.emulatorUrl ? trimSlash(opts.emulatorUrl) : undefined;
  const viaEmulator = (service: string, region: string) => (emu ? `${emu}/${service}/${region}` : undefined);
  const base = opts.mantleBaseUrl ? trimSlash(opts.mantleBaseUrl) : undefined;

  // Codex talks to Mantle with its own HTTP client, so the SDK's AWS_ENDPOINT_URL does not apply there:
  // only base_url (or the emulator) moves it.
  const mantle = (region: string) =>
    viaEmulator('bedrock-mantle', region) ??
    (base ? base.replace(/\/openai\/v1$|\/v1$/, '') : `https://bedrock-mantle.${region}.api.aws`);

  return {
    sts: (r) => viaEmulator('sts', r) ?? configuredEndpoint(env, 'STS') ?? `https://sts.${r}.amazonaws.com`,
    bedrock: (r) => viaEmulator('bedrock', r) ?? configuredEndpoint(env, 'BEDROCK') ?? `https://bedrock.${r}.amazonaws.com`,
    mantle,
    mantleResponses: (r) => (!emu && base ? `${base}/responses` : `${mantle(r)}/openai/v1/responses`),
    mantleModels: (r) => `${mantle(r)}/v1/models`,
    // Codex builds this URL itself from the region, like Mantle's: the SDK's AWS_ENDPOINT_URL does not move it.
    runtimeResponses: (r) => `${viaEmulator('bedrock-runtime', r) ?? `https://bedrock-runtime.${r}.amazonaws.com`}/openai/v1/responses`,
    ssoOidc: (r) => viaEmulator('oidc', r) ?? configuredEndpoint(env, 'SSO_OIDC') ?? `https://oidc.${r}.amazonaws.com`,
    ssoPortal: (r) => viaEmulator('portal', r) ?? configuredEndpoint(env, 'SSO') ?? `https://portal.sso.${r}.amazonaws.com`,
  };
}
