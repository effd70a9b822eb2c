// The authorization-code flow with PKCE that aws CLI 2.22+ uses by default, played over real HTTP the way the
// aws CLI does it: register a public client with a loopback redirect, send the browser to /authorize, catch the
// redirect on a localhost server, and trade the code and the code_verifier for a token.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

let emu: Emulator;
let callback: Server;
let callbackUri: string;
const received: URLSearchParams[] = [];
const START_URL = 'https://demo.awsapps.com/start';

const oidc = (path: string, body: unknown) =>
  fetch(`${emu.url}/oidc/us-east-1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  emu = await startEmulator({});
  // The aws CLI's AuthCodeFetcher: a one-page server on 127.0.0.1 at a port of its own.
  callback = createServer((req, res) => {
    received.push(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>You may close this window.</p>');
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/oauth/callback`;
});
afterAll(async () => {
  await emu?.close();
  callback?.close();
});

async function register() {
  const r = await oidc('/client/register', {
    clientName: 'botocore-client-test',
    clientType: 'public',
    grantTypes: ['authorization_code', 'refresh_token'],
    // Registered without the port: the CLI picks a free one per sign-in (RFC 8252).
    redirectUris: ['http://127.0.0.1/oauth/callback'],
    issuerUrl: START_URL,
    scopes: ['sso:account:access'],
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { clientId: string; clientSecret: string };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The browser's part: open /authorize, follow the redirect to the localhost callback. */
async function browse(clientId: string, challenge: string, state: string, redirectUri = callbackUri): Promise<{ status: number; location: string | null; params?: URLSearchParams }> {
  const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state, code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: challenge });
  const r = await fetch(`${emu.url}/oidc/us-east-1/authorize?${q}`, { redirect: 'manual' });
  const location = r.headers.get('location');
  if (r.status !== 302 || !location) return { status: r.status, location };
  const before = received.length;
  expect((await fetch(location)).status).toBe(200);
  expect(received.length).toBe(before + 1);
  return { status: r.status, location, params: received.at(-1)! };
}

describe('SSO OIDC authorization-code flow with PKCE', () => {
  it('redirects to the localhost callback with the code and state; the verifier buys a token that works on the portal', async () => {
    emu.update({ sso: { approveAfterPolls: 1 } });
    const client = await register();
    const { verifier, challenge } = pkce();
    const state = randomUUID();
    const b = await browse(client.clientId, challenge, state);
    expect(b.location!.startsWith(`${callbackUri}?`)).toBe(true);
    expect(b.params!.get('state')).toBe(state);
    const code = b.params!.get('code')!;
    expect(code).toBeTruthy();

    const token = await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', redirectUri: callbackUri, codeVerifier: verifier, code });
    expect(token.status).toBe(200);
    const granted = (await token.json()) as { accessToken: string; tokenType: string; refreshToken: string };
    expect(granted).toMatchObject({ tokenType: 'Bearer' });
    const accounts = await fetch(`${emu.url}/portal/us-east-1/assignment/accounts`, { headers: { 'x-amz-sso_bearer_token': granted.accessToken } });
    expect(accounts.status).toBe(200);

    // A code is good once.
    const again = await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', redirectUri: callbackUri, codeVerifier: verifier, code });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('the refresh token renews for the client it was issued to, and for no other (the aws CLI refreshes before signing in again)', async () => {
    const client = await register();
    const { verifier, challenge } = pkce();
    const b = await browse(client.clientId, challenge, 'rt');
    const granted = (await (await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', redirectUri: callbackUri, codeVerifier: verifier, code: b.params!.get('code') })).json()) as { refreshToken: string };
    const other = await register();
    const stolen = await oidc('/token', { clientId: other.clientId, clientSecret: other.clientSecret, grantType: 'refresh_token', refreshToken: granted.refreshToken });
    expect(stolen.status).toBe(400);
    expect(stolen.headers.get('x-amzn-errortype')).toBe('InvalidGrantException');
    const renewed = await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: granted.refreshToken });
    expect(renewed.status).toBe(200);
    expect(await renewed.json()).toMatchObject({ tokenType: 'Bearer', accessToken: expect.stringMatching(/^aoa/) });
  });

  it('refuses a code_verifier that does not hash to the challenge, and a different redirect URI', async () => {
    const client = await register();
    const { challenge } = pkce();
    const wrong = await browse(client.clientId, challenge, 's1');
    const r = await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', redirectUri: callbackUri, codeVerifier: pkce().verifier, code: wrong.params!.get('code') });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('InvalidGrantException');
    expect(await r.json()).toMatchObject({ error_description: 'Code verifier does not match the code challenge' });

    const { verifier, challenge: c2 } = pkce();
    const other = await browse(client.clientId, c2, 's2');
    const moved = await oidc('/token', { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', redirectUri: 'http://127.0.0.1:1/oauth/callback', codeVerifier: verifier, code: other.params!.get('code') });
    expect(moved.status).toBe(400);
  });

  it('never redirects to an unregistered or non-loopback URI; a client without the grant gets no code', async () => {
    const client = await register();
    const { challenge } = pkce();
    for (const uri of ['https://evil.example/oauth/callback', 'http://127.0.0.1:5000/elsewhere']) {
      const r = await browse(client.clientId, challenge, 's', uri);
      expect(r.status).toBe(400);
      expect(r.location).toBeNull();
    }
    const device = (await (await oidc('/client/register', { clientName: 'botocore-client-x', clientType: 'public', scopes: ['sso:account:access'] })).json()) as { clientId: string };
    expect((await browse(device.clientId, challenge, 's')).status).toBe(400);
    const refused = await oidc('/client/register', { clientName: 'x', clientType: 'public', grantTypes: ['authorization_code'], redirectUris: ['https://evil.example/cb'] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-amzn-errortype')).toBe('InvalidRedirectUriException');
  });

  it('a person who does not allow access: the callback gets error=access_denied with the state, and no code', async () => {
    emu.update({ sso: { approveAfterPolls: -1 } });
    const client = await register();
    const b = await browse(client.clientId, pkce().challenge, 'st');
    expect(b.params!.get('error')).toBe('access_denied');
    expect(b.params!.get('state')).toBe('st');
    expect(b.params!.get('code')).toBeNull();
    emu.update({ sso: { approveAfterPolls: 1 } });
  });

  it('without S256 or a challenge, the callback gets error=invalid_request', async () => {
    const client = await register();
    const q = new URLSearchParams({ response_type: 'code', client_id: client.clientId, redirect_uri: callbackUri, state: 'p', code_challenge_method: 'plain', code_challenge: 'x' });
    const r = await fetch(`${emu.url}/oidc/us-east-1/authorize?${q}`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(new URL(r.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });
});
