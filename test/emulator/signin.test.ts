// AWS Sign-In's token endpoint: the AWS SDK's own login provider refreshes through it, and every proof that does not
// show possession of the session's key, or a refresh token that is spent or whose session ended, is refused.
import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromLoginCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

const ARN = 'arn:aws:sts::123456789012:assumed-role/ConsoleAdmin/dev';
let emu: Emulator;
let tokenUrl: string;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 } });
  tokenUrl = `${emu.url}/signin/us-east-1/v1/token`;
});
afterAll(() => emu.close());

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A DPoP proof as the SDKs build it; each override bends one part. */
function proof(signWith: KeyObject, claimKey: KeyObject, over: { htu?: string; htm?: string; iat?: number; jti?: string; typ?: string } = {}): string {
  const { x, y } = claimKey.export({ format: 'jwk' });
  const head = b64({ alg: 'ES256', typ: over.typ ?? 'dpop+jwt', jwk: { kty: 'EC', crv: 'P-256', x, y } });
  const body = b64({ jti: over.jti ?? randomUUID(), htm: over.htm ?? 'POST', htu: over.htu ?? tokenUrl, iat: over.iat ?? Math.floor(Date.now() / 1000) });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), { key: signWith, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

function refresh(refreshToken: string, dpop: string | undefined, clientId = 'arn:aws:signin:::devtools/same-device') {
  return fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(dpop ? { DPoP: dpop } : {}) },
    body: JSON.stringify({ clientId, grantType: 'refresh_token', refreshToken }),
  });
}

const sts = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new STSClient({ region: 'us-east-1', endpoint: `${emu.url}/sts/us-east-1`, credentials: c }).send(new GetCallerIdentityCommand({}));

