import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { managedFiles } from '../../src/core/managedSettings.js';
import { parseTeamTemplateText } from '../../src/core/teamTemplate.js';

describe('managed Codex files from a template', () => {
  it('fixes a single allowed model and region, for the template provider', () => {
    const m = managedFiles(parseTeamTemplateText('provider = "runtime"\nallowed_models = ["global.openai.gpt-5.5"]\nallowed_regions = ["eu-west-1"]\n'));
    expect(parse(m['managed_config.toml'])).toEqual({
      model_provider: 'amazon-bedrock-runtime',
      web_search: 'disabled',
      model: 'global.openai.gpt-5.5',
      model_providers: { 'amazon-bedrock-runtime': { aws: { region: 'eu-west-1' } } },
    });
    expect(parse(m['requirements.toml'])).toEqual({ allowed_web_search_modes: ['disabled'] });
    expect(m.notEnforced).toEqual([]);
  });

  it('says which lists Codex cannot enforce, and allows disabled beside a chosen web search mode', () => {
    const m = managedFiles(parseTeamTemplateText('web_search = "cached"\nallowed_models = ["openai.gpt-5.5", "openai.gpt-6-luna"]\nallowed_regions = ["us-east-1", "us-west-2"]\n'));
    const cfg = parse(m['managed_config.toml']);
    expect(cfg).toEqual({ model_provider: 'amazon-bedrock', web_search: 'cached' });
    expect(parse(m['requirements.toml'])).toEqual({ allowed_web_search_modes: ['disabled', 'cached'] });
    expect(m.notEnforced).toHaveLength(2);
    expect(m['managed_config.toml']).toMatch(/# Not enforceable here: allowed_models .*Enforce it in IAM/);
  });
});
