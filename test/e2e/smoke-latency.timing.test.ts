// Latency truth: what we report matches the emulator's configured delays within 10 ms.
// Timing tests run in their own sequential pass (vitest.timing.config.ts) so other test files
// cannot steal the CPU from under them; each figure is the median of three runs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createAwsService } from '../../src/services/awsService.js';
import { makeEndpointResolver } from '../../src/services/endpoints.js';
import { createHttp } from '../../src/services/http.js';
import { makeWorld, runCli, type World } from './helpers.js';

const DELAYS = { callMs: 0, headersMs: 0, firstTokenMs: 400, interTokenMs: 20 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let emu: Emulator;
let world: World;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: DELAYS, replyTokens: 12 });
  world = await makeWorld(emu);
  const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--skip-smoke-test'], world.env);
  expect(setup.exitCode, setup.stderr).toBe(0);
}, 60_000);
afterAll(() => emu?.close());

it('AwsService.smokeTest: time to first token after headers and inter-token p50 within ±10 ms', async () => {
  const demo = emu.state.identities[0]!;
  const http = createHttp({ env: {} });
  const aws = createAwsService({
    env: { AWS_ACCESS_KEY_ID: demo.accessKeyId, AWS_SECRET_ACCESS_KEY: demo.secretAccessKey },
    endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }),
    http,
  });
  const ttft: number[] = [];
  const p50: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await aws.smokeTest({ auth: { kind: 'env' }, region: 'us-east-1', model: 'openai.gpt-5.5', prompt: 'Say hello' }, () => {});
    expect(r.ok, r.failure?.message).toBe(true);
    ttft.push(r.latency.ttftAfterHeadersMs!);
    p50.push(r.latency.interTokenP50Ms!);
  }
  http.close();
  expect(Math.abs(median(ttft) - DELAYS.firstTokenMs)).toBeLessThanOrEqual(10);
  expect(Math.abs(median(p50) - DELAYS.interTokenMs)).toBeLessThanOrEqual(10);
});

it('smoke --json through the proxy reports the same figures', { timeout: 60_000 }, async () => {
  const ttft: number[] = [];
  const p50: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await runCli(['smoke', '--codex-profile', 'bedrock-prod', '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.outputTokens).toBe(12);
    // ttftMs counts from the request; the emulator's delay counts from the headers it sent.
    ttft.push(doc.ttftMs - doc.headersMs);
    p50.push(doc.interTokenP50Ms);
  }
  expect(Math.abs(median(ttft) - DELAYS.firstTokenMs)).toBeLessThanOrEqual(10);
  expect(Math.abs(median(p50) - DELAYS.interTokenMs)).toBeLessThanOrEqual(10);
});
