// --help, generated from the flag tables: what a command's help lists is exactly what it accepts.
import { wrapUnits } from '../core/wrapGuard.js';
import { COMMANDS, EXIT_CODES, GLOBAL, TEAM, TEAM_SUBCOMMANDS, WIZARD, type CommandSpec, type Flag } from './flags.js';

const GLOBAL_NAMES = new Set(GLOBAL.map((f) => f.name));

/** The help for one command (`team` alone: every subcommand), wrapped to `width` columns. */
export function helpText(spec: CommandSpec, width = 100): string {
  const w = Math.max(60, Math.min(width, 120));
  const shown = spec === TEAM ? [...Object.values(TEAM_SUBCOMMANDS).flatMap((s) => s.flags), ...GLOBAL] : spec.flags;
  const col = Math.min(24, Math.max(...shown.map((f) => flagLabel(f).length))) + 4;
  const flagRows = (of: CommandSpec, flags: Flag[]) => rows(of, flags, w, col);
  const out: string[] = [];
  if (spec === WIZARD) {
    out.push(...wrap(spec.about, w), '', 'Usage', ...spec.usage.map((u) => `  ${u}`), '', 'Commands');
    const names = Object.keys(COMMANDS);
    const pad = Math.max(...names.map((n) => n.length)) + 2;
    for (const [name, c] of Object.entries(COMMANDS)) out.push(...wrap(c.summary, w, `  ${name.padEnd(pad)}`));
  } else {
    out.push(...spec.usage.flatMap((u, i) => wrap(u, w, i === 0 ? 'Usage: ' : '       ')), '', ...wrap(spec.about, w));
  }
  if (spec === TEAM) {
    for (const sub of Object.values(TEAM_SUBCOMMANDS)) {
      out.push('', ...wrap(sub.usage[0]!.replace(/^codex-bedrock-setup /, ''), w, '', '    '), ...wrap(sub.summary, w, '  '));
      out.push(...flagRows(sub, sub.flags.filter((f) => !GLOBAL_NAMES.has(f.name))));
    }
    out.push('', 'Global flags (every subcommand)', ...flagRows(spec, GLOBAL));
  } else {
    const own = spec.flags.filter((f) => !GLOBAL_NAMES.has(f.name));
    out.push('', spec === WIZARD ? 'Flags (the wizard pre-fills its answers from them)' : 'Flags', ...flagRows(spec, own));
    out.push('', 'Global flags', ...flagRows(spec, spec.flags.filter((f) => GLOBAL_NAMES.has(f.name))));
  }
  if (spec.examples?.length) out.push('', 'Examples', ...spec.examples.flatMap((e) => wrap(e, w, '  ', '      ')));
  out.push('', ...wrap(EXIT_CODES, w));
  for (const note of spec.notes ?? []) out.push(...wrap(note, w));
  return out.join('\n');
}

function rows(spec: CommandSpec, flags: Flag[], width: number, col: number): string[] {
  return flags.flatMap((f) => {
    const label = `  ${flagLabel(f)}`;
    const text = flagHelp(spec, f);
    if (label.length + 2 > col) return [label, ...wrap(text, width, ' '.repeat(col))];
    return wrap(text, width, label.padEnd(col), ' '.repeat(col));
  });
}

/** `-o, --output FILE`: the name a test looks for comes right after the indent. */
export function flagLabel(f: Flag): string {
  return `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`;
}

function flagHelp(spec: CommandSpec, f: Flag): string {
  let text = f.help;
  if (f.name === 'timeout') text += spec.ceilingS === null ? ' (default: none; every call is bounded)' : ` (default: ${spec.ceilingS} s${spec.ceilingSsoS ? `, ${spec.ceilingSsoS} s with --auth sso` : ''})`;
  if (f.name === 'help' && spec !== WIZARD) text = 'this help';
  return f.repeatable ? `${text}; repeat for several` : text;
}

/**
 * Greedy word wrap: `first` prefixes the first line, `rest` (default: as wide, blank) the others. A command or
 * `span` stays on one line when it fits one (the wizard's rule); one that does not breaks at its spaces.
 */
function wrap(text: string, width: number, first = '', rest = ' '.repeat(first.length)): string[] {
  const room = width - rest.length;
  const words = wrapUnits(text).flatMap((unit) => (unit.length > room ? unit.split(' ') : [unit]));
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}
