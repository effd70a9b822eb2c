import { describe, expect, it } from 'vitest';
import { defaultCodexProfileName, keptModel } from '../../src/core/configured.js';

const one = { profiles: [{ name: 'work', model: 'openai.gpt-5.5' }] };
const two = { profiles: [{ name: 'bedrock-prod', model: 'a' }, { name: 'bedrock-staging', model: 'b' }] };

describe('defaults from what is configured', () => {
  it('names the profile: the given one, the only one configured, else bedrock-prod', () => {
    expect(defaultCodexProfileName(one, 'given')).toBe('given');
    expect(defaultCodexProfileName(one)).toBe('work');
    expect(defaultCodexProfileName(two)).toBe('bedrock-prod');
    expect(defaultCodexProfileName({ profiles: [] })).toBe('bedrock-prod');
    expect(defaultCodexProfileName({ profiles: [{ name: 'x' }, { name: 'y' }] })).toBe('bedrock-prod');
  });
  it('keeps a model only while the region still lists it (or nothing could be listed)', () => {
    expect(keptModel(one, 'work', ['openai.gpt-5.5'])).toBe('openai.gpt-5.5');
    expect(keptModel(one, 'work', ['other'])).toBeUndefined();
    expect(keptModel(one, 'work', null)).toBe('openai.gpt-5.5');
    expect(keptModel(one, 'missing', ['openai.gpt-5.5'])).toBeUndefined();
  });
});
