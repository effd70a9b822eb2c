import { describe, expect, it } from 'vitest';
import { awsCliCheck, endpointHost, probeFailure, providerOf, proxyInUse, reachableBeforeSetup, regionBeforeSetup, runtimeProviderCheck, smokeFailureCheck, waitingForConfigCheck } from '../../src/core/doctorChecks.js';

const v1 = { path: '/home/u/.local/bin/aws', version: '1.45.11', major: 1 };
const v2 = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };

describe("doctor's rows from gathered facts", () => {
  it('aws CLI: the rule preflight and sign-in use, with the catalogue fix', () => {
    expect(awsCliCheck([v2])).toEqual({ id: 'aws-cli', status: 'pass', summary: 'aws CLI 2.9.19 at /usr/bin/aws' });
    expect(awsCliCheck([v1, v2])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-v1-shadowing', summary: 'aws CLI 1.45.11 at /home/u/.local/bin/aws shadows v2 2.9.19 at /usr/bin/aws', fix: expect.stringContaining('ln -s /usr/bin/aws ~/bin/aws') });
    expect(awsCliCheck([{ path: '/opt/aws', version: '2.4.1', major: 2 }])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-missing', summary: expect.stringContaining('needs the aws CLI 2.9.0 or later; the newest on PATH is 2.4.1 at /opt/aws') });
    expect(awsCliCheck([])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-missing' });
  });

  it('the provider decides the host Codex connects to', () => {
    expect(providerOf('amazon-bedrock-runtime')).toBe('runtime');
    expect(providerOf('amazon-bedrock')).toBe('mantle');
    expect(providerOf(undefined)).toBe('mantle');
    expect(endpointHost('runtime', 'eu-west-3')).toBe('bedrock-runtime.eu-west-3.amazonaws.com');
    expect(endpointHost('mantle', 'us-east-1')).toBe('bedrock-mantle.us-east-1.api.aws');
    expect(endpointHost('mantle', 'us-east-1', 'https://gw.corp.example/bedrock')).toBe('gw.corp.example');
  });

  it('a runtime profile: a pass that names what is skipped, a failure before Codex 0.148', () => {
    expect(runtimeProviderCheck('eu-west-3', '0.171.0')).toMatchObject({ status: 'pass', summary: expect.stringContaining('bedrock-runtime.eu-west-3.amazonaws.com, signed for service bedrock') });
    expect(runtimeProviderCheck('eu-west-3', '0.147.2')).toMatchObject({ status: 'fail', why: expect.stringContaining('Codex 0.147.2 has no amazon-bedrock-runtime provider') });
  });

  it('"not found" from Bedrock Runtime stays a runtime diagnosis; from Mantle it means the Responses surface', () => {
    const params = { model: 'us.openai.gpt-6.1-sol', region: 'eu-west-3' };
    const runtime = smokeFailureCheck({ kind: 'http', status: 404, service: 'bedrock-runtime', model: params.model }, { ...params, provider: 'runtime' }, 'runtime');
    expect(runtime).toMatchObject({ id: 'smoke', status: 'fail', diagnosis: 'model-not-in-region', summary: 'us.openai.gpt-6.1-sol is not offered in eu-west-3' });
    const mantle = smokeFailureCheck({ kind: 'http', status: 404, service: 'bedrock-mantle', model: 'openai.gpt-5.5' }, { model: 'openai.gpt-5.5', region: 'us-east-1' }, 'mantle');
    expect(mantle.diagnosis).toBe('model-not-responses');
  });
});

describe('a failed Mantle probe names the layer that broke', () => {
  const params = { region: 'us-east-1' };
  const proxy = { shown: 'http://proxy.corp:3128', variable: 'https_proxy' as const };

  it('the proxy refused the tunnel to a Mantle region: the proxy, its variable and a curl through it; not the region', () => {
    const c = probeFailure('us-east-1', { error: 'PROXY_CONNECT_REFUSED', status: 502 }, params, proxy);
    expect(c).toMatchObject({ status: 'fail', diagnosis: 'proxy-tunnel-refused' });
    expect(c.summary).toBe('Bedrock Mantle in us-east-1 is not reachable: PROXY_CONNECT_REFUSED (the proxy http://proxy.corp:3128, from https_proxy, answered HTTP 502 instead of opening a tunnel to bedrock-mantle.us-east-1.api.aws)');
    expect(c.fix).toContain(`-x "$https_proxy" https://bedrock-mantle.us-east-1.api.aws/`);
    expect(`${c.summary} ${c.why} ${c.fix}`).not.toMatch(/validated region/);
  });

  it('403 from the proxy is its rules; 503 is its load', () => {
    expect(probeFailure('us-east-1', { error: 'PROXY_CONNECT_REFUSED', status: 403 }, params, proxy).why).toMatch(/^The proxy's rules do not allow CONNECT/);
    expect(probeFailure('us-east-1', { error: 'PROXY_CONNECT_REFUSED', status: 503 }, params, proxy).why).toMatch(/^The proxy is overloaded/);
  });

  it('407: the proxy wants a password, asked for in the variable in use', () => {
    const c = probeFailure('us-east-1', { error: 'PROXY_AUTH_REQUIRED', status: 407 }, params, proxy);
    expect(c.diagnosis).toBe('proxy-auth');
    expect(c.summary).toContain('answered HTTP 407');
    expect(c.fix).toContain('in https_proxy before the host');
  });

  it('a region name Mantle does not know, refused by the proxy: the region stays the likely cause', () => {
    expect(probeFailure('xx-nowhere-1', { error: 'PROXY_CONNECT_REFUSED', status: 502 }, { region: 'xx-nowhere-1' }, proxy).diagnosis).toBe('region-unreachable');
  });

  it('a connection that broke without a code is a failed connection, not a missing region', () => {
    const direct = probeFailure('us-east-1', { error: 'UNKNOWN' }, params, null);
    expect(direct.diagnosis).toBe('connection-failed');
    expect(probeFailure('us-east-1', { error: 'UNKNOWN' }, params, proxy).fix).toContain('went through the proxy http://proxy.corp:3128 (https_proxy)');
  });

  it('proxyInUse shows scheme, host and port only, and honours NO_PROXY', () => {
    expect(proxyInUse({ ALL_PROXY: 'http://u:pw@p.corp:8080' }, 'bedrock-mantle.us-east-1.api.aws')).toEqual({ shown: 'http://p.corp:8080', variable: 'ALL_PROXY' });
    expect(proxyInUse({ HTTPS_PROXY: 'http://p.corp:8080', NO_PROXY: '.api.aws' }, 'bedrock-mantle.us-east-1.api.aws')).toBeNull();
  });
});

describe('doctor before setup: no Codex config yet', () => {
  it('the checks that read the config wait for it in one row that is not a failure', () => {
    const row = waitingForConfigCheck(false);
    expect(row).toMatchObject({ id: 'codex-config-checks', status: 'skipped', fix: 'npx codex-bedrock-setup' });
    expect(row.summary).toBe('Checks of the Codex config (credential, per-developer usage, sign-in, model, streamed request) run once it exists: npx codex-bedrock-setup');
    expect(row.skipped).toEqual(['credential', 'attribution-identity', 'attribution-telemetry', 'credentials', 'model', 'smoke']);
    // --with-codex: the turn waits too, and the row says so.
    expect(waitingForConfigCheck(true).skipped).toContain('codex-turn');
    expect(waitingForConfigCheck(true).summary).toContain('codex exec turn');
  });

  it('reachability is tested in the environment\'s region when Mantle runs there, else us-east-1, and the row says which', () => {
    expect(regionBeforeSetup({})).toEqual({ region: 'us-east-1' });
    expect(regionBeforeSetup({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })).toEqual({ region: 'eu-west-1', from: 'AWS_REGION' });
    expect(regionBeforeSetup({ AWS_DEFAULT_REGION: 'us-west-2' })).toEqual({ region: 'us-west-2', from: 'AWS_DEFAULT_REGION' });
    // A region without Mantle (or a typo) says nothing about the network: the stand-in is probed instead.
    expect(regionBeforeSetup({ AWS_REGION: 'ca-central-1' })).toEqual({ region: 'us-east-1' });
    expect(reachableBeforeSetup({ region: 'eu-west-1', from: 'AWS_REGION' }, 41.6)).toEqual({ id: 'region', status: 'pass', summary: 'Bedrock Mantle in eu-west-1 (AWS_REGION) reachable from this network (42 ms)' });
    expect(reachableBeforeSetup({ region: 'us-east-1' }, 12)).toMatchObject({ status: 'pass', summary: 'Bedrock Mantle in us-east-1 reachable from this network (12 ms; setup chooses your region)' });
  });
});
