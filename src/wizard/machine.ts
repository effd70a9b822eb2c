// The whole wizard flow as one pure state machine: screens dispatch events and render the state; the work each
// state asks for is described in ./effects.ts and runs through the shared flows.
import type { HeadlessReason } from '../core/headless.js';
import { configureSsoArgs, ssoLoginArgs, ssoLoginAsTyped, type SignInChoice, type SignInMode } from '../core/ssoArgs.js';
import { credentialSourceOf } from '../core/credentialSource.js';
import type { CredentialsSummary } from '../core/sessionLifetime.js';
import type { WebSearchDecision } from '../flows/smoke.js';
import { NO_MODEL_DATA, setupChoicesFor, signInModeOf, type ModelData, type SetupDecisions, type SignInDecisions } from '../flows/setup.js';
import type {
  AuthChoice,
  AuthMethod,
  AwsCliInfo,
  AwsProfile,
  CheckResult,
  CodexInfo,
  CodexProfileChoice,
  ConfigPlan,
  Failure,
  Identity,
  SetupChoices,
  SmokeResult,
  SsoSession,
} from '../types.js';
import type { ManagedBedrockAuth } from '../core/codexCredential.js';
import type { CodexSettings } from '../services/types.js';
import { configuredProfile, type ConfiguredSetup } from '../core/configured.js';
import { DEFAULT_CODEX_PROFILES, DEFAULT_REGION, DEFAULT_SSO_PROFILE, SMOKE_PROMPT } from '../core/defaults.js';
import type { LatencyView } from '../core/latency.js';
import { providerFor as regionProvider, type RegionReport } from '../core/regionReport.js';
import { MANTLE_REGIONS } from '../core/regions.js';
import { codexSupports } from '../core/codexVersions.js';

export type Step =
  | 'welcome'
  | 'preflight'
  | 'region'
  | 'region-custom'
  | 'auth'
  | 'profile-pick'
  | 'api-key'
  | 'sso-start-url'
  | 'sso-region'
  | 'sso-handoff'
  | 'sso-verify'
  | 'identity'
  | 'models'
  | 'config'
  | 'config-written'
  | 'smoke'
  | 'smoke-fix'
  | 'done'
  | 'failure'
  | 'exit';

/** Values from flags and a team template (`--team-config`); every value given is pinned and its step skipped. */
export interface WizardOptions {
  region?: string;
  /** Regions a team allows; listed first (in this order) on the region screen. */
  regions?: string[];
  /** Team template: the only regions and models a developer may pick (enforced here, offered alone by the screens). */
  allowedRegions?: string[];
  allowedModels?: string[];
  /** Team template: shown with every failure. */
  helpUrl?: string;
  auth?: AuthMethod;
  awsProfile?: string;
  sso?: { startUrl?: string; region?: string; accountId?: string; roleName?: string; session?: string; signIn?: SignInChoice };
  /** Codex profiles to write; a model given here is pinned. Defaults: bedrock-prod, bedrock-staging. */
  profiles?: { name: string; model?: string }[];
  prompt?: string;
  /** Codex's Bedrock provider; when not given, Mantle, or Runtime where Mantle cannot serve the region. */
  provider?: Provider;
  /** Where the config files are, known before any service has loaded: the first frame names them. */
  paths?: WizardPaths;
  /** Answers filled in but not pinned (--demo: the emulator's start URL and SSO region): the screens still ask. */
  suggested?: { ssoStartUrl?: string; ssoRegion?: string };
}

export interface WizardPaths {
  codexHome: string;
  awsConfigPath: string;
}

export type Provider = 'mantle' | 'runtime';

export interface PreflightInfo {
  codexVersion: string | null;
  /** First aws CLI v2 on PATH, even when a v1 shadows it. */
  awsV2Path: string | null;
  /** Every aws on PATH, in PATH order (Codex runs the first one to sign in again). */
  awsClis?: AwsCliInfo[];
  /** The Bedrock profiles Codex already has: their names and models are this run's defaults. */
  configured?: ConfiguredSetup;
  awsProfiles: AwsProfile[];
  ssoSessions: SsoSession[];
  bearerInEnv: boolean;
  /** The kind of Bedrock login Codex keeps in auth.json (it can win over the credential chosen here). */
  managedBedrockAuth: ManagedBedrockAuth | null;
  /** Why no browser here can finish the aws CLI's localhost sign-in; null or absent: one can. */
  headless?: HeadlessReason | null;
}

export interface HandoffRequest {
  args: string[];
  awsPath: string;
  /** configure: a new SSO profile; relogin: refresh an expired token, then retry `returnTo`. */
  purpose: 'configure' | 'relogin';
  returnTo: Step;
}

export interface Pins {
  region: boolean;
  auth: boolean;
  awsProfile: boolean;
  ssoStartUrl: boolean;
  ssoRegion: boolean;
  /** Codex profile names whose model is pinned. */
  models: string[];
  profileNames: boolean;
  provider: boolean;
}

