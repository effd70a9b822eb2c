// The side-effect boundary. Commands and the wizard receive a `Services` object;
// tests pass in-memory fakes, end-to-end runs pass the real ones (src/services/real.ts).
import type { HeadlessReason } from '../core/headless.js';
import type { SsoPortal } from './ssoPortal.js';
import type {
  AuthChoice,
  AwsCliInfo,
  AwsProfile,
  CheckResult,
  CodexInfo,
  ConfigPlan,
  Failure,
  FoundationModel,
  Identity,
  SetupChoices,
  SmokeEvent,
  SmokeResult,
  SsoSession,
} from '../types.js';
import type { ManagedBedrockAuth } from '../core/codexCredential.js';

import type { NetService } from './net.js';
import type { StartUrlService } from './ssoStartUrl.js';
import type { TeamTemplateSource } from './teamTemplateSource.js';

/** Thrown by services for expected failures; carries the raw facts for diagnosis. */
export { ServiceError } from './errors.js';

/** One timed request; `reused` = it went out on an open connection (no DNS, TCP or TLS in `ms`). */
export type RegionRequestTiming = { ok: true; ms: number; reused: boolean; status: number } | { ok: false; failure: Failure };

/** A recorded Codex request (headers without auth), or why none could be recorded. */
export type CaptureResult =
  | { ok: true; body: string; headers: Record<string, string>; path: string }
  | { ok: false; reason: string };

export interface ToolsService {
  /** Every `aws` on PATH, in PATH order, with its version. */
  findAwsClis(): Promise<AwsCliInfo[]>;
  findCodex(): Promise<CodexInfo | null>;
  /** Slugs from `codex debug models -c model_provider="amazon-bedrock"`; null if Codex is missing or fails. */
  codexModels(): Promise<string[] | null>;
  /**
   * The request the installed Codex sends for a profile, recorded from one `codex exec` against a loopback
   * server (Codex >= 0.145). Never touches CODEX_HOME or real credentials; bounded by a deadline.
   */
  captureCodexRequest(opts: { codexProfile: string; region: string; prompt: string; timeoutMs?: number }): Promise<CaptureResult>;
}

export interface AwsService {
  /** STS GetCallerIdentity with the given auth (api-key auth cannot call STS: resolves null). */
  whoAmI(auth: AuthChoice, region: string, signal?: AbortSignal): Promise<Identity | null>;
  listFoundationModels(auth: AuthChoice, region: string, signal?: AbortSignal): Promise<FoundationModel[]>;
  /** Mantle GET /v1/models: model ids. */
  listMantleModels(auth: AuthChoice, region: string, signal?: AbortSignal): Promise<string[]>;
  /** Unauthenticated reachability probe of the Mantle host; round-trip ms or a failure (with the proxy's HTTP status when it refused the tunnel). */
  probeRegion(region: string, signal?: AbortSignal): Promise<{ ok: boolean; rttMs: number | null; error?: string; status?: number }>;
  /**
   * One unauthenticated GET to the region's inference host (Mantle or Bedrock Runtime), read to the end so the
   * connection stays open for the next: `ms` is request sent → response headers. Any HTTP answer counts as reached.
   */
  timeRegionRequest(region: string, provider: 'mantle' | 'runtime', signal?: AbortSignal): Promise<RegionRequestTiming>;
  /**
   * Streams a Responses API call as Codex would sign it; onEvent sees every delta as it arrives.
   * `request`: Codex's own body and headers (captured or modelled) instead of the minimal body.
   */
  smokeTest(
    opts: {
      auth: AuthChoice;
      region: string;
      model: string;
      prompt: string;
      request?: { body: string; headers: Record<string, string> };
      /** runtime: Bedrock Runtime's /openai/v1/responses, signed for service `bedrock`; Mantle when absent. */
      provider?: 'mantle' | 'runtime';
    },
    onEvent: (e: SmokeEvent) => void,
    signal?: AbortSignal,
  ): Promise<SmokeResult>;
}

