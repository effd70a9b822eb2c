// argv → CliOptions, driven by the flag tables: a command gets only its own flags, each value checked once, here.
import { editDistance } from '../core/validate.js';
import { ALL_FLAGS, COMMANDS, RUNNABLE, SETUP, SHORT_FLAGS, TEAM, TEAM_SUBCOMMANDS, WIZARD, type CommandSpec, type Flag } from './flags.js';
import { defaultOptions, printable, UsageError, type CliOptions, type CommandName, type TeamCommand } from './options.js';

interface Token {
  /** As typed (`--regoin`, `-o`), for messages. */
  typed: string;
  /** null: no command has this flag. */
  flag: Flag | null;
  value?: string;
}

const COMMAND_NAMES = Object.keys(COMMANDS) as Exclude<CommandName, 'wizard'>[];
const TEAM_NAMES = Object.keys(TEAM_SUBCOMMANDS) as TeamCommand[];

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const { tokens, positionals } = tokenize(argv);
  const has = (name: string) => tokens.some((t) => t.flag?.name === name);
  const spec = commandOf(positionals, has('yes'), has('help'));
  const wantsHelp = has('help') || positionals[0] === 'help';
  if (wantsHelp || has('version')) {
    return { ...defaultOptions(spec.command), ...commandFields(spec), help: wantsHelp, version: !wantsHelp, verbose: has('verbose'), color: colour(!has('no-color'), env) };
  }
  for (const t of tokens) if (!t.flag || !spec.flags.some((f) => f.name === t.flag!.name)) throw notAFlagOf(spec, t);
  // The command's own words (`team check`) come first; anything after them is a stray.
  const extra = positionals.length ? positionals[spec.id.split(' ').length] : undefined;
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${printable(extra)}". See: ${helpCommand(spec)}`);
  return { ...values(spec, tokens, env), ...commandFields(spec) };
}