/** A launch-time answer: undefined while asking. */
export type Task<T> = { ok: true; value: T } | { ok: false; message: string };

export interface PreflightChecks {
  codex?: Task<CodexInfo | null>;
  aws?: Task<AwsCliInfo[]>;
  profiles?: Task<{ profiles: AwsProfile[]; ssoSessions: SsoSession[] }>;
  codexConfig?: Task<CodexSettings>;
}

/** What the screens show about this machine, read once at launch. */
export interface Facts {
  codexHome: string;
  /** codexHome as a person types it (~/.codex). */
  codexHomeShown: string;
  awsConfigPath: string;
  node: CheckResult;
  env: CheckResult[];
  /** The wizard can write the IAM policy file for an administrator. */
  canWritePolicy: boolean;
  /** --demo: the world is the emulator (IAM Identity Center too, through its proxy). */
  demo?: boolean;
  /** The HTTPS proxy the environment names (scheme, host, port: never its credentials) and its variable. */
  proxy?: { shown: string; variable: string };
  /** A Bedrock API key in AWS_BEARER_TOKEN_BEDROCK, offered on the API-key screen (kept in memory only). */
  envApiKey?: string;
}

/** The streamed answer so far and its latency figures, redrawn at most 30 times a second. */
export interface SmokeLive {
  text: string;
  latency: LatencyView;
}

export interface WizardState {
  step: Step;
  facts?: Facts;
  /** The config paths from the command line and environment, until the facts (which hold them too) are in. */
  paths?: WizardPaths;
  checks: PreflightChecks;
  /** Round-trip times of every region on the list, measured once from launch (see flows/regions.ts). */
  regionReport?: RegionReport;
  /** The model lists for `modelKey(state)`; answers for another region or sign-in are dropped. */
  modelData: ModelData & { key: string; complete?: boolean };
  /** What Codex will sign with, checked once the identity is known. */
  credential?: CheckResult;
  /** The person chose to write the planned files (config) / the policy / the fix; the effect does it. */
  writing: boolean;
  policyWriting: boolean;
  fixWriting: boolean;
  smokeLive?: SmokeLive;
  /** The [sso-session]/[profile] blocks for `ssoPlanKey(state)`, shown as a diff before anything is written. */
  ssoPlan?: { key: string; plan: ConfigPlan };
  /** sso-handoff: preparing writes the profile blocks; ready hands the terminal over. */
  handoffStage?: 'preparing' | 'ready';
  /** Interactive steps left behind, most recent last: Esc pops one. */
  history: Step[];
  /** Bumped on retry so a screen re-runs its effect. */
  attempt: number;
  pins: Pins;
  /** The region screen's list, probed from launch. */
  probeRegions: string[];
  preflight?: PreflightInfo;
  region?: string;
  provider: Provider;
  regionChoices: string[];
  allowed: { regions?: string[]; models?: string[] };
  helpUrl?: string;
  authMethod?: AuthMethod;
  auth?: AuthChoice;
  sso: { profile: string; session?: string; startUrl?: string; ssoRegion?: string; accountId?: string; roleName?: string; signIn?: SignInChoice };
  /** undefined: not checked yet; null: cannot be checked (API key). */
  identity?: Identity | null;
  profiles: CodexProfileChoice[];
  modelIndex: number;
  plan?: ConfigPlan;
  /** A web_search probe asked ahead that failed (its key); asked again when the config step needs it. */
  webSearchFailed?: string;
  /** The live web_search probe's answer, for the region and model it asked about. */
  webSearch?: WebSearchDecision & { region: string; model: string };
  /** `warning`: the record of what was written (for restore and uninstall) could not be kept. */
  written?: { written: string[]; backups: string[]; warning?: string };
  policyPath?: string;
  /** The smoke result of the profile under test (`smokeProfile`), once it is in; after the last pass, the last one's. */
  smoke?: SmokeResult;
  /** Each profile is tested in order; these passed, so the one under test is the next. */
  smokePassed: SmokeResult[];
  /** The last screen's line on what Codex signs with (and how long an Identity Center sign-in has left). */
  credentials?: CredentialsSummary;
  /** The profile-file edit that makes Codex >= 0.171 send its tools at the top level, once planned. */
  fixPlan?: ConfigPlan;
  failure?: { failure: Failure; at: Step };
  handoff?: HandoffRequest;
  /** Set by "change region" after a failed smoke test: the region choice leads straight back to identity. */
  revisit: boolean;
  prompt: string;
  exitCode?: number;
  /** The run reached the last screen: the terminal keeps its summary after exit. */
  completed?: boolean;
}

