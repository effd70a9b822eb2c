import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { parseAwsConfig } from '../../src/core/awsConfig.js';
import { planCodexConfig } from '../../src/core/codexConfig.js';
import { authRefreshOf, setupChoicesFor, type SetupDecisions } from '../../src/flows/setup.js';
import { credentialExportFor, credentialPlanNote, credentialSourceOf, describeCredentialSource } from '../../src/core/credentialSource.js';
import type { AwsProfile, SetupChoices } from '../../src/types.js';

const CONFIG = `[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[profile okta]
credential_process = /opt/okta-aws --secret-flag hunter2
[profile login]
login_session = arn:aws:iam::123456789012:user/dev
[profile keys]
aws_access_key_id = AKIAEXAMPLE
[profile from-okta]
role_arn = arn:aws:iam::123456789012:role/Bedrock
source_profile = okta
[profile from-sso]
role_arn = arn:aws:iam::123456789012:role/Bedrock
source_profile = sso
[profile two-hops]
role_arn = arn:aws:iam::123456789012:role/Second
source_profile = from-okta
[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/A
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = loop-a
[profile ec2]
role_arn = arn:aws:iam::123456789012:role/Bedrock
credential_source = Ec2InstanceMetadata
[profile bare]
region = us-east-1
`;
const { profiles } = parseAwsConfig(CONFIG);

describe('credentialSourceOf', () => {
  it.each([
    ['sso', { kind: 'sso' }],
    ['okta', { kind: 'credential-process' }],
    ['login', { kind: 'login-session' }],
    ['keys', { kind: 'static-keys' }],
    ['from-okta', { kind: 'role-chain', base: 'credential-process', baseProfile: 'okta' }],
    ['from-sso', { kind: 'role-chain', base: 'sso', baseProfile: 'sso' }],
    ['two-hops', { kind: 'role-chain', base: 'credential-process', baseProfile: 'okta' }],
    ['loop-a', { kind: 'role-chain', base: 'unknown' }],
    ['ec2', { kind: 'role-chain', base: 'unknown' }],
    ['bare', { kind: 'unknown' }],
    ['missing', { kind: 'unknown' }],
  ])('%s', (name, want) => {
    expect(credentialSourceOf(name, profiles)).toEqual(want);
  });

  it('a source profile with static keys is the base even when it has a role too', () => {
    const ps: AwsProfile[] = [
      { name: 'top', isSso: false, hasStaticKeys: false, roleArn: 'arn:r', sourceProfile: 'base' },
      { name: 'base', isSso: false, hasStaticKeys: true, roleArn: 'arn:other', sourceProfile: 'top' },
    ];
    expect(credentialSourceOf('top', ps)).toEqual({ kind: 'role-chain', base: 'static-keys', baseProfile: 'base' });
  });

  it('never keeps the helper command line', () => {
    expect(JSON.stringify(profiles)).not.toContain('hunter2');
    expect(JSON.stringify(profiles)).not.toContain('okta-aws');
  });

  it('says what it found in words', () => {
    expect(describeCredentialSource({ kind: 'role-chain', base: 'credential-process' })).toBe('a role assumed from a credential_process helper');
  });
});

describe('credentialExportFor', () => {
  const base = { awsProfile: 'okta', source: { kind: 'credential-process' as const }, codexVersion: '0.171.0', usableAws: '/usr/bin/aws' };
  it('exports a helper profile through the aws CLI v2 by its absolute path', () => {
    expect(credentialExportFor(base)).toEqual({ command: '/usr/bin/aws', args: ['configure', 'export-credentials', '--profile', 'okta', '--format', 'process'] });
    expect(credentialExportFor({ ...base, source: { kind: 'role-chain', base: 'credential-process' } })).toBeDefined();
  });
  it('keeps aws.profile on a Codex before 0.155, without an aws CLI v2, and for other sources', () => {
    expect(credentialExportFor({ ...base, codexVersion: '0.154.0' })).toBeUndefined();
    expect(credentialExportFor({ ...base, usableAws: null })).toBeUndefined();
    for (const kind of ['sso', 'static-keys', 'login-session', 'unknown'] as const) expect(credentialExportFor({ ...base, source: { kind } })).toBeUndefined();
    expect(credentialExportFor({ ...base, source: { kind: 'role-chain', base: 'sso' } })).toBeUndefined();
  });
});

describe('planCodexConfig with credential_export', () => {
  const choices: SetupChoices = {
    region: 'us-east-1',
    awsProfile: 'okta',
    profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }],
    codexVersion: '0.171.0',
    webSearch: 'disabled',
    credentialExport: { command: '/usr/bin/aws', args: ['configure', 'export-credentials', '--profile', 'okta', '--format', 'process'] },
  };
  it('writes credential_export and removes aws.profile and an old auth_refresh', () => {
    const old = '[model_providers.amazon-bedrock.aws]\nprofile = "sso"\nauth_refresh = { command = "aws", args = ["sso", "login", "--profile", "sso"], timeout_ms = 120000 }\n';
    const plan = planCodexConfig({ configToml: old, profileFiles: { 'bedrock-prod': null }, choices });
    const aws = (parse(plan.configToml) as any).model_providers['amazon-bedrock'].aws;
    expect(aws).toEqual({ region: 'us-east-1', credential_export: choices.credentialExport });
  });
  it('goes back to aws.profile when the profile changes to SSO', () => {
    const first = planCodexConfig({ configToml: null, profileFiles: { 'bedrock-prod': null }, choices });
    const { credentialExport: _, ...sso } = choices;
    const again = planCodexConfig({ configToml: first.configToml, profileFiles: first.profileFiles, choices: { ...sso, awsProfile: 'sso' } });
    const aws = (parse(again.configToml) as any).model_providers['amazon-bedrock'].aws;
    expect(aws).toEqual({ region: 'us-east-1', profile: 'sso' });
  });
});

