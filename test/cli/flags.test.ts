// The flag tables are the contract: each command takes its own flags and no other, and its help says exactly which.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { defaultOptions, parseCli, UsageError } from '../../src/args.js';
import { ALL_FLAGS, COMMANDS, GLOBAL, RUNNABLE, SETUP, TEAM, TEAM_SUBCOMMANDS, WIZARD, type CommandSpec, type Flag } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';
import { main, type Terminal } from '../../src/main.js';

/** A valid value for every flag that takes one. */
const SAMPLE: Record<string, string> = {
  region: 'us-west-2',
  provider: 'mantle',
  'api-key-type': 'short-term',
  auth: 'env',
  'aws-profile': 'dev',
  model: 'openai.gpt-5.5',
  'codex-profile': 'mine',
  prompt: 'hello',
  'account-id': '123456789012',
  'team-config': 'team.toml',
  output: 'policy.json',
  policy: 'role-policy.json',
  'sso-start-url': 'https://my-company.awsapps.com/start',
  run: '20260101-120000-ab12',
  'sso-region': 'eu-west-1',
  'sso-role': 'Developer',
  'sso-session': 'corp',
  'web-search': 'off',
  out: 'out-dir',
  url: 'https://example.com/codex-team.toml',
  timeout: '30',
  'codex-home': '/tmp/codex-home',
};

/** The words that name the command, and the flags it cannot run without. */
function base(spec: CommandSpec): string[] {
  const words = spec === WIZARD ? [] : spec.id.split(' ');
  return [...words, ...(spec.requires ?? []).flatMap((r) => [`--${r.flag}`, SAMPLE[r.flag]!])];
}

function argsFor(f: Flag): string[] {
  return f.type === 'boolean' ? [`--${f.name}`] : [`--${f.name}`, SAMPLE[f.name]!];
}

/** The flag names a help text lists as rows (`  --name …` or `  -x, --name …`). */
function listedFlags(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^ {2}(?:-\w, )?--([a-z-]+)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

function terminal(env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const term: Terminal = {
    env,
    stdin: { isTTY: false },
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false, columns: 100 } as unknown as Terminal['stdout'],
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false } as unknown as Terminal['stderr'],
  };
  return { term, out: () => stdout, err: () => stderr };
}