export type WizardEvent =
  | { type: 'NEXT' }
  | { type: 'FACTS'; facts: Facts }
  | { type: 'PREFLIGHT_PART'; checks: PreflightChecks }
  | { type: 'PREFLIGHT_DONE'; info: PreflightInfo }
  | { type: 'REGIONS_MEASURED'; report: RegionReport }
  | { type: 'REMEASURE' }
  | { type: 'MODELS_UPDATE'; key: string; data: ModelData; complete?: boolean }
  | { type: 'CREDENTIAL'; check: CheckResult }
  | { type: 'CREDENTIALS_READ'; summary: CredentialsSummary }
  | { type: 'WRITE' }
  | { type: 'WRITE_POLICY' }
  | { type: 'FIX_WRITE' }
  | { type: 'SMOKE_PROGRESS'; live: SmokeLive }
  | { type: 'HANDOFF_CONFIRM' }
  | { type: 'SSO_PLANNED'; key: string; plan: ConfigPlan }
  | { type: 'HANDOFF_READY' }
  | { type: 'SELECT_REGION'; region: string }
  | { type: 'CUSTOM_REGION' }
  | { type: 'CHOOSE_AUTH'; method: AuthMethod }
  | { type: 'SELECT_PROFILE'; profile: string }
  | { type: 'SUBMIT_API_KEY'; apiKey: string }
  | { type: 'SSO_START_URL'; url: string }
  | { type: 'SSO_REGION'; region: string }
  /** `said`: the aws CLI's own line when it could not connect (botocore's words), for the diagnosis. */
  | { type: 'HANDOFF_DONE'; exitCode: number | null; signal: string | null; said?: string }
  | { type: 'SSO_VERIFIED'; profiles?: AwsProfile[] }
  | { type: 'IDENTITY'; identity: Identity | null }
  | { type: 'SELECT_MODEL'; model: string }
  | { type: 'PLAN_READY'; plan: ConfigPlan }
  | { type: 'WEB_SEARCH_DECIDED'; decision: WebSearchDecision & { region: string; model: string } }
  | { type: 'WEB_SEARCH_FAILED'; key: string; failure: Failure }
  | { type: 'EDIT' }
  | { type: 'CANCEL' }
  | { type: 'WRITTEN'; written: string[]; backups: string[]; warning?: string }
  | { type: 'POLICY_WRITTEN'; path: string }
  /** `profile`: the Codex profile tested; an answer for another one (a stale run) is dropped. */
  | { type: 'SMOKE_DONE'; result: SmokeResult; profile?: string }
  | { type: 'FIX_TOOLS' }
  | { type: 'FIX_PLANNED'; plan: ConfigPlan }
  | { type: 'FIX_WRITTEN'; written: string[]; backups: string[] }
  | { type: 'FAIL'; failure: Failure }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'QUIT'; code?: number }
  | { type: 'CHANGE_REGION' }
  | { type: 'CHANGE_MODEL' }
  | { type: 'RELOGIN' };

export const DEFAULT_PROFILES: readonly string[] = DEFAULT_CODEX_PROFILES;
export { DEFAULT_SSO_PROFILE };
/** The wizard, `setup` and `smoke` send the same prompt. */
export const DEFAULT_PROMPT = SMOKE_PROMPT;
/** Exit codes: 0 done, 1 cancelled or quit after a failure, 130 interrupted. */
export const EXIT_INTERRUPTED = 130;

/** Steps a person answers; automatic ones (checks, writes, hand-offs' aftermath) are not revisited by Esc. */
const INTERACTIVE: ReadonlySet<Step> = new Set<Step>([
  'welcome',
  'preflight',
  'region',
  'region-custom',
  'auth',
  'profile-pick',
  'api-key',
  'sso-start-url',
  'sso-region',
  'sso-handoff',
  'models',
  'config',
]);

export function initialState(opts: WizardOptions = {}): WizardState {
  const given: { name: string; model?: string }[] = opts.profiles?.length ? opts.profiles : DEFAULT_PROFILES.map((name) => ({ name }));
  const profiles = given.map((p) => ({ name: p.name, model: p.model ?? '' }));
  const authMethod = opts.auth ?? (opts.awsProfile ? 'profile' : undefined);
  return {
    step: 'welcome',
    ...(opts.paths ? { paths: opts.paths } : {}),
    checks: {},
    modelData: { ...NO_MODEL_DATA, key: '' },
    writing: false,
    policyWriting: false,
    fixWriting: false,
    history: [],
    attempt: 0,
    pins: {
      region: !!opts.region,
      auth: !!authMethod,
      awsProfile: !!opts.awsProfile,
      ssoStartUrl: !!opts.sso?.startUrl,
      ssoRegion: !!opts.sso?.region,
      models: profiles.filter((p) => p.model).map((p) => p.name),
      profileNames: !!opts.profiles?.length,
      provider: !!opts.provider,
    },
    provider: opts.provider ?? 'mantle',
    region: opts.region,
    regionChoices: opts.regions ?? [],
    probeRegions: regionList(opts.regions ?? [], opts.allowedRegions),
    allowed: { regions: opts.allowedRegions, models: opts.allowedModels },
    helpUrl: opts.helpUrl,
    authMethod,
    sso: {
      profile: opts.awsProfile ?? DEFAULT_SSO_PROFILE,
      session: opts.sso?.session,
      startUrl: opts.sso?.startUrl ?? opts.suggested?.ssoStartUrl,
      ssoRegion: opts.sso?.region ?? opts.suggested?.ssoRegion,
      accountId: opts.sso?.accountId,
      roleName: opts.sso?.roleName,
      ...(opts.sso?.signIn ? { signIn: opts.sso.signIn } : {}),
    },
    profiles,
    modelIndex: 0,
    smokePassed: [],
    revisit: false,
    prompt: opts.prompt ?? DEFAULT_PROMPT,
  };
}

