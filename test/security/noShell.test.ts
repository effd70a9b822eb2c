// No shell anywhere: every child process gets a program and an argument array, so a profile name or
// URL can never be parsed by /bin/sh. A source scan is enough to keep it that way.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src');
const SPAWNERS = /\b(spawn|spawnSync|execFile|execFileSync|execa|execaSync|fork)\s*\(/g;

function sources(): { file: string; text: string }[] {
  return readdirSync(ROOT, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(ROOT, f), 'utf8') }));
}

/** The call's arguments split at top-level commas (enough for our own source, not a JS parser). */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

const files = sources();

describe('no shell', () => {
  it('scans the real source tree', () => {
    expect(files.length).toBeGreaterThan(20);
    // A fresh, non-global copy: .test() on the /g regex would move lastIndex, and matchAll below copies it.
    expect(files.some((f) => new RegExp(SPAWNERS.source).test(f.text))).toBe(true);
  });

  it('never asks for a shell and never uses exec/execSync/execaCommand/$`…`', () => {
    for (const { file, text } of files) {
      expect(text, file).not.toMatch(/\bshell\s*:\s*(?!false\b)\S/);
      // RegExp#exec is fine; child_process.exec and friends hand a string to /bin/sh.
      expect(text, file).not.toMatch(/(?<![\w.])(exec|execSync|execaCommand|execaCommandSync)\s*\(/);
      expect(text, file).not.toMatch(/\b(child_process|cp|childProcess)\.(exec|execSync)\s*\(/);
      expect(text, file).not.toMatch(/import\s*{[^}]*\b(exec|execSync)\b[^}]*}\s*from\s*['"](node:)?child_process['"]/);
      // execa's $`cmd` template (a `$` closing a template regex is preceded by `)` or `}` instead).
      expect(text, file).not.toMatch(/(?:^|[\s=(,;!])\$\s*`/m);
      expect(text, file).not.toMatch(/from\s*['"]execa['"]/.test(text) ? /\bimport\s*{[^}]*\$[^}]*}/ : /$^/);
    }
  });

  it('spawns with a program and a separate argument array', () => {
    let calls = 0;
    for (const { file, text } of files) {
      for (const m of text.matchAll(SPAWNERS)) {
        const before = text.slice(Math.max(0, m.index - 20), m.index);
        if (/(function|\.|import\s*{[^}]*)\s*$/.test(before) && !/\b(child|cp|pty)\.\s*$/.test(before)) continue; // a definition or a method of something else
        const args = callArguments(text, m.index + m[0].length - 1);
        const where = `${file}: ${text.slice(m.index, m.index + 80)}`;
        calls++;
        expect(args.length, where).toBeGreaterThanOrEqual(2);
        // A command line in one string is what a shell would parse.
        expect(args[0], where).not.toMatch(/^['"`][^'"`]*\s[^'"`]*['"`]$/);
        expect(args[1], where).toMatch(/^(\[|[A-Za-z_$][\w$.]*$)/);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
