import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerHeaders, mantleHeaders, signRequest } from '../../src/services/sigv4.js';

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s).digest();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** An independent SigV4 recomputation (AWS docs, "Create a signed AWS API request"). */
function expectedSignature(opts: { method: string; url: string; headers: Record<string, string>; body: string; region: string; service: string; secret: string }) {
  const u = new URL(opts.url);
  const amzDate = opts.headers['x-amz-date']!;
  const day = amzDate.slice(0, 8);
  const names = Object.keys(opts.headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(opts.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonical = [
    opts.method,
    u.pathname,
    '',
    ...names.map((n) => `${n}:${lower[n]!.trim()}`),
    '',
    names.join(';'),
    sha(opts.body),
  ].join('\n');
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.secret}`, day), opts.region), opts.service), 'aws4_request');
  return { signature: createHmac('sha256', key).update(toSign).digest('hex'), signedHeaders: names.join(';'), scope };
}

describe('signRequest', () => {
  const url = 'https://bedrock-mantle.us-east-1.api.aws/openai/v1/responses';
  const body = '{"model":"openai.gpt-oss-120b","stream":true}';

  it('signs the Mantle headers Codex signs, with service bedrock-mantle, and nothing else', async () => {
    const date = new Date('2026-11-27T10:11:12Z');
    const signed = await signRequest({ url, method: 'POST', region: 'us-east-1', headers: mantleHeaders(true), body, credentials: CREDS, date });
    expect(signed['x-amz-date']).toBe('20261127T101112Z');
    expect(signed['x-amz-content-sha256']).toBeUndefined();
    const auth = signed['authorization']!;
    const { authorization: _a, ...signedPart } = signed;
    const exp = expectedSignature({ method: 'POST', url, headers: signedPart, body, region: 'us-east-1', service: 'bedrock-mantle', secret: CREDS.secretAccessKey });
    expect(exp.signedHeaders).toBe('accept;content-type;host;x-amz-date;x-amzn-mantle-client-agent');
    expect(auth).toBe(`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${exp.scope}, SignedHeaders=${exp.signedHeaders}, Signature=${exp.signature}`);
    expect(signed['x-amzn-mantle-client-agent']).toBe('codex-bedrock-setup');
    expect(signed.accept).toBe('text/event-stream');
  });

  it('adds and signs x-amz-security-token for session credentials', async () => {
    const signed = await signRequest({
      url,
      method: 'POST',
      region: 'eu-west-1',
      headers: mantleHeaders(true),
      body,
      credentials: { ...CREDS, sessionToken: 'SESSIONTOKEN' },
    });
    expect(signed['x-amz-security-token']).toBe('SESSIONTOKEN');
    expect(signed.authorization).toMatch(/SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token;x-amzn-mantle-client-agent,/);
    expect(signed.authorization).toMatch(/\/eu-west-1\/bedrock-mantle\/aws4_request/);
  });

  it('bearer auth is a plain Authorization header', () => {
    expect(bearerHeaders('bedrock-api-key-abc', { accept: 'x' })).toEqual({ accept: 'x', authorization: 'Bearer bedrock-api-key-abc' });
  });
});
