// measureRegions: every region warmed before any is timed, warm figures only, failures diagnosed; and against the
// emulator with per-region latency, the order is right and no figure is below the injected one. (±10 ms is the bench's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { measureRegions } from '../../src/flows/regions.js';
import { createAwsService } from '../../src/services/awsService.js';
import { makeEndpointResolver } from '../../src/services/endpoints.js';
import { createHttp, type HttpClient } from '../../src/services/http.js';
import type { AwsService, RegionRequestTiming, Services } from '../../src/services/types.js';
import type { Failure } from '../../src/types.js';

type Step = RegionRequestTiming | Promise<RegionRequestTiming>;

/** AwsService whose timeRegionRequest answers from a script per region and logs every call. */
function scripted(script: Record<string, Step[]>) {
  const log: string[] = [];
  const seen: Record<string, number> = {};
  const aws = {
    timeRegionRequest: async (region: string, provider: string) => {
      const n = (seen[region] = (seen[region] ?? 0) + 1);
      log.push(`${region}#${n}:${provider}`);
      const steps = script[region]!;
      return steps[Math.min(n - 1, steps.length - 1)]!;
    },
  } as unknown as AwsService;
  const services: Pick<Services, 'aws' | 'tools' | 'env'> = { aws, env: {}, tools: { findCodex: async () => ({ path: '/bin/codex', version: '0.171.0' }) } as unknown as Services['tools'] };
  return { services, log };
}

const hit = (ms: number, reused = true): RegionRequestTiming => ({ ok: true, ms, reused, status: 404 });
const miss = (failure: Failure): RegionRequestTiming => ({ ok: false, failure });

