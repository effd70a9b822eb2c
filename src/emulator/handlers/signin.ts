// AWS Sign-In's token endpoint, which refreshes an `aws login` (console credentials) session: POST /v1/token at
// https://<region>.signin.aws.amazon.com, rest-json, not SigV4-signed, bound to the session's key by a DPoP proof
// (RFC 9449). Shapes follow the signin 2023-01-01 model the AWS SDKs (JS nested-clients, Rust aws-sdk-signin) and
// botocore share: body {clientId, grantType, refreshToken}, answer {accessToken{…}, tokenType, expiresIn,
// refreshToken, idToken}, errors by x-amzn-ErrorType with an `error` code (TOKEN_EXPIRED …).
// `aws login` itself: GET /v1/authorize (PKCE, the console sign-in taken as done) redirects with a code to the CLI's
// localhost callback, or for `--remote` to /v1/sessions/confirmation, which shows the code to paste; the
// authorization_code grant then opens a session bound to the key of its DPoP proof.
import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError } from '../errors.js';
import type { EmulatorIdentity } from '../state.js';

export const SIGNIN_CLIENT_ID = 'arn:aws:signin:::devtools/same-device';
const CROSS_DEVICE_CLIENT_ID = 'arn:aws:signin:::devtools/cross-device';
const AUTH_CODE_TTL_S = 300;
/** How long a session refreshes before TOKEN_EXPIRED: the emulator's choice (the real limit is AWS's, not checked here). */
export const SIGNIN_SESSION_TTL_S = 12 * 3600;
/** What Sign-In reports for the access token it vends: 15 minutes (seen in real caches), then a refresh. */
export const SIGNIN_ACCESS_TTL_S = 900;
const PROOF_WINDOW_S = 300;

interface LoginSession {
  clientId: string;
  /** The DPoP public key the session was opened with: every proof must be signed by its private half. */
  jwk: { x: string; y: string };
  identity: Omit<EmulatorIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiresAt'>;
  /** ms epoch: after it the refresh token is refused with TOKEN_EXPIRED (the user must run aws login again). */
  expiresAt: number;
}

export interface IssuedLogin {
  accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiresAt: number };
  tokenType: string;
  refreshToken: string;
  idToken: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

/** Sessions by their current refresh token (each refresh rotates it), codes not yet exchanged, proofs already seen. */
export class SigninRuntime {
  readonly sessions = new Map<string, LoginSession>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly seenProofs = new Set<string>();
  private readonly idTokenKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  /**
   * What `aws login` receives when the browser sign-in completes: keys the SigV4 verifier accepts, a refresh token
   * bound to `dpopPublicKey`, and an id token whose `sub` is the session's ARN (the CLI's `login_session`).
   */
  openSession(
    identities: EmulatorIdentity[],
    opts: { dpopPublicKey: KeyObject; identity: LoginSession['identity']; now: number; sessionTtlSeconds: number },
  ): IssuedLogin {
    const jwk = opts.dpopPublicKey.export({ format: 'jwk' }) as JsonWebKey;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('a login session needs a P-256 DPoP key');
    const session: LoginSession = { clientId: SIGNIN_CLIENT_ID, jwk: { x: jwk.x, y: jwk.y }, identity: opts.identity, expiresAt: opts.now + opts.sessionTtlSeconds * 1000 };
    return this.vend(identities, session, opts.now);
  }

