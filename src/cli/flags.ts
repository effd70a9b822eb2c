// Every flag once, and per command the flags it takes: the parser, the help and the tests all read these tables.
// Light imports only (validators, no SDK, no Ink): `--help` must start fast.
import { validateRuntimeModelId } from '../core/iam/runtimeModels.js';
import { parseRegion } from '../core/regions.js';
import {
  validateAccountId,
  validateAwsProfileName,
  validateCodexProfileName,
  validateModelId,
  validateSsoRoleName,
  validateSsoSessionName,
  validateSsoStartUrl,
  type Validation,
} from '../core/validate.js';
import { printable, type CliOptions, type CommandName, type OptionKey, type TeamCommand } from './options.js';

/** What the command line gave, by flag name, before any value is checked (--model depends on --provider). */
export type Given = ReadonlyMap<string, readonly string[]>;

export interface Flag {
  /** Without the dashes: `region`. */
  name: string;
  short?: string;
  /** boolean: present or not; string: one value; list: the option holds every value given, in order. */
  type: 'boolean' | 'string' | 'list';
  key: OptionKey;
  /** For a boolean: what it sets (--no-color sets color to false). */
  sets?: boolean;
  /** The value's name in help: `--region R`. */
  value?: string;
  /** One line of help (wrapped to the terminal by the help renderer). */
  help: string;
  /** More than one occurrence allowed (list flags only; per command). */
  repeatable?: boolean;
  /** The flag this one cannot be given with (both directions are listed). */
  excludes?: string;
  /** Checks and normalises the value; a message without a leading `--flag` gets one. */
  check?: (raw: string, given: Given) => Validation<unknown>;
}

export interface Requirement {
  flag: string;
  message: string;
}

export interface CommandSpec {
  /** As typed: `setup`, `team init`. */
  id: string;
  command: CommandName;
  teamCommand?: TeamCommand;
  /** One line for the list of commands. */
  summary: string;
  usage: string[];
  about: string;
  flags: Flag[];
  /** Flags the command cannot run without, and what to say when one is missing. */
  requires?: Requirement[];
  /** Default ceiling in seconds (commands/ceiling.ts); null: none. */
  ceilingS: number | null;
  /** The ceiling with --auth sso (a browser sign-in may take minutes). */
  ceilingSsoS?: number;
  examples?: string[];
  /** Trailing prose paragraphs: files written, environment, caveats. */
  notes?: string[];
}

const oneOf =
  <T extends string>(flag: string, allowed: readonly T[], how = `one of ${allowed.join(', ')}`) =>
  (raw: string): Validation<unknown> =>
    (allowed as readonly string[]).includes(raw) ? { ok: true, value: raw } : { ok: false, message: `--${flag} must be ${how} (got "${printable(raw)}").` };

const region = (raw: string): Validation<unknown> => {
  const r = parseRegion(raw);
  return r.ok ? { ok: true, value: r.region } : { ok: false, message: r.message };
};

function timeout(raw: string): Validation<unknown> {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(n >= 1 && n <= 86_400)) return { ok: false, message: `--timeout takes seconds, from 1 to 86400 (got "${printable(raw)}").` };
  return { ok: true, value: n };
}

