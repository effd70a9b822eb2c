import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/diagnosis.js';
import { CODEX_VERSION_TABLE } from '../../src/core/codexVersions.js';
import { CODEX_END, CODEX_START, END, START, withCodexTable, withTable } from '../../scripts/readme-table.js';

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

describe('README Codex support table', () => {
  it('is exactly what the Codex version table generates (run npx tsx scripts/readme-table.ts)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(CODEX_START);
    expect(readme).toContain(CODEX_END);
    expect(readme).toBe(withCodexTable(readme));
  });

  it('has a row per version table row, oldest first, each naming its versions', () => {
    const section = withCodexTable(`${CODEX_START}\n${CODEX_END}`);
    const rows = section.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(CODEX_VERSION_TABLE.length);
    expect(rows[0]).toMatch(/^\| 0\.128\.0\+ \| built-in `amazon-bedrock` provider/);
    expect(section).toContain('| 0.149.0+ | `aws.auth_refresh`');
    expect(section).toContain('| 0.134.0 to before 0.135.0 | `us-gov-west-1`');
  });
});
