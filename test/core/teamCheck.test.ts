import { describe, expect, it } from 'vitest';
import { teamCheckPassed, teamCheckRows, templateModels, templateRegions } from '../../src/core/teamCheck.js';
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
});