describe('measureRegions (scripted service)', () => {
  it('times no region before every warm-up has settled, then takes the median of warm probes', async () => {
    let release!: () => void;
    const slowWarmup = new Promise<RegionRequestTiming>((r) => (release = () => r(hit(500, false))));
    const { services, log } = scripted({ 'us-east-1': [hit(90, false), hit(21), hit(25), hit(20)], 'eu-west-1': [slowWarmup, hit(61), hit(80), hit(60)] });
    const p = measureRegions(services, ['us-east-1', 'eu-west-1'], { samples: 3, staggerMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['us-east-1#1:mantle', 'eu-west-1#1:mantle']);
    release();
    const report = await p;
    expect(report.rows.map((r) => [r.region, r.rttMs, r.samplesMs, r.warm])).toEqual([
      ['us-east-1', 21, [21, 25, 20], true],
      ['eu-west-1', 61, [61, 80, 60], true],
    ]);
    expect(report.fastest).toBe('us-east-1');
    expect(report.codexVersion).toBe('0.171.0');
  });

  it('a warm-up that hangs holds the others only for settleMs after the last one settled', async () => {
    const { services, log } = scripted({ 'us-east-1': [hit(90, false), hit(20)], 'eu-west-1': [new Promise<RegionRequestTiming>(() => {})] });
    const ac = new AbortController();
    const p = measureRegions(services, ['us-east-1', 'eu-west-1'], { samples: 1, settleMs: 10, staggerMs: 0, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 60));
    expect(log).toContain('us-east-1#2:mantle');
    ac.abort();
    expect(log.filter((l) => l.startsWith('eu-west-1'))).toEqual(['eu-west-1#1:mantle']);
    void p;
  });

  it('drops probes that paid for a new connection; only when none was kept open do cold figures stand in', async () => {
    const { services } = scripted({ 'us-east-1': [hit(90, false), hit(40, false), hit(21), hit(22), hit(23)], 'eu-west-1': [hit(90, false), hit(70, false)] });
    const report = await measureRegions(services, ['us-east-1', 'eu-west-1'], { samples: 3, staggerMs: 0 });
    expect(report.rows[0]).toMatchObject({ rttMs: 22, samplesMs: [21, 22, 23], warm: true });
    expect(report.rows[1]).toMatchObject({ rttMs: 70, warm: false });
    expect(report.rows[1]!.samplesMs).toHaveLength(5);
  });

  it('an unreachable region carries its failure and diagnosis; Runtime regions probe with the runtime provider', async () => {
    const dns: Failure = { kind: 'network', code: 'ENOTFOUND', message: 'DNS lookup failed for bedrock-mantle.eu-west-1.api.aws.', service: 'bedrock-mantle' };
    const { services, log } = scripted({ 'eu-west-1': [miss(dns)], 'ca-central-1': [hit(50, false), hit(30)] });
    const report = await measureRegions(services, ['eu-west-1', 'ca-central-1'], { samples: 1, staggerMs: 0, codexVersion: '0.147.0' });
    expect(report.rows[0]).toMatchObject({ reachable: false, rttMs: null, error: { code: 'ENOTFOUND', message: dns.message } });
    expect(report.rows[0]!.error!.diagnosis!.id).toMatch(/\S/);
    expect(log).toEqual(['eu-west-1#1:mantle', 'ca-central-1#1:runtime', 'ca-central-1#2:runtime']);
    // Codex 0.147 has no runtime provider: reachable but refused, so not the fastest.
    expect(report.rows[1]).toMatchObject({ provider: 'runtime', reachable: true, codexAccepts: false, fastest: false });
    expect(report.fastest).toBeNull();
    expect(report.allUnreachable).toBe(false);
  });

  it('a failure after the warm-up keeps the samples already taken', async () => {
    const reset: Failure = { kind: 'network', code: 'ECONNRESET', message: 'reset' };
    const { services } = scripted({ 'us-east-1': [hit(90, false), hit(20), miss(reset)] });
    const report = await measureRegions(services, ['us-east-1'], { samples: 3, staggerMs: 0 });
    expect(report.rows[0]).toMatchObject({ reachable: true, rttMs: 20, samplesMs: [20] });
  });

  it('fans one abort signal out to every region without a listener-leak warning (it would print over the wizard)', async () => {
    const regions = Array.from({ length: 14 }, (_, i) => `r${i}`);
    const { services } = scripted(Object.fromEntries(regions.map((r) => [r, [hit(30, false), hit(20)]])));
    // Every region's request waits on the same signal, as the wizard's probe does.
    const aws = services.aws;
    const waiting = { ...services, aws: { timeRegionRequest: (r: string, p: string, signal?: AbortSignal) => {
      signal?.addEventListener('abort', () => {}, { once: true });
      return aws.timeRegionRequest(r, p as never, signal);
    } } as unknown as AwsService };
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      await measureRegions(waiting, regions, { samples: 2, staggerMs: 1, gapMs: 5, signal: new AbortController().signal });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});

describe('measureRegions against the emulator (proxy mode: real host names, TLS, HTTPS_PROXY)', () => {
  const INJECTED: Record<string, number> = { 'sa-east-1': 250, 'eu-west-1': 120, 'us-east-1': 20, 'us-west-2': 60 };
  let emu: Emulator;
  let http: HttpClient;
  let services: Pick<Services, 'aws' | 'tools' | 'env'>;
  beforeAll(async () => {
    emu = await startEmulator({ proxy: true, regionLatencyMs: INJECTED, unreachableRegions: ['eu-north-1'] });
    const env = { HTTPS_PROXY: emu.proxyUrl!, AWS_CA_BUNDLE: emu.caPath! };
    http = createHttp({ env });
    services = { env, aws: createAwsService({ env, endpoints: makeEndpointResolver(env), http }), tools: { findCodex: async () => null } as unknown as Services['tools'] };
  }, 30_000);
  afterAll(async () => {
    http.close();
    await emu.close();
  });

  it('with 20/60/120/250 ms injected: the order is right, every figure warm and not below its latency', async () => {
    const regions = [...Object.keys(INJECTED), 'eu-north-1'];
    const report = await measureRegions(services, regions, { samples: 3 });
    const reachable = report.rows.filter((r) => r.reachable);
    expect([...reachable].sort((a, b) => a.rttMs! - b.rttMs!).map((r) => r.region)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1', 'sa-east-1']);
    for (const r of reachable) {
      expect(r.warm).toBe(true);
      expect(r.samplesMs).toHaveLength(3);
      expect(r.rttMs!).toBeGreaterThanOrEqual(INJECTED[r.region]!);
    }
    expect(report.fastest).toBe('us-east-1');
    expect(report.rows.at(-1)).toMatchObject({ region: 'eu-north-1', reachable: false, error: { code: 'PROXY_CONNECT_REFUSED' } });
    // Codex not found: judged as the newest known Codex.
    expect(report.codexVersion).toBeNull();
    expect(report.rows.every((r) => r.codexAccepts)).toBe(true);
    // The warm-up and three timed probes; `warm` above says the three went out on the warm-up's connection.
    const mantleHits = emu.requests.filter((q) => q.host === 'bedrock-mantle.us-east-1.api.aws');
    expect(mantleHits).toHaveLength(4);
  });
});

describe('measureRegions against the emulator in direct mode (what --demo uses: plain HTTP on loopback)', () => {
  it('keeps its connections open too, and orders by the injected latency', async () => {
    const emu = await startEmulator({ regionLatencyMs: { 'eu-west-1': 120, 'us-east-1': 20 } });
    const http = createHttp({ env: {} });
    try {
      const aws = createAwsService({ env: {}, endpoints: makeEndpointResolver({}, { emulatorUrl: emu.url }), http });
      const report = await measureRegions({ env: {}, aws, tools: {} as Services['tools'] }, ['eu-west-1', 'us-east-1'], { samples: 3, codexVersion: '0.171.0' });
      expect(report.rows.map((r) => [r.region, r.warm, r.rttMs! >= (r.region === 'eu-west-1' ? 120 : 20)])).toEqual([
        ['eu-west-1', true, true],
        ['us-east-1', true, true],
      ]);
      expect(report.fastest).toBe('us-east-1');
      expect(emu.requests.map((q) => q.path)).toEqual(expect.arrayContaining(['/bedrock-mantle/us-east-1/']));
    } finally {
      http.close();
      await emu.close();
    }
  });
});
