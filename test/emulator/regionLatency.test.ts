// Per-region latency: each region's hosts answer after their own delay, concurrently (no queue between regions).
// Only order and a lower bound are asserted here; the ±10 ms accuracy is the bench's "region RTT truth".
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { latencyKnobs, parseRegionLatency } from '../../src/emulator/knobs.js';
import { defaultDemoState, requestDelayMs } from '../../src/emulator/state.js';

const INJECTED: Record<string, number> = { 'us-east-1': 20, 'us-west-2': 60, 'eu-west-1': 120, 'sa-east-1': 250 };
const BY_LATENCY = Object.keys(INJECTED).sort((a, b) => INJECTED[a]! - INJECTED[b]!);

describe('latency knobs', () => {
  it('parses region=ms lists and refuses anything else', () => {
    expect(parseRegionLatency('us-east-1=20, eu-west-1:60,us-gov-west-1=7.5')).toEqual({ 'us-east-1': 20, 'eu-west-1': 60, 'us-gov-west-1': 7.5 });
    expect(() => parseRegionLatency('us-east-1=fast')).toThrow(/us-east-1=20/);
    expect(() => parseRegionLatency('useast=20')).toThrow(/region=milliseconds/);
  });

  it('takes flags over the environment', () => {
    expect(latencyKnobs(['--region-latency=us-east-1=20'], { EMULATOR_REGION_LATENCY_MS: 'us-east-1=99', EMULATOR_CALL_MS: '5' })).toEqual({
      delays: { callMs: 5 },
      regionLatencyMs: { 'us-east-1': 20 },
    });
    expect(latencyKnobs(['--first-token-ms=400'], { EMULATOR_FIRST_TOKEN_MS: '9', EMULATOR_CALL_MS: '150' })).toEqual({ delays: { callMs: 150, firstTokenMs: 400 } });
    expect(latencyKnobs([], {})).toEqual({});
    expect(() => latencyKnobs([], { EMULATOR_FIRST_TOKEN_MS: 'soon' })).toThrow(/first-token-ms/);
    expect(() => latencyKnobs(['--call-ms=-3'], {})).toThrow(/call-ms/);
  });

  it('adds a region\'s latency to callMs, and nothing for other regions', () => {
    const s = defaultDemoState();
    s.delays.callMs = 5;
    s.regionLatencyMs = { 'us-east-1': 20, 'eu-west-1': -4 };
    expect(requestDelayMs(s, 'us-east-1')).toBe(25);
    expect(requestDelayMs(s, 'us-west-2')).toBe(5);
    expect(requestDelayMs(s, 'eu-west-1')).toBe(5);
  });
});

function timedGet(url: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      const at = performance.now() - t0;
      res.resume();
      res.on('end', () => resolve(at));
    });
    req.on('error', reject);
    req.end();
  });
}

function timedConnect(proxyUrl: string, authority: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(proxyUrl, { method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => {
      socket.destroy();
      expect(res.statusCode).toBe(200);
      resolve(performance.now() - t0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Region ids in the order their answers arrived. */
async function arrivalOrder(times: Record<string, Promise<number>>): Promise<{ order: string[]; ms: Record<string, number> }> {
  const order: string[] = [];
  const ms: Record<string, number> = {};
  await Promise.all(Object.entries(times).map(([region, p]) => p.then((t) => (order.push(region), (ms[region] = t)))));
  return { order, ms };
}

describe('per-region latency on the wire', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ proxy: true, regionLatencyMs: INJECTED });
  });
  afterAll(() => emu.close());

  for (const service of ['bedrock-mantle', 'bedrock-runtime', 'sts', 'bedrock']) {
    it(`${service}: requests to four regions at once answer in latency order, none sooner than injected`, async () => {
      const { order, ms } = await arrivalOrder(Object.fromEntries(BY_LATENCY.map((r) => [r, timedGet(`${emu.url}/${service}/${r}/`)])));
      expect(order).toEqual(BY_LATENCY);
      for (const r of BY_LATENCY) expect(ms[r]).toBeGreaterThanOrEqual(INJECTED[r]! - 1);
    });
  }

  it('applies to real host names through the proxy, and a tunnel opens after one region latency', async () => {
    const { order, ms } = await arrivalOrder(Object.fromEntries(BY_LATENCY.map((r) => [r, timedConnect(emu.proxyUrl!, `bedrock-mantle.${r}.api.aws:443`)])));
    expect(order).toEqual(BY_LATENCY);
    for (const r of BY_LATENCY) expect(ms[r]).toBeGreaterThanOrEqual(INJECTED[r]! - 1);
    // A plain-HTTP request to the proxy is routed by its Host header.
    const plain = await arrivalOrder({ 'sa-east-1': timedGet(`${emu.proxyUrl}/`, 'sts.sa-east-1.amazonaws.com'), 'us-east-1': timedGet(`${emu.proxyUrl}/`, 'sts.us-east-1.amazonaws.com') });
    expect(plain.order).toEqual(['us-east-1', 'sa-east-1']);
  });

  it('changes while running, from a state patch', async () => {
    emu.update({ regionLatencyMs: { 'us-east-1': 250, 'sa-east-1': null } });
    try {
      const { order } = await arrivalOrder({ 'us-east-1': timedGet(`${emu.url}/sts/us-east-1/`), 'sa-east-1': timedGet(`${emu.url}/sts/sa-east-1/`) });
      expect(order).toEqual(['sa-east-1', 'us-east-1']);
    } finally {
      emu.update({ regionLatencyMs: INJECTED });
    }
  });
});
