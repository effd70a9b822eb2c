// doctor tests the credential the installed Codex will sign with, and no other (real runChecks, fake services).
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/flows/checks.js';
import type { CodexSettings, Services } from '../../src/services/types.js';
import { fakeServices } from '../ui/fakes.js';

const BEARER = 'ABSKemulatorTestKeyNotReal';

function machine(codexVersion: string, env: NodeJS.ProcessEnv, settings: Partial<CodexSettings> = {}) {
  const services = fakeServices(env);
  services.tools.findCodex = async () => ({ path: '/usr/local/bin/codex', version: codexVersion });
  services.config.readCodexSettings = async (codexProfile) => ({
    configPath: '/home/dev/.codex/config.toml',
    configExists: true,
    codexProfile: codexProfile ?? null,
    profilePath: codexProfile ? `/home/dev/.codex/${codexProfile}.config.toml` : null,
    profileExists: !!codexProfile,
    model: 'openai.gpt-oss-120b',
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
  services.config.readAwsProfiles = async () => ({ profiles: [{ name: 'dev', region: 'us-east-1', isSso: false, hasStaticKeys: true }], ssoSessions: [] });
  return services;
}

const opts = { runCodexDoctor: async () => ({ exitCode: 0, timedOut: false, stderr: '', stdout: '{}' }) };
const authsUsed = (s: Services & { calls: ReturnType<typeof fakeServices>['calls'] }) => [...s.calls.whoAmI, ...s.calls.smokeTest.map((c) => c.auth)];

describe('doctor signs as the installed Codex does', () => {
  it('Codex 0.171 with AWS_BEARER_TOKEN_BEDROCK set and aws.profile configured: the profile', async () => {
    const s = machine('0.171.0', { AWS_BEARER_TOKEN_BEDROCK: BEARER });
    const report = await runChecks(s, opts);
    expect(report.credential).toEqual({ kind: 'aws-profile', source: 'aws.profile in config.toml', profile: 'dev' });
    expect(report.checks.find((c) => c.id === 'credential')).toMatchObject({ status: 'pass', summary: expect.stringContaining('AWS profile `dev`') });
    expect(s.calls.smokeTest.map((c) => c.auth)).toEqual([{ kind: 'profile', profile: 'dev' }]);
    expect(authsUsed(s).some((a) => a.kind === 'api-key')).toBe(false);
    expect(JSON.stringify(report)).not.toContain(BEARER);
  });

  it('Codex 0.149 with the same machine: the bearer token, with a warning that aws.profile is not used', async () => {
    const s = machine('0.149.0', { AWS_BEARER_TOKEN_BEDROCK: BEARER });
    const report = await runChecks(s, opts);
    expect(report.credential).toEqual({ kind: 'bearer-token', source: 'AWS_BEARER_TOKEN_BEDROCK' });
    expect(report.checks.find((c) => c.id === 'credential')).toMatchObject({ status: 'warn', summary: expect.stringContaining('not aws.profile dev'), fix: expect.stringContaining('unset AWS_BEARER_TOKEN_BEDROCK') });
    expect(s.calls.smokeTest.map((c) => c.auth)).toEqual([{ kind: 'api-key', apiKey: BEARER }]);
    expect(authsUsed(s).some((a) => a.kind === 'profile')).toBe(false);
    expect(JSON.stringify(report)).not.toContain(BEARER);
  });

  it('a Bedrock login stored by Codex: named, not tested with another credential', async () => {
    const s = machine('0.171.0', { AWS_BEARER_TOKEN_BEDROCK: BEARER }, { awsProfile: undefined, managedBedrockAuth: 'api-key' });
    const report = await runChecks(s, opts);
    expect(report.credential?.kind).toBe('managed-api-key');
    expect(report.checks.find((c) => c.id === 'credential')).toMatchObject({ status: 'warn', summary: expect.stringContaining('doctor cannot sign with it') });
    expect(authsUsed(s)).toEqual([]);
  });

  it('no profile, no bearer: the SDK chain, with AWS_PROFILE named', async () => {
    const s = machine('0.171.0', { AWS_PROFILE: 'dev' }, { awsProfile: undefined });
    const report = await runChecks(s, opts);
    expect(report.credential).toMatchObject({ kind: 'sdk-chain', profile: 'dev' });
    expect(s.calls.smokeTest.map((c) => c.auth)).toEqual([{ kind: 'env' }]);
  });
});

describe('doctor judges GovCloud by the installed Codex', () => {
  it('0.171: accepted, with the acknowledgement and documentation note; 0.155: rejected', async () => {
    let report = await runChecks(machine('0.171.0', {}, { region: 'us-gov-west-1' }), opts);
    expect(report.checks.find((c) => c.id === 'codex-region')).toMatchObject({ status: 'warn', summary: expect.stringContaining('will ask you to acknowledge "Using Codex with AWS GovCloud"') });
    report = await runChecks(machine('0.155.0', {}, { region: 'us-gov-west-1' }), opts);
    expect(report.checks.find((c) => c.id === 'codex-region')).toMatchObject({ status: 'warn', diagnosis: 'region-not-supported-by-codex' });
    report = await runChecks(machine('0.171.0', {}), opts);
    expect(report.checks.find((c) => c.id === 'codex-region')).toBeUndefined();
  });
});
