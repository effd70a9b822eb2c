// `regions [--json]` end to end: runRegions with the real services, through the emulator's HTTPS proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError, type CliOptions } from '../../src/args.js';
import type { CommandContext } from '../../src/commands/context.js';
import { runRegions } from '../../src/commands/regions.js';
import { MANTLE_REGIONS } from '../../src/core/regions.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createRealServices } from '../../src/services/real.js';

const INJECTED: Record<string, number> = { 'us-east-1': 120, 'us-west-2': 20, 'eu-west-1': 60, 'sa-east-1': 250 };
// The rest sit further away than any of the four, so the fastest is us-west-2.
const REST = Object.fromEntries([...MANTLE_REGIONS.map((r) => r.id), 'ca-central-1'].filter((r) => !(r in INJECTED)).map((r) => [r, 300]));

let emu: Emulator;
let home: string;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, regionLatencyMs: { ...REST, ...INJECTED } });
  home = await mkdtemp(join(tmpdir(), 'regions-cmd-'));
}, 30_000);
afterAll(async () => {
  await emu.close();
  await rm(home, { recursive: true, force: true });
});

/** Until the dispatch lands in run.ts, the options are parsed as another command's and given the regions. */
function options(over: Partial<CliOptions>): CliOptions {
  return { ...parseCli(['models']), ...over };
}

async function regions(over: Partial<CliOptions>, env: Record<string, string> = {}) {
  const services = createRealServices({ env: { HOME: home, CODEX_HOME: join(home, '.codex'), HTTPS_PROXY: emu.proxyUrl!, AWS_CA_BUNDLE: emu.caPath!, ...env } });
  // Codex 0.160 refuses both GovCloud regions: the column must say so.
  services.tools.findCodex = async () => ({ path: '/usr/local/bin/codex', version: '0.160.0' });
  const lines: string[] = [];
  let out = '';
  const ctx: CommandContext = { options: options(over), services, io: { say: (l) => lines.push(l), out: (t) => (out += t), color: false } };
  const code = await runRegions(ctx);
  return { code, lines, out };
}

describe('regions', () => {
  it('prints a table of every region with the fastest marked, and says what RTT means', async () => {
    const { code, lines } = await regions({});
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Region\s+Provider\s+Reachable\s+RTT ms\s+Codex accepts$/);
    expect(Math.max(...lines.slice(0, 1 + MANTLE_REGIONS.length).map((l) => l.length))).toBeLessThanOrEqual(60);
    const rows = lines.slice(1, 1 + MANTLE_REGIONS.length);
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(MANTLE_REGIONS.map((r) => r.id));
    expect(rows.filter((l) => l.includes('← fastest'))).toEqual([expect.stringMatching(/^us-west-2\s+mantle\s+yes\s+\d+\s+yes\s+← fastest$/)]);
    expect(rows.find((l) => l.startsWith('us-gov-east-1'))).toMatch(/\s+no$/);
    expect(lines).toContain('! us-gov-east-1: Codex 0.160.0 rejects us-gov-east-1 (accepted by Codex 0.161.0+).');
    const rtt = (region: string) => Number(rows.find((l) => l.startsWith(`${region} `))!.split(/\s+/)[3]);
    const byRtt = Object.keys(INJECTED).sort((a, b) => rtt(a) - rtt(b));
    expect(byRtt).toEqual(['us-west-2', 'eu-west-1', 'us-east-1', 'sa-east-1']);
    for (const [r, ms] of Object.entries(INJECTED)) expect(rtt(r)).toBeGreaterThanOrEqual(ms);
    expect(lines).toContain('✓ Fastest region Codex 0.160.0 accepts: us-west-2 (US West (Oregon)), ' + rtt('us-west-2') + ' ms.');
    expect(lines.at(-1)).toMatch(/^RTT: median of 5 warm probes, .*keep-alive connection.*DNS, TCP, proxy CONNECT and TLS set-up are not in it/);
  });

  it('--json: one document with provider, reachability, RTT, samples and Codex acceptance per region', async () => {
    const { code, out, lines } = await regions({ json: true, regions: ['us-west-2', 'ca-central-1', 'us-gov-west-1'] });
    expect(code).toBe(0);
    expect(lines).toEqual([]);
    const doc = JSON.parse(out) as { ok: boolean; codexVersion: string; fastest: string; samples: number; method: string; regions: Record<string, unknown>[] };
    expect(doc).toMatchObject({ ok: true, codexVersion: '0.160.0', fastest: 'us-west-2', samples: 5 });
    expect(doc.method).toMatch(/^median of warm probes/);
    expect(doc.regions.map((r) => [r.region, r.provider, r.reachable, r.codexAccepts, r.fastest])).toEqual([
      ['us-west-2', 'mantle', true, true, true],
      ['ca-central-1', 'runtime', true, true, false],
      ['us-gov-west-1', 'mantle', true, false, false],
    ]);
    const west = doc.regions[0] as { rttMs: number; samplesMs: number[]; warm: boolean; name: string };
    expect(west).toMatchObject({ warm: true, name: 'US West (Oregon)' });
    expect(west.samplesMs).toHaveLength(5);
    expect(west.rttMs).toBeGreaterThanOrEqual(20);
    expect(doc.regions[1]!.note).toMatch(/usable only through Bedrock Runtime/);
  });

  it('all unreachable: exit 1, each failure in its own words, and a hint about the proxy', async () => {
    emu.update({ unreachableRegions: ['us-east-1', 'eu-west-1'] });
    try {
      const human = await regions({ regions: ['us-east-1', 'eu-west-1'] });
      expect(human.code).toBe(1);
      expect(human.lines.filter((l) => /^✗ (us-east-1|eu-west-1): The proxy refused the CONNECT tunnel \(HTTP 502\)\.$/.test(l))).toHaveLength(2);
      expect(human.lines.at(-2)).toMatch(/^✗ None of the 2 regions answered \(all PROXY_CONNECT_REFUSED\).*HTTPS_PROXY.*Then run: npx codex-bedrock-setup regions\.$/);
      expect(human.lines.join('\n')).not.toContain('← fastest');
      const json = JSON.parse((await regions({ json: true, regions: ['us-east-1', 'eu-west-1'] })).out) as { ok: boolean; fastest: null; hint: string; regions: { error: { code: string; message: string } }[] };
      expect(json).toMatchObject({ ok: false, fastest: null });
      expect(json.hint).toMatch(/HTTPS_PROXY/);
      expect(json.regions.map((r) => r.error.code)).toEqual(['PROXY_CONNECT_REFUSED', 'PROXY_CONNECT_REFUSED']);
      expect(json.regions[0]!.error).toMatchObject({ message: 'The proxy refused the CONNECT tunnel (HTTP 502).', diagnosis: { id: expect.any(String) } });
    } finally {
      emu.update({ unreachableRegions: [] });
    }
  });

  it('refuses a malformed region before measuring anything', async () => {
    const before = emu.requests.length;
    await expect(regions({ regions: ['us-east1x'] })).rejects.toBeInstanceOf(UsageError);
    expect(emu.requests.length).toBe(before);
  });
});