/** Team regions first, then the regions Codex accepts, then the rest; only the team's when it allows no others. */
export function regionList(teamRegions: string[], allowed?: string[]): string[] {
  if (allowed) return [...allowed];
  const ids = [...teamRegions];
  for (const r of MANTLE_REGIONS.filter((r) => r.validated)) if (!ids.includes(r.id)) ids.push(r.id);
  for (const r of MANTLE_REGIONS.filter((r) => !r.validated)) if (!ids.includes(r.id)) ids.push(r.id);
  return ids;
}

function allows(list: string[] | undefined, value: string): boolean {
  return !list || list.includes(value);
}

/** Leaves `from` for `to`, remembering `from` when a person answered it. */
function go(state: WizardState, to: Step, patch: Partial<WizardState> = {}): WizardState {
  const from = state.step;
  const history = INTERACTIVE.has(from) && from !== to ? [...state.history, from] : state.history;
  return { ...state, ...IDLE, ...patch, history, step: to, failure: undefined, ...(to === 'config' ? { webSearchFailed: undefined } : {}) };
}

/** Work a person asked for ends when the step is left, whichever way. */
const IDLE = { writing: false, policyWriting: false, fixWriting: false, handoffStage: undefined } as const;

function fail(state: WizardState, failure: Failure, at: Step = state.step): WizardState {
  return { ...state, ...IDLE, step: 'failure', failure: { failure, at } };
}

/** The AWS config blocks a new IAM Identity Center profile needs depend on exactly these answers. */
export function ssoPlanKey(state: WizardState): string {
  const s = state.sso;
  return [s.profile, s.session ?? '', s.startUrl ?? '', s.ssoRegion ?? '', s.accountId ?? '', s.roleName ?? '', state.region ?? ''].join('|');
}

/** Which sign-in, region and provider the model lists belong to; answers for any other are dropped. */
export function modelKey(state: WizardState): string {
  const a = state.auth;
  const who = !a ? '' : a.kind === 'profile' ? `profile:${a.profile}` : a.kind;
  return `${state.region ?? DEFAULT_REGION}|${state.provider}|${who}|${state.attempt}`;
}

/**
 * Bedrock Mantle where Mantle runs; Bedrock Runtime (Codex 0.148+, no region list) everywhere else. A Codex
 * without the Runtime provider keeps Mantle, and its region check says why.
 */
export function providerFor(region: string, codexVersion: string | null): Provider {
  if (regionProvider(region) === 'mantle') return 'mantle';
  return codexSupports(codexVersion, 'runtime-provider') ? 'runtime' : 'mantle';
}

/** Which profile the smoke test is on: the first that has not passed (the last one once all have). */
export function smokeIndex(state: WizardState): number {
  return Math.max(0, Math.min(state.smokePassed.length, state.profiles.length - 1));
}

export function smokeProfile(state: WizardState): CodexProfileChoice | undefined {
  return state.profiles[smokeIndex(state)];
}

/** A "works" verdict is true for every profile written, not the first alone. */
export function smokeAllPassed(state: WizardState): boolean {
  return state.profiles.length > 0 && state.smokePassed.length >= state.profiles.length && !!state.smoke?.ok;
}

/** The region every step after the region screen uses. */
export function chosenRegion(state: WizardState): string {
  return state.region ?? DEFAULT_REGION;
}

/** A re-run starts from what Codex already has: its Bedrock profiles (names and models) and region. */
function withConfigured(state: WizardState, configured: ConfiguredSetup | undefined): WizardState {
  if (!configured?.profiles.length) return state;
  const profiles = state.pins.profileNames
    ? state.profiles.map((p) => (p.model ? p : { ...p, model: configuredProfile(configured, p.name)?.model ?? '' }))
    : configured.profiles.map((p) => ({ name: p.name, model: p.model ?? '' }));
  const region = state.region ?? configured.profiles.find((p) => p.region)?.region;
  return { ...state, profiles, region };
}

function firstUnpinnedModel(state: WizardState, from: number): number {
  for (let i = from; i < state.profiles.length; i++) {
    if (!state.pins.models.includes(state.profiles[i].name)) return i;
  }
  return -1;
}

