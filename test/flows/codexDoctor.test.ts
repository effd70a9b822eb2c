import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexDoctorArgs, foldCodexDoctor, parseCodexDoctor } from '../../src/flows/codexDoctor.js';
import { runCodexDoctorProcess, type CodexDoctorRun } from '../../src/services/codexCli.js';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import type { CodexSettings } from '../../src/services/types.js';
import type { CheckResult } from '../../src/types.js';

const settings: CodexSettings = {
  configPath: '/h/.codex/config.toml',
  configExists: true,
  codexProfile: 'bedrock-prod',
  profilePath: '/h/.codex/bedrock-prod.config.toml',
  profileExists: true,
  hasCredentialExport: false,
  managedBedrockAuth: null,
  model: 'openai.gpt-oss-120b',
  modelProvider: 'amazon-bedrock',
  region: 'us-east-1',
  awsProfile: 'codex-bedrock',
  legacyProfileTables: [],
  profileFiles: ['bedrock-prod'],
  findings: [],
};

/** Shaped like Codex 0.169's redacted report (trimmed to the checks we read). */
function report(over: { config?: object; configDetails?: Record<string, unknown>; reach?: object; net?: object; wire?: string } = {}) {
  return JSON.stringify({
    schemaVersion: 1,
    overallStatus: 'ok',
    codexVersion: '0.169.0',
    checks: {
      'config.load': { id: 'config.load', status: 'ok', summary: 'config loaded', details: { 'model provider': 'amazon-bedrock', model: 'openai.gpt-oss-120b', ...over.configDetails }, remediation: null, ...over.config },
      'network.env': { id: 'network.env', status: 'ok', summary: 'network-related environment looks readable', details: {}, remediation: null, ...over.net },
      'network.provider_reachability': { id: 'network.provider_reachability', status: 'ok', summary: 'active provider has no HTTP endpoint to probe', details: {}, remediation: null, ...over.reach },
      'network.websocket_reachability': { id: 'network.websocket_reachability', status: 'ok', summary: 'not enabled', details: { 'wire API': over.wire ?? 'responses' }, remediation: null },
    },
  });
}
const ran = (stdout: string, extra: Partial<CodexDoctorRun> = {}): CodexDoctorRun => ({ exitCode: 0, stdout, stderr: '', timedOut: false, ...extra });

describe('codexDoctorArgs', () => {
  it('passes the profile file as -c overrides, since codex doctor refuses --profile', () => {
    expect(codexDoctorArgs(settings)).toEqual([
      'doctor',
      '--json',
      '-c',
      'model_provider="amazon-bedrock"',
      '-c',
      'model="openai.gpt-oss-120b"',
      '-c',
      'model_providers.amazon-bedrock.aws.region="us-east-1"',
      '-c',
      'model_providers.amazon-bedrock.aws.profile="codex-bedrock"',
    ]);
  });
});

