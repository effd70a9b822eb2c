import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/diagnosis.js';
import { END, START, withTable } from '../../scripts/readme-table.js';

describe('README troubleshooting table', () => {
  it('is exactly what the catalogue generates (run npx tsx scripts/readme-table.ts)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    expect(readme).toBe(withTable(readme));
  });

  it('has a row for every catalogue entry but "unknown"', () => {
    const section = withTable(`${START}\n${END}`);
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Symptom'));
    expect(rows).toHaveLength(CATALOGUE.filter((e) => e.id !== 'unknown').length);
  });

  it('replaces only the section between the markers, and refuses a README without them', () => {
    const out = withTable(`intro\n${START}\nold table\n${END}\noutro\n`, '| t |');
    expect(out).toBe(`intro\n${START}\n| t |\n${END}\noutro\n`);
    expect(() => withTable('no markers')).toThrow(/needs the markers/);
  });
});