function lastUnpinnedModelBefore(state: WizardState, before: number): number {
  for (let i = before - 1; i >= 0; i--) {
    if (!state.pins.models.includes(state.profiles[i].name)) return i;
  }
  return -1;
}

function toModels(state: WizardState): WizardState {
  const i = firstUnpinnedModel(state, 0);
  if (i < 0) return go(state, 'config', { modelIndex: 0 });
  const s = go(state, 'models', { modelIndex: i });
  return listingFailed(s) ? fail(s, s.modelData.hereFailure!) : s;
}

function listingFailed(state: WizardState): boolean {
  return state.modelData.key === modelKey(state) && state.modelData.here === null && !!state.modelData.hereFailure;
}

function configureRequest(state: WizardState): HandoffRequest | undefined {
  const awsPath = state.preflight?.awsV2Path;
  if (!awsPath) return undefined;
  const { profile, accountId, roleName } = state.sso;
  // With account and role pinned the profile block is complete: only the sign-in is left.
  const mode = signInOf(state);
  const args = accountId && roleName ? ssoLoginArgs(profile, mode) : configureSsoArgs(profile, mode);
  return { args, awsPath, purpose: 'configure', returnTo: 'sso-verify' };
}

/** How the hand-off signs in: setup's rule (flows/setup.ts signInModeOf) on the wizard's decisions. */
export function signInOf(state: WizardState): SignInMode {
  return signInModeOf(signInDecisions(state))!;
}

/** The part of setupDecisions a sign-in depends on, known from preflight on (the hand-off comes before web_search). */
function signInDecisions(state: WizardState): SignInDecisions {
  return {
    awsClis: state.preflight?.awsClis ?? [],
    usableAws: state.preflight?.awsV2Path ?? null,
    signIn: { headless: !!state.preflight?.headless, ...(state.sso.signIn ? { choice: state.sso.signIn } : {}) },
  };
}

/** The sign-in again as printed for this person: the hand-off's flags, with the aws that typing `aws` runs or its path. */
export function ssoLoginTyped(state: WizardState): (profile: string) => string {
  return ssoLoginAsTyped(signInOf(state), state.preflight?.awsClis ?? []);
}

function toHandoff(state: WizardState): WizardState {
  const handoff = configureRequest(state);
  if (!handoff) {
    return fail(state, {
      kind: 'missing-tool',
      service: 'aws-cli',
      message: 'IAM Identity Center setup needs the aws CLI v2 (configure sso); none was found on PATH.',
    });
  }
  return go(state, 'sso-handoff', { handoff });
}

function enterAuthMethod(state: WizardState, method: AuthMethod): WizardState {
  const s = { ...state, authMethod: method, identity: undefined };
  switch (method) {
    case 'sso':
      if (!s.pins.ssoStartUrl) return go(s, 'sso-start-url');
      if (!s.pins.ssoRegion) return go(s, 'sso-region');
      return toHandoff(s);
    case 'profile':
      if (s.pins.awsProfile) return go(s, 'identity', { auth: { kind: 'profile', profile: s.sso.profile } });
      return go(s, 'profile-pick');
    case 'api-key':
      return go(s, 'api-key');
    case 'env':
      return go(s, 'identity', { auth: { kind: 'env' } });
  }
}

function afterRegion(state: WizardState, region: string): WizardState {
  const s = { ...state, region, provider: state.pins.provider ? state.provider : providerFor(region, state.preflight?.codexVersion ?? null) };
  if (s.revisit && s.auth) return go(s, 'identity', { revisit: false, identity: undefined });
  if (s.pins.auth && s.authMethod) return enterAuthMethod(s, s.authMethod);
  return go(s, 'auth');
}

function afterPreflight(state: WizardState): WizardState {
  if (state.pins.region && state.region) return afterRegion(state, state.region);
  return go(state, 'region');
}

function back(state: WizardState): WizardState {
  if (state.step === 'done' || state.step === 'exit') return state;
  if (state.step === 'smoke-fix' && state.smoke?.failure) return fail({ ...state, fixPlan: undefined }, state.smoke.failure, 'smoke');
  if (state.step === 'models') {
    const prev = lastUnpinnedModelBefore(state, state.modelIndex);
    if (prev >= 0) return { ...state, modelIndex: prev };
  }
  if (state.history.length === 0) return state;
  const history = state.history.slice(0, -1);
  const to = state.history[state.history.length - 1];
  return {
    ...state,
    history,
    step: to,
    failure: undefined,
    handoff: to === 'sso-handoff' ? configureRequest(state) : undefined,
    plan: to === 'config' ? undefined : state.plan,
  };
}