describe('foldCodexDoctor', () => {
  it('passes with what Codex sees when nothing Bedrock-relevant is wrong', () => {
    expect(foldCodexDoctor(ran(report()), [], { settings })).toEqual([
      { id: 'codex-doctor', status: 'pass', summary: 'codex doctor 0.169.0: provider amazon-bedrock, model openai.gpt-oss-120b, wire API responses, config loaded' },
    ]);
  });

  it('names ignored settings but drops those our linter already named', () => {
    const warning = 'Codex is ignoring 2 unrecognized configuration settings. Check for typos or deprecated settings.\n  user (/h/.codex/config.toml): `foo_bar` is ignored.\n  user (/h/.codex/config.toml): `model_providers.amazon-bedrock.aws.regoin` is ignored.';
    const ours: CheckResult[] = [{ id: 'codex-unknown-aws-key', status: 'warn', summary: 'config.toml: model_providers.amazon-bedrock.aws.regoin is ignored by Codex.' }];
    const out = foldCodexDoctor(ran(report({ configDetails: { 'startup warning': warning } })), ours, { settings });
    expect(out).toEqual([expect.objectContaining({ id: 'codex-unrecognized', status: 'warn', summary: 'Codex is ignoring 1 unrecognized configuration setting: foo_bar', fix: 'Correct or remove it in /h/.codex/config.toml.' })]);
  });

  it('reports a wire API other than responses unless our linter did', () => {
    const out = foldCodexDoctor(ran(report({ wire: 'chat' })), [], { settings });
    expect(out[0]).toMatchObject({ status: 'fail', diagnosis: 'wire-api-not-responses' });
    expect(foldCodexDoctor(ran(report({ wire: 'chat' })), [{ id: 'codex-wire-api', status: 'fail', summary: '', diagnosis: 'wire-api-not-responses' }], { settings })[0]).toMatchObject({ id: 'codex-doctor', status: 'pass' });
  });

  it('reports an unreachable provider endpoint once: not when our own region probe failed', () => {
    const reach = { status: 'fail', summary: 'one or more required provider endpoints are unreachable over HTTP', details: { 'Amazon Bedrock inference URL': 'http://127.0.0.1:9/<redacted> connect failed' }, remediation: 'Check proxy, VPN, firewall, DNS, and custom CA configuration.' };
    const out = foldCodexDoctor(ran(report({ reach })), [], { settings });
    expect(out[0]).toMatchObject({ id: 'codex-reachability', status: 'fail', diagnosis: 'connection-failed' });
    expect(out[0].summary).toContain('http://127.0.0.1:9/<redacted> connect failed');
    expect(foldCodexDoctor(ran(report({ reach })), [{ id: 'region', status: 'fail', summary: '' }], { settings }).map((c) => c.id)).toEqual(['codex-doctor']);
  });

  it('ignores network findings about OpenAI endpoints when Codex is not on Bedrock', () => {
    const reach = { status: 'fail', summary: 'unreachable', details: { 'ChatGPT inference URL': 'https://chatgpt.com/x connect failed' } };
    const out = foldCodexDoctor(ran(report({ reach, configDetails: { 'model provider': 'openai' } })), [], { settings });
    expect(out.map((c) => c.id)).toEqual(['codex-doctor']);
  });

  it('reports a config Codex cannot load, unless our config checks already failed', () => {
    const broken = report({ config: { status: 'fail', summary: 'config could not be loaded', details: { error: 'invalid data' }, remediation: 'Fix the reported config error, then rerun codex doctor.' } });
    expect(foldCodexDoctor(ran(broken), [], { settings })).toEqual([expect.objectContaining({ id: 'codex-doctor-config', status: 'fail', summary: 'Codex cannot load its config: config could not be loaded (invalid data)' })]);
    expect(foldCodexDoctor(ran(broken), [{ id: 'codex-unknown-provider-key', status: 'fail', summary: '' }], { settings })).toEqual([]);
  });

  it('warns with the reason when there is no report: timeout, spawn failure, refused flag', () => {
    expect(foldCodexDoctor(ran('', { exitCode: null, timedOut: true }), [], { settings, timeoutMs: 15_000 })[0]).toMatchObject({ id: 'codex-doctor', status: 'warn', summary: 'codex doctor --json timed out after 15 s' });
    expect(foldCodexDoctor(ran('', { exitCode: null, error: 'spawn codex ENOENT' }), [], { settings })[0].summary).toBe('codex doctor --json could not start: spawn codex ENOENT');
    const stderr = 'WARNING: proceeding, even though we could not create PATH aliases\nerror: unexpected argument \'--x\' found\n\nStack backtrace:\n   0: <unknown>';
    expect(foldCodexDoctor(ran('', { exitCode: 2, stderr }), [], { settings })[0].summary).toBe("codex doctor --json exited 2 without a report: error: unexpected argument '--x' found");
  });

  it('parses only a report object', () => {
    expect(parseCodexDoctor('not json')).toBeNull();
    expect(parseCodexDoctor('{"checks": 3}')).toBeNull();
    expect(parseCodexDoctor(report())?.codexVersion).toBe('0.169.0');
  });
});

describe('runCodexDoctorProcess', () => {
  it('kills a run that exceeds its deadline and says it timed out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-codex-doctor-'));
    const script = join(dir, 'codex');
    await writeFile(script, '#!/bin/sh\nexec sleep 30\n');
    await chmod(script, 0o755);
    const run = await runCodexDoctorProcess(script, ['doctor', '--json'], { PATH: '/usr/bin:/bin' }, 300);
    expect(run).toMatchObject({ timedOut: true, stdout: '' });
  });

  it('never returns a secret from the environment in its output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-codex-doctor-'));
    const script = join(dir, 'codex');
    await writeFile(script, '#!/bin/sh\necho "{\\"checks\\":{},\\"key\\":\\"$AWS_SECRET_ACCESS_KEY\\"}"\n');
    await chmod(script, 0o755);
    const run = await runCodexDoctorProcess(script, [], { PATH: '/usr/bin:/bin', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, 10_000);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('wJalrXUtnFEMI');
  });
});

describe('diagnoseCodexOutput reads Mantle JSON errors that carry no status', () => {
  it('maps an invalid_request_error about web_search to hosted-tool-rejected', () => {
    const out = 'ERROR: {"error":{"message":"Tool type \'web_search\' is not supported on this endpoint.","type":"invalid_request_error","code":"unsupported_tool"}}';
    expect(diagnoseCodexOutput(out, { codexProfile: 'bedrock-prod' }).id).toBe('hosted-tool-rejected');
  });
});
