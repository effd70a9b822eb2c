import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { compareVersions } from '../../src/core/codexVersions.js';
import { lintCodexConfig, planCodexConfig, profileFilesToRead, readCodexLayout } from '../../src/core/codexConfig.js';
import type { SetupChoices } from '../../src/types.js';

const choices: SetupChoices = {
  region: 'us-east-1',
  awsProfile: 'codex-bedrock',
  codexVersion: '0.169.0',
  profiles: [
    { name: 'bedrock-prod', model: 'openai.gpt-oss-120b' },
    { name: 'bedrock-staging', model: 'openai.gpt-oss-20b', region: 'us-west-2' },
  ],
};

const legacy = `# my codex config
model = "gpt-5"
profile = "bedrock-prod"

[profiles.bedrock-prod]
model = "openai.gpt-oss-20b"
approval_policy = "untrusted"
model_reasoning_effort = "high"

[profiles.other]
model = "o3"

[model_providers.amazon-bedrock.aws]
region = "eu-west-1" # old region
credential_export = { command = "aws", args = ["configure", "export-credentials"] }
`;

describe('planCodexConfig (current layout)', () => {
  it('writes the layout Codex 0.169 accepts into fresh files', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: { 'bedrock-prod': null, 'bedrock-staging': null }, choices });
    expect(parse(plan.configToml)).toEqual({ model_providers: { 'amazon-bedrock': { aws: { region: 'us-east-1', profile: 'codex-bedrock' } } } });
    expect(plan.profileFiles['bedrock-prod']).toBe(
      '# Written by codex-bedrock-setup. Use: codex --profile bedrock-prod\nmodel = "openai.gpt-oss-120b"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n',
    );
    // Only the differing region is repeated in the profile file.
    expect(parse(plan.profileFiles['bedrock-staging']!)).toEqual({
      model: 'openai.gpt-oss-20b',
      model_provider: 'amazon-bedrock',
      web_search: 'disabled',
      model_providers: { 'amazon-bedrock': { aws: { region: 'us-west-2' } } },
    });
    expect(plan.migratedLegacy).toEqual([]);
  });

  it('migrates the legacy layout, drops refused values, and lets our keys win', () => {
    const plan = planCodexConfig({ configToml: legacy, profileFiles: { 'bedrock-prod': null, 'bedrock-staging': null, other: null }, choices });
    const config = parse(plan.configToml) as any;
    expect(config.profile).toBeUndefined();
    expect(config.profiles).toBeUndefined();
    expect(config.model).toBe('gpt-5');
    expect(config.model_providers['amazon-bedrock'].aws).toEqual({ region: 'us-east-1', profile: 'codex-bedrock' });
    expect(plan.configToml).toContain('region = "us-east-1" # old region');
    expect(plan.configToml.startsWith('# my codex config\n')).toBe(true);
    expect(parse(plan.profileFiles['bedrock-prod']!)).toEqual({
      model: 'openai.gpt-oss-120b',
      model_reasoning_effort: 'high',
      model_provider: 'amazon-bedrock',
      web_search: 'disabled',
    });
    expect(parse(plan.profileFiles.other!)).toEqual({ model: 'o3' });
    expect(plan.migratedLegacy).toEqual([
      'top-level profile = "bedrock-prod" (use codex --profile bedrock-prod)',
      '[profiles.bedrock-prod] → bedrock-prod.config.toml',
      '[profiles.other] → other.config.toml',
    ]);
    expect(plan.warnings.join('\n')).toMatch(/approval_policy was not moved/);
    expect(plan.warnings.join('\n')).toMatch(/removed .*credential_export/);
  });

  it('is idempotent', () => {
    const first = planCodexConfig({ configToml: legacy, profileFiles: { 'bedrock-prod': null, 'bedrock-staging': null, other: null }, choices });
    const second = planCodexConfig({ configToml: first.configToml, profileFiles: first.profileFiles, choices });
    expect(second.configToml).toBe(first.configToml);
    expect(second.profileFiles['bedrock-prod']).toBe(first.profileFiles['bedrock-prod']);
    expect(second.profileFiles['bedrock-staging']).toBe(first.profileFiles['bedrock-staging']);
    expect(second.migratedLegacy).toEqual([]);
  });

  it('keeps existing profile files (no header) and removes overrides that now match the shared settings', () => {
    const existing = '# mine\nmodel = "old"\n\n[model_providers.amazon-bedrock.aws]\nregion = "us-west-2"\n';
    const plan = planCodexConfig({ configToml: null, profileFiles: { 'bedrock-prod': existing }, choices: { ...choices, profiles: [choices.profiles[0]!] } });
    expect(plan.profileFiles['bedrock-prod']).toBe('# mine\nmodel = "openai.gpt-oss-120b"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n');
  });

  it('removes aws.profile when no AWS profile is chosen (env / API key auth)', () => {
    const config = '[model_providers.amazon-bedrock.aws]\nprofile = "old"\nregion = "us-east-1"\n';
    const plan = planCodexConfig({ configToml: config, profileFiles: {}, choices: { ...choices, awsProfile: undefined, profiles: [] } });
    expect(plan.configToml).toBe('[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n');
  });

  it('writes [profiles.X] tables for Codex older than 0.134', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: {}, choices: { ...choices, codexVersion: 'codex-cli 0.131.0' } });
    const data = parse(plan.configToml) as any;
    expect(data.profiles['bedrock-prod']).toEqual({ model: 'openai.gpt-oss-120b', model_provider: 'amazon-bedrock', web_search: 'disabled' });
    expect(plan.profileFiles).toEqual({});
    expect(plan.warnings.join('\n')).toMatch(/bedrock-staging its own AWS region/);
  });

  it('warns about a Codex too old for Bedrock', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: {}, choices: { ...choices, profiles: [], codexVersion: '0.120.0' } });
    expect(plan.warnings[0]).toMatch(/older than 0\.128\.0/);
  });

  it('names the file in syntax errors', () => {
    expect(() => planCodexConfig({ configToml: 'a = [', profileFiles: {}, choices })).toThrow(/^config\.toml line 1, column/);
    expect(() => planCodexConfig({ configToml: null, profileFiles: { 'bedrock-prod': 'x = ' }, choices })).toThrow(/^bedrock-prod\.config\.toml line 1/);
  });

  it('lists the profile files to read, including legacy ones', () => {
    expect(profileFilesToRead(legacy, choices).sort()).toEqual(['bedrock-prod', 'bedrock-staging', 'other']);
  });
});