/** What Codex would use for one profile, read as Codex reads it (config.toml, then <name>.config.toml). */
export interface CodexSettings {
  configPath: string;
  configExists: boolean;
  codexProfile: string | null;
  profilePath: string | null;
  profileExists: boolean;
  model?: string;
  modelProvider?: string;
  region?: string;
  awsProfile?: string;
  /** Where aws.profile comes from: `config.toml`, or `<name>.config.toml` when the profile file sets it. */
  awsProfileFile?: string;
  baseUrl?: string;
  /** aws.credential_export is set (config.toml or the profile file). */
  hasCredentialExport: boolean;
  /** The kind of Bedrock login Codex keeps in $CODEX_HOME/auth.json; never its secret. */
  managedBedrockAuth: ManagedBedrockAuth | null;
  webSearch?: string;
  /** [otel] as Codex reads it (the profile file's over config.toml's). */
  otel?: Record<string, unknown>;
  /** The profile file's [features] incremental_tools_legacy, when set. */
  incrementalToolsLegacy?: boolean;
  /** Legacy layout found in config.toml: top-level profile = "…" and [profiles.X] names. */
  legacyProfileSelector?: string;
  legacyProfileTables: string[];
  /** Names of <name>.config.toml files beside config.toml. */
  profileFiles: string[];
  /** Problems the config linter found (legacy layout, web search, typos, Runtime ids…). */
  findings: CheckResult[];
}

/** Codex's config folder as text: config.toml and each profile file by name (null: absent). */
export interface CodexEditFiles {
  configToml: string | null;
  profileFiles: Record<string, string | null>;
}

export interface ConfigService {
  codexHome: string;
  awsConfigPath: string;
  /**
   * Throws ServiceError(kind 'config') when a file is malformed (line and column in the message).
   * `codexVersion`: the installed Codex, so the findings name what that version refuses or ignores.
   */
  readCodexSettings(codexProfile: string | null, opts?: { codexVersion?: string | null }): Promise<CodexSettings>;
  readAwsProfiles(): Promise<{ profiles: AwsProfile[]; ssoSessions: SsoSession[] }>;
  /** Computes every file change without writing. Throws ServiceError(kind 'config') on malformed files. */
  planCodexConfig(choices: SetupChoices): Promise<ConfigPlan>;
  /** Writes a plan atomically with backups; refuses if any file changed since planning. */
  /** `manifestWarning`: the files were written, but the record restore and uninstall read was not kept. */
  applyPlan(plan: ConfigPlan): Promise<{ written: string[]; backups: string[]; manifestWarning?: string }>;
  /** Plans `[features] incremental_tools_legacy = false` in a Codex profile file (no change when already there). */
  planTopLevelTools(codexProfile: string): Promise<ConfigPlan>;
  /**
   * Plans a pure edit of config.toml and every <name>.config.toml (doctor --fix): the files as read in,
   * the files as they should be out; a file the edit leaves alone is not in the plan.
   */
  planCodexEdit(edit: (files: CodexEditFiles) => CodexEditFiles & { warnings?: string[]; migratedLegacy?: string[] }): Promise<ConfigPlan>;
  /** Adds/updates an [sso-session] block and an SSO [profile] block in the AWS config. */
  planSsoProfile(input: {
    profile: string;
    session: string;
    startUrl: string;
    ssoRegion: string;
    accountId?: string;
    roleName?: string;
    region: string;
  }): Promise<ConfigPlan>;
}

export interface SsoService {
  /**
   * Hands the terminal to `aws configure sso --profile NAME` (or `aws sso login`).
   * The caller has released the terminal; resolves with the child's exit code.
   */
  runAwsInteractive(args: string[], awsPath: string): Promise<{ exitCode: number | null; signal: string | null; said?: string }>;
  /** The portal's accounts and roles for a signed-in token, through the command's HTTP client. Optional so in-memory fakes need not build one. */
  listAssignments?: SsoPortal['listAssignments'];
  /** Why no browser here can complete the aws CLI's localhost sign-in (null: one can). Optional for fakes: then null. */
  headless?(): HeadlessReason | null;
}

export interface Services {
  tools: ToolsService;
  aws: AwsService;
  config: ConfigService;
  sso: SsoService;
  /** --team-config: pinned URL or local file. Optional so in-memory fakes need not build one. */
  teamTemplates?: TeamTemplateSource;
  /** team check: does an Identity Center start URL answer. Optional for the same reason. */
  startUrls?: StartUrlService;
  /** doctor: is the proxy up. Optional for the same reason; without it the proxy is not probed. */
  net?: NetService;
  env: NodeJS.ProcessEnv;
  /** The environment the aws CLI runs in when it signs in (--demo: the emulator's proxy and CA); default: `env`. */
  awsCliEnv?(): Promise<NodeJS.ProcessEnv>;
  now(): number;
}