describe('the setup decision for each source', () => {
  const d = (profile: string, extra: Partial<SetupDecisions> = {}): SetupDecisions => ({
    region: 'us-east-1',
    auth: { kind: 'profile', profile },
    awsProfileIsSso: credentialSourceOf(profile, profiles).kind === 'sso',
    awsProfileSource: credentialSourceOf(profile, profiles),
    profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }],
    codexVersion: '0.171.0',
    webSearch: { webSearch: 'disabled', reason: 'test' },
    awsClis: [{ path: '/usr/bin/aws', major: 2, version: '2.9.19' }],
    usableAws: '/usr/bin/aws',
    ...extra,
  });
  it('SSO: aws sso login for the profile itself', () => {
    expect(authRefreshOf(d('sso')).write?.args).toEqual(['sso', 'login', '--profile', 'sso']);
    expect(setupChoicesFor(d('sso')).credentialExport).toBeUndefined();
  });
  it('a role assumed from SSO: aws sso login for the SSO profile at its base, and aws.profile stays the role', () => {
    expect(authRefreshOf(d('from-sso')).write?.args).toEqual(['sso', 'login', '--profile', 'sso']);
    expect(setupChoicesFor(d('from-sso')).awsProfile).toBe('from-sso');
  });
  it.each(['okta', 'from-okta', 'keys', 'login', 'ec2', 'bare'])('%s: never aws sso login', (name) => {
    expect(authRefreshOf(d(name)).write).toBeUndefined();
  });
  it('a helper: credential_export on 0.155+, aws.profile before', () => {
    expect(setupChoicesFor(d('okta')).credentialExport?.args).toContain('export-credentials');
    expect(setupChoicesFor(d('okta', { codexVersion: '0.154.0' })).credentialExport).toBeUndefined();
    expect(setupChoicesFor(d('okta', { provider: 'runtime' })).credentialExport).toBeUndefined();
  });
});

describe('credentialPlanNote', () => {
  it('says nothing for SSO and keys, and what to run again for the others', () => {
    expect(credentialPlanNote({ kind: 'sso' }, undefined, '0.171.0')).toBeUndefined();
    expect(credentialPlanNote({ kind: 'static-keys' }, undefined, '0.171.0')).toBeUndefined();
    expect(credentialPlanNote({ kind: 'login-session' }, undefined, '0.171.0')).toContain('run aws login when they expire');
    expect(credentialPlanNote({ kind: 'login-session' }, undefined, '0.171.0', 'console')).toContain('refreshes the session itself; Codex cannot sign in again by itself, so run aws login --profile console when they expire');
    // A role assumed from a login session: the session, and so the sign-in, belongs to the chain's base profile.
    expect(credentialPlanNote({ kind: 'role-chain', base: 'login-session', baseProfile: 'console' }, undefined, '0.171.0', 'admin')).toContain('run aws login --profile console when');
    expect(credentialPlanNote({ kind: 'credential-process' }, undefined, '0.171.0', 'okta')).toContain('sign in with your company tool');
    expect(credentialPlanNote({ kind: 'credential-process' }, undefined, '0.149.0')).toContain('Codex 0.149.0 reads aws.profile');
    expect(credentialPlanNote({ kind: 'credential-process' }, { command: '/usr/bin/aws', args: ['configure', 'export-credentials'] }, '0.171.0')).toContain('Codex runs /usr/bin/aws configure export-credentials');
  });

  it('names the profile as the credentials summary does, and leaves a role chain on SSO or keys to the summary', () => {
    expect(credentialPlanNote({ kind: 'credential-process' }, undefined, '0.171.0', 'okta')).toMatch(/^Credentials: AWS profile okta \(a credential_process helper\); /);
    expect(credentialPlanNote({ kind: 'role-chain', base: 'credential-process', baseProfile: 'okta' }, undefined, '0.171.0', 'admin')).toMatch(/^Credentials: AWS profile admin \(a role assumed from a credential_process helper\); /);
    expect(credentialPlanNote({ kind: 'role-chain', base: 'sso', baseProfile: 'corp' }, undefined, '0.171.0', 'admin')).toBeUndefined();
    expect(credentialPlanNote({ kind: 'role-chain', base: 'static-keys', baseProfile: 'keys' }, undefined, '0.171.0', 'admin')).toBeUndefined();
    expect(credentialPlanNote({ kind: 'unknown' }, undefined, '0.171.0', 'admin')).toBeUndefined();
  });
});
