// Copies the table of assets/bench-latest.md into README.md between the bench markers.
import { readFileSync, writeFileSync } from 'node:fs';

const bench = readFileSync('assets/bench-latest.md', 'utf8');
const table = bench.split('\n').filter((l) => l.startsWith('|')).join('\n');
const measured = bench.split('\n').find((l) => l.startsWith('Measured')) ?? '';
const readme = readFileSync('README.md', 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const next = readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${measured}\n\n${table}\n${end}`);
writeFileSync('README.md', next);
console.log(next === readme ? 'README.md performance table already up to date.' : 'README.md performance table updated.');
