// The bundle edits how Ink turns a frame into text (scripts/build.mjs: no segmenter for lines of single-width
// symbols, no style diff between cells with the same styles, one shared blank cell). Built with the bundle's own
// plugins, the edited code must give exactly what the libraries give, for any mix of text and escape codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as original from '@alcalzone/ansi-tokenize';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneFileBuildOptions } from '../../scripts/build.mjs';

type Tokenizer = typeof original;
type OutputClass = new (o: { width: number; height: number }) => {
  write(x: number, y: number, text: string, o: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
};

const ROOT = resolve('.');
const INK_OUTPUT = join(ROOT, 'node_modules/ink/build/output.js');
const dir = mkdtempSync(join(tmpdir(), 'ink-output-'));
let edited: Tokenizer & { Output: OutputClass };
let OriginalOutput: OutputClass;

beforeAll(async () => {
  const outfile = join(dir, 'edited.mjs');
  const { entryPoints: _entry, metafile: _meta, ...base } = oneFileBuildOptions(outfile);
  const contents = `export * from '@alcalzone/ansi-tokenize';\nexport { default as Output } from ${JSON.stringify(INK_OUTPUT)};`;
  await build({ ...base, absWorkingDir: ROOT, stdin: { contents, resolveDir: ROOT, loader: 'js' } });
  edited = await import(pathToFileURL(outfile).href);
  OriginalOutput = (await import(pathToFileURL(INK_OUTPUT).href)).default;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What frames hold: text, our symbols, colours and their resets, and what needs the segmenter (wide, emoji,
// combining marks, joiners, links).
const PIECES = [
  'a', 'Z', ' ', '0', '~', '·', '→', '✓', '✗', '─', '│', '⠋', '…', '❯', 'é', '\u00a0',
  '\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[36m', '\u001b[39m', '\u001b[31;1m', '\u001b[38;5;12m', '\u001b[48;2;1;2;3m', '\u001b[0m', '\u001b[7m', '\u001b[27m',
  '中', '✅', '👍🏽', 'e\u0301', '\u0301', '\u200d', '👩‍💻', '🇩🇪', '\ufe0f', '\u001b]8;;https://x.test\u0007', '\u001b]8;;\u0007', '\u001b', '\u001b[',
];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));

describe("Ink's frame-to-text path as bundled", () => {
  it('tokenizes any line as the library does', () => {
    fc.assert(
      fc.property(line, (s) => {
        expect(edited.tokenize(s)).toEqual(original.tokenize(s));
      }),
      { numRuns: 1000 },
    );
  });

  it('styles a line of cells as the library does', () => {
    fc.assert(
      fc.property(line, (s) => {
        const cells = original.styledCharsFromTokens(original.tokenize(s));
        expect(edited.styledCharsFromTokens(edited.tokenize(s))).toEqual(cells);
        expect(edited.styledCharsToString(cells)).toBe(original.styledCharsToString(cells));
      }),
      { numRuns: 1000 },
    );
  });

  it('draws any frame (writes, clips, blank rows) as Ink does', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('write' as const), x: fc.nat(12), y: fc.nat(5), text: fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')) }),
      fc.record({ type: fc.constant('clip' as const), x1: fc.nat(6), x2: fc.integer({ min: 6, max: 16 }), y1: fc.nat(2), y2: fc.integer({ min: 2, max: 6 }) }),
      fc.constant({ type: 'unclip' as const }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 8 }), (width, height, ops) => {
        const draw = (Output: OutputClass) => {
          const out = new Output({ width, height });
          for (const o of ops) {
            if (o.type === 'write') out.write(o.x, o.y, o.text, { transformers: [] });
            else if (o.type === 'clip') out.clip(o);
            else out.unclip();
          }
          return out.get();
        };
        expect(draw(edited.Output)).toEqual(draw(OriginalOutput));
      }),
      { numRuns: 500 },
    );
  });
});
