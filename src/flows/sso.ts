// `setup --yes --auth sso`: make the IAM Identity Center profile exist, sign in through the real aws CLI,
// prove it, and sign in again when a later step finds the session expired.
import { UsageError } from '../args.js';
import {
  findUsableAws,
  isSsoLoginError,
  isSsoLoginFailure,
  readSsoToken,
  ssoLogin,
  ssoProfileComplete,
  tokenUsable,
  verifySsoProfile,
  type AwsRunner,
  type SsoAssignment,
} from '../services/sso.js';
import type { CliOptions } from '../args.js';
import { awsCliErrorLine } from '../core/diagnosisAwsCli.js';
import { headlessWhy, type HeadlessReason } from '../core/headless.js';
import { ServiceError, isServiceError } from '../services/errors.js';
import { signsInWithCode, ssoLoginArgs, type SignInChoice, type SignInMode } from '../core/ssoArgs.js';
import type { Services } from '../services/types.js';
import type { AwsCliInfo, Failure, Identity } from '../types.js';

/** How the flow tells the person what it does; the command prints it, marks and colours included. */
export interface SsoReport {
  line(text: string): void;
  ok(text: string): void;
  warn(text: string): void;
  diff(unified: string): void;
}

export interface SsoContext {
  options: Pick<CliOptions, 'ssoSession' | 'ssoStartUrl' | 'ssoRegion' | 'accountId' | 'ssoRole' | 'dryRun' | 'deviceCode' | 'browser'>;
  services: Services;
  report: SsoReport;
}

export interface SsoSetupDeps {
  run?: AwsRunner;
  listAssignments?: (ssoRegion: string, accessToken: string) => Promise<SsoAssignment[]>;
  platform?: NodeJS.Platform;
}

export interface SsoReady {
  aws: AwsCliInfo;
  /** Every aws on PATH, in PATH order: Codex signs in again with the first one. */
  clis: AwsCliInfo[];
  profile: string;
  /** How this run signs in (and Codex signs in again): browser or device code. */
  signIn: SignInMode;
  /** Null on --dry-run, where nothing is signed in. */
  identity: Identity | null;
  /** Runs a step; when it fails because the SSO session expired, signs in again and retries once. */
  withRelogin<T>(step: () => Promise<T>, failureOf?: (result: T) => Failure | undefined): Promise<T>;
}

export async function prepareSsoProfile(ctx: SsoContext, region: string, profile: string, deps: SsoSetupDeps = {}): Promise<SsoReady> {
  const { options, services, report } = ctx;
  const env = services.env;
  // The aws CLI runs in its own environment (--demo: through the emulator's proxy, never at AWS).
  const cliEnv = services.awsCliEnv ? await services.awsCliEnv() : env;
  const { profiles, ssoSessions } = await services.config.readAwsProfiles();
  const existing = profiles.find((p) => p.name === profile);
  if (existing && !existing.isSso) {
    throw new UsageError(`AWS profile ${profile} exists and is not an IAM Identity Center profile. Use --auth profile for it, or pick another --aws-profile name for the SSO profile.`);
  }
  const session = options.ssoSession ?? existing?.ssoSession ?? profile;
  const known = ssoSessions.find((s) => s.name === session);
  const startUrl = options.ssoStartUrl ?? known?.startUrl ?? existing?.ssoStartUrl;
  const ssoRegion = options.ssoRegion ?? known?.region ?? region;
  let accountId = options.accountId ?? existing?.ssoAccountId;
  let roleName = options.ssoRole ?? existing?.ssoRoleName;
  const flagsGiven = [options.ssoStartUrl, options.ssoRegion, options.accountId, options.ssoRole, options.ssoSession].some((v) => v !== undefined);

  if (!startUrl) {
    throw new UsageError(
      `AWS profile ${profile} does not exist yet. Pass --sso-start-url URL and --sso-region R to create it (account and role: --account-id and --sso-role, or the only ones the portal offers), or run the wizard.`,
    );
  }

  // Usage errors above come first: they need no aws CLI, and finding one costs ~1 s per candidate.
  const clis = await services.tools.findAwsClis();
  const aws = await findUsableAws({ ...services.tools, findAwsClis: async () => clis }, deps.platform);
  report.ok(`aws CLI ${aws.version} at ${aws.path}`);
  const signIn = signInMode(services, options, aws.version);

  const write = async () => {
    const plan = await services.config.planSsoProfile({ profile, session, startUrl, ssoRegion, region, ...(accountId ? { accountId } : {}), ...(roleName ? { roleName } : {}) });
    for (const change of plan.changes) report.diff(change.diff);
    if (!plan.changes.length || options.dryRun) return;
    const applied = await services.config.applyPlan(plan);
    if (applied.manifestWarning) report.warn(applied.manifestWarning);
    report.ok(`Wrote ${applied.written.join(', ')}`);
    for (const b of applied.backups) report.line(`  backup: ${b}`);
  };

  const complete = ssoProfileComplete(existing, ssoSessions);
  if (complete && !flagsGiven) report.ok(`AWS profile ${profile} is a complete IAM Identity Center profile; not rewriting it.`);
  else await write();

  const noLogin = (): SsoReady => ({ aws, clis, profile, signIn, identity: null, withRelogin: (step) => step() });
  if (options.dryRun) {
    report.line('Dry run: not signing in.');
    return noLogin();
  }

  const args = ssoLoginArgs(profile, signIn);
  const login = async (why: string) => {
    report.line(`${why} Signing in: aws ${args.join(' ')}`);
    report.line(`  ${signInHint(signIn, services.sso.headless?.() ?? null)}`);
    const seen: string[] = [];
    const onLine = (line: string) => {
      if (!line.trim()) return;
      report.line(`  ${line}`);
      seen.push(line);
      if (seen.length > 40) seen.shift();
    };
    await ssoLogin(aws.path, profile, { env: cliEnv, run: deps.run, args, onLine }).catch((e: unknown) => {
      throw withAwsCliWords(e, seen);
    });
    report.ok(`Signed in to ${startUrl}`);
  };

  const tokenKey = existing?.ssoSession || !existing ? { session } : { startUrl };
  const token = await readSsoToken(env, tokenKey);
  // A refresh token lets the aws CLI and the SDK renew silently: try that before asking for the browser.
  if (!tokenUsable(token, services.now()) && !token?.hasRefreshToken) {
    await login(token ? 'The IAM Identity Center session has expired.' : 'No IAM Identity Center session is cached yet.');
  }

  if (!accountId || !roleName) {
    const fresh = await readSsoToken(env, tokenKey);
    if (!fresh) throw new UsageError(`No SSO token was cached after sign-in; pass --account-id and --sso-role.`);
    const list = deps.listAssignments ?? services.sso.listAssignments;
    if (!list) throw new UsageError('This run cannot reach the IAM Identity Center portal; pass --account-id and --sso-role.');
    const offered = await list(ssoRegion, fresh.accessToken);
    ({ accountId, roleName } = chooseAssignment(offered, accountId, roleName));
    report.ok(`Account ${accountId}, role ${roleName} (the only choice the portal offers${options.accountId ? ' for that account' : ''})`);
    await write();
  }

  let relogged = false;
  const relogin = async () => {
    relogged = true;
    await login('The IAM Identity Center session has expired or is no longer valid.');
  };
  async function withRelogin<T>(step: () => Promise<T>, failureOf: (r: T) => Failure | undefined = () => undefined): Promise<T> {
    let result: T;
    try {
      result = await step();
    } catch (e) {
      if (!isSsoLoginError(e)) throw e;
      await relogin();
      return step();
    }
    if (!isSsoLoginFailure(failureOf(result))) return result;
    await relogin();
    return step();
  }

  const identity = await withRelogin(() => verifySsoProfile({ aws: services.aws, env: cliEnv, run: deps.run }, aws.path, profile, region));
  report.ok(`Profile ${profile} works for the aws CLI (export-credentials) and the SDK: ${identity.arn}${relogged ? ' (after signing in again)' : ''}`);

  return { aws, clis, profile, signIn, identity, withRelogin };
}

