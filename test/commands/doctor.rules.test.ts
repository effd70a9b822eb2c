// The rules doctor shares with smoke and the wizard, seen through doctor and smoke themselves (real runChecks and
// runSmoke, fake services): which proxy counts, which profile is tested, and a runtime profile on Bedrock Runtime.
import { describe, expect, it } from 'vitest';
import { UsageError, parseCli } from '../../src/args.js';
import type { Io } from '../../src/commands/context.js';
import { runSmoke } from '../../src/commands/smoke.js';
import { firstUsableAws } from '../../src/core/awsCli.js';
import { codexInstallCheck } from '../../src/core/codexInstall.js';
import { awsCliCheck, proxyStep } from '../../src/core/doctorChecks.js';
import { runChecks } from '../../src/flows/checks.js';
import { awsChecks, codexCheck, envChecks, firstAwsV2 } from '../../src/wizard/preflight.js';
import type { CodexSettings } from '../../src/services/types.js';
import { fakeServices } from '../ui/fakes.js';

const codexDoctorOk = async () => ({ exitCode: 0, timedOut: false, stderr: '', stdout: '{}' });

function machine(env: NodeJS.ProcessEnv, settings: Partial<CodexSettings> = {}, codexVersion = '0.171.0') {
  const base = fakeServices(env);
  const probed: string[] = [];
  const providers: (string | undefined)[] = [];
  const services = { ...base, net: { tcpProbe: async (host: string, port: number) => (probed.push(`${host}:${port}`), null) } };
  services.tools.findCodex = async () => ({ path: '/usr/local/bin/codex', version: codexVersion });
  services.config.readCodexSettings = async (codexProfile) => ({
    configPath: '/home/dev/.codex/config.toml',
    configExists: true,
    codexProfile: codexProfile ?? null,
    profilePath: codexProfile ? `/home/dev/.codex/${codexProfile}.config.toml` : null,
    profileExists: !!codexProfile,
    model: 'openai.gpt-6.1-sol',
    modelProvider: 'amazon-bedrock',
    region: 'us-east-1',
    awsProfile: 'dev',
    webSearch: 'disabled',
    hasCredentialExport: false,
    managedBedrockAuth: null,
    legacyProfileTables: [],
    profileFiles: ['bedrock-prod'],
    findings: [],
    ...settings,
  });
  const smoke = services.aws.smokeTest;
  services.aws.smokeTest = (o, e, s) => (providers.push(o.provider), smoke(o, e, s));
  return { services, probed, providers, calls: base.calls };
}

describe('doctor: which proxy counts', () => {
  it('ALL_PROXY counts, as it does for Codex: probed, and named by its variable', async () => {
    const m = machine({ ALL_PROXY: 'http://u:pw@proxy.corp:8080' });
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.probed).toEqual(['proxy.corp:8080']);
    expect(report.checks.find((c) => c.id === 'proxy')).toEqual({ id: 'proxy', status: 'pass', summary: 'Proxy http://proxy.corp:8080 (ALL_PROXY) accepts connections' });
    expect(JSON.stringify(report)).not.toContain('pw@');
  });

  it('HTTP_PROXY alone: not probed, a warning that Codex goes direct, and the export that fixes it', async () => {
    const m = machine({ HTTP_PROXY: 'http://proxy.corp:8080' });
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.probed).toEqual([]);
    expect(report.checks.find((c) => c.id === 'proxy')).toMatchObject({
      status: 'warn',
      summary: 'HTTP_PROXY is set, but Codex connects to bedrock-mantle.us-east-1.api.aws directly: its HTTPS calls use HTTPS_PROXY or ALL_PROXY only',
      fix: 'If AWS is reachable only through that proxy: export HTTPS_PROXY="$HTTP_PROXY"',
    });
    expect(m.calls.probeRegion).toEqual(['us-east-1']);
  });

  it('a SOCKS ALL_PROXY: a warning that doctor cannot follow it, no probe', async () => {
    const m = machine({ ALL_PROXY: 'socks5://s.corp:1080' });
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.probed).toEqual([]);
    expect(report.checks.find((c) => c.id === 'proxy')).toMatchObject({ status: 'warn', summary: "ALL_PROXY is a SOCKS proxy (socks5://s.corp:1080): Codex uses it, but doctor's requests cannot and go directly" });
  });

  it('NO_PROXY exempting the Bedrock host: no probe, and the report says the connection is direct', async () => {
    const m = machine({ HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: '.api.aws' });
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.probed).toEqual([]);
    expect(report.checks.find((c) => c.id === 'proxy')?.summary).toBe('HTTPS_PROXY is set, but NO_PROXY exempts bedrock-mantle.us-east-1.api.aws: connecting directly');
    expect(m.calls.probeRegion).toEqual(['us-east-1']);
  });
});

describe('doctor: which Codex profile is tested', () => {
  it('several profiles and none is bedrock-prod: a warning that names them, and config.toml alone is read', async () => {
    const m = machine({}, { profileFiles: ['work', 'home'] });
    const asked: (string | null)[] = [];
    const read = m.services.config.readCodexSettings;
    m.services.config.readCodexSettings = (p, o) => (asked.push(p), read(p, o));
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(report.checks.find((c) => c.id === 'codex-profile')).toMatchObject({
      status: 'warn',
      summary: 'There are 2 Codex profiles (home, work) and none is bedrock-prod: choose one with npx codex-bedrock-setup doctor --codex-profile home',
    });
    expect(asked).toEqual([null]);
    expect(report.codexProfile).toBeNull();
  });
});

