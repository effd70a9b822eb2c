// Flag parsing and help text: pure, so the contract is tested without running anything.
import { parseArgs } from 'node:util';
import { validateRuntimeModelId } from './core/iam/runtimeModels.js';
import { parseRegion } from './core/regions.js';
import {
  validateAccountId,
  validateAwsProfileName,
  validateCodexProfileName,
  validateModelId,
  validateSsoStartUrl,
  type Validation,
} from './core/validate.js';

export type CommandName = 'wizard' | 'setup' | 'models' | 'smoke' | 'policy' | 'doctor' | 'team';

export interface CliOptions {
  command: CommandName;
  help: boolean;
  version: boolean;
  yes: boolean;
  json: boolean;
  demo: boolean;
  color: boolean;
  verbose: boolean;
  dryRun: boolean;
  skipSmokeTest: boolean;
  allRegions: boolean;
  withCodex: boolean;
  region?: string;
  /** Every --region given, in order; only policy takes more than one. */
  regions: string[];
  /** Which of Codex's Bedrock providers: mantle (amazon-bedrock) or runtime (amazon-bedrock-runtime). */
  provider?: 'mantle' | 'runtime';
  /** policy: restrict API keys to short-term or long-term ones. */
  apiKeyType?: 'short-term' | 'long-term';
  auth?: 'sso' | 'profile' | 'api-key' | 'env';
  awsProfile?: string;
  models: string[];
  codexProfile?: string;
  codexHome?: string;
  prompt?: string;
  accountId?: string;
  teamConfig?: string;
  output?: string;
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoRole?: string;
  ssoSession?: string;
  /** on: leave Codex's hosted web_search tool as it is; off: write web_search = "disabled"; absent: a live probe decides. */
  webSearch?: 'on' | 'off';
  /** --timeout SECONDS: the command's ceiling (default per command, see CEILING_S). */
  timeoutS?: number;
  /** `team managed|check`. */
  teamCommand?: TeamCommand;
  /** team managed --out DIR, team init --out FILE */
  out?: string;
  /** team init --url: where the administrator will publish the template. */
  url?: string;
}

export type TeamCommand = 'init' | 'managed' | 'check';
const TEAM_COMMANDS: TeamCommand[] = ['init', 'managed', 'check'];

