// Authenticates a SigV4 or bearer request; on failure answers with the service's own error.
import type { Call } from './call.js';
import { sendError, sigv4Error } from './errors.js';
import { signingService } from './routing.js';
import { verifySigV4 } from './sigv4.js';
import { demoApiKeyRegion } from '../core/demoApiKey.js';
import type { EmulatorBearerToken, EmulatorIdentity, EmulatorState } from './state.js';

function lowerHeaders(call: Call): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const [k, v] of Object.entries(call.req.headersDistinct)) out[k.toLowerCase()] = v;
  return out;
}

/** Resolves the caller or sends the error response and returns null. */
export function authenticate(call: Call): EmulatorIdentity | null {
  const { service, region } = call.route;
  const authorization = call.req.headers.authorization ?? '';
  // Bedrock API keys work on both inference endpoints.
  if ((service === 'bedrock-mantle' || service === 'bedrock-runtime') && /^Bearer /i.test(authorization)) {
    call.record.authKind = 'bearer';
    return authenticateBearer(call, authorization.slice(7).trim());
  }
  if (authorization) call.record.authKind = 'sigv4';
  const result = verifySigV4(
    { method: call.req.method ?? 'GET', rawUrl: call.req.url ?? '/', headers: lowerHeaders(call), body: call.body },
    { identities: call.state.identities, region, service: signingService(service), nowMs: call.now() },
  );
  if (!result.ok) {
    sendError(call, sigv4Error(service, result.kind, result.message));
    return null;
  }
  call.record.identityArn = result.identity.arn;
  return result.identity;
}

/** --demo: the demo's key for a region, bound to that region like any short-term key. */
function demoKey(state: EmulatorState, token: string): EmulatorBearerToken | undefined {
  const region = state.demoApiKeys ? demoApiKeyRegion(token) : null;
  return region && state.demoApiKeys ? { token, region, identityArn: state.demoApiKeys.identityArn } : undefined;
}

function authenticateBearer(call: Call, token: string): EmulatorIdentity | null {
  const entry = call.state.bearerTokens.find((t) => t.token === token) ?? demoKey(call.state, token);
  if (!entry) {
    sendError(call, { status: 401, code: 'UnrecognizedClientException', message: 'Invalid API key: the bearer token is not recognized.', openaiCode: 'invalid_api_key' });
    return null;
  }
  if (entry.expiresAt !== undefined && entry.expiresAt <= call.now()) {
    sendError(call, { status: 403, code: 'ExpiredTokenException', message: 'The Bedrock API key has expired. Generate a new key and try again.', openaiCode: 'expired_api_key' });
    return null;
  }
  if (entry.region !== call.route.region) {
    sendError(call, {
      status: 403,
      code: 'AccessDeniedException',
      message: `The Bedrock API key was issued for region ${entry.region} and cannot be used in ${call.route.region}.`,
      openaiCode: 'region_mismatch',
    });
    return null;
  }
  const identity = call.state.identities.find((i) => i.arn === entry.identityArn) ?? {
    accessKeyId: '',
    secretAccessKey: '',
    arn: entry.identityArn,
    account: entry.identityArn.split(':')[4] ?? '',
    userId: entry.identityArn,
  };
  call.record.identityArn = identity.arn;
  return identity;
}

/** AWS-style "not authorized" sentence. */
export function notAuthorized(identity: EmulatorIdentity, action: string, resource?: string): string {
  return resource
    ? `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource}`
    : `User: ${identity.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
}

export function allowsRegion(identity: EmulatorIdentity, region: string): boolean {
  const regions = identity.allow?.regions ?? '*';
  return regions === '*' || regions.includes(region);
}

export function allowsModel(identity: EmulatorIdentity, model: string): boolean {
  const models = identity.allow?.models ?? '*';
  return models === '*' || models.includes(model);
}