/** The aws CLI's own sentence for a connection it could not make goes into the failure, so the diagnosis names the host, not the start URL. */
function withAwsCliWords(e: unknown, lines: readonly string[]): unknown {
  const said = awsCliErrorLine(lines);
  if (!said || !isServiceError(e)) return e;
  return new ServiceError({ ...e.failure, message: `${e.failure.message ?? ''} ${said}`.trim() });
}

/** --device-code / --browser (the parser refuses both at once). */
export function signInChoice(options: Pick<CliOptions, 'deviceCode' | 'browser'>): SignInChoice | undefined {
  return options.deviceCode ? 'device-code' : options.browser ? 'browser' : undefined;
}

/** The wizard and `setup --yes` sign in the same way for the same machine, flags and aws CLI. */
export function signInMode(services: Pick<Services, 'sso'>, options: Pick<CliOptions, 'deviceCode' | 'browser'>, awsVersion: string | null): SignInMode {
  const choice = signInChoice(options);
  return { headless: services.sso.headless?.() != null, ...(choice ? { choice } : {}), awsVersion };
}

export function signInHint(mode: SignInMode, reason: HeadlessReason | null): string {
  if (!signsInWithCode(mode)) return 'Your browser opens the IAM Identity Center page; approve there. No browser here? Run again with --device-code.';
  if (reason && mode.choice !== 'browser') return `No browser here (${headlessWhy(reason)}): the aws CLI will show a URL and a code. Open the URL on any device and enter the code.`;
  return 'Your browser opens the IAM Identity Center page; approve the code shown below there. Without a browser here, open the URL on any device and type the code.';
}

/** Picks the account and role when the portal leaves exactly one choice; otherwise says which flags to pass. */
export function chooseAssignment(offered: SsoAssignment[], accountId?: string, roleName?: string): { accountId: string; roleName: string } {
  const accounts = accountId ? offered.filter((a) => a.accountId === accountId) : offered;
  const list = offered.map((a) => `${a.accountId} (${a.accountName}): ${a.roles.join(', ') || 'no roles'}`).join('; ');
  if (accountId && accounts.length === 0) throw new UsageError(`Account ${accountId} is not among the accounts you may use: ${list || 'none'}.`);
  if (accounts.length !== 1) {
    throw new UsageError(offered.length ? `You may use several accounts; pass --account-id and --sso-role. Offered: ${list}.` : 'IAM Identity Center offers you no AWS account; ask your administrator for an assignment.');
  }
  const account = accounts[0]!;
  if (roleName) {
    if (!account.roles.includes(roleName)) throw new UsageError(`Role ${roleName} is not offered in account ${account.accountId}: ${account.roles.join(', ') || 'none'}.`);
    return { accountId: account.accountId, roleName };
  }
  if (account.roles.length !== 1) throw new UsageError(`Account ${account.accountId} offers ${account.roles.length ? `several roles (${account.roles.join(', ')})` : 'no role'}; pass --sso-role NAME.`);
  return { accountId: account.accountId, roleName: account.roles[0]! };
}

