// IAM Identity Center: SSO OIDC device flow and the SSO portal (rest-json, not SigV4-signed).
// Shapes follow botocore's sso-oidc and sso 2019-06-10 service models.
import { randomBytes } from 'node:crypto';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError } from '../errors.js';

interface DeviceCode {
  clientId: string;
  polls: number;
  expiresAt: number;
  issued: boolean;
}

const DEVICE_CODE_TTL_S = 600;
const token = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** Clients, device codes and access tokens issued so far (not part of the patchable state). */
export class SsoRuntime {
  readonly clients = new Map<string, { secret: string }>();
  readonly deviceCodes = new Map<string, DeviceCode>();
  readonly accessTokens = new Map<string, { expiresAt: number }>();
  readonly refreshTokens = new Set<string>();

  /** Lets a test or the demo hand out a portal token without the device flow. */
  issueAccessToken(expiresAt: number): string {
    const t = token('aoa');
    this.accessTokens.set(t, { expiresAt });
    return t;
  }
}

export function handleOidc(call: Call, sso: SsoRuntime): void {
  const body = jsonBody(call);
  if (call.req.method !== 'POST' || !body) {
    sendError(call, { status: 400, code: 'InvalidRequestException', message: 'Invalid request', openaiCode: 'invalid_request' });
    return;
  }
  const nowS = Math.floor(call.now() / 1000);
  switch (call.route.path) {
    case '/client/register': {
      const clientId = token('emu-client-', 16);
      const clientSecret = token('emu-secret-', 32);
      sso.clients.set(clientId, { secret: clientSecret });
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
  if (body.grantType === 'refresh_token') {
    if (!sso.refreshTokens.has(String(body.refreshToken))) return grant(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token');
    issue(call, sso);
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
  issue(call, sso);
}

function issue(call: Call, sso: SsoRuntime): void {
  const ttl = call.state.sso.tokenTtlSeconds;
  const accessToken = sso.issueAccessToken(call.now() + ttl * 1000);
  const refreshToken = token('aor');
  sso.refreshTokens.add(refreshToken);
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