/** Said by the CLI and by runWizard alike when there is no terminal to draw on. */
export const NOT_A_TTY_MESSAGE = [
  'codex-bedrock-setup: the wizard needs an interactive terminal, and this is not one (piped or CI).',
  'Run it non-interactively instead, for example:',
  '  npx codex-bedrock-setup --yes --region us-east-1 --auth profile --aws-profile my-profile',
  'See all flags: npx codex-bedrock-setup setup --help',
  '',
].join('\n');

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: CommandName[] = ['setup', 'models', 'smoke', 'policy', 'doctor', 'team'];
const AUTH = ['sso', 'profile', 'api-key', 'env'] as const;
const PROVIDERS = ['mantle', 'runtime'] as const;
const API_KEY_TYPES = ['short-term', 'long-term'] as const;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        yes: { type: 'boolean', short: 'y' },
        json: { type: 'boolean' },
        demo: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'skip-smoke-test': { type: 'boolean' },
        'all-regions': { type: 'boolean' },
        'with-codex': { type: 'boolean' },
        region: { type: 'string', multiple: true },
        provider: { type: 'string' },
        'api-key-type': { type: 'string' },
        auth: { type: 'string' },
        'aws-profile': { type: 'string' },
        model: { type: 'string', multiple: true },
        'codex-profile': { type: 'string' },
        'codex-home': { type: 'string' },
        prompt: { type: 'string' },
        'account-id': { type: 'string' },
        'team-config': { type: 'string' },
        output: { type: 'string', short: 'o' },
        'sso-start-url': { type: 'string' },
        'sso-region': { type: 'string' },
        'sso-role': { type: 'string' },
        'sso-session': { type: 'string' },
        'web-search': { type: 'string' },
        timeout: { type: 'string' },
        out: { type: 'string' },
        url: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(cleanParseError((e as Error).message));
  }
  const v = parsed.values;
  const [first, ...rest] = parsed.positionals;
  let command: CommandName = 'wizard';
  if (first !== undefined) {
    if (first === 'help') {
      if (rest[0] !== undefined && !COMMANDS.includes(rest[0] as CommandName)) throw new UsageError(`No help for "${printable(rest[0])}": commands are ${COMMANDS.join(', ')}. See: codex-bedrock-setup --help`);
      return { ...defaults(), help: true, command: (rest[0] as CommandName) ?? 'wizard' };
    }
    if (!COMMANDS.includes(first as CommandName)) {
      throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}. See: codex-bedrock-setup --help`);
    }
    command = first as CommandName;
    if (command === 'team') return teamOptions(rest, v, env);
    if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}". See: codex-bedrock-setup ${command} --help`);
  }
  if (command === 'wizard' && v.yes) command = 'setup';
  if (v.auth !== undefined && !(AUTH as readonly string[]).includes(v.auth)) {
    throw new UsageError(`--auth must be one of ${AUTH.join(', ')} (got "${printable(v.auth)}").`);
  }
  oneOf('provider', v.provider, PROVIDERS);
  oneOf('api-key-type', v['api-key-type'], API_KEY_TYPES);
  if ((v.region?.length ?? 0) > 1 && command !== 'policy') {
    throw new UsageError(`--region is given ${v.region!.length} times; only policy takes several regions. Keep one.`);
  }
  for (const [flag, value] of Object.entries(v)) {
    if (typeof value === 'string') checkInput(flag, value);
    if (Array.isArray(value)) value.forEach((x) => checkInput(flag, x));
  }
  if (v['web-search'] !== undefined && v['web-search'] !== 'on' && v['web-search'] !== 'off') {
    throw new UsageError(`--web-search must be on or off (got "${printable(v['web-search'])}").`);
  }
  const checked = checkValues(v, v.provider === 'runtime' ? validateRuntimeModelId : validateModelId);
  return {
    ...defaults(),
    command,
    help: !!v.help,
    version: !!v.version,
    yes: !!v.yes,
    json: !!v.json,
    demo: !!v.demo,
    color: !v['no-color'] && !('NO_COLOR' in env && env.NO_COLOR !== ''),
    verbose: !!v.verbose,
    dryRun: !!v['dry-run'],
    skipSmokeTest: !!v['skip-smoke-test'],
    allRegions: !!v['all-regions'],
    withCodex: !!v['with-codex'],
    region: checked.regions[0],
    regions: checked.regions,
    provider: v.provider as CliOptions['provider'],
    apiKeyType: v['api-key-type'] as CliOptions['apiKeyType'],
    auth: v.auth as CliOptions['auth'],
    awsProfile: checked.awsProfile,
    models: checked.models,
    codexProfile: checked.codexProfile,
    codexHome: v['codex-home'],
    prompt: v.prompt,
    accountId: checked.accountId,
    teamConfig: v['team-config'],
    output: v.output,
    ssoStartUrl: checked.ssoStartUrl,
    ssoRegion: checked.ssoRegion,
    ssoRole: checked.ssoRole,
    ssoSession: checked.ssoSession,
    webSearch: v['web-search'] as CliOptions['webSearch'],
    ...(v.timeout !== undefined ? { timeoutS: parseTimeout(v.timeout) } : {}),
  };
}

function parseTimeout(raw: string): number {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(n >= 1 && n <= 86_400)) throw new UsageError(`--timeout takes seconds, from 1 to 86400 (got "${printable(raw)}").`);
  return n;
}

