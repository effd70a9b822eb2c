import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runDoctor } from '../../src/commands/doctor.js';
import { runChecks } from '../../src/flows/checks.js';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import { summaryLine } from '../../src/core/doctorReport.js';
import { fakeServices } from '../ui/fakes.js';

describe('diagnoseCodexOutput', () => {
  const p = { profile: 'dev', region: 'us-east-1', model: 'openai.gpt-oss-120b', codexProfile: 'bedrock-prod' };
  it.each([
    ['ERROR: failed to load AWS credentials: the credential provider was not enabled', 'codex-aws-profile-missing'],
    ['ERROR: stream disconnected before completion: failed to load AWS credentials: the credentials provider was not properly configured', 'codex-aws-profile-missing'],
    ['Error: legacy profile = "bedrock-prod" config is no longer supported; use --profile bedrock-prod', 'legacy-profile-layout'],
    ['ERROR: unexpected status 403 Forbidden: User: arn:aws:iam::1:user/x is not authorized to perform: bedrock-mantle:CreateInference', 'invoke-denied'],
    ["ERROR: unexpected status 400 Bad Request: Tool type 'web_search' is not supported on this endpoint.", 'hosted-tool-rejected'],
    ['ERROR: unexpected status 429 Too Many Requests', 'throttled'],
    ['Amazon Bedrock Mantle does not support region `mars-1`', 'region-not-supported-by-codex'],
  ])('%s → %s', (output, id) => {
    expect(diagnoseCodexOutput(output, p).id).toBe(id);
  });
  it('falls back to unknown with the last line as detail', () => {
    const d = diagnoseCodexOutput('something\nweird happened', p);
    expect(d).toMatchObject({ id: 'unknown', title: 'Unexpected error: weird happened' });
  });
});

describe('runChecks on fake services', () => {
  it('stops at an unreachable proxy instead of echoing five network failures', async () => {
    const s = fakeServices({ HTTPS_PROXY: 'http://user:secret@proxy.corp:3128', AWS_REGION: 'us-east-1' });
    const probed: string[] = [];
    const report = await runChecks({ ...s, net: { tcpProbe: async (host, port) => (probed.push(`${host}:${port}`), 'ECONNREFUSED') } });
    expect(probed).toEqual(['proxy.corp:3128']);
    const proxy = report.checks.find((c) => c.id === 'proxy');
    expect(proxy).toMatchObject({ status: 'fail', diagnosis: 'proxy-unreachable', summary: 'The proxy http://proxy.corp:3128 (HTTPS_PROXY) cannot be reached: ECONNREFUSED' });
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(s.calls.probeRegion).toEqual([]);
    expect(report.ok).toBe(false);
  });
  it('summarises', () => {
    expect(summaryLine([{ id: 'a', status: 'pass', summary: '' }])).toBe('All checks passed.');
    expect(summaryLine([{ id: 'a', status: 'fail', summary: '' }, { id: 'b', status: 'fail', summary: '' }])).toBe('2 problems found.');
  });
});

describe('runDoctor through the command seam (no terminal: plain text or one JSON document)', () => {
  const capture = () => {
    const said: string[] = [];
    const out: string[] = [];
    return { io: { say: (l: string) => said.push(l), out: (t: string) => out.push(t), color: false }, said, out };
  };
  const services = () => ({ ...fakeServices({ AWS_REGION: 'us-east-1' }), net: { tcpProbe: async () => null } });

  it('--json: the report on stdout as one document, human text elsewhere, exit 1 on a failure', async () => {
    const c = capture();
    const code = await runDoctor({ options: parseCli(['doctor', '--json']), services: services(), io: c.io });
    const doc = JSON.parse(c.out.join(''));
    expect(doc).toMatchObject({ ok: false, codexVersion: '0.169.0' });
    expect(doc.checks.map((x: { id: string }) => x.id)).toContain('codex-config');
    expect(code).toBe(doc.ok ? 0 : 1);
    expect(c.said.at(-1)).toMatch(/problems? found/);
    expect(c.said.some((l) => l.startsWith('✓ Node'))).toBe(false);
  });

  it('text: one line per check, why and fix under a warning, then the summary', async () => {
    const c = capture();
    const code = await runDoctor({ options: parseCli(['doctor']), services: services(), io: c.io });
    expect(c.out).toEqual([]);
    expect(c.said[0]).toMatch(/^✓ Node /);
    const shadow = c.said.findIndex((l) => l.startsWith('! aws CLI 1.45.3'));
    expect(c.said[shadow + 1]).toMatch(/^ {4}Why: /);
    expect(c.said[shadow + 2]).toMatch(/^ {4}Fix: Remove the v1 \(`pip uninstall awscli`\), or link only the v2/);
    expect(c.said.at(-1)).toMatch(/^\n\d+ problems? found/);
    expect(code).toBe(1);
  });
});