describe('the AWS SDK for JavaScript refreshing an aws login session', () => {
  it('signs a DPoP proof with the cached key, gets keys STS accepts as the session, and saves the rotated token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signin-'));
    const { privateKey, publicKey } = keyPair();
    const issued = emu.openLoginSession({ dpopPublicKey: publicKey, identityArn: ARN });
    const cache = join(dir, 'login', 'cache');
    await mkdir(cache, { recursive: true });
    const cacheFile = join(cache, `${createHash('sha256').update(ARN).digest('hex')}.json`);
    const expired = { ...issued.accessToken, accountId: '123456789012', expiresAt: new Date(Date.now() - 60_000).toISOString() };
    await writeFile(cacheFile, JSON.stringify({ accessToken: expired, tokenType: issued.tokenType, clientId: 'arn:aws:signin:::devtools/same-device', refreshToken: issued.refreshToken, idToken: issued.idToken, dpopKey: privateKey.export({ format: 'pem', type: 'sec1' }) }));
    await writeFile(join(dir, 'config'), `[profile console]\nlogin_session = ${ARN}\nregion = us-east-1\n`);
    const saved = process.env.AWS_LOGIN_CACHE_DIRECTORY;
    process.env.AWS_LOGIN_CACHE_DIRECTORY = cache;
    try {
      const creds = await fromLoginCredentials({ profile: 'console', configFilepath: join(dir, 'config'), filepath: join(dir, 'credentials'), clientConfig: { endpoint: `${emu.url}/signin/us-east-1` } })();
      expect(creds.accessKeyId).not.toBe(issued.accessToken.accessKeyId);
      expect((await sts(creds)).Arn).toBe(ARN);
      const rotated = JSON.parse(await readFile(cacheFile, 'utf8'));
      expect(rotated.refreshToken).not.toBe(issued.refreshToken);
      // The spent refresh token no longer refreshes, as with a second process holding a stale cache.
      expect((await refresh(issued.refreshToken, proof(privateKey, publicKey))).status).toBe(400);
    } finally {
      if (saved === undefined) delete process.env.AWS_LOGIN_CACHE_DIRECTORY;
      else process.env.AWS_LOGIN_CACHE_DIRECTORY = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('proofs and tokens Sign-In refuses', () => {
  const session = () => {
    const k = keyPair();
    return { ...k, refreshToken: emu.openLoginSession({ dpopPublicKey: k.publicKey, identityArn: ARN }).refreshToken };
  };
  const refusal = async (r: Response) => ({ status: r.status, type: r.headers.get('x-amzn-errortype'), ...((await r.json()) as { error?: string; message?: string }) });

  it('answers a good proof with the model fields, the keys verifying with STS', async () => {
    const s = session();
    const r = await refresh(s.refreshToken, proof(s.privateKey, s.publicKey));
    expect(r.status).toBe(200);
    const out = (await r.json()) as { accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string }; tokenType: string; expiresIn: number; refreshToken: string; idToken: string };
    expect(out).toMatchObject({ tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4', expiresIn: 900 });
    expect(JSON.parse(Buffer.from(out.idToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ sub: ARN });
    expect((await sts(out.accessToken)).Arn).toBe(ARN);
  });

  it('refuses a missing proof, another key, a forged signature, the wrong target, a stale or replayed proof', async () => {
    const s = session();
    const other = keyPair();
    const jti = randomUUID();
    expect(await refusal(await refresh(s.refreshToken, undefined))).toMatchObject({ status: 400, type: 'ValidationException', error: 'INVALID_REQUEST' });
    expect((await refusal(await refresh(s.refreshToken, proof(other.privateKey, other.publicKey)))).message).toContain('not the one this session was opened with');
    expect((await refusal(await refresh(s.refreshToken, proof(other.privateKey, s.publicKey)))).message).toContain('signature does not verify');
    expect((await refusal(await refresh(s.refreshToken, proof(s.privateKey, s.publicKey, { htu: 'https://us-east-1.signin.aws.amazon.com/v1/token' })))).message).toContain('htu');
    expect((await refusal(await refresh(s.refreshToken, proof(s.privateKey, s.publicKey, { htm: 'GET' })))).message).toContain('htm');
    expect((await refusal(await refresh(s.refreshToken, proof(s.privateKey, s.publicKey, { typ: 'JWT' })))).message).toContain('typ');
    expect((await refusal(await refresh(s.refreshToken, proof(s.privateKey, s.publicKey, { iat: Math.floor(Date.now() / 1000) - 3600 })))).message).toContain('iat');
    expect((await refresh(s.refreshToken, proof(s.privateKey, s.publicKey, { jti }))).status).toBe(200);
    const again = session();
    expect((await refusal(await refresh(again.refreshToken, proof(again.privateKey, again.publicKey, { jti })))).message).toContain('jti');
  });

  it('refuses an unknown refresh token and another client id', async () => {
    const s = session();
    expect((await refresh('aorAAAAAnot-issued', proof(s.privateKey, s.publicKey))).status).toBe(400);
    expect((await refusal(await refresh(s.refreshToken, proof(s.privateKey, s.publicKey), 'arn:aws:signin:::devtools/cross-device'))).message).toContain('clientId');
  });

  it('answers TOKEN_EXPIRED once the session has ended, which the SDKs turn into "Your session has expired"', async () => {
    const k = keyPair();
    const { refreshToken } = emu.openLoginSession({ dpopPublicKey: k.publicKey, identityArn: ARN, sessionTtlSeconds: 0 });
    for (let i = 0; i < 2; i++) expect(await refusal(await refresh(refreshToken, proof(k.privateKey, k.publicKey)))).toMatchObject({ status: 403, type: 'AccessDeniedException', error: 'TOKEN_EXPIRED' });
  });
});

describe('aws login: authorize, then the authorization_code grant', () => {
  const base = () => `${emu.url}/signin/us-east-1`;
  const verifier = 'v'.repeat(64);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = (over: Record<string, string> = {}) =>
    fetch(`${base()}/v1/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'arn:aws:signin:::devtools/same-device', state: 's1', code_challenge_method: 'SHA-256', scope: 'openid', redirect_uri: 'http://127.0.0.1:5999/oauth/callback', code_challenge: challenge, ...over })}`, { redirect: 'manual' });
  const exchange = (code: string, dpop: string, over: Record<string, string> = {}) =>
    fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json', DPoP: dpop }, body: JSON.stringify({ clientId: 'arn:aws:signin:::devtools/same-device', grantType: 'authorization_code', code, codeVerifier: verifier, redirectUri: 'http://127.0.0.1:5999/oauth/callback', ...over }) });
  const codeOf = async (r: Response) => new URL(r.headers.get('location')!).searchParams.get('code')!;

  it('redirects to the loopback callback with a code and the state, and binds the session to the proof key of the exchange', async () => {
    const r = await authorize();
    expect(r.status).toBe(302);
    expect(new URL(r.headers.get('location')!)).toMatchObject({ origin: 'http://127.0.0.1:5999', pathname: '/oauth/callback' });
    expect(new URL(r.headers.get('location')!).searchParams.get('state')).toBe('s1');
    const k = keyPair();
    const code = await codeOf(r);
    const out = (await (await exchange(code, proof(k.privateKey, k.publicKey))).json()) as { refreshToken: string; idToken: string; accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string } };
    expect(JSON.parse(Buffer.from(out.idToken.split('.')[1]!, 'base64url').toString()).sub).toBe('arn:aws:iam::123456789012:user/demo');
    expect((await sts(out.accessToken)).Arn).toBe('arn:aws:iam::123456789012:user/demo');
    // The code is spent, and the refresh token answers only proofs of the same key.
    expect((await exchange(code, proof(k.privateKey, k.publicKey))).status).toBe(400);
    const other = keyPair();
    expect((await refresh(out.refreshToken, proof(other.privateKey, other.publicKey))).status).toBe(400);
    expect((await refresh(out.refreshToken, proof(k.privateKey, k.publicKey))).status).toBe(200);
  });

  it('refuses a foreign redirect, a wrong verifier, and a code exchanged for another redirect', async () => {
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    expect((await authorize({ client_id: 'arn:aws:signin:::devtools/cross-device' })).status).toBe(400);
    const k = keyPair();
    expect((await exchange(await codeOf(await authorize()), proof(k.privateKey, k.publicKey), { codeVerifier: 'w'.repeat(64) })).status).toBe(400);
    expect((await exchange(await codeOf(await authorize()), proof(k.privateKey, k.publicKey), { redirectUri: 'http://127.0.0.1:6000/oauth/callback' })).status).toBe(400);
  });
});
