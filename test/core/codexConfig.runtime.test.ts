import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { lintCodexConfig, planCodexConfig, runtimeProviderRefusal } from '../../src/core/codexConfig.js';
import type { SetupChoices } from '../../src/types.js';

const runtime: SetupChoices = {
  provider: 'runtime',
  region: 'eu-west-3',
  awsProfile: 'p',
  codexVersion: '0.171.0',
  profiles: [{ name: 'bedrock-runtime', model: 'global.openai.gpt-5.5' }],
};

describe('planCodexConfig with the amazon-bedrock-runtime provider', () => {
  it('writes exactly what a real Codex 0.171 turn used', () => {
    const plan = planCodexConfig({ configToml: null, profileFiles: { 'bedrock-runtime': null }, choices: runtime });
    expect(parse(plan.configToml)).toEqual({ model_providers: { 'amazon-bedrock-runtime': { aws: { profile: 'p', region: 'eu-west-3' } } } });
    expect(parse(plan.profileFiles['bedrock-runtime']!)).toEqual({ model: 'global.openai.gpt-5.5', model_provider: 'amazon-bedrock-runtime', web_search: 'disabled' });
    expect(plan.warnings).toEqual([]);
  });

  it('leaves the Mantle provider tables and comments alone', () => {
    const existing = '# mine\n[model_providers.amazon-bedrock.aws]\nregion = "us-east-1" # keep\ncredential_export = { command = "aws", args = ["x"] }\n';
    const plan = planCodexConfig({ configToml: existing, profileFiles: { 'bedrock-runtime': null }, choices: runtime });
    expect(plan.configToml.startsWith(existing)).toBe(true);
    expect(parse(plan.configToml)).toMatchObject({ model_providers: { 'amazon-bedrock-runtime': { aws: { profile: 'p', region: 'eu-west-3' } } } });
  });

  it('puts a per-profile region under the runtime table and warns that auth_refresh is not written', () => {
    const plan = planCodexConfig({
      configToml: null,
      profileFiles: { 'bedrock-runtime': null },
      choices: { ...runtime, authRefresh: { command: 'aws', args: ['sso', 'login', '--profile', 'p'], timeoutMs: 300000 }, profiles: [{ name: 'bedrock-runtime', model: 'us.openai.gpt-5.5', region: 'us-west-1' }] },
    });
    expect(parse(plan.profileFiles['bedrock-runtime']!)).toMatchObject({ model_providers: { 'amazon-bedrock-runtime': { aws: { region: 'us-west-1' } } } });
    expect(plan.configToml).not.toContain('auth_refresh');
    expect(plan.warnings.join('\n')).toContain('aws sso login --profile p');
  });

  it('refuses a Codex older than 0.148, naming the upgrade', () => {
    expect(runtimeProviderRefusal('0.147.0')).toMatch(/Codex 0\.147\.0 has no amazon-bedrock-runtime provider \(it arrived in 0\.148\.0\)\. Upgrade: npm i -g @openai\/codex@latest/);
    expect(runtimeProviderRefusal('0.148.0')).toBeNull();
    expect(runtimeProviderRefusal(null)).toBeNull();
    expect(() => planCodexConfig({ configToml: null, profileFiles: {}, choices: { ...runtime, codexVersion: '0.140.0' } })).toThrow(/has no amazon-bedrock-runtime provider/);
  });
});

describe('lint under the runtime provider', () => {
  const ids = (profile: string) => lintCodexConfig({ configToml: '', profileFiles: { x: profile } }).map((c) => c.id);
  it('accepts global./us. ids for amazon-bedrock-runtime and still fails them for amazon-bedrock', () => {
    expect(ids('model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\nweb_search = "disabled"\n')).not.toContain('codex-runtime-model-id');
    expect(ids('model = "us.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\n')).not.toContain('codex-runtime-model-id');
    expect(ids('model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n')).toContain('codex-runtime-model-id');
  });
  it('follows a provider set in config.toml', () => {
    const lint = lintCodexConfig({ configToml: 'model_provider = "amazon-bedrock-runtime"\n', profileFiles: { x: 'model = "global.openai.gpt-5.5"\n' } });
    expect(lint.map((c) => c.id)).not.toContain('codex-runtime-model-id');
  });
});
