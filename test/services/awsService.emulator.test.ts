import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BEARER_TOKEN, defaultDemoState, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createAwsService } from '../../src/services/awsService.js';
import { makeEndpointResolver } from '../../src/services/endpoints.js';
import { createHttp, type HttpClient } from '../../src/services/http.js';
import type { AwsService } from '../../src/services/types.js';
import type { AuthChoice } from '../../src/types.js';

const demo = defaultDemoState().identities[0]!;
const keysEnv = { AWS_ACCESS_KEY_ID: demo.accessKeyId, AWS_SECRET_ACCESS_KEY: demo.secretAccessKey };
const ENV: AuthChoice = { kind: 'env' };

describe('AwsService against the emulator (direct mode)', () => {
  let emu: Emulator;
  let http: HttpClient;
  let aws: AwsService;

  beforeAll(async () => {
    emu = await startEmulator();
    http = createHttp({ env: {} });
    aws = createAwsService({ env: keysEnv, endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }), http });
  });
  afterAll(async () => {
    http.close();
    await emu.close();
  });

  it('whoAmI and listFoundationModels through the SDK', async () => {
    expect(await aws.whoAmI(ENV, 'us-east-1')).toEqual({ arn: demo.arn, account: '123456789012', userId: demo.userId });
    const models = await aws.listFoundationModels(ENV, 'us-west-2');
    expect(models.map((m) => m.modelId).sort()).toEqual(['openai.gpt-5.5-v1:0', 'openai.gpt-oss-120b-1:0', 'openai.gpt-oss-20b-1:0']);
    expect(models.every((m) => m.providerName.toLowerCase() === 'openai')).toBe(true);
    expect(await aws.whoAmI({ kind: 'api-key', apiKey: 'x' }, 'us-east-1')).toBeNull();
  });

  it('lists Mantle models with SigV4 (verified by the emulator) and with a bearer key', async () => {
    expect((await aws.listMantleModels(ENV, 'eu-west-1')).sort()).toEqual(['openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
    expect(await aws.listMantleModels({ kind: 'api-key', apiKey: DEMO_BEARER_TOKEN }, 'us-east-1')).toContain('openai.gpt-5.5');
    const signed = emu.requests.filter((r) => r.service === 'bedrock-mantle' && r.authKind === 'sigv4' && r.status === 200);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed[0]!.identityArn).toBe(demo.arn);
    expect(signed[0]!.headers['x-amzn-mantle-client-agent']).toBe('codex-bedrock-setup');
  });

  it('maps a bad secret to an STS http failure and a bad key to a Mantle 403', async () => {
    const bad = createAwsService({
      env: { ...keysEnv, AWS_SECRET_ACCESS_KEY: 'wrong' },
      endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }),
      http,
    });
    await expect(bad.whoAmI(ENV, 'us-east-1')).rejects.toMatchObject({ failure: { kind: 'http', status: 403, service: 'sts', errorType: 'SignatureDoesNotMatch' } });
    const r = await bad.smokeTest({ auth: ENV, region: 'us-east-1', model: 'openai.gpt-5.5', prompt: 'hi' }, () => {});
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ kind: 'http', service: 'bedrock-mantle', model: 'openai.gpt-5.5', region: 'us-east-1' });
    expect([401, 403]).toContain(r.failure?.status);
    expect(r.failure?.message).toBeTruthy();
  });

  it('retries a throttled smoke test honouring Retry-After', async () => {
    emu.update({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, faults: [{ service: 'bedrock-mantle', status: 429, errorType: 'ThrottlingException', retryAfterSeconds: 0, times: 1 }] });
    const r = await aws.smokeTest({ auth: ENV, region: 'us-east-1', model: 'openai.gpt-5.5', prompt: 'hi' }, () => {});
    expect(r.failure).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('reads a named profile from AWS_SHARED_CREDENTIALS_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbs-profile-'));
    writeFileSync(join(dir, 'credentials'), `[codex-bedrock]\naws_access_key_id = ${demo.accessKeyId}\naws_secret_access_key = ${demo.secretAccessKey}\n`);
    writeFileSync(join(dir, 'config'), '[profile codex-bedrock]\nregion = us-east-1\n');
    const svc = createAwsService({
      env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }),
      http,
    });
    expect((await svc.whoAmI({ kind: 'profile', profile: 'codex-bedrock' }, 'us-east-1'))?.arn).toBe(demo.arn);
    await expect(svc.whoAmI({ kind: 'profile', profile: 'missing' }, 'us-east-1')).rejects.toMatchObject({ failure: { kind: 'credentials' } });
  });

  it('resolves credentials once for calls that start together, afresh for later ones', async () => {
    // credential_process may prompt for MFA or hit a vault: every region at once must not run it 12 times.
    const dir = mkdtempSync(join(tmpdir(), 'cbs-process-'));
    const runs = join(dir, 'runs');
    const script = join(dir, 'creds.cjs');
    writeFileSync(
      script,
      `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x');\n` +
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(demo.accessKeyId)}, SecretAccessKey: ${JSON.stringify(demo.secretAccessKey)} }));\n`,
    );
    writeFileSync(join(dir, 'config'), `[profile vault]\ncredential_process = ${process.execPath} ${script}\n`);
    const svc = createAwsService({ env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') }, endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }), http });
    const vault: AuthChoice = { kind: 'profile', profile: 'vault' };
    const lists = await Promise.all(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].map((r) => svc.listMantleModels(vault, r)));
    expect(lists.flat()).toContain('openai.gpt-oss-120b');
    expect(readFileSync(runs, 'utf8')).toBe('x');
    await svc.listMantleModels(vault, 'us-east-1');
    expect(readFileSync(runs, 'utf8')).toBe('xx');
  });
});

describe('AwsService through the emulator proxy (real AWS host names, intercepting CA)', () => {
  let emu: Emulator;
  let http: HttpClient;
  let aws: AwsService;

  beforeAll(async () => {
    emu = await startEmulator({ proxy: true, unreachableRegions: ['eu-west-1'] });
    const env = { ...keysEnv, HTTPS_PROXY: emu.proxyUrl!, AWS_CA_BUNDLE: emu.caPath! };
    http = createHttp({ env });
    aws = createAwsService({ env, endpoints: makeEndpointResolver(env), http });
  }, 30_000);
  afterAll(async () => {
    http.close();
    await emu.close();
  });

  it('calls STS and Mantle on their real host names', async () => {
    expect((await aws.whoAmI(ENV, 'us-east-1'))?.account).toBe('123456789012');
    const r = await aws.smokeTest({ auth: { kind: 'api-key', apiKey: DEMO_BEARER_TOKEN }, region: 'us-east-1', model: 'openai.gpt-6-luna', prompt: 'hi' }, () => {});
    expect(r.failure).toBeUndefined();
    expect(r.endpoint).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1/responses');
    expect(r.latency.connectMs).not.toBeNull();
  });

  it('probes regions: reachable with an RTT, unreachable with a code', async () => {
    const ok = await aws.probeRegion('us-east-1');
    expect(ok.ok).toBe(true);
    expect(ok.rttMs).toBeGreaterThanOrEqual(0);
    const down = await aws.probeRegion('eu-west-1');
    expect(down).toMatchObject({ ok: false, rttMs: null, error: 'PROXY_CONNECT_REFUSED' });
  });

  it('without the CA the interception is reported, not crashed on', async () => {
    const env = { ...keysEnv, HTTPS_PROXY: emu.proxyUrl! };
    const plain = createHttp({ env });
    try {
      const svc = createAwsService({ env, endpoints: makeEndpointResolver(env), http: plain });
      const r = await svc.smokeTest({ auth: ENV, region: 'us-east-1', model: 'openai.gpt-6-luna', prompt: 'hi' }, () => {});
      expect(r.ok).toBe(false);
      expect(r.failure?.kind).toBe('network');
      expect(r.failure?.message).toMatch(/AWS_CA_BUNDLE/);
      await expect(svc.whoAmI(ENV, 'us-east-1')).rejects.toMatchObject({ failure: { kind: 'network', service: 'sts' } });
    } finally {
      plain.close();
    }
  });
});