export function reduce(state: WizardState, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'QUIT':
      // Setup is complete on the last screen: leaving it, by any key, is a success that leaves its summary behind.
      if (state.step === 'done') return { ...state, step: 'exit', exitCode: 0, completed: true };
      return { ...state, step: 'exit', exitCode: event.code ?? 1 };
    case 'FACTS':
      return { ...state, facts: event.facts };
    case 'PREFLIGHT_DONE':
      // The checks start at launch: the answer may come while the welcome screen is still up.
      return state.preflight ? state : preflightDone(state, event.info);
    case 'PREFLIGHT_PART':
      return { ...state, checks: { ...state.checks, ...event.checks } };
    // Asked ahead, while the models are still being chosen: the answer waits in the state for the config step.
    case 'WEB_SEARCH_DECIDED':
      return { ...state, webSearch: event.decision, ...(state.step === 'config' ? { plan: undefined } : {}) };
    case 'WEB_SEARCH_FAILED':
      // A failure asked ahead is shown only where the answer is needed; the config step asks again.
      return state.step === 'config' ? fail(state, event.failure) : { ...state, webSearchFailed: event.key };
    case 'REGIONS_MEASURED':
      return { ...state, regionReport: event.report };
    case 'CREDENTIALS_READ':
      return { ...state, credentials: event.summary };
    case 'MODELS_UPDATE': {
      if (event.key !== modelKey(state)) return state;
      const s = { ...state, modelData: { ...event.data, key: event.key, complete: !!event.complete } };
      return s.step === 'models' && listingFailed(s) ? fail(s, s.modelData.hereFailure!) : s;
    }
    case 'BACK':
      return back(state);
    case 'FAIL':
      if (state.step === 'failure' || state.step === 'exit') return state;
      return fail(state, event.failure);
  }

  switch (state.step) {
    case 'welcome':
      return event.type === 'NEXT' ? go(state, 'preflight') : state;

    case 'preflight':
      if (event.type === 'NEXT' && state.preflight) return afterPreflight(state);
      return state;

    case 'region':
      if (event.type === 'SELECT_REGION' && !allows(state.allowed.regions, event.region)) return state;
      if (event.type === 'SELECT_REGION') return afterRegion(state, event.region);
      if (event.type === 'CUSTOM_REGION') return go(state, 'region-custom');
      if (event.type === 'REMEASURE') return { ...state, regionReport: undefined, attempt: state.attempt + 1 };
      return state;

    case 'region-custom':
      return event.type === 'SELECT_REGION' && allows(state.allowed.regions, event.region) ? afterRegion(state, event.region) : state;

    case 'auth':
      return event.type === 'CHOOSE_AUTH' ? enterAuthMethod(state, event.method) : state;

    case 'profile-pick':
      if (event.type !== 'SELECT_PROFILE') return state;
      return go(state, 'identity', {
        auth: { kind: 'profile', profile: event.profile },
        sso: { ...state.sso, profile: event.profile },
      });

    case 'api-key':
      if (event.type !== 'SUBMIT_API_KEY' || !event.apiKey.trim()) return state;
      return go(state, 'identity', { auth: { kind: 'api-key', apiKey: event.apiKey.trim() } });

    case 'sso-start-url':
      if (event.type !== 'SSO_START_URL') return state;
      {
        const s = { ...state, sso: { ...state.sso, startUrl: event.url } };
        return s.pins.ssoRegion ? toHandoff(s) : go(s, 'sso-region');
      }

    case 'sso-region':
      if (event.type !== 'SSO_REGION') return state;
      return toHandoff({ ...state, sso: { ...state.sso, ssoRegion: event.region } });

    case 'sso-handoff':
      if (!state.handoff) return state;
      if (event.type === 'SSO_PLANNED') return event.key === ssoPlanKey(state) ? { ...state, ssoPlan: { key: event.key, plan: event.plan } } : state;
      if (event.type === 'HANDOFF_CONFIRM') {
        // The diff comes first: a new profile's blocks are written only once they have been shown.
        const shown = state.handoff.purpose !== 'configure' || state.ssoPlan?.key === ssoPlanKey(state);
        return state.handoffStage || !shown ? state : { ...state, handoffStage: 'preparing' };
      }
      // The blocks are written now: another hand-off (a retry) plans against what the file holds then.
      if (event.type === 'HANDOFF_READY') return state.handoffStage === 'preparing' ? { ...state, handoffStage: 'ready', ssoPlan: undefined } : state;
      if (event.type !== 'HANDOFF_DONE') return state;
      return handoffDone({ ...state, handoffStage: undefined }, state.handoff, event);

    case 'sso-verify': {
      if (event.type !== 'SSO_VERIFIED') return state;
      // The new profile joins the list, so Esc back to the profile picker offers it.
      const preflight = state.preflight && event.profiles ? { ...state.preflight, awsProfiles: event.profiles } : state.preflight;
      return go(state, 'identity', { preflight, auth: { kind: 'profile', profile: state.sso.profile }, identity: undefined, credential: undefined });
    }

    case 'identity':
      if (event.type === 'IDENTITY') return { ...state, identity: event.identity };
      if (event.type === 'CREDENTIAL') return { ...state, credential: event.check };
      if (event.type === 'NEXT' && state.identity !== undefined) return toModels(state);
      return state;

    case 'models': {
      if (event.type !== 'SELECT_MODEL' || !allows(state.allowed.models, event.model)) return state;
      const profiles = state.profiles.map((p, i) => (i === state.modelIndex ? { ...p, model: event.model } : p));
      const s = { ...state, profiles };
      const next = firstUnpinnedModel(s, state.modelIndex + 1);
      return next < 0 ? go(s, 'config', { plan: undefined }) : { ...s, modelIndex: next };
    }

    case 'config':
      if (event.type === 'PLAN_READY') return { ...state, plan: event.plan };
      if (event.type === 'EDIT') {
        // Editing starts again at the first profile's question, not the last one answered.
        const b = back({ ...state, plan: undefined });
        return b.step === 'models' ? { ...b, modelIndex: Math.max(0, firstUnpinnedModel(b, 0)) } : b;
      }
      if (event.type === 'CANCEL') return { ...state, step: 'exit', exitCode: 1 };
      if (event.type === 'WRITE') {
        if (!state.plan || state.writing) return state;
        if (state.plan.changes.length === 0) return go(state, 'config-written', { written: { written: [], backups: [] } });
        return { ...state, writing: true };
      }
      if (event.type === 'WRITTEN') {
        return go(state, 'config-written', { written: { written: event.written, backups: event.backups, ...(event.warning ? { warning: event.warning } : {}) } });
      }
      return state;

    case 'config-written':
      if (event.type === 'WRITE_POLICY') return state.policyPath || state.policyWriting ? state : { ...state, policyWriting: true };
      if (event.type === 'POLICY_WRITTEN') return { ...state, policyPath: event.path, policyWriting: false };
      // The files were (re)written: every profile is tested again, from the first.
      return event.type === 'NEXT' ? go(state, 'smoke', { smoke: undefined, smokeLive: undefined, smokePassed: [] }) : state;

    case 'smoke':
      if (event.type === 'SMOKE_PROGRESS') return state.smoke ? state : { ...state, smokeLive: event.live };
      if (event.type === 'SMOKE_DONE') {
        if (state.smoke || (event.profile !== undefined && event.profile !== smokeProfile(state)?.name)) return state;
        if (!event.result.ok) return fail({ ...state, smoke: event.result }, event.result.failure ?? { kind: 'stream', message: 'The smoke test did not complete.' });
        const smokePassed = [...state.smokePassed, event.result];
        // The next profile starts from an empty screen; the last one's answer stays up with the verdict.
        return smokePassed.length < state.profiles.length
          ? { ...state, smokePassed, smoke: undefined, smokeLive: undefined }
          : { ...state, smokePassed, smoke: event.result };
      }
      if (event.type === 'NEXT' && smokeAllPassed(state)) return go(state, 'done');
      return state;

    case 'smoke-fix':
      if (event.type === 'FIX_PLANNED') return { ...state, fixPlan: event.plan };
      if (event.type === 'FIX_WRITE') return state.fixPlan && !state.fixWriting ? { ...state, fixWriting: true } : state;
      if (event.type === 'FIX_WRITTEN') {
        const before = state.written ?? { written: [], backups: [] };
        // The smoke test runs again with the fixed profile; only its pass leads on.
        return {
          ...state,
          step: 'smoke',
          fixPlan: undefined,
          fixWriting: false,
          smoke: undefined,
          smokeLive: undefined,
          attempt: state.attempt + 1,
          written: { written: [...before.written, ...event.written], backups: [...before.backups, ...event.backups] },
        };
      }
      return state;

    case 'failure':
      return onFailure(state, event);

    default:
      return state;
  }
}