describe('flag tables', () => {
  it('every command help lists each of its flags once, and no other', () => {
    for (const spec of RUNNABLE) {
      const listed = listedFlags(helpText(spec));
      expect(listed.sort(), spec.id).toEqual(spec.flags.map((f) => f.name).sort());
    }
    const team = new Set([...Object.values(TEAM_SUBCOMMANDS).flatMap((s) => s.flags.map((f) => f.name))]);
    expect(new Set(listedFlags(helpText(TEAM)))).toEqual(team);
  });

  it('keeps what the hand-written help said: --version, exit codes, files written, the environment it reads', () => {
    const top = helpText(WIZARD);
    expect(top).toMatch(/-v, --version/);
    for (const name of Object.keys(COMMANDS)) expect(top).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(top).toMatch(/Files written: ~\/\.codex\/config\.toml and ~\/\.codex\/<profile>\.config\.toml/);
    expect(top).toMatch(/NO_COLOR/);
    for (const spec of [...RUNNABLE, TEAM]) expect(helpText(spec), spec.id).toContain('Exit codes: 0 ok, 1 a check or call failed, 2 bad usage or input, 130 interrupted.');
    const setup = helpText(SETUP).replace(/\s+/g, ' ');
    for (const s of ['AWS_REGION', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', '$CODEX_HOME', 'backed up to <file>.bak-<time>', '(default: 180 s, 900 s with --auth sso)']) expect(setup).toContain(s);
    expect(helpText(COMMANDS.policy)).toMatch(/aws-us-gov for GovCloud/);
    expect(helpText(COMMANDS.doctor)).toMatch(/--with-codex +also run one real `codex exec` turn/);
  });

  it('wraps help to the terminal, 60 to 120 columns', () => {
    for (const width of [60, 80, 200]) {
      const longest = Math.max(...helpText(SETUP, width).split('\n').map((l) => [...l].length));
      expect(longest).toBeLessThanOrEqual(Math.min(width, 120) + 20); // a single unbreakable word (a URL) may overrun
    }
    const narrow = helpText(COMMANDS.models, 60).split('\n');
    expect(narrow.filter((l) => [...l].length > 60)).toEqual([]);
  });

  it('each command sets only the fields its own flags name', () => {
    for (const spec of RUNNABLE) {
      // Of two flags that exclude each other, the first one given.
      const own = spec.flags.filter((f, i, all) => f.name !== 'help' && f.name !== 'version' && !all.slice(0, i).some((g) => g.excludes === f.name));
      const required = new Set((spec.requires ?? []).map((r) => r.flag));
      const o = parseCli([...base(spec), ...own.filter((f) => !required.has(f.name)).flatMap(argsFor)]) as unknown as Record<string, unknown>;
      const defaults = defaultOptions(spec.command) as unknown as Record<string, unknown>;
      const changed = Object.keys(o).filter((k) => JSON.stringify(o[k]) !== JSON.stringify(defaults[k]) && !['command', 'teamCommand', 'region'].includes(k));
      expect(changed.sort(), spec.id).toEqual([...new Set(own.map((f) => f.key))].sort());
    }
  });

  it('refuses, for every command, each flag that is not its own, naming the flag and the command', () => {
    let refused = 0;
    for (const spec of RUNNABLE) {
      for (const flag of ALL_FLAGS.values()) {
        if (spec.flags.some((f) => f.name === flag.name)) continue;
        const argv = [...base(spec), ...argsFor(flag)];
        expect(() => parseCli(argv), argv.join(' ')).toThrow(UsageError);
        expect(() => parseCli(argv)).toThrow(new RegExp(`${spec === WIZARD ? 'the wizard' : spec.id} does not take --${flag.name}`));
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
    expect(() => parseCli(['policy', '--skip-smoke-test', '--with-codex', '--sso-role', 'X'])).toThrow(/policy does not take --skip-smoke-test \(setup does\)/);
    expect(() => parseCli(['--dry-run'])).toThrow(/the wizard does not take --dry-run \(setup does\)\. Add --yes to run setup with it/);
  });

  it('declares the global flags once and gives them to every command', () => {
    for (const spec of RUNNABLE) for (const g of GLOBAL) expect(spec.flags, `${spec.id} --${g.name}`).toContain(g);
    for (const spec of RUNNABLE) expect(new Set(spec.flags.map((f) => f.name)).size, spec.id).toBe(spec.flags.length);
  });

  it('suggests the flag, command or subcommand that was probably meant', () => {
    expect(() => parseCli(['setup', '--regoin', 'us-east-1'])).toThrow(/Unknown flag --regoin for setup\. Did you mean --region\?/);
    expect(() => parseCli(['models', '--jsn'])).toThrow(/Did you mean --json\?/);
    expect(() => parseCli(['setup', '--skip-smoke'])).toThrow(/Did you mean --skip-smoke-test\?/);
    expect(() => parseCli(['docter'])).toThrow(/Unknown command "docter"\. Did you mean doctor\?/);
    expect(() => parseCli(['team', 'chek'])).toThrow(/Unknown team subcommand "chek"\. Did you mean check\?/);
    expect(() => parseCli(['help', 'polcy'])).toThrow(/No help for "polcy".*Did you mean policy\?/);
    // Nothing close: no guess.
    expect(() => parseCli(['setup', '--frobnicate'])).toThrow(/^Unknown flag --frobnicate for setup\. See:/);
  });

  it('takes --flag=value, and says when a value is missing or not wanted', () => {
    expect(parseCli(['models', '--region=eu-west-1']).region).toBe('eu-west-1');
    expect(parseCli(['smoke', '--prompt=-x']).prompt).toBe('-x');
    expect(() => parseCli(['smoke', '--prompt', '-x'])).toThrow(/--prompt needs a value \(for one that starts with "-", write --prompt=VALUE\)/);
    expect(() => parseCli(['models', '--json=yes'])).toThrow(/--json takes no value/);
    expect(() => parseCli(['smoke', '--model', 'openai.gpt-5.5', '--model', 'openai.gpt-6-luna'])).toThrow(/--model is given 2 times; only the wizard and policy and team init take several/);
  });

  it('checks values once, at parse time, with the provider deciding which model ids are valid', () => {
    expect(parseCli(['setup', '--provider', 'runtime', '--model', 'global.openai.gpt-5.5']).models).toEqual(['global.openai.gpt-5.5']);
    expect(() => parseCli(['setup', '--model', 'global.openai.gpt-5.5'])).toThrow(/--model: .*Bedrock Runtime id/);
    expect(parseCli(['setup', '--region', 'EU-WEST-1']).region).toBe('eu-west-1');
    expect(parseCli(['policy', '--account-id', '1234-5678-9012']).accountId).toBe('123456789012');
    expect(parseCli(['doctor', '--timeout', '5']).timeoutS).toBe(5);
    expect(() => parseCli(['doctor', '--timeout', '0'])).toThrow(/--timeout takes seconds, from 1 to 86400/);
  });

  it('help for a subcommand, and help wins over flags that would be refused', () => {
    expect(parseCli(['team', 'init', '--help'])).toMatchObject({ command: 'team', teamCommand: 'init', help: true });
    expect(parseCli(['team', '--help'])).toMatchObject({ command: 'team', help: true });
    expect(parseCli(['team', '--help']).teamCommand).toBeUndefined();
    expect(parseCli(['policy', '--skip-smoke-test', '--help'])).toMatchObject({ command: 'policy', help: true });
    expect(parseCli(['regions', '-v'])).toMatchObject({ command: 'regions', version: true });
  });

  it('the parser and the tables load no SDK, Ink or service module (--help starts fast)', async () => {
    const r = await build({
      entryPoints: ['src/main.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      // Commands load lazily, after parsing: only the static graph counts.
      plugins: [{ name: 'lazy', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined)) }],
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs).toContain('src/cli/parse.ts');
    expect(inputs.filter((p) => p.includes('node_modules') || /^src\/(services|ui|wizard|flows|commands|emulator)\//.test(p))).toEqual([]);
  });
});

describe('main: exit codes and --json usage errors', () => {
  it('exits 2 for a flag the command does not take, naming both', async () => {
    for (const spec of RUNNABLE) {
      const t = terminal();
      expect(await main([...base(spec), '--bogus-flag'], t.term), spec.id).toBe(2);
      expect(t.err()).toMatch(new RegExp(`Unknown flag --bogus-flag for ${spec === WIZARD ? 'the wizard' : spec.id}`));
      expect(t.out()).toBe('');
    }
    const t = terminal();
    expect(await main(['policy', '--skip-smoke-test'], t.term)).toBe(2);
    expect(t.err()).toBe('codex-bedrock-setup: policy does not take --skip-smoke-test (setup does). See: codex-bedrock-setup policy --help\n');
  });

  it('with --json, every usage error is also a JSON error document on stdout', async () => {
    const cases = [
      ...RUNNABLE.filter((s) => s.flags.some((f) => f.name === 'json')).map((s) => [...base(s), '--json', '--bogus-flag']),
      ['models', '--json', '--with-codex'],
      ['models', '--json', '--region', 'us east'],
      ['team', 'chek', '--json'],
      ['docter', '--json'],
      ['team', 'check', '--json'],
      ['smoke', '--json', '--timeout'],
    ];
    expect(cases.length).toBeGreaterThan(10);
    for (const argv of cases) {
      const t = terminal();
      expect(await main(argv, t.term), argv.join(' ')).toBe(2);
      const doc = JSON.parse(t.out()) as { ok: boolean; error: { kind: string; message: string } };
      expect(doc, argv.join(' ')).toEqual({ ok: false, error: { kind: 'usage', message: expect.any(String) } });
      expect(t.err()).toBe(`codex-bedrock-setup: ${doc.error.message}\n`);
    }
  });

  it('an internal error is exit 1 in one line; --verbose (the one switch for detail) adds its stack', async () => {
    for (const verbose of [false, true]) {
      const t = terminal({ CBS_DEBUG: '1' });
      t.term.stdout.write = () => {
        throw new Error('disk on fire');
      };
      expect(await main(['models', '--help', ...(verbose ? ['--verbose'] : [])], t.term)).toBe(1);
      expect(t.err()).toMatch(/^codex-bedrock-setup: internal error: disk on fire\n/);
      expect(t.err().includes('    at '), `verbose ${verbose}`).toBe(verbose);
    }
  });

  it('prints generated help and the version, exit 0; the wizard without a terminal says how to run setup', async () => {
    const help = terminal();
    expect(await main(['models', '--help'], help.term)).toBe(0);
    expect(help.out()).toBe(helpText(COMMANDS.models, 100) + '\n');
    const version = terminal();
    expect(await main(['--version'], version.term)).toBe(0);
    expect(version.out()).toMatch(/^codex-bedrock-setup \d+\.\d+\.\d+\n$/);
    const wizard = terminal();
    expect(await main([], wizard.term)).toBe(2);
    expect(wizard.err()).toMatch(/needs an interactive terminal.*\n.*--yes --region us-east-1/s);
  });
});