/** `team managed|check`: its own small flag set, checked like every other command's. */
function teamOptions(rest: string[], v: Record<string, unknown>, env: NodeJS.ProcessEnv): CliOptions {
  const [sub, extra] = rest;
  if (!sub || !TEAM_COMMANDS.includes(sub as TeamCommand)) throw new UsageError(`team needs a subcommand: ${TEAM_COMMANDS.join(', ')}. See: codex-bedrock-setup team --help`);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}". See: codex-bedrock-setup team --help`);
  const base = parseCli(Object.entries(v).flatMap(([k, x]) => (k === 'out' || k === 'url' ? [] : x === true ? [`--${k}`] : typeof x === 'string' ? [`--${k}`, x] : Array.isArray(x) ? x.flatMap((m) => [`--${k}`, String(m)]) : [])), env);
  if (sub !== 'init' && !base.teamConfig) throw new UsageError(`team ${sub} needs --team-config FILE or https://…#sha256=HEX.`);
  if (sub === 'managed' && !v.out) throw new UsageError('team managed needs --out DIR (where to write the files your device management delivers).');
  if (sub === 'init' && !v.out) throw new UsageError('team init needs --out FILE (the template to write, e.g. codex-team.toml).');
  for (const k of ['out', 'url'] as const) if (typeof v[k] === 'string') checkInput(k, v[k] as string);
  if (typeof v.url === 'string' && !/^https:\/\/[^\s#]+$/.test(v.url)) throw new UsageError('--url must be the https:// address you will publish the template at (no #fragment).');
  return { ...base, command: 'team', teamCommand: sub as TeamCommand, ...(typeof v.out === 'string' ? { out: v.out } : {}), ...(typeof v.url === 'string' ? { url: v.url } : {}) };
}

type FlagValues = Partial<Record<'sso-region' | 'aws-profile' | 'codex-profile' | 'account-id' | 'sso-start-url' | 'sso-role' | 'sso-session', string>> & { model?: string[]; region?: string[] };

/**
 * Values that reach TOML/INI files, URLs or child processes are checked here, once, so no command
 * can forget: a profile name with `]` or a newline would otherwise inject a section header.
 */
function checkValues(v: FlagValues, checkModel: (s: string) => Validation) {
  const region = (flag: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const r = parseRegion(raw);
    if (!r.ok) throw new UsageError(`--${flag}: ${r.message}`);
    return r.region;
  };
  const one = (flag: string, raw: string | undefined, check: (s: string) => Validation) => {
    if (raw === undefined) return undefined;
    const r = check(raw);
    if (!r.ok) throw new UsageError(`--${flag}: ${r.message}`);
    return r.value;
  };
  return {
    regions: (v.region ?? []).map((r) => region('region', r)!),
    ssoRegion: region('sso-region', v['sso-region']),
    awsProfile: one('aws-profile', v['aws-profile'], validateAwsProfileName),
    codexProfile: one('codex-profile', v['codex-profile'], validateCodexProfileName),
    accountId: one('account-id', v['account-id'], validateAccountId),
    ssoStartUrl: one('sso-start-url', v['sso-start-url'], validateSsoStartUrl),
    ssoRole: one('sso-role', v['sso-role'], validateSsoRoleName),
    ssoSession: one('sso-session', v['sso-session'], validateSsoSessionName),
    models: (v.model ?? []).map((m) => one('model', m, checkModel)!),
  };
}

function defaults(): CliOptions {
  return {
    command: 'wizard',
    help: false,
    version: false,
    yes: false,
    json: false,
    demo: false,
    color: true,
    verbose: false,
    dryRun: false,
    skipSmokeTest: false,
    allRegions: false,
    withCodex: false,
    regions: [],
    models: [],
  };
}

/** Every flag value: bounded and free of control characters before anything else sees it. */
function checkInput(flag: string, value: string): void {
  if (value.length > 1024) throw new UsageError(`--${flag} is too long (${value.length} characters; at most 1024).`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--${flag} contains control characters; type the value plainly.`);
  if (value.trim() === '') throw new UsageError(`--${flag} is empty.`);
}

function oneOf(flag: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${printable(value)}").`);
}

export function printable(s: string): string {
  return JSON.stringify(s.slice(0, 60)).slice(1, -1);
}

function cleanParseError(m: string): string {
  // Node's messages mention "parseArgs"; say it in the terms a user typed.
  const unknown = /Unknown option '([^']+)'/.exec(m);
  if (unknown) return `Unknown option ${unknown[1]}. See: codex-bedrock-setup --help`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(m);
  if (missing) return `${missing[1].replace(/^-\w, /, '')} needs a value.`;
  return m.replace(/\. To specify.*$/, '.');
}