function preflightDone(state: WizardState, info: PreflightInfo): WizardState {
  const sessions = info.ssoSessions;
  const sso = { ...state.sso };
  // Offer what the AWS config already knows before asking.
  if (!sso.startUrl && sessions[0]?.startUrl) sso.startUrl = sessions[0].startUrl;
  if (!sso.ssoRegion && sessions[0]?.region) sso.ssoRegion = sessions[0].region;
  if (!sso.session && sessions[0]?.startUrl === sso.startUrl) sso.session = sessions[0]?.name;
  return withConfigured({ ...state, preflight: info, sso }, info.configured);
}

function handoffDone(
  state: WizardState,
  req: HandoffRequest,
  event: { exitCode: number | null; signal: string | null; said?: string },
): WizardState {
  if (event.exitCode === 0) {
    if (req.purpose === 'relogin') {
      // Back at the smoke test, the failed result goes so the failing profile is tested again.
      const again = req.returnTo === 'smoke' ? { smoke: undefined, smokeLive: undefined } : {};
      return { ...state, step: req.returnTo, handoff: undefined, attempt: state.attempt + 1, failure: undefined, ...again };
    }
    return go(state, 'sso-verify', { handoff: undefined });
  }
  const cmd = `aws ${req.args.slice(0, 2).join(' ')}`;
  // 130 is how the aws CLI reports Ctrl-C: an interruption, not a failure to explain.
  const message = event.signal || event.exitCode === 130
    ? `${cmd} was interrupted (${event.signal ?? 'Ctrl-C'}).`
    : `${cmd} exited with code ${event.exitCode ?? 'unknown'}.${event.said ? ` ${event.said}` : ''}`;
  const failure: Failure = { kind: 'process', service: 'aws-cli', message, profile: state.sso.profile };
  // A failed re-login is reported against the step it was meant to rescue, so retry re-runs that step.
  return fail({ ...state, handoff: req.purpose === 'relogin' ? undefined : req }, failure, req.purpose === 'relogin' ? req.returnTo : 'sso-handoff');
}