/** Splits argv by the flags' types alone: which command owns them is checked once the command is known. */
function tokenize(argv: string[]): { tokens: Token[]; positionals: string[] } {
  const tokens: Token[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const name = long ? arg.slice(2, eq < 0 ? undefined : eq) : arg.slice(1);
    const flag = (long ? ALL_FLAGS.get(name) : SHORT_FLAGS.get(name)) ?? null;
    const typed = long ? `--${name}` : arg;
    if (!flag) {
      tokens.push({ typed, flag });
      continue;
    }
    if (flag.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${flag.name} takes no value.`);
      tokens.push({ typed, flag });
      continue;
    }
    if (eq >= 0) {
      tokens.push({ typed, flag, value: arg.slice(eq + 1) });
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('-') && next.length > 1)) {
      throw new UsageError(`--${flag.name} needs a value${next === undefined ? '' : ` (for one that starts with "-", write --${flag.name}=VALUE)`}.`);
    }
    tokens.push({ typed, flag, value: next });
    i++;
  }
  return { tokens, positionals };
}

function commandOf(positionals: string[], yes: boolean, help: boolean): CommandSpec {
  const [first, second, third] = positionals;
  if (first === undefined) return yes ? SETUP : WIZARD;
  if (first === 'help') {
    if (second === undefined) return WIZARD;
    if (!isCommand(second)) throw new UsageError(`No help for "${printable(second)}": commands are ${COMMAND_NAMES.join(', ')}.${hint(second, COMMAND_NAMES)} See: codex-bedrock-setup --help`);
    return second === 'team' && third !== undefined ? teamSpec(third, true) : COMMANDS[second];
  }
  if (!isCommand(first)) throw new UsageError(`Unknown command "${printable(first)}".${hint(first, COMMAND_NAMES)} Commands: ${COMMAND_NAMES.join(', ')}. See: codex-bedrock-setup --help`);
  if (first !== 'team') return COMMANDS[first];
  return teamSpec(second, help);
}

function teamSpec(sub: string | undefined, help: boolean): CommandSpec {
  if (sub === undefined && help) return TEAM;
  if (sub === undefined) throw new UsageError(`team needs a subcommand: ${TEAM_NAMES.join(', ')}. See: codex-bedrock-setup team --help`);
  if (!(TEAM_NAMES as string[]).includes(sub)) {
    throw new UsageError(`Unknown team subcommand "${printable(sub)}".${hint(sub, TEAM_NAMES)} Subcommands: ${TEAM_NAMES.join(', ')}. See: codex-bedrock-setup team --help`);
  }
  return TEAM_SUBCOMMANDS[sub as TeamCommand];
}

function isCommand(s: string): s is Exclude<CommandName, 'wizard'> {
  return (COMMAND_NAMES as string[]).includes(s);
}

/** Each given flag's value, checked; only the fields this command's table names are set. */
function values(spec: CommandSpec, tokens: Token[], env: NodeJS.ProcessEnv): CliOptions {
  const given = new Map<string, string[]>();
  for (const t of tokens) if (t.value !== undefined) given.set(t.flag!.name, [...(given.get(t.flag!.name) ?? []), t.value]);
  for (const [name, all] of given) {
    const flag = spec.flags.find((f) => f.name === name)!;
    if (all.length > 1 && !flag.repeatable) throw new UsageError(`--${name} is given ${all.length} times; ${whoRepeats(name)} Keep one.`);
  }
  const options = defaultOptions(spec.command) as unknown as Record<string, unknown>;
  for (const t of tokens) {
    const flag = t.flag!;
    if (flag.type === 'boolean') {
      options[flag.key] = flag.sets ?? true;
      continue;
    }
    checkInput(flag.name, t.value!);
    const checked = flag.check ? flag.check(t.value!, given) : { ok: true as const, value: t.value! };
    if (!checked.ok) throw new UsageError(checked.message.startsWith(`--${flag.name}`) ? checked.message : `--${flag.name}: ${checked.message}`);
    if (flag.type === 'list') (options[flag.key] as unknown[]).push(checked.value);
    else options[flag.key] = checked.value;
  }
  const parsed = options as unknown as CliOptions;
  parsed.region = parsed.regions[0];
  parsed.color = colour(parsed.color, env);
  for (const r of spec.requires ?? []) if (!given.has(r.flag)) throw new UsageError(r.message);
  for (const t of tokens) if (t.flag!.excludes && tokens.some((u) => u.flag!.name === t.flag!.excludes)) throw new UsageError(`--${t.flag!.name} and --${t.flag!.excludes} exclude each other; keep one.`);
  return parsed;
}

function colour(asked: boolean, env: NodeJS.ProcessEnv): boolean {
  return asked && !('NO_COLOR' in env && env.NO_COLOR !== '');
}

function commandFields(spec: CommandSpec): Pick<CliOptions, 'command' | 'teamCommand'> {
  return spec.teamCommand ? { command: 'team', teamCommand: spec.teamCommand } : { command: spec.command };
}

/** Every value: bounded and free of control characters before anything else sees it. */
function checkInput(flag: string, value: string): void {
  if (value.length > 1024) throw new UsageError(`--${flag} is too long (${value.length} characters; at most 1024).`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--${flag} contains control characters; type the value plainly.`);
  if (value.trim() === '') throw new UsageError(`--${flag} is empty.`);
}

/** Names the flag and the command, and what was probably meant. */
function notAFlagOf(spec: CommandSpec, t: Token): UsageError {
  const where = label(spec);
  const see = ` See: ${helpCommand(spec)}`;
  const meant = hint(t.typed.replace(/^-+/, ''), spec.flags.map((f) => f.name), '--');
  if (!t.flag) return new UsageError(`Unknown flag ${printable(t.typed)} for ${where}.${meant}${see}`);
  const owners = RUNNABLE.filter((s) => s.flags.some((f) => f.name === t.flag!.name)).map(label);
  const who = owners.length > 3 ? `${owners.slice(0, 3).join(', ')} and others do` : `${owners.join(' and ')} ${owners.length === 1 ? 'does' : 'do'}`;
  const yes = spec === WIZARD && SETUP.flags.some((f) => f.name === t.flag!.name) ? ' Add --yes to run setup with it.' : '';
  return new UsageError(`${where} does not take ${t.typed} (${who}).${yes}${meant}${see}`);
}

function whoRepeats(name: string): string {
  const owners = RUNNABLE.filter((s) => s.flags.some((f) => f.name === name && f.repeatable)).map(label);
  return owners.length ? `only ${owners.join(' and ')} take${owners.length === 1 ? 's' : ''} several.` : 'it is taken once.';
}

function label(spec: CommandSpec): string {
  return spec === WIZARD ? 'the wizard' : spec.id;
}

function helpCommand(spec: CommandSpec): string {
  return spec === WIZARD ? 'codex-bedrock-setup --help' : `codex-bedrock-setup ${spec.id} --help`;
}

/** " Did you mean X?" for a near miss (a typo, or the start of a longer name), else "". */
export function hint(typed: string, candidates: readonly string[], prefix = ''): string {
  const t = typed.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const c of candidates) {
    const d = t.length >= 3 && c.startsWith(t) ? 1 : editDistance(t, c);
    if (d <= (c.length >= 5 ? 2 : 1) && (!best || d < best.d)) best = { name: c, d };
  }
  return best ? ` Did you mean ${prefix}${best.name}?` : '';
}
