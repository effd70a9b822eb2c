import { describe, expect, it } from 'vitest';
import { mantleIdOf, mergeAvailability, pickDefaultModels } from '../../src/core/models.js';
import type { FoundationModel } from '../../src/types.js';

const fm = (modelId: string): FoundationModel => ({ modelId, modelName: modelId, providerName: 'OpenAI', responseStreamingSupported: true, lifecycleStatus: 'ACTIVE' });

describe('models', () => {
  it('turns Runtime ids into Mantle ids', () => {
    expect(mantleIdOf('openai.gpt-oss-120b-1:0')).toBe('openai.gpt-oss-120b');
    expect(mantleIdOf('us.openai.gpt-oss-20b-1:0')).toBe('openai.gpt-oss-20b');
    expect(mantleIdOf('openai.gpt-5.5')).toBe('openai.gpt-5.5');
  });

  it('orders by the Codex catalogue and marks what Codex does not know', () => {
    const merged = mergeAvailability(
      ['openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-6-luna'],
      [fm('openai.gpt-oss-120b-1:0')],
      ['openai.gpt-6.1-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5'],
    );
    expect(merged.map((m) => m.id)).toEqual(['openai.gpt-6-luna', 'openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
    expect(merged.find((m) => m.id === 'openai.gpt-oss-120b')).toMatchObject({ knownToCodex: false, inControlPlane: true, available: true });
    expect(merged.find((m) => m.id === 'openai.gpt-5.5')).toMatchObject({ knownToCodex: true, inControlPlane: false });
  });

  it('reports unknown Codex knowledge as null when Codex is missing', () => {
    expect(mergeAvailability(['openai.gpt-oss-20b'], null, null)[0].knownToCodex).toBeNull();
  });

  it('drops non-OpenAI Mantle models that the control plane does not know', () => {
    expect(mergeAvailability(['anthropic.x', 'openai.gpt-oss-20b'], [], null).map((m) => m.id)).toEqual(['openai.gpt-oss-20b']);
  });

  it('picks the strongest for prod and a fast one for staging', () => {
    const merged = mergeAvailability(['openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-oss-120b'], [], ['openai.gpt-5.5']);
    expect(pickDefaultModels(merged)).toEqual({ strongest: 'openai.gpt-5.5', fastest: 'openai.gpt-oss-20b' });
    expect(pickDefaultModels([])).toEqual({ strongest: undefined, fastest: undefined });
  });
});
