// The parsed command line: what every command receives. Which fields a command may set is its flag table's say.

export type CommandName = 'wizard' | 'setup' | 'models' | 'smoke' | 'policy' | 'doctor' | 'team' | 'regions' | 'restore' | 'uninstall';
export type TeamCommand = 'init' | 'managed' | 'check';

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
  /** doctor: apply the fixes that are config edits (plan, diff, confirm, backup). */
  fix: boolean;
  /** doctor --report: one redacted Markdown document to paste into a support request. */
  report: boolean;
  /** The first --region; undefined when none was given. */
  region?: string;
  /** Every --region given, in order; only policy and regions take more than one. */
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
  /** --device-code / --browser: how IAM Identity Center sign-in runs (neither: the device code when headless). */
  deviceCode?: boolean;
  browser?: boolean;
  /** on: leave Codex's hosted web_search tool as it is; off: write web_search = "disabled"; absent: a live probe decides. */
  webSearch?: 'on' | 'off';
  /** --timeout SECONDS: the command's ceiling (default per command: its table's ceilingS). */
  timeoutS?: number;
  /** `team init|managed|check`. */
  teamCommand?: TeamCommand;
  /** team managed --out DIR, team init --out FILE */
  out?: string;
  /** team check --policy FILE: the administrator's own IAM policy to evaluate. */
  policyFile?: string;
  /** team init --url: where the administrator will publish the template. */
  url?: string;
  /** restore --list: list the recorded runs, change nothing. */
  list: boolean;
  /** restore --run ID: the run whose backups to put back (default: the newest). */
  runId?: string;
  /** restore --force: also overwrite files edited since we wrote them. */
  force: boolean;
}

/** The fields a flag can set (the command and subcommand come from positionals). */
export type OptionKey = Exclude<keyof CliOptions, 'command' | 'teamCommand'>;

export function defaultOptions(command: CommandName = 'wizard'): CliOptions {
  return {
    command,
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
    fix: false,
    withCodex: false,
    report: false,
    list: false,
    force: false,
    regions: [],
    models: [],
  };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A value as it may be quoted back in a message: at most 60 characters, controls escaped. */
export function printable(s: string): string {
  return JSON.stringify(s.slice(0, 60)).slice(1, -1);
}
