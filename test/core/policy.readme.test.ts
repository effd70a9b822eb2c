import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/core/policy.js';
import { END, EXAMPLE_INPUT, policyExample, START, withPolicyExample } from '../../scripts/readme-policy.js';

describe('README IAM policy example', () => {
  it('is exactly what the generator prints (run npx tsx scripts/readme-policy.ts)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(START);
    expect(readme).toBe(withPolicyExample(readme));
  });

  it('has one line per statement, in policy order', () => {
    const rows = policyExample().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => /^\| `(\w+)`/.exec(r)![1])).toEqual(buildPolicy(EXAMPLE_INPUT).Statement.map((s) => s.Sid));
  });

  it('replaces only the section between the markers, and refuses a README without them', () => {
    expect(withPolicyExample(`a\n${START}\nold\n${END}\nb\n`, 'new')).toBe(`a\n${START}\nnew\n${END}\nb\n`);
    expect(() => withPolicyExample('no markers')).toThrow(/needs the markers/);
  });
});