export const HELP: Record<CommandName, string> = {
  wizard: `codex-bedrock-setup: set up the OpenAI Codex CLI on Amazon Bedrock, and fix it when it breaks.

Usage
  npx codex-bedrock-setup                 interactive wizard (needs a terminal)
  npx codex-bedrock-setup --yes [flags]   the same, non-interactive (= setup)
  npx codex-bedrock-setup <command> [flags]

Commands
  setup     write Codex's Bedrock config (config.toml + <profile>.config.toml), then smoke-test it
  models    which models your identity can use, in which regions
  smoke     one streamed Responses API call, signed as Codex signs it, with latency
  policy    print the least-privilege IAM policy for an administrator
  doctor    run every check and explain each failure with its fix
  team      for administrators: team init (write a template), team managed (device-management files),
            team check (test a template)

Common flags
  --team-config SRC    pre-fill, pin and limit choices from a team template (see assets/team.example.toml):
                       a local file, or https://…/codex-team.toml#sha256=HEX. A URL without #sha256= is
                       refused: the pin is what makes the server unable to change your config unseen.
  --demo               run against the built-in AWS emulator in a temporary home (nothing of yours is touched)
  --json               one JSON document on stdout; human text on stderr
  --region R           Bedrock region (e.g. us-east-1)
  --aws-profile NAME   AWS profile to use (default: AWS_PROFILE, else the SDK default chain)
  --codex-home DIR     Codex home (default: $CODEX_HOME or ~/.codex)
  --no-color           no colour (NO_COLOR is respected too)
  --verbose            log each HTTP request and AWS SDK call on stderr (credentials redacted)
  --timeout SECONDS    stop a command that has not finished by then (default: setup 180, 900 with
                       --auth sso; models, smoke 120; doctor 240; policy 60; the wizard has none)
  -h, --help           help for any command: codex-bedrock-setup <command> --help

Exit codes: 0 ok, 1 a check or call failed, 2 bad usage or input, 130 interrupted.
Files written: ~/.codex/config.toml and ~/.codex/<profile>.config.toml (with a .bak-<time> backup of each
changed file), and for SSO set-up ~/.aws/config. Secrets are never written to Codex's files.`,
  setup: `codex-bedrock-setup setup --yes --region R --auth sso|profile|api-key|env [flags]

Writes Codex's Amazon Bedrock configuration without the wizard, then runs a smoke test.
  --yes                    required without a terminal: no questions
  --region R               Bedrock region (default: AWS_REGION, else us-east-1)
  --auth METHOD            profile (default when --aws-profile or AWS_PROFILE is set), env, api-key
                           (AWS_BEARER_TOKEN_BEDROCK; never written to config), sso (IAM Identity Center
                           through the aws CLI v2: writes the profile if needed, then aws sso login)
  --aws-profile NAME       AWS profile Codex should use
  --sso-start-url URL      with --auth sso: IAM Identity Center start URL (https://NAME.awsapps.com/start)
  --sso-region R           with --auth sso: the Identity Center region (default: --region)
  --account-id ID          with --auth sso: AWS account (default: the only one the portal offers)
  --sso-role NAME          with --auth sso: permission set role (default: the only one offered)
  --sso-session NAME       with --auth sso: [sso-session NAME] block to write (default: the profile name)
  --model ID               model for the Codex profile (default: the strongest available)
  --provider P             mantle (default: amazon-bedrock) or runtime (amazon-bedrock-runtime, Codex 0.148+,
                           Bedrock Runtime ids such as global.openai.gpt-5.5; needs --model)
  --codex-profile NAME     Codex profile name (default: bedrock-prod); used as codex --profile NAME
  --codex-home DIR         where Codex's config lives (default: $CODEX_HOME or ~/.codex)
  --web-search on|off      on: keep Codex's hosted web_search tool; off: web_search = "disabled"
                           (default: a live request decides whether the endpoint runs it)
  --dry-run                show the diff, write nothing
  --skip-smoke-test        do not call Bedrock after writing
  --json                   machine-readable result
Every changed file is shown as a diff, backed up to <file>.bak-<time>, and written atomically.`,
  models: `codex-bedrock-setup models [--region R | --all-regions] [--aws-profile NAME] [--json]

Lists the models Codex can use: a model is usable where Bedrock Mantle serves it in the region,
your identity may call it, and (marked) the installed Codex knows its metadata.`,
  smoke: `codex-bedrock-setup smoke [--codex-profile NAME] [--model ID] [--region R] [--prompt TEXT] [--json]

Streams the request Codex sends for a Codex profile (default: bedrock-prod if it exists) to
Bedrock Mantle, signed exactly as Codex signs it: recorded from the installed Codex (>= 0.145) against
a local loopback server and replayed, else modelled on its version; the output says which.
Reports time to headers, time to first token, inter-token gaps, tokens/s and total.`,
  policy: `codex-bedrock-setup policy [--region R ...] [--model ID ...] [--auth METHOD] [--provider P] [--account-id ID] [-o FILE] [--json]

Prints the least-privilege IAM policy (JSON) for an administrator to attach to your role or permission set,
built from AWS's Service Authorization Reference. No AWS call is made.
  --region R           a region Codex calls; repeat for several (default: AWS_REGION, else us-east-1).
                       ARNs use the region's partition (aws-us-gov for GovCloud, aws-cn for China)
  --model ID           a model id exactly as Codex sends it; repeat for several. Without it every model is
                       allowed. Codex also runs background tasks on other models (openai.gpt-5.6-luna or
                       openai.gpt-5.6-terra, openai.gpt-5.4 in older versions): add those too if needed
  --auth METHOD        api-key adds CallWithBearerToken (Bedrock API keys); sso, profile and env do not
                       (default: api-key when AWS_BEARER_TOKEN_BEDROCK is set)
  --api-key-type T     with --auth api-key: allow only short-term or long-term keys
  --provider P         mantle (default: Codex's amazon-bedrock provider, bedrock-mantle:CreateInference) or
                       runtime (amazon-bedrock-runtime: bedrock:InvokeModel* on inference profiles such as
                       global.openai.gpt-5.5 and the foundation models behind them)
  --account-id ID      restrict the ARNs to this 12-digit account (default: any account)
  -o FILE              write the policy to FILE (diff shown, previous file kept as FILE.bak-<time>, atomic);
                       the folder must exist
  --json               one JSON document: the policy, a reason per statement, notes (or the error)`,
  team: `codex-bedrock-setup team init|managed|check [flags]

For the administrator rolling Codex out to a team (SRC: a file, or https://…/codex-team.toml#sha256=HEX).
  team init --out FILE [--url URL] [--sso-start-url URL --sso-region R --account-id ID --sso-role NAME]
            [--aws-profile NAME] [--region R] [--model ID ...] [--codex-profile NAME]
                           write a template from these flags (no questions) and print the pinned line
                           each developer runs
  team managed --out DIR   write requirements.toml and managed_config.toml for your device management to
                           deliver to /etc/codex/ (Codex enforces them; users cannot override them)
  team check [--json]      with your credentials: every allowed region reachable, every allowed model served
                           there, the SSO start URL answering, the installed Codex at the template's minimum`,
  doctor: `codex-bedrock-setup doctor [--codex-profile NAME] [--json] [--with-codex]

Runs every check (tools, Codex config, AWS profile and credentials, region, models, a streamed call)
and explains each failure with its cause and the exact fix. Exit 0 when nothing fails.
  --with-codex   also run one real \`codex exec\` turn with the profile (the final proof)`,
};

/** IAM role names: letters, digits and + = , . @ _ - (at most 64); they end up in the AWS config. */
export function validateSsoRoleName(input: string): Validation {
  const v = input.trim();
  if (!/^[\w+=,.@-]{1,64}$/.test(v)) return { ok: false, message: `"${printable(v)}" is not an IAM role name (letters, digits and + = , . @ _ - only, at most 64).` };
  return { ok: true, value: v };
}

/** It becomes an `[sso-session NAME]` header, so the profile-name rules keep it from breaking the file. */
export function validateSsoSessionName(input: string): Validation {
  const r = validateAwsProfileName(input);
  return r.ok ? r : { ok: false, message: r.message.replace(/AWS profile name/g, 'SSO session name') };
}
