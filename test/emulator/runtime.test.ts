import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { routeHost } from '../../src/emulator/routing.js';
import { parseSse, signedFetch } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 5 });
});
afterAll(() => emu.close());

const respond = (body: unknown, opts: { region?: string; service?: string; path?: string } = {}) => {
  const region = opts.region ?? 'us-east-1';
  return signedFetch({
    url: `${emu.url}/bedrock-runtime/${region}${opts.path ?? '/openai/v1/responses'}`,
    body: JSON.stringify(body),
    service: opts.service ?? 'bedrock',
    region,
  });
};
const turn = (model: string) => ({ model, stream: true, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello there' }] }] });

describe('Bedrock Runtime OpenAI-compatible Responses API', () => {
  it('routes the real hostname to the runtime service', () => {
    expect(routeHost('bedrock-runtime.eu-west-3.amazonaws.com')).toEqual({ service: 'bedrock-runtime', region: 'eu-west-3' });
    expect(routeHost('bedrock.eu-west-3.amazonaws.com')).toEqual({ service: 'bedrock', region: 'eu-west-3' });
  });

  it('the proxy intercepts the bedrock-runtime host', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(emu.proxyUrl!, { method: 'CONNECT', path: 'bedrock-runtime.us-east-1.amazonaws.com:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it('streams the Mantle event sequence for geography-prefixed and plain ids, signed for service bedrock', async () => {
    for (const model of ['global.openai.gpt-5.5', 'us.openai.gpt-5.5', 'openai.gpt-5.5']) {
      const res = await respond(turn(model));
      expect(res.status, model).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = parseSse(await res.text());
      expect(events.map((e) => e.event)).toEqual([
        'response.created',
        'response.output_item.added',
        ...Array(5).fill('response.output_text.delta'),
        'response.output_text.done',
        'response.output_item.done',
        'response.completed',
      ]);
      const done = JSON.parse(events.at(-1)!.data) as { response: { model: string; status: string } };
      expect(done.response).toMatchObject({ model, status: 'completed' });
    }
    const seen = emu.requests.filter((r) => r.service === 'bedrock-runtime' && r.status === 200);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((r) => r.authKind === 'sigv4' && /\/us-east-1\/bedrock\/aws4_request/.test(r.headers.authorization!))).toBe(true);
  });

  it('refuses a request signed for another service, as AWS does', async () => {
    const res = await respond(turn('global.openai.gpt-5.5'), { service: 'bedrock-runtime' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain("Credential should be scoped to correct service: 'bedrock'");
  });

  it('answers 404 for a model the region does not serve, and for other paths', async () => {
    const res = await respond(turn('global.openai.gpt-5.5'), { region: 'eu-west-1' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
    const other = await respond(turn('openai.gpt-5.5'), { path: '/v1/responses' });
    expect(other.status).toBe(404);
  });

  it('denies a model the identity may not use with the inference-profile ARN', async () => {
    emu.state.identities[0]!.allow = { models: ['openai.gpt-6-luna'] };
    try {
      const res = await respond(turn('global.openai.gpt-5.5'));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'User: arn:aws:iam::123456789012:user/demo is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.openai.gpt-5.5',
      );
    } finally {
      delete emu.state.identities[0]!.allow;
    }
  });

  it('refuses hosted tools', async () => {
    const res = await respond({ ...turn('global.openai.gpt-5.5'), tools: [{ type: 'web_search', external_web_access: false }] });
    expect(res.status).toBe(400);
  });
});
