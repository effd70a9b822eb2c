// The wizard bench compares its waits with the smoke tests' own time: every profile the wizard tests counts once.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs bench module, no types
import { smokeTotal } from '../../scripts/bench/wizard.mjs';

const PANEL = '│ total       889 ms          │';
describe('smokeTotal', () => {
  it('adds the profiles passed (their lines) and the one in the live panel', () => {
    expect(smokeTotal(`✓ bedrock-prod: openai.gpt-6.1-sol · TTFT 311 ms · 41.6 tokens/s · total 886 ms\n${PANEL}`)).toBe(886 + 889);
  });
  it('counts the panel once when its profile already has its line', () => {
    const lines = '✓ a: m · TTFT 1 ms · 1.0 tokens/s · total 800 ms\n✓ b: m · TTFT 1 ms · 1.0 tokens/s · total 900 ms';
    expect(smokeTotal(`${lines}\n│ total       900 ms │`)).toBe(1700);
  });
});
