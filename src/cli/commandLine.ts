// A command line rebuilt from parsed options, for "run this to do it for real" hints (setup --dry-run).
import type { CliOptions } from './options.js';
import type { CommandSpec } from './flags.js';

/** Flags that change only how the output looks, or that the hint replaces. */
const LEFT_OUT = new Set(['dry-run', 'json', 'help', 'version', 'no-color', 'yes', 'demo']);

const quote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replaceAll("'", `'\\''`)}'`);

/** `npx codex-bedrock-setup [--demo] <id> [--yes] --flag value …`, in the flag table's order; values shell-quoted. */
export function commandLine(spec: CommandSpec, options: Partial<CliOptions>, { yes = false } = {}): string {
  const parts = ['npx codex-bedrock-setup', ...(options.demo ? ['--demo'] : []), spec.id, ...(yes ? ['--yes'] : [])];
  for (const flag of spec.flags) {
    if (LEFT_OUT.has(flag.name)) continue;
    const v = options[flag.key];
    if (flag.type === 'boolean') {
      if (v === (flag.sets ?? true)) parts.push(`--${flag.name}`);
    } else if (Array.isArray(v)) for (const x of v) parts.push(`--${flag.name}`, quote(String(x)));
    else if (v !== undefined && v !== null) parts.push(`--${flag.name}`, quote(String(v)));
  }
  return parts.join(' ');
}
