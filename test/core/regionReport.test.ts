import { describe, expect, it } from 'vitest';
import { codexAcceptsRegion, median, providerFor, regionNote, regionReport, RTT_METHOD, type RegionMeasurement } from '../../src/core/regionReport.js';

const ctx = { proxyUrl: null, retry: 'run: npx codex-bedrock-setup regions', codexVersion: '0.171.0' };

function m(region: string, rttMs: number | null, extra: Partial<RegionMeasurement> = {}): RegionMeasurement {
  return {
    region,
    provider: providerFor(region),
    reachable: rttMs !== null,
    rttMs,
    samplesMs: rttMs === null ? [] : [rttMs],
    warm: rttMs !== null,
    codexAccepts: true,
    ...extra,
  };
}

const down = (region: string, code: string) => m(region, null, { error: { code, message: `${code} for ${region}` } });

describe('providerFor / codexAcceptsRegion', () => {
  it('Mantle serves the allow-listed regions; any other region is Bedrock Runtime', () => {
    expect(providerFor('us-east-1')).toBe('mantle');
    expect(providerFor('us-gov-east-1')).toBe('mantle');
    expect(providerFor('ca-central-1')).toBe('runtime');
  });

  it('judges by the installed Codex: GovCloud by version, Runtime from 0.148, unknown as the newest', () => {
    expect(codexAcceptsRegion('us-east-1', 'mantle', '0.128.0')).toBe(true);
    expect(codexAcceptsRegion('us-gov-east-1', 'mantle', '0.155.0')).toBe(false);
    expect(codexAcceptsRegion('us-gov-east-1', 'mantle', '0.171.0')).toBe(true);
    expect(codexAcceptsRegion('ca-central-1', 'runtime', '0.147.0')).toBe(false);
    expect(codexAcceptsRegion('ca-central-1', 'runtime', '0.148.0')).toBe(true);
    expect(codexAcceptsRegion('ca-central-1', 'runtime', null)).toBe(true);
  });
});

describe('regionNote', () => {
  it('says why a region needs a word before it is picked: GovCloud by version, Runtime-only regions, refusals', () => {
    expect(regionNote('us-east-1', 'mantle', '0.171.0')).toBeUndefined();
    expect(regionNote('us-gov-east-1', 'mantle', '0.160.0')).toMatch(/^Codex 0\.160\.0 rejects us-gov-east-1 \(accepted by Codex 0\.161\.0\+\)/);
    expect(regionNote('us-gov-east-1', 'mantle', '0.171.0')).toMatch(/acknowledge "Using Codex with AWS GovCloud"/);
    expect(regionNote('ca-central-1', 'runtime', '0.171.0')).toMatch(/usable only through Bedrock Runtime \(setup --provider runtime\)/);
    expect(regionNote('ca-central-1', 'runtime', '0.147.0')).toMatch(/Codex 0\.147\.0 has no amazon-bedrock-runtime provider \(from 0\.148\.0\): npm i -g @openai\/codex@latest/);
  });

  it('rows carry the note for the Codex they were judged by', () => {
    const r = regionReport([m('us-gov-east-1', 40, { codexAccepts: false }), m('us-east-1', 90)], { ...ctx, codexVersion: '0.160.0' });
    expect(r.rows[0]!.note).toMatch(/rejects/);
    expect(r.rows[1]!.note).toBeUndefined();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([250, 20, 60])).toBe(60);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('regionReport', () => {
  it('marks the fastest reachable region, once, whatever the list order', () => {
    const r = regionReport([m('sa-east-1', 250), m('eu-west-1', 120), m('us-east-1', 20), m('us-west-2', 60), down('eu-north-1', 'ENOTFOUND')], ctx);
    expect(r.fastest).toBe('us-east-1');
    expect(r.rows.filter((x) => x.fastest).map((x) => x.region)).toEqual(['us-east-1']);
    expect(r.rows.map((x) => x.region)).toEqual(['sa-east-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'eu-north-1']);
    expect(r.rows.find((x) => x.region === 'us-east-1')?.name).toBe('US East (N. Virginia)');
    expect(r.allUnreachable).toBe(false);
    expect(r.hint).toBeUndefined();
    expect(r.method).toBe(RTT_METHOD);
    expect(r.codexVersion).toBe('0.171.0');
  });

  it('never recommends a region the installed Codex refuses, however fast', () => {
    const r = regionReport([m('us-gov-east-1', 5, { codexAccepts: false }), m('eu-west-1', 120)], ctx);
    expect(r.fastest).toBe('eu-west-1');
    expect(r.rows[0]!.fastest).toBe(false);
    expect(regionReport([m('us-gov-east-1', 5, { codexAccepts: false })], ctx).fastest).toBeNull();
  });

  it('says what is measured', () => {
    expect(RTT_METHOD).toMatch(/median/);
    expect(RTT_METHOD).toMatch(/keep-alive connection/);
    expect(RTT_METHOD).toMatch(/DNS, TCP, proxy CONNECT and TLS set-up are not in it/);
  });

  it('all unreachable without a proxy: blames the network or DNS, suggests HTTPS_PROXY, and the next step', () => {
    const r = regionReport([down('us-east-1', 'ENOTFOUND'), down('eu-west-1', 'ENOTFOUND')], ctx);
    expect(r.allUnreachable).toBe(true);
    expect(r.fastest).toBeNull();
    expect(r.hint).toMatch(/None of the 2 regions answered \(all ENOTFOUND\)/);
    expect(r.hint).toMatch(/not AWS or the region/);
    expect(r.hint).toMatch(/DNS/);
    expect(r.hint).toMatch(/set HTTPS_PROXY/);
    expect(r.hint).toMatch(/Then run: npx codex-bedrock-setup regions\.$/);
  });

  it('all unreachable through a proxy: names the proxy (never its credentials) and what it must allow', () => {
    const r = regionReport([down('us-east-1', 'PROXY_CONNECT_REFUSED'), down('eu-west-1', 'ECONNRESET')], { ...ctx, proxyUrl: 'http://alice:s3cret@proxy.corp:3128', retry: 'press r to retry' });
    expect(r.hint).toMatch(/The proxy proxy\.corp:3128 \(HTTPS_PROXY\) refused/);
    expect(r.hint).toMatch(/CONNECT to \*\.api\.aws:443/);
    expect(r.hint).toMatch(/AWS_CA_BUNDLE/);
    expect(r.hint).toMatch(/Then press r to retry\.$/);
    expect(r.hint).not.toContain('s3cret');
    expect(r.hint).not.toContain('alice');
    const silent = regionReport([down('us-east-1', 'ECONNREFUSED')], { ...ctx, proxyUrl: 'http://proxy.corp:3128' });
    expect(silent.hint).toMatch(/^The region did not answer/);
    expect(silent.hint).toMatch(/check it is running and reachable, or unset HTTPS_PROXY/);
  });

  it('an empty list is not "all unreachable"', () => {
    expect(regionReport([], ctx)).toMatchObject({ allUnreachable: false, fastest: null, rows: [] });
  });
});
