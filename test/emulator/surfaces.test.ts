// Mantle serves OpenAI's proprietary models only under /openai/v1 and open-weight ones only under /v1,
// with the errors users report for the wrong surface; our own smoke path diagnoses them as the catalogue says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnosis.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createAwsService } from '../../src/services/awsService.js';
import { makeEndpointResolver } from '../../src/services/endpoints.js';
import { createHttp, type HttpClient } from '../../src/services/http.js';
import { demoCredentials, signedFetch } from './helpers.js';

let emu: Emulator;
let http: HttpClient;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
  http = createHttp({ env: {} });
});
afterAll(async () => {
  http.close();
  await emu.close();
});

const post = (path: string, model: string) =>
  signedFetch({ url: `${emu.url}/bedrock-mantle/us-east-1${path}`, body: JSON.stringify({ model, input: 'hi' }), service: 'bedrock-mantle', region: 'us-east-1' });
const errorOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;

describe('Mantle surfaces', () => {
  it('open-weight models answer on /v1 only', async () => {
    expect((await post('/v1/responses', 'openai.gpt-oss-120b')).status).toBe(200);
    const res = await post('/openai/v1/responses', 'openai.gpt-oss-120b');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toBe("model `openai.gpt-oss-120b` isn't supported on this route");
  });

  it('OpenAI proprietary models answer on /openai/v1 only', async () => {
    expect((await post('/openai/v1/responses', 'openai.gpt-5.5')).status).toBe(200);
    const res = await post('/v1/responses', 'openai.gpt-5.5');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe("The model does not support the '/v1/responses' API");
  });
});

describe('our smoke path against the surfaces', () => {
  const aws = () =>
    createAwsService({ env: { AWS_ACCESS_KEY_ID: demoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: demoCredentials.secretAccessKey }, endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }), http });

  it('gpt-oss posted where Codex posts is diagnosed as the wrong surface, with a proprietary model as the fix', async () => {
    const r = await aws().smokeTest({ auth: { kind: 'env' }, region: 'us-east-1', model: 'openai.gpt-oss-120b', prompt: 'hi' }, () => {});
    expect(r.ok).toBe(false);
    expect(r.endpoint).toMatch(/\/openai\/v1\/responses$/);
    const d = diagnose(r.failure!);
    expect(d.id).toBe('open-weight-model-on-openai-surface');
    expect(d.fix).toContain('openai.gpt-5.5 or newer');
  });

  it('"Signature expired" while the server\'s Date is ten minutes ahead is clock skew', async () => {
    emu.update({ clockSkewMs: 10 * 60_000 });
    try {
      const r = await aws().smokeTest({ auth: { kind: 'env' }, region: 'us-east-1', model: 'openai.gpt-5.5', prompt: 'hi' }, () => {});
      expect(r.failure?.message).toMatch(/^Signature expired/);
      expect(r.failure?.serverDate).toBeTruthy();
      const d = diagnose(r.failure!);
      expect(d.id).toBe('clock-skew');
      expect(d.title).toMatch(/\(10 minutes behind the server's\)/);
    } finally {
      emu.update({ clockSkewMs: 0 });
    }
  });
});