  vend(identities: EmulatorIdentity[], session: LoginSession, now: number): IssuedLogin {
    const refreshToken = `aorAAAAA${randomBytes(48).toString('base64url')}`;
    this.sessions.set(refreshToken, session);
    const accessToken = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(48).toString('base64')}`,
      expiresAt: now + SIGNIN_ACCESS_TTL_S * 1000,
    };
    identities.push({ ...session.identity, ...accessToken });
    return { accessToken, tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4', refreshToken, idToken: this.idToken(session, now) };
  }

  private idToken(session: LoginSession, now: number): string {
    const iat = Math.floor(now / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg: 'ES256', typ: 'JWT' })}.${part({ sub: session.identity.arn, aud: session.clientId, iss: 'https://signin.aws.amazon.com', iat, exp: iat + SIGNIN_ACCESS_TTL_S })}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key: this.idTokenKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  }
}

const deny = (call: Call, error: string, message: string) => sendError(call, { status: 403, code: 'AccessDeniedException', message, openaiCode: error });
const invalid = (call: Call, message: string) => sendError(call, { status: 400, code: 'ValidationException', message, openaiCode: 'INVALID_REQUEST' });

export function handleSignin(call: Call, signin: SigninRuntime): void {
  const { method } = call.req;
  const { path } = call.route;
  if (method === 'GET' && path === '/v1/authorize') return authorize(call, signin);
  if (method === 'GET' && path === '/v1/sessions/confirmation') return confirmation(call);
  if (method !== 'POST' || path !== '/v1/token') {
    sendError(call, { status: 404, code: 'UnknownOperationException', message: `No Sign-In operation at ${method} ${path}` });
    return;
  }
  const body = jsonBody(call);
  if (!body) return invalid(call, 'The request body must be JSON.');
  if (body.grantType === 'authorization_code') return exchangeCode(call, signin, body);
  if (body.grantType !== 'refresh_token') return invalid(call, `Unsupported grantType ${String(body.grantType)}.`);
  const refreshToken = typeof body.refreshToken === 'string' ? body.refreshToken : '';
  const session = signin.sessions.get(refreshToken);
  // A rotated or unknown refresh token: what a second process refreshing with a stale cache gets.
  if (!session) return invalid(call, 'The provided authorization grant is invalid, expired or revoked.');
  if (body.clientId !== session.clientId) return invalid(call, 'The clientId does not match the refresh token.');
  const proof = checkProof(call, signin, session.jwk);
  if (typeof proof === 'string') return invalid(call, `Invalid DPoP proof: ${proof}.`);
  // An ended session keeps answering TOKEN_EXPIRED (the SDKs retry); a good refresh spends the token.
  if (session.expiresAt <= call.now()) return deny(call, 'TOKEN_EXPIRED', 'Your session has expired. Please reauthenticate.');
  signin.sessions.delete(refreshToken);
  answerTokens(call, signin.vend(call.state.identities, session, call.now()), session);
}

/** The console sign-in, taken as done by the emulator's first identity (the demo user): a code for the client. */
function authorize(call: Call, signin: SigninRuntime): void {
  const q = call.query;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  const ownConfirmation = `${requestUrl(call).replace(/\/v1\/authorize$/, '')}/v1/sessions/confirmation`;
  // The same-device client may only come back to a loopback callback, the cross-device one to Sign-In's own page.
  const allowed =
    (clientId === SIGNIN_CLIENT_ID && /^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(redirectUri)) || (clientId === CROSS_DEVICE_CLIENT_ID && redirectUri === ownConfirmation);
  // An unknown client or redirect URI is answered here, never by redirecting (RFC 6749 §4.1.2.1).
  if (!allowed) return invalid(call, 'Invalid client_id or redirect_uri.');
  const back = new URL(redirectUri);
  const challenge = q.get('code_challenge');
  if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'SHA-256' || !challenge) back.searchParams.set('error', 'invalid_request');
  else {
    const code = randomBytes(24).toString('base64url');
    signin.authCodes.set(code, { clientId, redirectUri, codeChallenge: challenge, expiresAt: call.now() + AUTH_CODE_TTL_S * 1000 });
    back.searchParams.set('code', code);
  }
  const state = q.get('state');
  if (state !== null) back.searchParams.set('state', state);
  call.res.writeHead(302, { Location: back.toString(), 'Content-Length': '0' }).end();
}

/** The page `aws login --remote` sends the browser to: the code to paste is base64 of `state=…&code=…`. */
function confirmation(call: Call): void {
  const code = call.query.get('code');
  const state = call.query.get('state');
  if (!code || !state) return invalid(call, 'Missing code or state.');
  const verification = Buffer.from(new URLSearchParams({ state, code }).toString()).toString('base64');
  const html = `<!doctype html><title>AWS Sign-In</title><p>Enter this authorization code in the AWS CLI:</p><pre id="code">${verification}</pre>\n`;
  call.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)) }).end(html);
}

function exchangeCode(call: Call, signin: SigninRuntime, body: Record<string, unknown>): void {
  const code = typeof body.code === 'string' ? signin.authCodes.get(body.code) : undefined;
  if (!code || code.clientId !== body.clientId || code.redirectUri !== body.redirectUri) return invalid(call, 'The authorization code is invalid or was issued to another client.');
  if (code.expiresAt <= call.now()) return deny(call, 'AUTHCODE_EXPIRED', 'The authorization code has expired.');
  const verifier = typeof body.codeVerifier === 'string' ? body.codeVerifier : '';
  if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) return invalid(call, 'The code_verifier does not match the code_challenge.');
  // The code's first proof names the key every later refresh must prove.
  const proof = checkProof(call, signin);
  if (typeof proof === 'string') return invalid(call, `Invalid DPoP proof: ${proof}.`);
  signin.authCodes.delete(body.code as string);
  const signedIn = call.state.identities[0];
  if (!signedIn) return deny(call, 'INSUFFICIENT_PERMISSIONS', 'No console identity to sign in as.');
  const identity = { arn: signedIn.arn, account: signedIn.account, userId: signedIn.userId, ...(signedIn.allow ? { allow: signedIn.allow } : {}) };
  const session: LoginSession = { clientId: code.clientId, jwk: proof, identity, expiresAt: call.now() + SIGNIN_SESSION_TTL_S * 1000 };
  answerTokens(call, signin.vend(call.state.identities, session, call.now()), session);
}

function answerTokens(call: Call, issued: IssuedLogin, session: LoginSession): void {
  call.record.identityArn = session.identity.arn;
  sendJson(call, 200, {
    accessToken: { accessKeyId: issued.accessToken.accessKeyId, secretAccessKey: issued.accessToken.secretAccessKey, sessionToken: issued.accessToken.sessionToken },
    tokenType: issued.tokenType,
    expiresIn: SIGNIN_ACCESS_TTL_S,
    refreshToken: issued.refreshToken,
    idToken: issued.idToken,
  });
}

/**
 * Why the DPoP header does not prove possession of a key for this request (of `expected` when given), or the key
 * it proves.
 */
function checkProof(call: Call, signin: SigninRuntime, expected?: LoginSession['jwk']): string | LoginSession['jwk'] {
  const header = call.req.headers.dpop;
  const parts = typeof header === 'string' ? header.split('.') : [];
  if (parts.length !== 3) return 'the DPoP header is missing or not a JWT';
  const [h, p, s] = parts as [string, string, string];
  let head: { typ?: unknown; alg?: unknown; jwk?: { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown } };
  let claims: { htm?: unknown; htu?: unknown; iat?: unknown; jti?: unknown };
  try {
    head = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return 'the JWT parts are not JSON';
  }
  if (head.typ !== 'dpop+jwt' || head.alg !== 'ES256') return 'typ must be dpop+jwt and alg ES256';
  const jwk = head.jwk;
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return 'the header carries no P-256 jwk';
  if (expected && (jwk.x !== expected.x || jwk.y !== expected.y)) return 'the key is not the one this session was opened with';
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return 'the signature does not verify';
  if (claims.htm !== 'POST') return 'htm must be POST';
  const target = requestUrl(call);
  if (claims.htu !== target) return `htu ${String(claims.htu)} is not ${target}`;
  if (typeof claims.iat !== 'number' || Math.abs(claims.iat - call.now() / 1000) > PROOF_WINDOW_S) return 'iat is missing or too far from now';
  if (typeof claims.jti !== 'string' || signin.seenProofs.has(claims.jti)) return 'jti is missing or was used before';
  signin.seenProofs.add(claims.jti);
  return { x: jwk.x, y: jwk.y };
}

/** The URL the client sent this request to, without the query (what a DPoP proof's htu names). */
function requestUrl(call: Call): string {
  const scheme = (call.req.socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${scheme}://${call.req.headers.host ?? ''}${(call.req.url ?? '').split('?')[0]}`;
}
