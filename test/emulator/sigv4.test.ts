import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { canonicalUri, parseAuthorization, signingKey, verifySigV4 } from '../../src/emulator/sigv4.js';
import { demoCredentials, signedFetch } from './helpers.js';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
  emu.state.identities.push(
    { accessKeyId: 'ASIAEXPIRED000000001', secretAccessKey: 'expired-secret', sessionToken: 'expired-session', expiresAt: Date.now() - 60_000, arn: 'arn:aws:sts::123456789012:assumed-role/Dev/old', account: '123456789012', userId: 'AROAOLD:old' },
    { accessKeyId: 'ASIASESSION000000001', secretAccessKey: 'session-secret', sessionToken: 'good-session', expiresAt: Date.now() + 3_600_000, arn: 'arn:aws:sts::123456789012:assumed-role/Dev/now', account: '123456789012', userId: 'AROANOW:now' },
  );
});
afterAll(() => emu.close());

const sts = (creds: Creds, region = 'us-east-1', endpointRegion = region, maxAttempts = 1) =>
  new STSClient({ region, endpoint: `${emu.url}/sts/${endpointRegion}`, credentials: creds, maxAttempts });
const bedrock = (creds: Creds, region = 'us-east-1', endpointRegion = region) =>
  new BedrockClient({ region, endpoint: `${emu.url}/bedrock/${endpointRegion}`, credentials: creds, maxAttempts: 1 });

async function stsError(client: STSClient): Promise<{ name: string; message: string; status?: number }> {
  try {
    await client.send(new GetCallerIdentityCommand({}));
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function bedrockError(client: BedrockClient): Promise<{ name: string; message: string; status?: number }> {
  try {
    await client.send(new ListFoundationModelsCommand({}));
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('SigV4 verification with real SDK clients', () => {
  it('accepts correct static keys (STS and Bedrock)', async () => {
    const who = await sts(demoCredentials).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/demo');
    expect(who.Account).toBe('123456789012');
    const models = await bedrock(demoCredentials).send(new ListFoundationModelsCommand({ byProvider: 'openai' }));
    expect(models.modelSummaries?.map((m) => m.modelId)).toContain('openai.gpt-oss-120b-1:0');
    expect(models.modelSummaries?.[0]?.modelLifecycle?.status).toBe('ACTIVE');
  });

  it('accepts session credentials with the matching token', async () => {
    const who = await sts({ accessKeyId: 'ASIASESSION000000001', secretAccessKey: 'session-secret', sessionToken: 'good-session' }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Dev/now');
  });

  it('rejects a wrong secret', async () => {
    const wrong = { ...demoCredentials, secretAccessKey: 'not-the-secret' };
    const s = await stsError(sts(wrong));
    expect(s).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(s.message).toMatch(/^The request signature we calculated does not match/);
    expect(await bedrockError(bedrock(wrong))).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
  });

  it('rejects an unknown access key', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' };
    expect(await stsError(sts(unknown))).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
    expect(await bedrockError(bedrock(unknown))).toMatchObject({ name: 'UnrecognizedClientException', status: 403 });
  });

  it('rejects a wrong session token', async () => {
    const bad = { accessKeyId: 'ASIASESSION000000001', secretAccessKey: 'session-secret', sessionToken: 'other-session' };
    expect((await stsError(sts(bad))).name).toBe('InvalidClientTokenId');
  });

  it('rejects an expired session', async () => {
    const expired = { accessKeyId: 'ASIAEXPIRED000000001', secretAccessKey: 'expired-secret', sessionToken: 'expired-session' };
    expect(await stsError(sts(expired))).toMatchObject({ name: 'ExpiredToken', message: 'The security token included in the request is expired' });
    expect((await bedrockError(bedrock(expired))).name).toBe('ExpiredTokenException');
  });

  it('rejects a clock skew over 5 minutes, and the SDK corrects it from the Date header when it may retry', async () => {
    emu.update({ clockSkewMs: 10 * 60_000 });
    try {
      const s = await stsError(sts(demoCredentials));
      expect(s.name).toBe('SignatureDoesNotMatch');
      expect(s.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
      expect((await bedrockError(bedrock(demoCredentials))).message).toMatch(/^Signature expired/);
      const retried = await sts(demoCredentials, 'us-east-1', 'us-east-1', 3).send(new GetCallerIdentityCommand({}));
      expect(retried.$metadata.attempts).toBe(2);
    } finally {
      emu.update({ clockSkewMs: 0 });
    }
  });

  it('rejects a credential scoped to another region', async () => {
    const s = await stsError(sts(demoCredentials, 'us-west-2', 'us-east-1'));
    expect(s.name).toBe('SignatureDoesNotMatch');
    expect(s.message).toContain("Credential should be scoped to a valid region, not 'us-west-2'");
    expect((await bedrockError(bedrock(demoCredentials, 'eu-west-1', 'us-east-1'))).name).toBe('InvalidSignatureException');
  });

  it('rejects a credential scoped to another service', async () => {
    const res = await signedFetch({ url: `${emu.url}/bedrock/us-east-1/foundation-models`, service: 'sts', region: 'us-east-1' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
    expect(((await res.json()) as { message: string }).message).toContain("Credential should be scoped to correct service: 'bedrock'");
  });

  it('answers an unsigned request with MissingAuthenticationToken', async () => {
    const res = await fetch(`${emu.url}/sts/us-east-1/?Action=GetCallerIdentity&Version=2011-06-15`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('SigV4 primitives', () => {
  // AWS's published sigv4 test suite case "get-vanilla".
  it('matches the get-vanilla reference signature', () => {
    const identities = [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', arn: 'a', account: '1', userId: 'u' }];
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const req = { method: 'GET', rawUrl: '/', headers: { host: ['example.amazonaws.com'], 'x-amz-date': ['20150830T123600Z'], authorization: [authorization] }, body: Buffer.alloc(0) };
    const nowMs = Date.UTC(2015, 7, 30, 12, 36, 0);
    expect(verifySigV4(req, { identities, region: 'us-east-1', service: 'service', nowMs }).ok).toBe(true);
    const tampered = { ...req, rawUrl: '/?a=b' };
    expect(verifySigV4(tampered, { identities, region: 'us-east-1', service: 'service', nowMs })).toMatchObject({ ok: false, kind: 'badSignature' });
  });

  it('normalises the path like the non-S3 signers do', () => {
    expect(canonicalUri('/a/./b/../c//d/')).toBe('/a/c/d/');
    expect(canonicalUri('/model/openai.gpt-oss-120b-1%3A0/invoke')).toBe('/model/openai.gpt-oss-120b-1%253A0/invoke');
  });

  it('parses the Authorization header and derives distinct keys per scope', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AK/20240101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab')).toEqual({
      accessKeyId: 'AK', date: '20240101', region: 'us-east-1', service: 'sts', signedHeaders: ['host', 'x-amz-date'], signature: 'ab',
    });
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(signingKey('s', '20240101', 'us-east-1', 'sts').equals(signingKey('s', '20240101', 'us-east-1', 'bedrock'))).toBe(false);
  });
});
