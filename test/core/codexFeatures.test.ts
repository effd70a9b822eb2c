import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { withTopLevelTools } from '../../src/core/codexFeatures.js';

const PROFILE = ['# my prod profile', 'model = "openai.gpt-5.5"   # strongest', 'model_provider = "amazon-bedrock"', ''].join('\n');

describe('withTopLevelTools', () => {
  it('adds [features] incremental_tools_legacy = false and keeps every other byte', () => {
    const after = withTopLevelTools(PROFILE, 'bedrock-prod.config.toml');
    expect(after.startsWith(PROFILE)).toBe(true);
    expect(parse(after)).toEqual({ model: 'openai.gpt-5.5', model_provider: 'amazon-bedrock', features: { incremental_tools_legacy: false } });
  });

  it('edits an existing [features] table in place and is idempotent', () => {
    const doc = `${PROFILE}\n[features]\n# keep me\nincremental_tools_legacy = true\nother = true\n`;
    const after = withTopLevelTools(doc, 'p.config.toml');
    expect(after).toBe(doc.replace('incremental_tools_legacy = true', 'incremental_tools_legacy = false'));
    expect(withTopLevelTools(after, 'p.config.toml')).toBe(after);
  });
});
