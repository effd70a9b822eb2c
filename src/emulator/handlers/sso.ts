// IAM Identity Center: SSO OIDC device flow, the authorization-code flow with PKCE (aws CLI 2.22+'s default,
// redirecting to a localhost callback), and the SSO portal (rest-json, not SigV4-signed).
// Shapes follow botocore's sso-oidc and sso 2019-06-10 service models.
import { createHash, randomBytes } from 'node:crypto';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError } from '../errors.js';

interface DeviceCode {
  clientId: string;
  polls: number;
  expiresAt: number;
  issued: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

interface OidcClient {
  secret: string;
  grantTypes: string[];
  redirectUris: string[];
}

const DEVICE_CODE_TTL_S = 600;
const AUTH_CODE_TTL_S = 300;
const token = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** Clients, device codes and access tokens issued so far (not part of the patchable state). */
export class SsoRuntime {
  readonly clients = new Map<string, OidcClient>();
  readonly deviceCodes = new Map<string, DeviceCode>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, { expiresAt: number }>();
  /** Refresh token → the client it was issued to (RFC 6749 §6: only that client may use it). */
  readonly refreshTokens = new Map<string, string>();

  /** Lets a test or the demo hand out a portal token without the device flow. */
  issueAccessToken(expiresAt: number): string {
    const t = token('aoa');
    this.accessTokens.set(t, { expiresAt });
    return t;
  }
}

export function handleOidc(call: Call, sso: SsoRuntime): void {
  if (call.req.method === 'GET' && call.route.path === '/authorize') {
    authorize(call, sso);
    return;
  }
  const body = jsonBody(call);
  if (call.req.method !== 'POST' || !body) {
    sendError(call, { status: 400, code: 'InvalidRequestException', message: 'Invalid request', openaiCode: 'invalid_request' });
    return;
  }
  const nowS = Math.floor(call.now() / 1000);
  switch (call.route.path) {
    case '/client/register': {
      const grantTypes = Array.isArray(body.grantTypes) ? body.grantTypes.map(String) : [];
      const redirectUris = Array.isArray(body.redirectUris) ? body.redirectUris.map(String) : [];
      if (grantTypes.includes('authorization_code') && (redirectUris.length === 0 || !redirectUris.every(loopback))) {
        sendError(call, { status: 400, code: 'InvalidRedirectUriException', message: 'Invalid redirect URI', openaiCode: 'invalid_redirect_uri' });
        return;
      }
      const clientId = token('emu-client-', 16);
      const clientSecret = token('emu-secret-', 32);
      sso.clients.set(clientId, { secret: clientSecret, grantTypes, redirectUris });
      sendJson(call, 200, { clientId, clientSecret, clientIdIssuedAt: nowS, clientSecretExpiresAt: nowS + 90 * 86400 });
      return;
    }
    case '/device_authorization': {
      if (!validClient(call, sso, body)) return;
      if (body.startUrl !== call.state.sso.startUrl) {
        sendError(call, { status: 400, code: 'InvalidRequestException', message: 'Invalid start URL', openaiCode: 'invalid_request' });
        return;
      }
      const deviceCode = token('dc-');
      const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toUpperCase();
      sso.deviceCodes.set(deviceCode, { clientId: String(body.clientId), polls: 0, expiresAt: call.now() + DEVICE_CODE_TTL_S * 1000, issued: false });
      const verificationUri = `https://device.sso.${call.route.region}.amazonaws.com/`;
      sendJson(call, 200, {
        deviceCode,
        userCode,
        verificationUri,
        verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
        expiresIn: DEVICE_CODE_TTL_S,
        interval: 1,
      });
      return;
    }
    case '/token':
      createToken(call, sso, body);
      return;
    default:
      sendError(call, { status: 404, code: 'ResourceNotFoundException', message: 'Not found', openaiCode: 'not_found' });
  }
}

function validClient(call: Call, sso: SsoRuntime, body: Record<string, unknown>): boolean {
  const client = sso.clients.get(String(body.clientId));
  if (client && client.secret === body.clientSecret) return true;
  sendError(call, { status: 401, code: 'InvalidClientException', message: 'Invalid client', openaiCode: 'invalid_client' });
  return false;
}

function createToken(call: Call, sso: SsoRuntime, body: Record<string, unknown>): void {
  if (!validClient(call, sso, body)) return;
  const grant = (status: number, code: string, error: string, message: string) =>
    sendError(call, { status, code, message, openaiCode: error });
  if (body.grantType === 'authorization_code') {
    const code = sso.authCodes.get(String(body.code));
    if (!code || code.used || code.clientId !== body.clientId) return grant(400, 'InvalidGrantException', 'invalid_grant', 'Invalid authorization code provided');
    code.used = true;
    if (code.expiresAt <= call.now()) return grant(400, 'ExpiredTokenException', 'expired_token', 'Authorization code has expired');
    if (body.redirectUri !== code.redirectUri) return grant(400, 'InvalidGrantException', 'invalid_grant', 'Redirect URI does not match the authorization request');
    if (typeof body.codeVerifier !== 'string' || s256(body.codeVerifier) !== code.codeChallenge) {
      return grant(400, 'InvalidGrantException', 'invalid_grant', 'Code verifier does not match the code challenge');
    }
    issue(call, sso, code.clientId);
    return;
  }
  if (body.grantType === 'refresh_token') {
    if (sso.refreshTokens.get(String(body.refreshToken)) !== body.clientId) return grant(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token');
    issue(call, sso, String(body.clientId));
    return;
  }
  const device = sso.deviceCodes.get(String(body.deviceCode));
  if (!device || device.clientId !== body.clientId || device.issued) return grant(400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
  if (device.expiresAt <= call.now()) return grant(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
  device.polls += 1;
  const { approveAfterPolls, approved } = call.state.sso;
  if (!approved && (approveAfterPolls < 0 || device.polls < approveAfterPolls)) {
    return grant(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
  }
  device.issued = true;
  issue(call, sso, device.clientId);
}

/** RFC 8252: a native app's loopback redirect; the port is chosen per sign-in, so registration omits it. */
function loopback(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}

/** A registered redirect URI matches whatever port the sign-in listens on (RFC 8252 §7.3). */
function redirectRegistered(client: OidcClient, uri: string): boolean {
  if (!loopback(uri)) return false;
  const asked = new URL(uri);
  return client.redirectUris.some((r) => {
    const u = new URL(r);
    return u.hostname === asked.hostname && u.pathname === asked.pathname;
  });
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * The page the browser opens. The person signs in and allows access at once (the emulator's approval settings
 * decide), and the browser is sent to the CLI's localhost callback with the code and the state.
 */
function authorize(call: Call, sso: SsoRuntime): void {
  const q = call.query;
  const client = sso.clients.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  // An unknown client or redirect URI is answered here, never by redirecting (RFC 6749 §4.1.2.1).
  if (!client || !client.grantTypes.includes('authorization_code') || !redirectRegistered(client, redirectUri)) {
    sendError(call, { status: 400, code: 'InvalidRequestException', message: 'Invalid client or redirect URI', openaiCode: 'invalid_request' });
    return;
  }
  const state = q.get('state');
  const back = (params: Record<string, string>) => {
    const to = new URL(redirectUri);
    for (const [k, v] of Object.entries({ ...params, ...(state !== null ? { state } : {}) })) to.searchParams.set(k, v);
    call.res.writeHead(302, { Location: to.toString(), 'Content-Length': '0' }).end();
  };
  const challenge = q.get('code_challenge');
  if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !challenge) return back({ error: 'invalid_request' });
  const { approveAfterPolls, approved } = call.state.sso;
  if (!approved && approveAfterPolls < 0) return back({ error: 'access_denied' });
  const code = token('ac-');
  sso.authCodes.set(code, { clientId: q.get('client_id')!, redirectUri, codeChallenge: challenge, expiresAt: call.now() + AUTH_CODE_TTL_S * 1000, used: false });
  back({ code });
}

function issue(call: Call, sso: SsoRuntime, clientId: string): void {
  const ttl = call.state.sso.tokenTtlSeconds;
  const accessToken = sso.issueAccessToken(call.now() + ttl * 1000);
  const refreshToken = token('aor');
  sso.refreshTokens.set(refreshToken, clientId);
  sendJson(call, 200, { accessToken, tokenType: 'Bearer', expiresIn: ttl, refreshToken });
}

export function handlePortal(call: Call, sso: SsoRuntime): void {
  const bearer = call.req.headers['x-amz-sso_bearer_token'];
  const session = typeof bearer === 'string' ? sso.accessTokens.get(bearer) : undefined;
  if (!session || session.expiresAt <= call.now()) {
    sendError(call, { status: 401, code: 'UnauthorizedException', message: 'Session token not found or invalid' });
    return;
  }
  const { accounts } = call.state.sso;
  const account = accounts.find((a) => a.accountId === call.query.get('account_id'));
  switch (`${call.req.method} ${call.route.path}`) {
    case 'GET /assignment/accounts':
      sendJson(call, 200, {
        accountList: accounts.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress ?? `${a.accountName}@example.com` })),
      });
      return;
    case 'GET /assignment/roles':
      if (!account) return sendError(call, { status: 403, code: 'ForbiddenException', message: 'No access' });
      sendJson(call, 200, { roleList: account.roles.map((r) => ({ roleName: r.roleName, accountId: account.accountId })) });
      return;
    case 'GET /federation/credentials': {
      const role = account?.roles.find((r) => r.roleName === call.query.get('role_name'));
      if (!account || !role) return sendError(call, { status: 403, code: 'ForbiddenException', message: 'No access' });
      const ttlMs = (call.state.sso.roleCredentialsTtlSeconds ?? 3600) * 1000;
      const credentials = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: token('IQoJb3JpZ2luX2VjE', 96),
        expiration: call.now() + ttlMs,
      };
      // Later SigV4 calls with these keys must verify, as with real role credentials.
      call.state.identities.push({
        ...credentials,
        expiresAt: credentials.expiration,
        arn: role.identityArn,
        account: account.accountId,
        userId: `AROAEMULATOR${role.roleName.toUpperCase().slice(0, 8)}:${role.identityArn.split('/').pop() ?? 'user'}`,
        ...(role.allow ? { allow: role.allow } : {}),
      });
      sendJson(call, 200, { roleCredentials: credentials });
      return;
    }
    case 'POST /logout':
      sso.accessTokens.delete(String(bearer));
      call.res.writeHead(200, { 'Content-Length': '0' }).end();
      return;
    default:
      sendError(call, { status: 404, code: 'ResourceNotFoundException', message: 'Not found' });
  }
}
