import { describe, expect, it } from 'vitest';
import { DEFAULT_CODEX_PROFILE, defaultCodexProfile } from '../../src/core/codexProfiles.js';

describe('which Codex profile is tested by default', () => {
  it('the one asked for wins, even when absent (the caller reports the missing file)', () => {
    expect(defaultCodexProfile(['bedrock-prod', 'a'], 'b')).toEqual({ profile: 'b', why: 'asked' });
  });
  it("then the one setup writes, then the only one", () => {
    expect(DEFAULT_CODEX_PROFILE).toBe('bedrock-prod');
    expect(defaultCodexProfile(['a', 'bedrock-prod', 'z'])).toEqual({ profile: 'bedrock-prod', why: 'default' });
    expect(defaultCodexProfile(['bedrock-runtime'])).toEqual({ profile: 'bedrock-runtime', why: 'only' });
  });
  it('none: config.toml alone', () => {
    expect(defaultCodexProfile([])).toEqual({ profile: null, why: 'none', candidates: [] });
  });
  it('several and none chosen: no guess, a message naming them and the flag for this command', () => {
    const c = defaultCodexProfile(['work', 'home'], undefined, 'smoke');
    expect(c).toMatchObject({ profile: null, why: 'several', candidates: ['home', 'work'] });
    expect(c.profile === null && c.message).toBe('There are 2 Codex profiles (home, work) and none is bedrock-prod: choose one with npx codex-bedrock-setup smoke --codex-profile home');
  });
});
