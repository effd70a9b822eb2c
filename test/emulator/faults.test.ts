import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { demoCredentials, parseSse, signedFetch } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 2 }, replyTokens: 8 });
});
afterEach(() => emu.update({ faults: [] }));
afterAll(() => emu.close());

const stream = () =>
  signedFetch({
    url: `${emu.url}/bedrock-mantle/us-east-1/openai/v1/responses`,
    body: JSON.stringify({ model: 'openai.gpt-5.5', input: 'hi', stream: true }),
    service: 'bedrock-mantle',
    region: 'us-east-1',
  });
const listModels = () => signedFetch({ url: `${emu.url}/bedrock/us-east-1/foundation-models`, service: 'bedrock', region: 'us-east-1' });

describe('faults', () => {
  it('throttles with 429, Retry-After and ThrottlingException, for `times` requests only', async () => {
    emu.update({ faults: [{ service: 'bedrock-mantle', status: 429, retryAfterSeconds: 7, times: 1 }] });
    const throttled = await stream();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(await throttled.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'ThrottlingException' } });
    expect((await stream()).status).toBe(200);
    expect(emu.state.faults).toHaveLength(0);
  });

  it('serves 500 and 503 in the service own error shape, as the SDK surfaces them', async () => {
    emu.update({ faults: [{ service: 'bedrock', status: 503 }] });
    const client = new BedrockClient({ region: 'us-east-1', endpoint: `${emu.url}/bedrock/us-east-1`, credentials: demoCredentials, maxAttempts: 1 });
    await expect(client.send(new ListFoundationModelsCommand({}))).rejects.toMatchObject({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
    emu.update({ faults: [{ service: 'sts', status: 500 }] });
    const res = await signedFetch({ url: `${emu.url}/sts/us-east-1/`, body: 'Action=GetCallerIdentity&Version=2011-06-15', service: 'sts', region: 'us-east-1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(500);
    const xml = await res.text();
    expect(xml).toContain('<Type>Receiver</Type>');
    expect(xml).toContain('<Code>InternalServerException</Code>');
  });

  it('resets the connection mid-stream', async () => {
    emu.update({ faults: [{ service: 'bedrock-mantle', path: '/openai/v1/responses', kind: 'reset' }] });
    const res = await stream();
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('truncates the stream: no response.completed, clean end', async () => {
    emu.update({ faults: [{ service: 'bedrock-mantle', kind: 'truncate' }] });
    const events = parseSse(await (await stream()).text()).map((e) => e.event);
    expect(events.filter((e) => e === 'response.output_text.delta')).toHaveLength(4);
    expect(events).not.toContain('response.completed');
  });

  it('sends a malformed SSE event', async () => {
    emu.update({ faults: [{ service: 'bedrock-mantle', kind: 'malformedSse' }] });
    const events = parseSse(await (await stream()).text());
    expect(() => JSON.parse(events.at(-1)!.data)).toThrow();
  });

  it('sends malformed JSON with a 200', async () => {
    emu.update({ faults: [{ service: 'bedrock', kind: 'malformedJson' }] });
    const res = await listModels();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('truncates a JSON body: the client sees a premature close', async () => {
    emu.update({ faults: [{ service: 'bedrock', kind: 'truncate' }] });
    const res = await listModels();
    await expect(res.text()).rejects.toThrow();
  });

  it('hangs until the client gives up', async () => {
    emu.update({ faults: [{ service: 'bedrock', kind: 'hang', times: 1 }] });
    await expect(fetch(`${emu.url}/bedrock/us-east-1/foundation-models`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it('answers an unreachable region like a DNS failure', async () => {
    emu.update({ unreachableRegions: ['eu-west-1'] });
    try {
      const res = await fetch(`${emu.url}/bedrock-mantle/eu-west-1/v1/models`);
      expect(res.status).toBe(502);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.text()).toContain('ENOTFOUND bedrock-mantle');
    } finally {
      emu.update({ unreachableRegions: [] });
    }
  });
});
