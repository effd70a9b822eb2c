// --help wraps by the wizard's rule: a command that fits a line is never split across two, and a continuation line
// starts at its column, never a space further.
import { describe, expect, it } from 'vitest';
import { COMMANDS, GLOBAL, TEAM, TEAM_SUBCOMMANDS, WIZARD, type CommandSpec, type Flag } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';
import { commandsIn } from '../../src/core/wrapGuard.js';

const SPECS: CommandSpec[] = [WIZARD, TEAM, ...Object.values(COMMANDS)];
const WIDTHS = [60, 80, 100, 200];
/** The widest indent a help line wraps under (the flag column is at most 24 + 4). */
const DEEPEST = 28;

/** The texts a command's help wraps as prose: about, notes, its flags' help (and the subcommands or commands it lists). */
function prose(spec: CommandSpec): string[] {
  const flagHelp = (flags: Flag[]) => flags.filter((f) => f.name !== 'help' || spec === WIZARD).map((f) => f.help);
  const listed = spec === WIZARD ? Object.values(COMMANDS).map((c) => c.summary) : [];
  const subs = spec === TEAM ? Object.values(TEAM_SUBCOMMANDS).flatMap((s) => [s.summary, ...flagHelp(s.flags)]) : [];
  return [spec.about, ...(spec.notes ?? []), ...flagHelp(spec.flags), ...listed, ...subs];
}

/** A spec whose one flag's help puts `command` right at the end of its first line at `width` columns. */
function straddling(command: string, width: number): { spec: CommandSpec; col: number } {
  const label = '--see';
  const flags = (help: string): Flag[] => [{ name: 'see', type: 'boolean', key: 'json', help }, ...GLOBAL];
  const probe = helpText({ ...COMMANDS.regions, flags: flags('probe') }, width).split('\n').find((l) => l.startsWith(`  ${label}`))!;
  const col = probe.indexOf('probe');
  const firstWord = command.split(' ')[0]!;
  // Filler words of two letters: "(see: " and the command's first word still fit the line, the whole command does not.
  const n = Math.floor((Math.min(width, 120) - col - ' (see: '.length - firstWord.length + 1) / 3);
  const help = `${Array.from({ length: n }, () => 'ab').join(' ')} (see: ${command}) and more words after it`;
  return { spec: { ...COMMANDS.regions, flags: flags(help) }, col };
}

/** The lines of the --see flag's row: its label line and the continuation lines under its column. */
function seeRow(spec: CommandSpec, width: number, col: number): string[] {
  const lines = helpText(spec, width).split('\n');
  const start = lines.findIndex((l) => l.startsWith('  --see'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '.repeat(col)));
  return lines.slice(start, end);
}

describe('help wrapping', () => {
  for (const width of WIDTHS) {
    it(`keeps each command of every help on one line when it fits (${width} columns)`, () => {
      let checked = 0;
      for (const spec of SPECS) {
        const lines = helpText(spec, width).split('\n');
        for (const command of prose(spec).flatMap(commandsIn).filter((c) => c.length <= Math.min(width, 120) - DEEPEST)) {
          expect(lines.some((l) => l.includes(command)), `${spec.id}: ${command}`).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it(`moves a command that would straddle the line end to the next line, at the flag column (${width} columns)`, () => {
      const command = 'codex-bedrock-setup setup --help';
      const { spec, col } = straddling(command, width);
      const row = seeRow(spec, width, col);
      expect(row[0]!.endsWith('(see:')).toBe(true);
      expect(row[1]!.slice(col).startsWith(`${command})`)).toBe(true);
      for (const l of row.slice(1)) expect(l.slice(col).startsWith(' '), JSON.stringify(l)).toBe(false);
      for (const l of row) expect(l.length).toBeLessThanOrEqual(Math.min(width, 120));
      expect(row.map((l) => l.trim()).join(' ').replace(/^--see +/, '')).toBe(spec.flags[0]!.help);
    });
  }

  it('breaks a command at its spaces when it is longer than the room right of the flag column', () => {
    const { col } = straddling('aws sso login', 60);
    // Still short enough to be kept whole in the wizard, yet wider than a 60-column help line leaves.
    const command = `aws sso login --profile ${'p'.repeat(60 - col - 'aws sso login --profile '.length + 1)}`;
    expect(commandsIn(`see: ${command}.`)).toEqual([command]);
    const row = seeRow(straddling(command, 60).spec, 60, col);
    expect(row.some((l) => l.includes(command))).toBe(false);
    for (const l of row) expect(l.length).toBeLessThanOrEqual(60);
  });
});
