// Latency accuracy: the emulator measures first-token delay from the moment it sends the
// response headers; a client measuring from header arrival must see the configured value.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { signedFetch } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 300, interTokenMs: 25 }, replyTokens: 10 });
});
afterAll(() => emu.close());

/** Signs with the real signer, then streams over node:http to timestamp each chunk as it lands. */
async function measure(): Promise<{ ttft: number; deltaTimes: number[] }> {
  const url = `${emu.url}/bedrock-mantle/us-east-1/openai/v1/responses`;
  const signed = await signHeaders(url, JSON.stringify({ model: 'openai.gpt-5.5', input: 'latency probe', stream: true }));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: signed.headers }, (res) => {
      const headersAt = performance.now();
      const deltaTimes: number[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now() - headersAt;
        for (const _ of chunk.matchAll(/event: response\.output_text\.delta/g)) deltaTimes.push(at);
      });
      res.on('end', () => resolve({ ttft: deltaTimes[0] ?? Number.NaN, deltaTimes }));
      res.on('error', reject);
    });
    req.setNoDelay(true);
    req.on('error', reject);
    req.end(signed.body);
  });
}

/** Runs the real signer via signedFetch with fetch stubbed, keeping only the signed headers. */
async function signHeaders(url: string, body: string): Promise<{ headers: Record<string, string>; body: string }> {
  let captured: Record<string, string> = {};
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (_u: unknown, init?: RequestInit) => {
    captured = init?.headers as Record<string, string>;
    return new Response('');
  }) as typeof fetch;
  try {
    await signedFetch({ url, body, service: 'bedrock-mantle', region: 'us-east-1' });
  } finally {
    globalThis.fetch = realFetch;
  }
  return { headers: captured, body };
}

it('first token arrives firstTokenMs after the headers (±10 ms), then every interTokenMs', async () => {
  await measure(); // warm-up: connection and JIT
  const runs = [await measure(), await measure(), await measure()];
  // Median of three tolerates one scheduling hiccup on a loaded two-core machine.
  const ttfts = runs.map((r) => r.ttft).sort((a, b) => a - b);
  expect(Math.abs(ttfts[1]! - 300)).toBeLessThanOrEqual(10);
  const run = runs[0]!;
  expect(run.deltaTimes).toHaveLength(10);
  const span = run.deltaTimes.at(-1)! - run.deltaTimes[0]!;
  expect(Math.abs(span - 9 * 25)).toBeLessThanOrEqual(20);
});

it('follows a live change of firstTokenMs', async () => {
  emu.update({ delays: { firstTokenMs: 120 } });
  try {
    const runs = [await measure(), await measure(), await measure()];
    const ttfts = runs.map((r) => r.ttft).sort((a, b) => a - b);
    expect(Math.abs(ttfts[1]! - 120)).toBeLessThanOrEqual(10);
  } finally {
    emu.update({ delays: { firstTokenMs: 300 } });
  }
});
