import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/core/diff.js';

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    expect(unifiedDiff('config.toml', before, after)).toBe(
      '--- a/config.toml\n+++ b/config.toml\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n',
    );
  });

  it('diffs a new file against /dev/null and keeps \\r', () => {
    expect(unifiedDiff('x.toml', null, 'a\r\nb\r\n')).toBe('--- /dev/null\n+++ b/x.toml\n@@ -0,0 +1,2 @@\n+a\r\n+b\r\n');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('x', 'a\nb', 'a\nb\n')).toBe('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(unifiedDiff('x', 'a\n', 'a\n')).toBe('');
  });

  it('property: GNU patch applies the diff and reproduces the new text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbs-diff-'));
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', 'x = 1', 'd\r'), { maxLength: 30 }).chain((ls) =>
      fc.boolean().map((fin) => (ls.length ? ls.join('\n') + (fin ? '\n' : '') : '')),
    );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = unifiedDiff('f.txt', before, after);
        if (before === after) {
          expect(d).toBe('');
          return;
        }
        const file = join(dir, 'f.txt');
        writeFileSync(file, before);
        writeFileSync(join(dir, 'p.diff'), d);
        execFileSync('patch', ['--quiet', '--binary', '-p1', '-i', 'p.diff'], { cwd: dir, stdio: 'pipe' });
        expect(readFileSync(file, 'utf8')).toBe(after);
      }),
      { numRuns: 150 },
    );
  });

  it('handles a few thousand lines', () => {
    const before = Array.from({ length: 4000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 2000\n', 'changed\n').replace('line 10\n', '');
    const d = unifiedDiff('big', before, after);
    expect(d).toContain('-line 2000\n+changed\n');
    expect(d).toContain('-line 10\n');
  });
});