describe('doctor before setup (no Codex config): one failure, the checks that read the config waiting', () => {
  const noConfig = (env: NodeJS.ProcessEnv = {}) => {
    const s = { ...fakeServices(env), net: { tcpProbe: async () => null } };
    s.config.readCodexSettings = async (codexProfile) => ({
      configPath: '/home/dev/.codex/config.toml',
      configExists: false,
      codexProfile,
      profilePath: null,
      profileExists: false,
      hasCredentialExport: false,
      managedBedrockAuth: null,
      legacyProfileTables: [],
      profileFiles: [],
      findings: [],
    });
    return s;
  };

  it('reports no region, credential or per-developer rows, and signs nothing', async () => {
    const s = noConfig();
    const report = await runChecks(s, { withCodex: true });
    const ids = report.checks.map((c) => c.id);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['codex-config']);
    expect(report.checks.find((c) => c.id === 'codex-config-checks')).toMatchObject({ status: 'skipped', skipped: expect.arrayContaining(['credential', 'smoke', 'codex-turn']) });
    for (const id of ['credential', 'attribution-identity', 'attribution-telemetry', 'credentials', 'model', 'smoke', 'codex-turn']) expect(ids).not.toContain(id);
    expect(report.checks.some((c) => c.summary.startsWith('No region'))).toBe(false);
    expect(s.calls.whoAmI).toEqual([]);
    expect(s.calls.smokeTest).toEqual([]);
    expect(report).toMatchObject({ ok: false, credential: null });
  });

  it('still tests what needs no config: tools, the environment, the proxy and whether Bedrock is reachable', async () => {
    const s = noConfig({ AWS_PROFILE: 'nope', HTTPS_PROXY: 'http://proxy.corp:3128', AWS_REGION: 'eu-west-1' });
    const probed: string[] = [];
    const report = await runChecks({ ...s, net: { tcpProbe: async (host, port) => (probed.push(`${host}:${port}`), null) } });
    const byId = (id: string) => report.checks.find((c) => c.id === id);
    expect(byId('codex')).toMatchObject({ status: 'pass' });
    expect(byId('aws-cli')).toMatchObject({ status: 'warn' });
    // Without a config Codex does not read AWS_PROFILE yet: a warning, not a failure.
    expect(byId('aws-profile-env')).toMatchObject({ status: 'warn', diagnosis: 'aws-profile-not-found' });
    expect(probed).toEqual(['proxy.corp:3128']);
    expect(byId('proxy')).toMatchObject({ status: 'pass' });
    expect(s.calls.probeRegion).toEqual(['eu-west-1']);
    expect(byId('region')).toMatchObject({ status: 'pass', summary: 'Bedrock Mantle in eu-west-1 (AWS_REGION) reachable from this network (42 ms)' });
  });

  it('an unreachable Bedrock before setup is a failure of its own, named as the network', async () => {
    const s = noConfig();
    s.aws.probeRegion = async (region) => (s.calls.probeRegion.push(region), { ok: false, rttMs: null, error: 'ENOTFOUND' });
    const report = await runChecks(s);
    expect(s.calls.probeRegion).toEqual(['us-east-1']);
    expect(report.checks.find((c) => c.id === 'region')).toMatchObject({ status: 'fail', diagnosis: 'dns-lookup-failed', summary: 'Bedrock Mantle in us-east-1 is not reachable: ENOTFOUND' });
  });

  it('text: the failure with its fix, then the waiting checks on one line without why or fix; --json says skipped', async () => {
    const said: string[] = [];
    const out: string[] = [];
    const io = { say: (l: string) => said.push(l), out: (t: string) => out.push(t), color: false };
    expect(await runDoctor({ options: parseCli(['doctor']), services: noConfig(), io })).toBe(1);
    const at = said.findIndex((l) => l.startsWith('✗ No Codex config'));
    expect(said.slice(at, at + 3)).toEqual([
      '✗ No Codex config at /home/dev/.codex/config.toml',
      '    Fix: npx codex-bedrock-setup',
      '– Checks of the Codex config (credential, per-developer usage, sign-in, model, streamed request) run once it exists: npx codex-bedrock-setup',
    ]);
    expect(said.at(-1)).toBe('\n1 problem found, 1 warning.');
    said.length = 0;
    expect(await runDoctor({ options: parseCli(['doctor', '--json']), services: noConfig(), io })).toBe(1);
    const doc = JSON.parse(out.join(''));
    expect(doc.checks.find((c: { id: string }) => c.id === 'codex-config-checks')).toMatchObject({ status: 'skipped' });
    expect(doc.checks.filter((c: { status: string }) => c.status === 'fail')).toHaveLength(1);
  });
});