describe('doctor: a profile on the amazon-bedrock-runtime provider', () => {
  const runtime = { modelProvider: 'amazon-bedrock-runtime', model: 'global.openai.gpt-5.5', region: 'eu-west-3', profileFiles: ['bedrock-runtime'] };

  it('is tested on Bedrock Runtime: no Mantle probe, no Mantle model list, no region allow-list warning', async () => {
    const m = machine({}, runtime);
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.calls.probeRegion).toEqual([]);
    expect(m.calls.listMantleModels).toEqual([]);
    expect(m.providers).toEqual(['runtime']);
    expect(m.calls.smokeTest).toEqual([expect.objectContaining({ model: 'global.openai.gpt-5.5', region: 'eu-west-3' })]);
    expect(report.checks.find((c) => c.id === 'provider')).toMatchObject({ status: 'pass', summary: expect.stringContaining('the Mantle region list, model list, web-search lint and codex doctor do not apply') });
    expect(report.checks.find((c) => c.id === 'codex-region')).toBeUndefined();
    expect(report.checks.find((c) => c.id === 'smoke')?.summary).toMatch(/^Streamed a reply from Bedrock Runtime in eu-west-3/);
    expect(report.ok).toBe(true);
  });

  it('fails for a Codex older than the runtime provider', async () => {
    const m = machine({}, runtime, '0.147.0');
    const report = await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(report.checks.find((c) => c.id === 'provider')).toMatchObject({ status: 'fail', summary: 'model_provider = "amazon-bedrock-runtime" needs Codex 0.148.0+', fix: 'npm i -g @openai/codex@latest' });
  });

  it('a Mantle profile is still probed, listed and smoke-tested on Mantle', async () => {
    const m = machine({});
    await runChecks(m.services, { runCodexDoctor: codexDoctorOk });
    expect(m.calls.probeRegion).toEqual(['us-east-1']);
    expect(m.calls.listMantleModels).toEqual(['us-east-1']);
    expect(m.providers).toEqual([undefined]);
  });
});

describe('smoke: the same profile rule and the runtime provider', () => {
  const io = () => {
    const lines: string[] = [];
    const out: string[] = [];
    const sink: Io = { say: (l) => lines.push(l), out: (t) => out.push(t), color: false };
    return { sink, lines, out };
  };

  it('several profiles and none chosen: a usage error naming them, nothing streamed', async () => {
    const m = machine({ AWS_PROFILE: 'dev' }, { profileFiles: ['work', 'home'] });
    const { sink } = io();
    await expect(runSmoke({ options: parseCli(['smoke']), services: m.services, io: sink })).rejects.toThrow(
      new UsageError('There are 2 Codex profiles (home, work) and none is bedrock-prod: choose one with npx codex-bedrock-setup smoke --codex-profile home'),
    );
    expect(m.calls.smokeTest).toEqual([]);
  });

  it('the only profile, on the runtime provider: streamed from Bedrock Runtime, with a global. id', async () => {
    const m = machine({}, { modelProvider: 'amazon-bedrock-runtime', model: 'global.openai.gpt-5.5', region: 'eu-west-3', profileFiles: ['bedrock-runtime'] });
    const { sink, lines, out } = io();
    const code = await runSmoke({ options: parseCli(['smoke', '--json']), services: m.services, io: sink });
    expect(code).toBe(0);
    expect(m.providers).toEqual(['runtime']);
    expect(lines[0]).toBe('Streaming from global.openai.gpt-5.5 in eu-west-3 via Bedrock Runtime (model_provider = "amazon-bedrock-runtime") (profile dev)…');
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, provider: 'runtime', model: 'global.openai.gpt-5.5', region: 'eu-west-3' });
  });
});

describe("the wizard's preflight and doctor give the same verdicts", () => {
  const v1 = { path: '/home/u/.local/bin/aws', version: '1.45.3', major: 1 };
  const v2old = { path: '/opt/aws/aws', version: '2.8.0', major: 2 };
  const v2 = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };

  it.each([[[v2]], [[v1, v2]], [[v1, v2old]], [[v2old]], [[]]])('aws CLIs %j: the same CLI chosen, a warning in both or in neither', (clis) => {
    const doctorRow = awsCliCheck(clis);
    const preflightRows = awsChecks(clis).filter((r) => !/^aws-\d+$/.test(r.id));
    expect(firstAwsV2(clis) ?? null).toBe(firstUsableAws(clis));
    expect(preflightRows.length > 0).toBe(doctorRow.status === 'warn');
  });

  it.each([null, '0.120.0', '0.133.9', '0.171.0', 'unknown'])('Codex %s: the same status', (version) => {
    const codex = version === null ? null : { path: '/usr/local/bin/codex', version: version === 'unknown' ? null : version };
    expect(codexCheck(codex)).toEqual(codexInstallCheck(codex));
  });

  it('proxy variables: ALL_PROXY is shown as the proxy, HTTP_PROXY alone is a warning in both', () => {
    expect(envChecks({ ALL_PROXY: 'http://u:pw@a.corp:8080', NO_PROXY: '.internal' })).toEqual([{ id: 'ALL_PROXY', status: 'pass', summary: 'ALL_PROXY=http://a.corp:8080 (NO_PROXY=.internal)' }]);
    expect(envChecks({ http_proxy: 'http://h.corp:3128' })).toEqual([expect.objectContaining({ id: 'HTTP_PROXY', status: 'warn', summary: 'http_proxy=http://h.corp:3128 is not used for Bedrock' })]);
    const step = proxyStep({ http_proxy: 'http://h.corp:3128' }, 'bedrock-mantle.us-east-1.api.aws');
    expect(step.kind === 'row' && step.row?.status).toBe('warn');
  });
});
