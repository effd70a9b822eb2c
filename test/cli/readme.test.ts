// The README's command summary may only show a command with flags that command takes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, TEAM_SUBCOMMANDS, WIZARD, type CommandSpec } from '../../src/cli/flags.js';

function summaryLines(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const block = /## Commands\n+```\n([\s\S]*?)```/.exec(readme)![1]!;
  // Continuation lines (indented) belong to the command above them.
  return block.split('\n').reduce<string[]>((all, l) => (/^\s/.test(l) && all.length ? [...all.slice(0, -1), `${all.at(-1)} ${l.trim()}`] : l ? [...all, l] : all), []);
}

function specOfLine(line: string): CommandSpec {
  const [, first, second] = line.split(/\s+/);
  if (first === 'team') return TEAM_SUBCOMMANDS[second as keyof typeof TEAM_SUBCOMMANDS];
  if (first === '[setup]') return COMMANDS.setup;
  return first && first in COMMANDS ? COMMANDS[first as keyof typeof COMMANDS] : WIZARD;
}

describe('README command summary', () => {
  it('names, for each command, only flags its table has', () => {
    const lines = summaryLines();
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) {
      const spec = specOfLine(line);
      const flags = [...line.matchAll(/(?<![\w-])(--[a-z][a-z-]*|-o)(?![\w-])/g)].map((m) => m[1]!);
      expect(flags.length, line).toBeGreaterThan(0);
      for (const f of flags) expect(spec.flags.some((x) => `--${x.name}` === f || (x.short && `-${x.short}` === f)), `${spec.id}: ${f} in "${line}"`).toBe(true);
    }
  });
});
