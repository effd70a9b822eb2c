// Rewrites README.md's troubleshooting section from the failure catalogue, so docs and doctor never disagree.
// Run: npx tsx scripts/readme-table.ts   (add --check to fail instead of writing when it is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { troubleshootingTable } from '../src/core/diagnosis.js';

export const START = '<!-- troubleshooting:start -->';
export const END = '<!-- troubleshooting:end -->';

/** The README with the section between the markers replaced; throws when the markers are missing. */
export function withTable(readme: string, table = troubleshootingTable()): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}, in that order.`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  const before = readFileSync(path, 'utf8');
  const after = withTable(before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      process.stderr.write('README.md troubleshooting table is stale: run npx tsx scripts/readme-table.ts\n');
      process.exitCode = 1;
    }
  } else if (after !== before) {
    writeFileSync(path, after);
    process.stdout.write('README.md troubleshooting table updated.\n');
  } else process.stdout.write('README.md troubleshooting table already up to date.\n');
}
