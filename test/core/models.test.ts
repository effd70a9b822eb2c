import { describe, expect, it } from 'vitest';
import { FALLBACK_CATALOGUE } from '../../src/core/codexCatalogue.fallback.js';
import { isOpenWeight, mantleIdOf, mergeAvailability, pickDefaultModels, rankingSource, surfaceOf } from '../../src/core/models.js';
import type { FoundationModel } from '../../src/types.js';

const fm = (modelId: string): FoundationModel => ({ modelId, modelName: modelId, providerName: 'OpenAI', responseStreamingSupported: true, lifecycleStatus: 'ACTIVE' });

describe('models', () => {
  it('turns Runtime ids into Mantle ids', () => {
    expect(mantleIdOf('openai.gpt-oss-120b-1:0')).toBe('openai.gpt-oss-120b');
    expect(mantleIdOf('us.openai.gpt-oss-20b-1:0')).toBe('openai.gpt-oss-20b');
    expect(mantleIdOf('openai.gpt-5.5')).toBe('openai.gpt-5.5');
  });

  it('knows which Mantle surface serves a model: /openai/v1 for OpenAI proprietary, /v1 for open-weight', () => {
    expect(surfaceOf('openai.gpt-5.5')).toBe('/openai/v1');
    expect(surfaceOf('openai.gpt-6.2-sol')).toBe('/openai/v1');
    expect(surfaceOf('openai.gpt-oss-120b')).toBe('/v1');
    expect(surfaceOf('qwen.qwen3-coder-480b')).toBe('/v1');
    expect(surfaceOf('gpt-5.6-sol')).toBeNull();
    expect(isOpenWeight('openai.gpt-oss-20b')).toBe(true);
    expect(isOpenWeight('openai.gpt-5.5')).toBe(false);
    expect(isOpenWeight('gpt-5.5')).toBe(false);
  });

  it('orders by the Codex catalogue, marks what Codex does not know, and never offers open-weight models', () => {
    const merged = mergeAvailability(
      ['openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-6-luna', 'openai.gpt-5.4'],
      [fm('openai.gpt-oss-120b-1:0')],
      ['openai.gpt-6.1-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5'],
    );
    expect(merged.map((m) => m.id)).toEqual(['openai.gpt-6-luna', 'openai.gpt-5.5', 'openai.gpt-5.4', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
    expect(merged.find((m) => m.id === 'openai.gpt-oss-120b')).toMatchObject({ surface: '/v1', responsesApi: false, available: false, knownToCodex: false, inControlPlane: true });
    expect(merged.find((m) => m.id === 'openai.gpt-5.5')).toMatchObject({ surface: '/openai/v1', available: true, knownToCodex: true, inControlPlane: false });
  });

  it('reports unknown Codex knowledge as null when Codex is missing, and ranks by the fallback catalogue', () => {
    const merged = mergeAvailability(['openai.gpt-oss-120b', 'openai.gpt-5.5', 'openai.gpt-6.2-sol', 'openai.gpt-6-luna'], null, null);
    expect(merged.every((m) => m.knownToCodex === null)).toBe(true);
    expect(merged.map((m) => m.id)).toEqual(['openai.gpt-6.2-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5', 'openai.gpt-oss-120b']);
    expect(rankingSource(null)).toEqual({ source: 'fallback', codexVersion: FALLBACK_CATALOGUE.codexVersion });
    expect(rankingSource(['openai.gpt-5.5'])).toEqual({ source: 'codex' });
  });

  it('drops non-OpenAI Mantle models that the control plane does not know', () => {
    expect(mergeAvailability(['anthropic.x', 'openai.gpt-5.5'], [], null).map((m) => m.id)).toEqual(['openai.gpt-5.5']);
  });

  it('picks the strongest for prod and a fast one for staging, never an open-weight model', () => {
    const merged = mergeAvailability(['openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-6-luna'], [], ['openai.gpt-5.5', 'openai.gpt-6-luna']);
    expect(pickDefaultModels(merged)).toEqual({ strongest: 'openai.gpt-5.5', fastest: 'openai.gpt-6-luna' });
    expect(pickDefaultModels(mergeAvailability(['openai.gpt-oss-20b', 'openai.gpt-oss-120b'], [], null))).toEqual({ strongest: undefined, fastest: undefined });
    expect(pickDefaultModels([])).toEqual({ strongest: undefined, fastest: undefined });
  });
});
