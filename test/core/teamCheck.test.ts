import { describe, expect, it } from 'vitest';
import { policyRows, teamCheckPassed, teamCheckRows, templateModels, templateRegions, templatePolicy } from '../../src/core/teamCheck.js';
import { buildPolicy } from '../../src/core/policy.js';
import { parseTeamTemplateText } from '../../src/core/teamTemplate.js';

const seenAll = (regions: string[], models: string[]) => ({
  regions: Object.fromEntries(regions.map((r) => [r, { reachable: true, rttMs: 12.4, models }])),
});

describe('team check rows', () => {
  it('falls back from allowed lists to suggestions and pinned profile models', () => {
    const t = parseTeamTemplateText('regions = ["eu-west-1"]\n[[profiles]]\nname = "a"\nmodel = "openai.gpt-5.5"\n[[profiles]]\nname = "b"\nmodel = "openai.gpt-5.5"\n');
    expect(templateRegions(t)).toEqual(['eu-west-1']);
    expect(templateModels(t)).toEqual(['openai.gpt-5.5']);
  });

  it('warns when no Codex minimum is set, and fails one below what the provider needs', () => {
    const none = teamCheckRows(parseTeamTemplateText(''), { regions: {} });
    expect(none.find((r) => r.check === 'codex-min')).toMatchObject({ status: 'warn', detail: expect.stringContaining('0.128.0') });
    expect(teamCheckPassed(none)).toBe(true);
    const runtime = teamCheckRows(parseTeamTemplateText('provider = "runtime"\ncodex_min_version = "0.140.0"'), { regions: {} });
    expect(runtime.find((r) => r.check === 'codex-min')).toMatchObject({ status: 'fail', detail: expect.stringContaining('0.148.0') });
    expect(teamCheckPassed(runtime)).toBe(false);
  });

  it('one row per model and region, failing where the model is not listed or the list failed', () => {
    const t = parseTeamTemplateText('allowed_regions = ["us-east-1", "us-west-2"]\nallowed_models = ["openai.gpt-5.5", "openai.gpt-6-luna"]\ncodex_min_version = "0.171.0"');
    const seen = seenAll(['us-east-1'], ['openai.gpt-5.5', 'openai.gpt-6-luna']);
    const rows = teamCheckRows(t, { regions: { ...seen.regions, 'us-west-2': { reachable: true, rttMs: null, models: { error: 'Access denied' } } } });
    expect(rows.filter((r) => r.check === 'model').map((r) => [r.target, r.status])).toEqual([
      ['openai.gpt-5.5 @ us-east-1', 'ok'],
      ['openai.gpt-5.5 @ us-west-2', 'fail'],
      ['openai.gpt-6-luna @ us-east-1', 'ok'],
      ['openai.gpt-6-luna @ us-west-2', 'fail'],
    ]);
    expect(rows.find((r) => r.target === 'us-east-1')?.detail).toBe('Mantle endpoint answers (12 ms)');
  });

  it('policy: the generated policy allows every allowed model in every allowed region, and denies others', () => {
    for (const text of [
      'allowed_regions = ["us-east-1", "eu-west-1"]\nallowed_models = ["openai.gpt-5.5", "openai.gpt-5.6-luna", "openai.gpt-5.6-terra", "openai.gpt-5.4"]\naccount_id = "123456789012"',
      'provider = "runtime"\nallowed_regions = ["us-west-2"]\nallowed_models = ["global.openai.gpt-5.5", "us.openai.gpt-5.5"]\nauth = "api-key"',
      'allowed_regions = ["us-gov-west-1"]',
    ]) {
      const rows = policyRows(parseTeamTemplateText(text));
      expect(rows, text).toEqual([expect.objectContaining({ check: 'policy', target: 'IAM', status: 'ok' })]);
    }
  });

  it('policy: fails a policy that denies an allowed model or region, or allows more than the template', () => {
    const t = parseTeamTemplateText('allowed_regions = ["us-east-1", "us-west-2"]\nallowed_models = ["openai.gpt-5.5", "openai.gpt-5.4"]');
    const narrow = policyRows(t, buildPolicy({ regions: ['us-east-1'], models: ['openai.gpt-5.5'] }));
    expect(narrow[0]).toMatchObject({ status: 'fail', detail: expect.stringContaining('openai.gpt-5.5 @ us-west-2, openai.gpt-5.4 @ us-east-1, openai.gpt-5.4 @ us-west-2') });
    const wide = policyRows(t, buildPolicy({ regions: ['us-east-1', 'us-west-2', 'eu-west-1'] }));
    expect(wide[0]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/also allows a model outside allowed_models and region eu-west-1/) });
    expect(teamCheckPassed(wide)).toBe(false);
    expect(policyRows(t, templatePolicy(t))[0]!.status).toBe('ok');
  });

  it('policy: warns when the allowed models leave out the ones Codex runs in the background', () => {
    const rows = policyRows(parseTeamTemplateText('allowed_regions = ["us-east-1"]\nallowed_models = ["openai.gpt-5.5"]'));
    expect(rows.map((r) => [r.target, r.status])).toEqual([['IAM', 'ok'], ['background models', 'warn']]);
    expect(rows[1]!.detail).toContain('openai.gpt-5.6-luna, openai.gpt-5.6-terra, openai.gpt-5.4');
    expect(policyRows(parseTeamTemplateText('allowed_regions = ["us-east-1"]'))).toHaveLength(1);
  });
});
