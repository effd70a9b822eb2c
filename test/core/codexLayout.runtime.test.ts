// A runtime profile's region and AWS profile live in [model_providers.amazon-bedrock-runtime.aws]: doctor and smoke read them there.
import { describe, expect, it } from 'vitest';
import { readCodexLayout } from '../../src/core/codexConfig.js';

const CONFIG = [
  '[model_providers.amazon-bedrock.aws]',
  'region = "us-east-1"',
  '',
  '[model_providers.amazon-bedrock-runtime.aws]',
  'profile = "codex-bedrock"',
  'region = "eu-west-3"',
  '',
].join('\n');

describe('readCodexLayout: both Bedrock providers', () => {
  it('keeps the Mantle and the Runtime tables apart', () => {
    const layout = readCodexLayout({ configToml: CONFIG, profileFiles: { 'bedrock-runtime': 'model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\n' } });
    expect(layout.bedrock).toMatchObject({ awsRegion: 'us-east-1', awsProfile: undefined });
    expect(layout.runtime).toMatchObject({ awsRegion: 'eu-west-3', awsProfile: 'codex-bedrock' });
    expect(layout.profiles['bedrock-runtime']).toMatchObject({ model: 'global.openai.gpt-5.5', modelProvider: 'amazon-bedrock-runtime' });
    // The runtime provider is built in: not listed as a custom provider.
    expect(layout.customProviders).toEqual([]);
  });
  it('a profile file may set its own runtime region', () => {
    const layout = readCodexLayout({ configToml: CONFIG, profileFiles: { p: 'model_provider = "amazon-bedrock-runtime"\n[model_providers.amazon-bedrock-runtime.aws]\nregion = "ap-south-1"\n' } });
    expect(layout.profiles.p?.runtime?.awsRegion).toBe('ap-south-1');
  });
});
