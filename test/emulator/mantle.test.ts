import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BEARER_TOKEN, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { demoApiKey } from '../../src/core/demoApiKey.js';
import { parseSse, signedFetch } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 6 });
});
afterAll(() => emu.close());

const mantle = (region = 'us-east-1') => `${emu.url}/bedrock-mantle/${region}`;
const respond = (body: unknown, region = 'us-east-1', path = '/openai/v1/responses') =>
  signedFetch({ url: `${mantle(region)}${path}`, body: JSON.stringify(body), service: 'bedrock-mantle', region });

describe('Mantle models', () => {
  it('lists the region models in OpenAI list shape on both paths', async () => {
    for (const path of ['/v1/models', '/openai/v1/models']) {
      const res = await signedFetch({ url: `${mantle('eu-west-1')}${path}`, service: 'bedrock-mantle', region: 'eu-west-1' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { object: string; data: { id: string; object: string; owned_by: string }[] };
      expect(body.object).toBe('list');
      expect(body.data.map((m) => m.id)).toEqual(['openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
      expect(body.data[0]).toMatchObject({ object: 'model', owned_by: 'openai' });
    }
  });

  it('denies listing with an AWS-style message when the identity may not list', async () => {
    emu.state.identities[0]!.allow = { listMantleModels: false };
    try {
      const res = await signedFetch({ url: `${mantle()}/v1/models`, service: 'bedrock-mantle', region: 'us-east-1' });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toBe(
        'User: arn:aws:iam::123456789012:user/demo is not authorized to perform: bedrock-mantle:ListModels on resource: arn:aws:bedrock-mantle:us-east-1:123456789012:project/default',
      );
    } finally {
      delete emu.state.identities[0]!.allow;
    }
  });
});

describe('Mantle Responses API', () => {
  it('answers a non-streaming request with a completed response object', async () => {
    const res = await respond({ model: 'openai.gpt-oss-120b', input: 'say hi' }, 'us-east-1', '/v1/responses');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; output: { content: { type: string; text: string }[] }[]; usage: Record<string, number> };
    expect(body.status).toBe('completed');
    expect(body.output[0]!.content[0]!.type).toBe('output_text');
    expect(body.output[0]!.content[0]!.text).toBe('Hi! Everything works as expected here.');
    expect(body.usage.output_tokens).toBe(6);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + 6);
  });

  it('streams the event sequence Codex accepts', async () => {
    const res = await respond({
      model: 'openai.gpt-5.5',
      stream: true,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'explain the build failure please' }] }],
      tools: [{ type: 'function', name: 'shell' }, { type: 'custom', name: 'apply_patch' }, { type: 'tool_search' }, { type: 'mcp', server_label: 'x' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual([
      'response.created',
      'response.output_item.added',
      ...Array(6).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const data = events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
    data.forEach((d, i) => {
      expect(d.type).toBe(events[i]!.event);
      expect(d.sequence_number).toBe(i);
    });
    const deltas = data.filter((d) => d.type === 'response.output_text.delta');
    expect(deltas[0]).toMatchObject({ output_index: 0, content_index: 0, item_id: (data[1]!.item as { id: string }).id });
    const text = deltas.map((d) => d.delta).join('');
    expect(text).toBe('Codex can reach Amazon Bedrock here.');
    expect((data.at(-2)!.item as { content: { text: string }[] }).content[0]!.text).toBe(text);
    expect((data.at(-1)!.response as { usage: Record<string, number> }).usage).toMatchObject({ output_tokens: 6 });
  });

  it('is deterministic for a prompt and honours replyTokens', async () => {
    emu.update({ replyTokens: 40 });
    try {
      const texts = await Promise.all(
        [1, 2].map(async () => ((await (await respond({ model: 'openai.gpt-5.5', input: 'ping' })).json()) as { output: { content: { text: string }[] }[] }).output[0]!.content[0]!.text),
      );
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]!.split(' ')).toHaveLength(40);
    } finally {
      emu.update({ replyTokens: 6 });
    }
  });

  it('rejects an unknown model with model_not_found', async () => {
    const res = await respond({ model: 'openai.gpt-6.1-sol', input: 'hi' }, 'eu-west-1');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'model_not_found' } });
  });

  it('rejects hosted tools such as web_search unless told to accept them', async () => {
    const body = { model: 'openai.gpt-5.5', input: 'hi', tools: [{ type: 'web_search' }] };
    const res = await respond(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("'web_search'");
    emu.update({ acceptHostedTools: true });
    try {
      expect((await respond(body)).status).toBe(200);
    } finally {
      emu.update({ acceptHostedTools: false });
    }
  });

  describe('additional_tools (Codex 0.171)', () => {
    const namespaced = { type: 'namespace', name: 'functions', description: '', tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }] };
    const codex171 = { model: 'openai.gpt-5.5', stream: false, tools: [], input: [{ type: 'additional_tools', role: 'developer', tools: [namespaced] }, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] };
    const codex169 = { model: 'openai.gpt-5.5', stream: false, tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }], input: 'hi' };
    const withMode = async (mode: 'accept' | 'invalid-input' | 'namespace-collision', body: unknown) => {
      emu.update({ additionalTools: mode });
      try {
        const res = await respond(body);
        return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as { error?: { message: string; type: string; code: string } } };
      } finally {
        emu.update({ additionalTools: 'accept' });
      }
    };

    it('accepts the item by default', async () => {
      expect((await respond(codex171)).status).toBe(200);
    });

    it('invalid-input refuses the item with a 400 in Mantle\'s OpenAI error shape, and passes top-level tools', async () => {
      const r = await withMode('invalid-input', codex171);
      expect(r).toMatchObject({ status: 400, errorType: 'ValidationException' });
      expect(r.body.error).toEqual({ message: "Invalid 'input': value did not match any expected variant", type: 'invalid_request_error', code: 'invalid_value' });
      expect((await withMode('invalid-input', codex169)).status).toBe(200);
    });

    it('namespace-collision refuses a namespace named functions wherever it is', async () => {
      const r = await withMode('namespace-collision', codex171);
      expect(r.status).toBe(400);
      expect(r.body.error?.message).toBe("User-defined namespace 'functions' collides with an existing tool namespace");
      expect((await withMode('namespace-collision', { ...codex169, tools: [namespaced] })).status).toBe(400);
      expect((await withMode('namespace-collision', { ...codex169, tools: [{ ...namespaced, name: 'collaboration' }] })).status).toBe(200);
      expect((await withMode('namespace-collision', codex169)).status).toBe(200);
    });
  });

  it('denies a model the identity may not invoke with the CreateInference message', async () => {
    emu.state.identities[0]!.allow = { models: ['openai.gpt-6-luna'] };
    try {
      const res = await respond({ model: 'openai.gpt-5.5', input: 'hi' });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        'is not authorized to perform: bedrock-mantle:CreateInference on resource: arn:aws:bedrock-mantle:us-east-1:123456789012:project/default',
      );
    } finally {
      delete emu.state.identities[0]!.allow;
    }
  });

  it('answers a bad signature with 401 and the AWS error type', async () => {
    const res = await signedFetch({
      url: `${mantle()}/openai/v1/responses`,
      body: '{}',
      service: 'bedrock-mantle',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEMULATORDEMO0001', secretAccessKey: 'wrong' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });
});

describe('Mantle bearer tokens', () => {
  const bearer = (token: string, region = 'us-east-1') =>
    fetch(`${mantle(region)}/openai/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai.gpt-5.5', input: 'hi' }),
    });

  it('accepts the demo token in its region and records the auth kind', async () => {
    expect((await bearer(DEMO_BEARER_TOKEN)).status).toBe(200);
    expect(emu.requests.at(-1)).toMatchObject({ authKind: 'bearer', service: 'bedrock-mantle', status: 200 });
  });

  it('rejects it in another region, expired, or unknown', async () => {
    const wrongRegion = await bearer(DEMO_BEARER_TOKEN, 'us-west-2');
    expect(wrongRegion.status).toBe(403);
    expect(((await wrongRegion.json()) as { error: { message: string } }).error.message).toContain('issued for region us-east-1');
    emu.state.bearerTokens.push({ token: 'old-key', region: 'us-east-1', expiresAt: Date.now() - 1000, identityArn: 'arn:aws:iam::123456789012:user/demo' });
    const expired = await bearer('old-key');
    expect(expired.status).toBe(403);
    expect(expired.headers.get('x-amzn-errortype')).toBe('ExpiredTokenException');
    expect((await bearer('nope')).status).toBe(401);
  });

  it('--demo: the demo key of any region works there and only there; without the knob it is unknown', async () => {
    const west = demoApiKey('us-west-2');
    expect((await bearer(west, 'us-west-2')).status).toBe(401);
    emu.state.demoApiKeys = { identityArn: 'arn:aws:iam::123456789012:user/demo' };
    try {
      expect((await bearer(west, 'us-west-2')).status).toBe(200);
      expect(emu.requests.at(-1)).toMatchObject({ authKind: 'bearer', identityArn: 'arn:aws:iam::123456789012:user/demo' });
      const elsewhere = await bearer(west, 'us-east-1');
      expect(elsewhere.status).toBe(403);
      expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toContain('issued for region us-west-2 and cannot be used in us-east-1');
      // Only the demo's own keys: another bedrock-api-key- string stays unknown.
      expect((await bearer('bedrock-api-key-someone-else', 'us-west-2')).status).toBe(401);
    } finally {
      delete emu.state.demoApiKeys;
    }
  });
});
