// Rewrites README.md's generated sections, so docs and code never disagree: the troubleshooting table from the
// failure catalogue, the Codex support table from the Codex version table.
// Run: npx tsx scripts/readme-table.ts   (add --check to fail instead of writing when one is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codexSupportTable } from '../src/core/codexVersions.js';
import { troubleshootingTable } from '../src/core/diagnosis.js';

export const START = '<!-- troubleshooting:start -->';
export const END = '<!-- troubleshooting:end -->';
export const CODEX_START = '<!-- codex-support:start -->';
export const CODEX_END = '<!-- codex-support:end -->';

/** The README with the section between two markers replaced; throws when the markers are missing. */
export function withSection(readme: string, start: string, end: string, table: string): string {
  const s = readme.indexOf(start);
  const e = readme.indexOf(end);
  if (s < 0 || e < s) throw new Error(`README.md needs the markers ${start} and ${end}, in that order.`);
  return `${readme.slice(0, s + start.length)}\n${table}\n${readme.slice(e)}`;
}

/** The README with its troubleshooting section regenerated. */
export function withTable(readme: string, table = troubleshootingTable()): string {
  return withSection(readme, START, END, table);
}

/** The README with its Codex support section regenerated. */
export function withCodexTable(readme: string, table = codexSupportTable()): string {
  return withSection(readme, CODEX_START, CODEX_END, table);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  const before = readFileSync(path, 'utf8');
  const after = withCodexTable(withTable(before));
  if (process.argv.includes('--check')) {
    if (after !== before) {
      process.stderr.write('README.md generated tables are stale: run npx tsx scripts/readme-table.ts\n');
      process.exitCode = 1;
    }
  } else if (after !== before) {
    writeFileSync(path, after);
    process.stdout.write('README.md tables updated.\n');
  } else process.stdout.write('README.md tables already up to date.\n');
}
