// AWS Sign-In's token endpoint, which refreshes an `aws login` (console credentials) session: POST /v1/token at
// https://<region>.signin.aws.amazon.com, rest-json, not SigV4-signed, bound to the session's key by a DPoP proof
// (RFC 9449). Shapes follow the signin 2023-01-01 model the AWS SDKs (JS nested-clients, Rust aws-sdk-signin) and
// botocore share: body {clientId, grantType, refreshToken}, answer {accessToken{…}, tokenType, expiresIn,
// refreshToken, idToken}, errors by x-amzn-ErrorType with an `error` code (TOKEN_EXPIRED …).
import { createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError } from '../errors.js';
import type { EmulatorIdentity } from '../state.js';

export const SIGNIN_CLIENT_ID = 'arn:aws:signin:::devtools/same-device';
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

/** Sessions by their current refresh token (each refresh rotates it), and the proofs already seen. */
export class SigninRuntime {
  readonly sessions = new Map<string, LoginSession>();
  readonly seenProofs = new Set<string>();
  private readonly idTokenKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  /**
   * What `aws login` receives when the browser sign-in completes: keys the SigV4 verifier accepts, a refresh token
   * bound to `dpopPublicKey`, and an id token whose `sub` is the session's ARN (the CLI's `login_session`).
   */
  openSession(
    identities: EmulatorIdentity[],
    opts: { dpopPublicKey: KeyObject; identity: LoginSession['identity']; now: number; sessionTtlSeconds: number; clientId?: string },
  ): IssuedLogin {
    const jwk = opts.dpopPublicKey.export({ format: 'jwk' }) as JsonWebKey;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('a login session needs a P-256 DPoP key');
    const session: LoginSession = { clientId: opts.clientId ?? SIGNIN_CLIENT_ID, jwk: { x: jwk.x, y: jwk.y }, identity: opts.identity, expiresAt: opts.now + opts.sessionTtlSeconds * 1000 };
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
  if (call.req.method !== 'POST' || call.route.path !== '/v1/token') {
    sendError(call, { status: 404, code: 'UnknownOperationException', message: `No Sign-In operation at ${call.req.method} ${call.route.path}` });
    return;
  }
  const body = jsonBody(call);
  if (!body) return invalid(call, 'The request body must be JSON.');
  if (body.grantType !== 'refresh_token') return invalid(call, `Unsupported grantType ${String(body.grantType)}.`);
  const refreshToken = typeof body.refreshToken === 'string' ? body.refreshToken : '';
  const session = signin.sessions.get(refreshToken);
  // A rotated or unknown refresh token: what a second process refreshing with a stale cache gets.
  if (!session) return invalid(call, 'The provided authorization grant is invalid, expired or revoked.');
  if (body.clientId !== session.clientId) return invalid(call, 'The clientId does not match the refresh token.');
  const proof = checkProof(call, session, signin);
  if (proof) return invalid(call, `Invalid DPoP proof: ${proof}.`);
  // An ended session keeps answering TOKEN_EXPIRED (the SDKs retry); a good refresh spends the token.
  if (session.expiresAt <= call.now()) return deny(call, 'TOKEN_EXPIRED', 'Your session has expired. Please reauthenticate.');
  signin.sessions.delete(refreshToken);
  const issued = signin.vend(call.state.identities, session, call.now());
  call.record.identityArn = session.identity.arn;
  sendJson(call, 200, {
    accessToken: { accessKeyId: issued.accessToken.accessKeyId, secretAccessKey: issued.accessToken.secretAccessKey, sessionToken: issued.accessToken.sessionToken },
    tokenType: issued.tokenType,
    expiresIn: SIGNIN_ACCESS_TTL_S,
    refreshToken: issued.refreshToken,
    idToken: issued.idToken,
  });
}

/** Why the DPoP header does not prove possession of the session's key for this request; undefined when it does. */
function checkProof(call: Call, session: LoginSession, signin: SigninRuntime): string | undefined {
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
  if (jwk.x !== session.jwk.x || jwk.y !== session.jwk.y) return 'the key is not the one this session was opened with';
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return 'the signature does not verify';
  if (claims.htm !== 'POST') return 'htm must be POST';
  const scheme = (call.req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const target = `${scheme}://${call.req.headers.host ?? ''}${(call.req.url ?? '').split('?')[0]}`;
  if (claims.htu !== target) return `htu ${String(claims.htu)} is not ${target}`;
  if (typeof claims.iat !== 'number' || Math.abs(claims.iat - call.now() / 1000) > PROOF_WINDOW_S) return 'iat is missing or too far from now';
  if (typeof claims.jti !== 'string' || signin.seenProofs.has(claims.jti)) return 'jti is missing or was used before';
  signin.seenProofs.add(claims.jti);
  return undefined;
}