function publishUrl(raw: string): Validation<unknown> {
  return /^https:\/\/[^\s#]+$/.test(raw) ? { ok: true, value: raw } : { ok: false, message: '--url must be the https:// address you will publish the template at (no #fragment).' };
}

function runIdCheck(raw: string): Validation<unknown> {
  return /^\d{8}-\d{6}-[0-9a-f]{4}$/.test(raw) ? { ok: true, value: raw } : { ok: false, message: `--run takes a run id as restore --list shows it, e.g. 20260101-120000-ab12 (got "${printable(raw)}").` };
}

const model = (raw: string, given: Given) => (given.get('provider')?.at(-1) === 'runtime' ? validateRuntimeModelId(raw) : validateModelId(raw));

/** Every flag, with the help that fits most commands; a command's table may reword it. */
export const FLAG = {
  help: { name: 'help', short: 'h', type: 'boolean', key: 'help', help: 'this help; every command has its own: codex-bedrock-setup <command> --help' },
  version: { name: 'version', short: 'v', type: 'boolean', key: 'version', help: "print this tool's version and exit" },
  demo: { name: 'demo', type: 'boolean', key: 'demo', help: 'run against the built-in AWS emulator in a temporary home (nothing of yours is touched)' },
  noColor: { name: 'no-color', type: 'boolean', key: 'color', sets: false, help: 'no colour (NO_COLOR is respected too)' },
  verbose: { name: 'verbose', type: 'boolean', key: 'verbose', help: 'log each HTTP request and AWS SDK call on stderr (credentials redacted), and the stack of an internal error' },
  timeout: { name: 'timeout', type: 'string', key: 'timeoutS', value: 'SECONDS', help: 'stop the command if it has not finished by then', check: timeout },
  json: { name: 'json', type: 'boolean', key: 'json', help: 'one JSON document on stdout; human text on stderr' },
  codexHome: { name: 'codex-home', type: 'string', key: 'codexHome', value: 'DIR', help: "where Codex's config lives (default: $CODEX_HOME or ~/.codex)" },
  yes: { name: 'yes', short: 'y', type: 'boolean', key: 'yes', help: 'required without a terminal: no questions' },
  fix: { name: 'fix', type: 'boolean', key: 'fix', help: 'make the fixes that are Codex config edits (model id, refused or ignored settings, a missing AWS profile, region, web search, legacy layout): diff first, then a question, a backup, an atomic write, and the checks again' },
  dryRun: { name: 'dry-run', type: 'boolean', key: 'dryRun', help: 'show the diff, write nothing' },
  skipSmokeTest: { name: 'skip-smoke-test', type: 'boolean', key: 'skipSmokeTest', help: 'do not call Bedrock after writing' },
  allRegions: { name: 'all-regions', type: 'boolean', key: 'allRegions', help: 'every region Codex accepts, queried at once' },
  withCodex: { name: 'with-codex', type: 'boolean', key: 'withCodex', help: 'also run one real `codex exec` turn with the profile (the final proof)' },
  report: { name: 'report', type: 'boolean', key: 'report', help: 'one Markdown document on stdout to paste into a support request: versions, every check, the Codex config and the AWS/proxy variables set, secrets and account ids masked' },
  region: { name: 'region', type: 'list', key: 'regions', value: 'R', help: 'Bedrock region (default: AWS_REGION, else us-east-1)', check: region },
  provider: {
    name: 'provider',
    type: 'string',
    key: 'provider',
    value: 'P',
    help: 'mantle (default: amazon-bedrock) or runtime (amazon-bedrock-runtime, Codex 0.148+, Bedrock Runtime ids such as global.openai.gpt-5.5; needs --model)',
    check: oneOf('provider', ['mantle', 'runtime']),
  },
  apiKeyType: { name: 'api-key-type', type: 'string', key: 'apiKeyType', value: 'T', help: 'with --auth api-key: allow only short-term or long-term keys', check: oneOf('api-key-type', ['short-term', 'long-term']) },
  auth: {
    name: 'auth',
    type: 'string',
    key: 'auth',
    value: 'METHOD',
    help: 'sso, profile, api-key or env (default: profile when --aws-profile or AWS_PROFILE is set, else api-key when AWS_BEARER_TOKEN_BEDROCK is set, else env)',
    check: oneOf('auth', ['sso', 'profile', 'api-key', 'env']),
  },
  awsProfile: { name: 'aws-profile', type: 'string', key: 'awsProfile', value: 'NAME', help: 'AWS profile to use (default: AWS_PROFILE, else the SDK default chain)', check: validateAwsProfileName },
  model: { name: 'model', type: 'list', key: 'models', value: 'ID', help: 'model id', check: model },
  codexProfile: { name: 'codex-profile', type: 'string', key: 'codexProfile', value: 'NAME', help: 'Codex profile name (default: bedrock-prod); used as codex --profile NAME', check: validateCodexProfileName },
  prompt: { name: 'prompt', type: 'string', key: 'prompt', value: 'TEXT', help: 'the prompt of the smoke test' },
  accountId: { name: 'account-id', type: 'string', key: 'accountId', value: 'ID', help: 'AWS account (12 digits)', check: validateAccountId },
  teamConfig: {
    name: 'team-config',
    type: 'string',
    key: 'teamConfig',
    value: 'SRC',
    help: 'pre-fill, pin and limit choices from a team template (see assets/team.example.toml): a local file, or https://…/codex-team.toml#sha256=HEX. A URL without #sha256= is refused: the pin is what makes the server unable to change your config unseen',
  },
  output: { name: 'output', short: 'o', type: 'string', key: 'output', value: 'FILE', help: 'write to FILE' },
  ssoStartUrl: { name: 'sso-start-url', type: 'string', key: 'ssoStartUrl', value: 'URL', help: 'IAM Identity Center start URL (https://NAME.awsapps.com/start)', check: validateSsoStartUrl },
  ssoRegion: { name: 'sso-region', type: 'string', key: 'ssoRegion', value: 'R', help: 'the Identity Center region (default: --region)', check: region },
  ssoRole: { name: 'sso-role', type: 'string', key: 'ssoRole', value: 'NAME', help: 'permission set role (default: the only one offered)', check: validateSsoRoleName },
  deviceCode: { name: 'device-code', type: 'boolean', key: 'deviceCode', excludes: 'browser', help: 'sign in with a URL and a code on any device (default over SSH, in WSL or a container, or without a display)' },
  browser: { name: 'browser', type: 'boolean', key: 'browser', excludes: 'device-code', help: "sign in in this machine's browser (the aws CLI 2.22+ default where a display is; older aws CLIs always use the code)" },
  ssoSession: { name: 'sso-session', type: 'string', key: 'ssoSession', value: 'NAME', help: '[sso-session NAME] block to write (default: the profile name)', check: validateSsoSessionName },
  webSearch: {
    name: 'web-search',
    type: 'string',
    key: 'webSearch',
    value: 'on|off',
    help: 'on: keep Codex\'s hosted web_search tool; off: web_search = "disabled" (default: a live request decides whether the endpoint runs it)',
    check: oneOf('web-search', ['on', 'off'], 'on or off'),
  },
  out: { name: 'out', type: 'string', key: 'out', value: 'PATH', help: 'where to write' },
  url: { name: 'url', type: 'string', key: 'url', value: 'URL', help: 'where you will publish the template (https://, no #fragment)', check: publishUrl },
  list: { name: 'list', type: 'boolean', key: 'list', help: 'list the recorded runs and their backups; change nothing' },
  run: { name: 'run', type: 'string', key: 'runId', value: 'ID', help: 'the run to undo, as restore --list shows it (default: the newest)', check: runIdCheck },
  policyFile: { name: 'policy', type: 'string', key: 'policyFile', value: 'FILE', help: "the IAM policy (JSON) your developers' role has: checked instead of the one `policy` writes" },
  force: { name: 'force', type: 'boolean', key: 'force', help: 'also put back files edited since codex-bedrock-setup wrote them (their current state is backed up first)' },
} satisfies Record<string, Flag>;

/** The same flag with this command's wording or repeatability. */
const with_ = <T extends Flag>(flag: T, changes: Partial<Pick<Flag, 'help' | 'repeatable' | 'value'>>): T => ({ ...flag, ...changes });

/** Taken by every command. */
export const GLOBAL = [FLAG.demo, FLAG.noColor, FLAG.verbose, FLAG.timeout, FLAG.help, FLAG.version];

const SSO_FLAGS = [
  with_(FLAG.ssoStartUrl, { help: 'with --auth sso: IAM Identity Center start URL (https://NAME.awsapps.com/start)' }),
  with_(FLAG.ssoRegion, { help: 'with --auth sso: the Identity Center region (default: --region)' }),
  with_(FLAG.accountId, { help: 'with --auth sso: AWS account (default: the only one the portal offers)' }),
  with_(FLAG.ssoRole, { help: 'with --auth sso: permission set role (default: the only one offered)' }),
  with_(FLAG.ssoSession, { help: 'with --auth sso: [sso-session NAME] block to write (default: the profile name)' }),
  FLAG.deviceCode,
  FLAG.browser,
];

const SETUP_AUTH = with_(FLAG.auth, {
  help: 'profile (default when --aws-profile or AWS_PROFILE is set), env, api-key (AWS_BEARER_TOKEN_BEDROCK; never written to config), sso (IAM Identity Center through the aws CLI v2: writes the profile if needed, then aws sso login)',
});

/** Codex's config.toml may point the Mantle provider elsewhere (base_url): commands that call Mantle follow it. */
const CODEX_HOME_ENDPOINT = with_(FLAG.codexHome, { help: "where Codex's config lives (default: $CODEX_HOME or ~/.codex); its Mantle base_url, if set, is the endpoint asked" });

export const EXIT_CODES = 'Exit codes: 0 ok, 1 a check or call failed, 2 bad usage or input, 130 interrupted.';

export const WIZARD = {
  id: 'wizard',
  command: 'wizard',
  summary: 'interactive wizard (needs a terminal)',
  usage: [
    'npx codex-bedrock-setup                 interactive wizard (needs a terminal)',
    'npx codex-bedrock-setup --yes [flags]   the same, non-interactive (= setup; see setup --help)',
    'npx codex-bedrock-setup <command> [flags]',
  ],
  about: 'codex-bedrock-setup: set up the OpenAI Codex CLI on Amazon Bedrock, and fix it when it breaks.',
  flags: [
    with_(FLAG.yes, { help: 'no wizard: run setup with these flags (see: codex-bedrock-setup setup --help)' }),
    FLAG.teamConfig,
    FLAG.region,
    FLAG.auth,
    with_(FLAG.awsProfile, { help: 'AWS profile to use (default: AWS_PROFILE, else the SDK default chain)' }),
    with_(FLAG.model, { repeatable: true, help: 'pre-fill the model of each Codex profile, in order' }),
    FLAG.codexProfile,
    FLAG.prompt,
    ...SSO_FLAGS,
    FLAG.codexHome,
    ...GLOBAL,
  ],
  ceilingS: null,
  examples: ['npx codex-bedrock-setup', 'npx codex-bedrock-setup --demo', 'npx codex-bedrock-setup --yes --region us-east-1 --auth profile --aws-profile my-profile'],
  notes: [
    'Files written: ~/.codex/config.toml and ~/.codex/<profile>.config.toml (with a .bak-<time> backup of each changed file), and for SSO set-up ~/.aws/config. Secrets are never written to Codex\'s files.',
  ],
} satisfies CommandSpec;

export const SETUP = {
  id: 'setup',
  command: 'setup',
  summary: "write Codex's Bedrock config (config.toml + <profile>.config.toml), then smoke-test it",
  usage: ['codex-bedrock-setup setup --yes --region R --auth sso|profile|api-key|env [flags]'],
  about: "Writes Codex's Amazon Bedrock configuration without the wizard, then runs a smoke test.",
  flags: [
    FLAG.yes,
    // A re-run keeps what is configured: the defaults below say so.
    with_(FLAG.region, { help: 'Bedrock region (default: AWS_REGION, else the one the Codex profile has, else us-east-1)' }),
    SETUP_AUTH,
    with_(FLAG.awsProfile, { help: 'AWS profile Codex should use (default: AWS_PROFILE, else the one the Codex profile has)' }),
    ...SSO_FLAGS,
    with_(FLAG.model, { help: 'model for the Codex profile (default: the one it has, if the region still serves it, else the strongest available)' }),
    FLAG.provider,
    with_(FLAG.codexProfile, { help: 'Codex profile name (default: the only Bedrock profile Codex has, else bedrock-prod); used as codex --profile NAME' }),
    FLAG.codexHome,
    FLAG.webSearch,
    FLAG.teamConfig,
    with_(FLAG.prompt, { help: 'the prompt of the smoke test after writing' }),
    FLAG.dryRun,
    FLAG.skipSmokeTest,
    with_(FLAG.json, { help: 'machine-readable result: one JSON document on stdout; human text on stderr' }),
    ...GLOBAL,
  ],
  ceilingS: 180,
  ceilingSsoS: 900,
  examples: [
    'codex-bedrock-setup setup --yes --region us-east-1 --auth profile --aws-profile my-profile',
    'codex-bedrock-setup setup --yes --auth sso --aws-profile codex --sso-start-url https://my-company.awsapps.com/start --sso-region us-east-1',
    'codex-bedrock-setup setup --dry-run --auth api-key --model openai.gpt-5.5',
  ],
  notes: ['Every changed file is shown as a diff, backed up to <file>.bak-<time>, and written atomically.'],
} satisfies CommandSpec;

export const MODELS = {
  id: 'models',
  command: 'models',
  summary: 'which models your identity can use, in which regions',
  usage: ['codex-bedrock-setup models [--region R | --all-regions] [--aws-profile NAME] [--json]'],
  about:
    'Lists the models Codex can use: a model is usable where Bedrock Mantle serves it in the region, your identity may call it, and (marked) the installed Codex knows its metadata.',
  flags: [FLAG.region, FLAG.allRegions, FLAG.auth, FLAG.awsProfile, CODEX_HOME_ENDPOINT, FLAG.json, ...GLOBAL],
  ceilingS: 120,
  examples: ['codex-bedrock-setup models --region us-east-1', 'codex-bedrock-setup models --all-regions --json'],
} satisfies CommandSpec;

export const SMOKE = {
  id: 'smoke',
  command: 'smoke',
  summary: 'one streamed Responses API call, signed as Codex signs it, with latency',
  usage: ['codex-bedrock-setup smoke [--codex-profile NAME] [--model ID] [--region R] [--prompt TEXT] [--json]'],
  about:
    "Streams the request Codex sends for a Codex profile (default: bedrock-prod if it exists) to Bedrock Mantle, signed exactly as Codex signs it: recorded from the installed Codex (>= 0.145) against a local loopback server and replayed, else modelled on its version; the output says which. Reports time to headers, time to first token, inter-token gaps, tokens/s and total.",
  flags: [
    with_(FLAG.codexProfile, { help: "the Codex profile to test (default: bedrock-prod if it exists); its region, AWS profile and model are the defaults below" }),
    with_(FLAG.model, { help: "model to call (default: the profile's)" }),
    with_(FLAG.region, { help: "Bedrock region (default: the profile's, else AWS_REGION, else us-east-1)" }),
    FLAG.auth,
    with_(FLAG.awsProfile, { help: "AWS profile (default: the profile's, else AWS_PROFILE, else the SDK default chain)" }),
    with_(FLAG.prompt, { help: 'what to ask (default: a short fixed prompt)' }),
    FLAG.codexHome,
    FLAG.json,
    ...GLOBAL,
  ],
  ceilingS: 120,
  examples: ['codex-bedrock-setup smoke', 'codex-bedrock-setup smoke --codex-profile bedrock-prod --json'],
} satisfies CommandSpec;

export const POLICY = {
  id: 'policy',
  command: 'policy',
  summary: 'print the least-privilege IAM policy for an administrator',
  usage: ['codex-bedrock-setup policy [--region R ...] [--model ID ...] [--auth METHOD] [--provider P] [--account-id ID] [-o FILE] [--json]'],
  about:
    "Prints the least-privilege IAM policy (JSON) for an administrator to attach to your role or permission set, built from AWS's Service Authorization Reference. No AWS call is made.",
  flags: [
    with_(FLAG.region, {
      repeatable: true,
      help: 'a region Codex calls (default: AWS_REGION, else us-east-1). ARNs use the region\'s partition (aws-us-gov for GovCloud, aws-cn for China)',
    }),
    with_(FLAG.model, {
      repeatable: true,
      help: 'a model id exactly as Codex sends it. Without it every model is allowed. Codex also runs background tasks on other models (openai.gpt-5.6-luna or openai.gpt-5.6-terra, openai.gpt-5.4 in older versions): add those too if needed',
    }),
    with_(FLAG.auth, { help: 'api-key adds CallWithBearerToken (Bedrock API keys); sso, profile and env do not (default: api-key when AWS_BEARER_TOKEN_BEDROCK is set)' }),
    FLAG.apiKeyType,
    with_(FLAG.provider, {
      help: "mantle (default: Codex's amazon-bedrock provider, bedrock-mantle:CreateInference) or runtime (amazon-bedrock-runtime: bedrock:InvokeModel* on inference profiles such as global.openai.gpt-5.5 and the foundation models behind them)",
    }),
    with_(FLAG.accountId, { help: 'restrict the ARNs to this 12-digit account (default: any account)' }),
    with_(FLAG.output, { help: 'write the policy to FILE (diff shown, previous file kept as FILE.bak-<time>, atomic); the folder must exist' }),
    with_(FLAG.json, { help: 'one JSON document: the policy, a reason per statement, notes (or the error)' }),
    ...GLOBAL,
  ],
  ceilingS: 60,
  examples: ['codex-bedrock-setup policy --region us-east-1 --model openai.gpt-5.5 > policy.json', 'codex-bedrock-setup policy --auth api-key --api-key-type short-term -o policy.json'],
  notes: ['Without -o, stdout is the policy itself (to redirect or pipe) and every other line goes to stderr.'],
} satisfies CommandSpec;

export const DOCTOR = {
  id: 'doctor',
  command: 'doctor',
  summary: 'run every check and explain each failure with its fix',
  usage: ['codex-bedrock-setup doctor [--codex-profile NAME] [--json | --report [--team-config SRC]] [--with-codex]', 'codex-bedrock-setup doctor --fix [--yes] [--device-code | --browser] [--codex-profile NAME]'],
  about:
    'Runs every check (tools, Codex config, AWS profile and credentials, region, models, a streamed call) and explains each failure with its cause and the exact fix. Exit 0 when nothing fails.',
  flags: [
    with_(FLAG.codexProfile, { help: 'the Codex profile to check (default: the only one, else bedrock-prod)' }),
    FLAG.withCodex,
    FLAG.fix,
    with_(FLAG.yes, { help: 'with --fix: apply without asking (required without a terminal)' }),
    with_(FLAG.deviceCode, { help: 'with --fix: sign in again with a URL and a code on any device (default over SSH, in WSL or a container, or without a display)' }),
    with_(FLAG.browser, { help: "with --fix: sign in again in this machine's browser (aws CLI 2.22+; older ones always use the code)" }),
    FLAG.codexHome,
    FLAG.json,
    FLAG.report,
    with_(FLAG.teamConfig, { help: 'with --report: the team template whose help URL the report names' }),
    ...GLOBAL,
  ],
  ceilingS: 240,
  examples: ['codex-bedrock-setup doctor', 'codex-bedrock-setup doctor --with-codex --json', 'codex-bedrock-setup doctor --fix', 'codex-bedrock-setup doctor --report > doctor-report.md'],
  notes: [
    'With --json, each check has a status: pass, warn, fail, or skipped (checks that wait for something missing, such as the Codex config before setup; never a failure).',
    'With --fix, an IAM Identity Center sign-in of the profile Codex uses that has ended, is missing or ends within the hour is made again: it asks (or --yes), runs aws sso login on your terminal (--use-device-code when there is no browser and the aws CLI has it), then checks again; without a terminal it prints the command and starts nothing. A finding whose fix is yours or an administrator\'s (IAM permissions, a model not offered) is printed with its fix as without it. Without a terminal and without --yes it shows the diff, changes nothing and exits 2.',
  ],
} satisfies CommandSpec;

export const REGIONS = {
  id: 'regions',
  command: 'regions',
  summary: 'which Bedrock regions answer from this network, and how fast',
  usage: ['codex-bedrock-setup regions [--region R ...] [--json]'],
  about: 'Probes Bedrock Mantle in each region from this machine (through your proxy, if any) and reports which answer and their round-trip time.',
  flags: [with_(FLAG.region, { repeatable: true, help: 'a region to probe (default: every region Codex accepts)' }), FLAG.json, ...GLOBAL],
  ceilingS: 120,
  examples: ['codex-bedrock-setup regions', 'codex-bedrock-setup regions --region us-east-1 --region eu-west-1 --json'],
} satisfies CommandSpec;

const MANIFEST_NOTE =
  'Every run that writes records what it wrote in $CODEX_HOME/codex-bedrock-setup/manifest.json (paths, hashes, key and section names; never a value) and keeps copies of the files before and after in store/ beside it.';

export const RESTORE = {
  id: 'restore',
  command: 'restore',
  summary: 'put back the files a run changed, from its backups (--list shows the runs)',
  usage: ['codex-bedrock-setup restore --list [--json]', 'codex-bedrock-setup restore [--run ID] [--force] [--yes] [--json]'],
  about:
    'Puts every file one run of codex-bedrock-setup wrote back as it was before that run: the diff first, then a question (or --yes), then the current state backed up as <file>.bak-<time> and each file replaced atomically. Files the run created are removed.',
  flags: [
    FLAG.list,
    FLAG.run,
    FLAG.force,
    with_(FLAG.yes, { help: 'restore without asking (required without a terminal)' }),
    with_(FLAG.codexHome, { help: "the Codex home whose manifest to read (default: $CODEX_HOME or ~/.codex)" }),
    FLAG.json,
    ...GLOBAL,
  ],
  ceilingS: 120,
  examples: ['codex-bedrock-setup restore --list', 'codex-bedrock-setup restore --run 20260101-120000-ab12 --yes'],
  notes: [MANIFEST_NOTE, 'A file edited since codex-bedrock-setup wrote it is left as it is and reported (unless --force).', 'Without a terminal and without --yes it shows the diff, changes nothing and exits 2.'],
} satisfies CommandSpec;

export const UNINSTALL = {
  id: 'uninstall',
  command: 'uninstall',
  summary: 'remove exactly what codex-bedrock-setup added, and nothing else',
  usage: ['codex-bedrock-setup uninstall [--yes] [--json]'],
  about:
    'Puts every file codex-bedrock-setup wrote back as it was before its first write: Codex profile files it created are removed, config.toml and ~/.aws/config get their earlier bytes back (our keys and [sso-session]/[profile] blocks go, your own lines stay). The diff first, then a question (or --yes); the current state is backed up as <file>.bak-<time>.',
  flags: [
    with_(FLAG.yes, { help: 'uninstall without asking (required without a terminal)' }),
    with_(FLAG.codexHome, { help: "the Codex home whose manifest to read (default: $CODEX_HOME or ~/.codex)" }),
    FLAG.json,
    ...GLOBAL,
  ],
  ceilingS: 120,
  examples: ['codex-bedrock-setup uninstall', 'codex-bedrock-setup uninstall --yes --json'],
  notes: [
    MANIFEST_NOTE,
    'A file edited since codex-bedrock-setup wrote it keeps those edits: only our keys and blocks still as we wrote them are undone, and what was left is reported.',
    'To undo the uninstall itself: codex-bedrock-setup restore (it undoes the newest run).',
    'Without a terminal and without --yes it shows the diff, changes nothing and exits 2.',
  ],
} satisfies CommandSpec;

const TEAM_TEMPLATE = with_(FLAG.teamConfig, { help: 'the team template: a file, or https://…/codex-team.toml#sha256=HEX' });
const TEAM_ABOUT = 'For the administrator rolling Codex out to a team (SRC: a file, or https://…/codex-team.toml#sha256=HEX).';

export const TEAM_INIT = {
  id: 'team init',
  command: 'team',
  teamCommand: 'init',
  summary: 'write a template (on a terminal with no answer flag it asks; else from the flags alone) and print the pinned line each developer runs',
  usage: ['codex-bedrock-setup team init --out FILE [--url URL] [--sso-start-url URL --sso-region R --account-id ID --sso-role NAME] [--aws-profile NAME] [--region R] [--model ID ...] [--codex-profile NAME]'],
  about: TEAM_ABOUT,
  flags: [
    with_(FLAG.out, { value: 'FILE', help: 'the template to write, e.g. codex-team.toml' }),
    FLAG.url,
    with_(FLAG.ssoStartUrl, { help: "the team's IAM Identity Center start URL" }),
    with_(FLAG.ssoRegion, { help: 'the Identity Center region' }),
    with_(FLAG.accountId, { help: 'the AWS account developers sign in to' }),
    with_(FLAG.ssoRole, { help: 'the permission set role they use' }),
    with_(FLAG.awsProfile, { help: 'the AWS profile name developers get' }),
    with_(FLAG.region, { help: 'the Bedrock region' }),
    with_(FLAG.model, { repeatable: true, help: 'an allowed model; the first is the default' }),
    with_(FLAG.codexProfile, { help: 'the Codex profile name developers get' }),
    FLAG.json,
    ...GLOBAL,
  ],
  requires: [{ flag: 'out', message: 'team init needs --out FILE (the template to write, e.g. codex-team.toml).' }],
  ceilingS: 120,
  examples: ['codex-bedrock-setup team init --out codex-team.toml --url https://example.com/codex-team.toml --sso-start-url https://my-company.awsapps.com/start --sso-region us-east-1'],
} satisfies CommandSpec;

export const TEAM_MANAGED = {
  id: 'team managed',
  command: 'team',
  teamCommand: 'managed',
  summary: 'write requirements.toml, managed_config.toml (for /etc/codex/) and a macOS .mobileconfig for your device management to deliver (Codex enforces them; users cannot override them)',
  usage: ['codex-bedrock-setup team managed --team-config SRC --out DIR'],
  about: TEAM_ABOUT,
  flags: [TEAM_TEMPLATE, with_(FLAG.out, { value: 'DIR', help: 'the folder to write the files to' }), FLAG.json, ...GLOBAL],
  requires: [
    { flag: 'team-config', message: 'team managed needs --team-config FILE or https://…#sha256=HEX.' },
    { flag: 'out', message: 'team managed needs --out DIR (where to write the files your device management delivers).' },
  ],
  ceilingS: 120,
} satisfies CommandSpec;

export const TEAM_CHECK = {
  id: 'team check',
  command: 'team',
  teamCommand: 'check',
  summary: "with your credentials: every allowed region reachable, every allowed model served there, the SSO start URL answering, the template's Codex minimum, the IAM policy allowing exactly the template",
  usage: ['codex-bedrock-setup team check --team-config SRC [--policy FILE] [--auth METHOD] [--aws-profile NAME] [--json]'],
  about: TEAM_ABOUT,
  flags: [TEAM_TEMPLATE, FLAG.policyFile, FLAG.auth, FLAG.awsProfile, CODEX_HOME_ENDPOINT, FLAG.json, ...GLOBAL],
  requires: [{ flag: 'team-config', message: 'team check needs --team-config FILE or https://…#sha256=HEX.' }],
  ceilingS: 120,
} satisfies CommandSpec;

export const TEAM_SUBCOMMANDS: Record<TeamCommand, CommandSpec> = { init: TEAM_INIT, managed: TEAM_MANAGED, check: TEAM_CHECK };

/** `team` itself only answers --help; its subcommands do the work. */
export const TEAM = {
  id: 'team',
  command: 'team',
  summary: 'for administrators: team init (write a template), team managed (device-management files), team check (test a template)',
  usage: ['codex-bedrock-setup team init|managed|check [flags]'],
  about: TEAM_ABOUT,
  flags: [FLAG.help],
  ceilingS: 120,
} satisfies CommandSpec;

/** In the order `--help` lists them. */
export const COMMANDS: Record<Exclude<CommandName, 'wizard'>, CommandSpec> = {
  setup: SETUP,
  models: MODELS,
  smoke: SMOKE,
  policy: POLICY,
  doctor: DOCTOR,
  team: TEAM,
  regions: REGIONS,
  restore: RESTORE,
  uninstall: UNINSTALL,
};

/** The table that decides what a run of `command` (and `teamCommand`) may set. */
export function specOf(options: Pick<CliOptions, 'command' | 'teamCommand'>): CommandSpec {
  if (options.command === 'wizard') return WIZARD;
  if (options.command === 'team' && options.teamCommand) return TEAM_SUBCOMMANDS[options.teamCommand];
  return COMMANDS[options.command];
}

/** Every spec that runs something, for lookups across commands ("--x belongs to setup"). */
export const RUNNABLE: CommandSpec[] = [WIZARD, SETUP, MODELS, SMOKE, POLICY, DOCTOR, REGIONS, RESTORE, UNINSTALL, TEAM_INIT, TEAM_MANAGED, TEAM_CHECK];

/** Each flag's name once, whatever table it is in: the tokenizer needs its type before it knows the command. */
export const ALL_FLAGS: ReadonlyMap<string, Flag> = new Map(Object.values(FLAG).map((f: Flag) => [f.name, f]));
export const SHORT_FLAGS: ReadonlyMap<string, Flag> = new Map(
  Object.values(FLAG)
    .filter((f: Flag) => f.short)
    .map((f: Flag) => [f.short!, f]),
);

type KeysOf<S> = S extends { flags: readonly (infer G)[] } ? (G extends { key: infer K } ? K : never) : never;

/** What a command may read: the fields its own table sets, and which command it is. */
export type OptionsOf<S> = Pick<CliOptions, 'command' | 'teamCommand' | 'region' | Extract<KeysOf<S>, keyof CliOptions>>;
export type ModelsOptions = OptionsOf<typeof MODELS>;
export type SmokeOptions = OptionsOf<typeof SMOKE>;
export type DoctorOptions = OptionsOf<typeof DOCTOR>;
export type RegionsOptions = OptionsOf<typeof REGIONS>;
export type PolicyOptions = OptionsOf<typeof POLICY>;
export type TeamOptions = OptionsOf<typeof TEAM_INIT | typeof TEAM_MANAGED | typeof TEAM_CHECK>;
export type TeamCheckOptions = OptionsOf<typeof TEAM_CHECK>;
export type RestoreOptions = OptionsOf<typeof RESTORE>;
export type UninstallOptions = OptionsOf<typeof UNINSTALL>;