function onFailure(state: WizardState, event: WizardEvent): WizardState {
  const at = state.failure?.at ?? 'welcome';
  switch (event.type) {
    case 'RETRY':
      return { ...state, step: at, failure: undefined, attempt: state.attempt + 1, ...(at === 'smoke' ? { smoke: undefined, smokeLive: undefined } : {}) };
    case 'CHANGE_REGION':
      if (at !== 'smoke') return state;
      return { ...state, step: 'region', failure: undefined, revisit: true, smoke: undefined, smokeLive: undefined, smokePassed: [], plan: undefined };
    case 'CHANGE_MODEL': {
      if (at !== 'smoke') return state;
      // The question for the profile that failed, unless its model is pinned; then the first one that is not.
      const failing = smokeIndex(state);
      const i = state.pins.models.includes(state.profiles[failing]?.name ?? '') ? firstUnpinnedModel(state, 0) : failing;
      return { ...state, step: 'models', modelIndex: Math.max(i, 0), failure: undefined, smoke: undefined, smokeLive: undefined, plan: undefined };
    }
    case 'RELOGIN': {
      const awsPath = state.preflight?.awsV2Path;
      if (!canRelogin(state) || !awsPath) return state;
      const profile = (state.auth as { profile: string }).profile;
      return {
        ...state,
        step: 'sso-handoff',
        handoff: { args: ssoLoginArgs(profile, signInOf(state)), awsPath, purpose: 'relogin', returnTo: at },
      };
    }
    case 'FIX_TOOLS':
      if (at !== 'smoke') return state;
      return { ...state, step: 'smoke-fix', fixPlan: undefined };
    case 'HANDOFF_DONE':
      return state;
    default:
      return state;
  }
}

/** Re-login is offered when the failing step used a profile and an aws CLI v2 can refresh it. */
export function canRelogin(state: WizardState): boolean {
  return state.auth?.kind === 'profile' && !!state.preflight?.awsV2Path;
}

/** Whether the AWS profile chosen is an IAM Identity Center one (its sign-in expires; Codex may refresh it). */
export function awsProfileIsSso(state: WizardState): boolean {
  const a = state.auth;
  if (a?.kind !== 'profile') return false;
  return state.authMethod === 'sso' || !!state.preflight?.awsProfiles.find((p) => p.name === a.profile)?.isSso;
}

/** The decisions the config step plans from, in the shape `setup --yes` builds too; undefined until web_search is decided. */
export function setupDecisions(state: WizardState): SetupDecisions | undefined {
  const webSearch = webSearchDecision(state);
  if (!webSearch || !state.auth) return undefined;
  return {
    region: chosenRegion(state),
    auth: state.auth,
    awsProfileIsSso: awsProfileIsSso(state),
    ...(state.auth.kind === 'profile' && state.preflight ? { awsProfileSource: credentialSourceOf(state.auth.profile, state.preflight.awsProfiles) } : {}),
    profiles: state.profiles.map((p) => ({ name: p.name, model: p.model })),
    codexVersion: state.preflight?.codexVersion ?? null,
    webSearch,
    ...(state.provider === 'runtime' ? { provider: 'runtime' as const } : {}),
    ...signInDecisions(state),
  };
}

/** What the config step writes: the shared flow's choices for these decisions (region and profiles alone before web_search is known). */
export function setupChoices(state: WizardState): SetupChoices {
  const d = setupDecisions(state);
  if (d) return setupChoicesFor(d);
  return {
    region: chosenRegion(state),
    ...(state.auth?.kind === 'profile' ? { awsProfile: state.auth.profile } : {}),
    profiles: state.profiles.map((p) => ({ name: p.name, model: p.model })),
    codexVersion: state.preflight?.codexVersion ?? null,
  };
}

/** The probe's answer when it was asked about the current region and first model; undefined until then. */
export function webSearchDecision(state: WizardState): WebSearchDecision | undefined {
  const w = state.webSearch;
  return w && w.region === chosenRegion(state) && w.model === state.profiles[0]?.model ? { webSearch: w.webSearch, reason: w.reason } : undefined;
}