describe('readCodexLayout and lintCodexConfig', () => {
  it('reads facts and reports typo keys with a suggestion', () => {
    const layout = readCodexLayout({ configToml: legacy.replace('region =', 'regoin ='), profileFiles: {} });
    expect(layout.legacyProfile).toBe('bedrock-prod');
    expect(layout.legacyProfiles).toEqual(['bedrock-prod', 'other']);
    expect(layout.bedrock?.hasCredentialExport).toBe(true);
    expect(layout.warnings[0]).toMatch(/aws\.regoin .*did you mean region\?/);
  });

  it('finds every known problem', () => {
    const config = `profile = "p"
[profiles.p]
model = "x"
[model_providers.amazon-bedrock.aws]
regoin = "us-east-1"
profile = "missing"
credential_export = { command = "x" }
[model_providers.custom]
wire_api = "chat"
`;
    const ids = lintCodexConfig(
      { configToml: config, profileFiles: { p: 'model = "us.openai.gpt-oss-20b-1:0"\nmodel_provider = "amazon-bedrock"\n' } },
      { awsProfiles: ['codex-bedrock'] },
    ).map((c) => `${c.id}:${c.status}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'codex-legacy-profile-selector:fail',
        'codex-legacy-profile-table:fail',
        'codex-unknown-aws-key:warn',
        'codex-credential-export-with-profile:fail',
        'codex-aws-profile-unknown:fail',
        'codex-wire-api:fail',
        'codex-web-search-enabled:warn',
        'codex-runtime-model-id:fail',
      ]),
    );
  });

  it('is quiet for a config we wrote', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: { 'bedrock-prod': null, 'bedrock-staging': null }, choices });
    expect(lintCodexConfig({ configToml: plan.configToml, profileFiles: plan.profileFiles }, { awsProfiles: ['codex-bedrock'] })).toEqual([]);
  });

  it('reports a missing aws.profile and a parse error', () => {
    const ids = lintCodexConfig({ configToml: 'model_provider = "amazon-bedrock"\n', profileFiles: {} }).map((c) => c.id);
    expect(ids).toContain('codex-aws-profile-missing');
    expect(lintCodexConfig({ configToml: 'x = ', profileFiles: {} })[0]).toMatchObject({ id: 'codex-config-syntax', diagnosis: 'config-parse-error' });
  });

  it('knows what each Codex version refuses or ignores', () => {
    const config = (extra: string) => ({ configToml: `model_provider = "amazon-bedrock"\n${extra}`, profileFiles: {} });
    const ids = (extra: string, codexVersion: string | null) => lintCodexConfig(config(extra), { codexVersion }).map((c) => `${c.id}:${c.status}`);
    const baseUrl = '[model_providers.amazon-bedrock]\nbase_url = "http://127.0.0.1:9/openai/v1"\n[model_providers.amazon-bedrock.aws]\nprofile = "p"\n';
    expect(ids(baseUrl, '0.144.0')).toContain('codex-override-too-old:fail');
    expect(ids(baseUrl, '0.145.0')).not.toContain('codex-override-too-old:fail');
    const refresh = '[model_providers.amazon-bedrock.aws]\nprofile = "p"\nauth_refresh = { command = "aws", args = ["sso", "login"] }\n';
    expect(ids(refresh, '0.148.0')).toContain('codex-auth-refresh-too-old:warn');
    expect(ids(refresh, '0.149.0')).toEqual([]);
    const exportOnly = '[model_providers.amazon-bedrock.aws]\ncredential_export = { command = "aws", args = ["configure", "export-credentials"] }\n';
    expect(ids(exportOnly, '0.154.0')).toContain('codex-credential-export-too-old:fail');
    expect(ids(exportOnly, '0.155.0')).toEqual([]);
    // Before 0.155 Codex ignores credential_export, so it cannot clash with aws.profile there.
    const both = '[model_providers.amazon-bedrock.aws]\nprofile = "p"\ncredential_export = { command = "x" }\n';
    expect(ids(both, '0.171.0')).toContain('codex-credential-export-with-profile:fail');
    expect(ids(both, '0.149.0')).not.toContain('codex-credential-export-with-profile:fail');
    // Unknown version: judged as the newest Codex.
    expect(ids(baseUrl, null)).not.toContain('codex-override-too-old:fail');
  });

  it('leaves the [profiles.X] layout alone for a Codex that has no profile files', () => {
    const legacyOnly = { configToml: 'profile = "bedrock-prod"\n[profiles.bedrock-prod]\nmodel = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n[model_providers.amazon-bedrock.aws]\nprofile = "p"\n', profileFiles: {} };
    const ids = (codexVersion: string | null) => lintCodexConfig(legacyOnly, { codexVersion }).map((c) => c.id);
    expect(ids('0.128.0')).toEqual([]);
    expect(ids('0.134.0')).toEqual(expect.arrayContaining(['codex-legacy-profile-selector', 'codex-legacy-profile-table']));
    expect(readCodexLayout(legacyOnly).legacyProfileFacts['bedrock-prod']).toMatchObject({ model: 'openai.gpt-5.5', modelProvider: 'amazon-bedrock' });
  });

  it('compares versions', () => {
    expect(compareVersions('0.133.9', '0.134.0')).toBeLessThan(0);
    expect(compareVersions('codex-cli 0.169.0', '0.134.0')).toBeGreaterThan(0);
  });
});

describe('aws.auth_refresh for SSO profiles', () => {
  const refresh = { command: 'aws' as const, args: ['sso', 'login', '--profile', 'sso-dev'], timeoutMs: 120_000 };
  const base = { region: 'us-east-1', awsProfile: 'sso-dev', profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-oss-120b' }] };

  it('writes it as an inline table beside aws.profile from Codex 0.149 on', () => {
    for (const codexVersion of ['0.149.0', '0.171.0', null]) {
      const plan = planCodexConfig({ configToml: null, profileFiles: {}, choices: { ...base, codexVersion, authRefresh: refresh } });
      expect(plan.configToml).toContain('auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "sso-dev"], timeout_ms = 120000 }');
    }
  });

  it('leaves it out and says why for a Codex that ignores it (before 0.149)', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: {}, choices: { ...base, codexVersion: '0.148.0', authRefresh: refresh } });
    expect(plan.configToml).not.toContain('auth_refresh');
    expect(plan.warnings.join('\n')).toContain('aws sso login --profile sso-dev');
  });

  it('removes one that signs in to another profile, keeps a hand-written one', () => {
    const stale = '[model_providers.amazon-bedrock.aws]\nprofile = "old"\nauth_refresh = { command = "aws", args = ["sso", "login", "--profile", "old"] }\n';
    const plan = planCodexConfig({ configToml: stale, profileFiles: {}, choices: { ...base, codexVersion: '0.169.0' } });
    expect(plan.configToml).not.toContain('auth_refresh');
    expect(plan.warnings.join('\n')).toContain('removed model_providers.amazon-bedrock.aws.auth_refresh');
    const custom = '[model_providers.amazon-bedrock.aws]\nauth_refresh = { command = "aws", args = ["sts", "get-caller-identity"] }\n';
    expect(planCodexConfig({ configToml: custom, profileFiles: {}, choices: { ...base, codexVersion: '0.169.0' } }).configToml).toContain('get-caller-identity');
  });
});
