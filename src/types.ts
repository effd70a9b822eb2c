// Shared domain types. Pure data: no imports with side effects.

/** How we authenticate to AWS. Secrets are never stored in this object except `apiKey`, which stays in memory. */
export type AuthChoice =
  | { kind: 'profile'; profile: string } // a named AWS profile (SSO profiles included)
  | { kind: 'env' } // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the default chain
  | { kind: 'api-key'; apiKey: string }; // Bedrock API key (AWS_BEARER_TOKEN_BEDROCK or pasted)

export type AuthMethod = 'sso' | 'profile' | 'api-key' | 'env';

export interface Identity {
  arn: string;
  account: string;
  userId: string;
}

/**
 * Where each AWS service is reached. Real AWS hostnames by default; overridden by
 * AWS_ENDPOINT_URL(_STS|_BEDROCK), Codex's base_url, or the demo emulator.
 */
export interface EndpointResolver {
  sts(region: string): string;
  bedrock(region: string): string;
  /** Base of the Mantle OpenAI surface, e.g. https://bedrock-mantle.us-east-1.api.aws (no trailing slash). */
  mantle(region: string): string;
  /** Full URL for Responses API posts, as Codex builds it: <mantle>/openai/v1/responses unless base_url overrides. */
  mantleResponses(region: string): string;
  mantleModels(region: string): string;
  /** Responses API posts of Codex's amazon-bedrock-runtime provider: https://bedrock-runtime.<region>.amazonaws.com/openai/v1/responses. */
  runtimeResponses(region: string): string;
  ssoOidc(region: string): string;
  ssoPortal(region: string): string;
}

export interface FoundationModel {
  modelId: string; // Bedrock Runtime id, e.g. openai.gpt-oss-120b-1:0
  modelName: string;
  providerName: string;
  responseStreamingSupported: boolean;
  lifecycleStatus: string;
}

export interface RegionModels {
  region: string;
  reachable: boolean;
  /** Human explanation and catalogue id when the region could not be queried. */
  error?: string;
  diagnosis?: string;
  models: ModelAvailability[];
}

/** Mantle's OpenAI-compatible surfaces: OpenAI's proprietary models, and open-weight ones. */
export type MantleSurface = '/openai/v1' | '/v1';

export interface ModelAvailability {
  id: string; // Mantle id (no version suffix)
  /** Where Mantle serves it; Codex's built-in provider posts to /openai/v1 only. */
  surface: MantleSurface;
  /** Mantle serves it on the Responses API of the surface Codex's built-in provider uses. */
  responsesApi: boolean;
  /** The identity may invoke it here (Mantle lists it and no denial is known). */
  available: boolean;
  /** The installed Codex has metadata for it (null when Codex is not installed). */
  knownToCodex: boolean | null;
  inControlPlane: boolean;
}

export interface LatencySample {
  /** ms since request start, for each output token delta. */
  tokenTimes: number[];
  connectMs?: number;
  headersMs: number;
  totalMs: number;
  outputTokens?: number; // from usage when the server reports it
}

export interface LatencyReport {
  connectMs: number | null;
  headersMs: number;
  ttftMs: number | null;
  /** ttftMs − headersMs: time the model took once the connection was up. Optional for older producers. */
  ttftAfterHeadersMs?: number | null;
  interTokenP50Ms: number | null;
  interTokenP95Ms: number | null;
  outputTokens: number;
  tokensPerSecond: number | null;
  totalMs: number;
  gaps: number[];
}

export type SmokeEvent =
  | { type: 'connected'; atMs: number }
  | { type: 'headers'; atMs: number; status: number }
  | { type: 'delta'; atMs: number; text: string }
  | { type: 'done'; atMs: number };

export interface SmokeResult {
  ok: boolean;
  model: string;
  region: string;
  endpoint: string;
  auth: 'sigv4' | 'bearer';
  text: string;
  latency: LatencyReport;
  failure?: Failure;
  /** Which request was sent: replayed from the installed Codex, or modelled on a Codex version. */
  request?: SmokeRequestInfo;
}

export interface SmokeRequestInfo {
  source: 'captured' | 'modelled';
  codexVersion: string;
  /** Why the installed Codex could not be asked, when the request was modelled. */
  note?: string;
  /** Codex >= 0.171 carries its tools in an `additional_tools` input item. */
  additionalTools: boolean;
  toolTypes: string[];
  /** Names (never values) of the headers sent before auth, as Codex sends them. */
  headers: string[];
}

/** A failure observed anywhere, before diagnosis. */
export interface Failure {
  kind: 'http' | 'network' | 'process' | 'missing-tool' | 'config' | 'stream' | 'credentials';
  status?: number;
  errorType?: string; // x-amzn-ErrorType or AWS error name
  message?: string;
  code?: string; // Node error code: ECONNREFUSED, ENOTFOUND, CERT_..., ETIMEDOUT
  service?: 'sts' | 'bedrock' | 'bedrock-mantle' | 'bedrock-runtime' | 'sso' | 'aws-cli' | 'codex';
  region?: string;
  model?: string;
  profile?: string;
  /** The response's Date header, and our clock when it arrived: "Signature expired" is skew only if they disagree. */
  serverDate?: string;
  receivedAt?: number;
  /** Our smoke request carried Codex 0.171's `additional_tools` item (the endpoint's refusal is then about it). */
  sentAdditionalTools?: boolean;
}

/** A failure explained for people. */
export interface Diagnosis {
  id: string;
  title: string; // what happened
  why: string;
  fix: string; // the exact next command or edit
}

// 'skipped': a check that waits for something not there yet (doctor before setup has no Codex config to read); never a failure.
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface CheckResult {
  id: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
  why?: string;
  diagnosis?: string; // catalogue id
}

export interface AwsCliInfo {
  path: string;
  version: string | null; // e.g. 2.9.19
  major: number | null;
}

export interface CodexInfo {
  path: string;
  version: string | null; // e.g. 0.169.0
}

export interface AwsProfile {
  name: string;
  region?: string;
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  isSso: boolean;
  hasStaticKeys: boolean;
  /** An assumed role, its session name, and a credential helper: whose name the calls carry (never a secret). */
  roleArn?: string;
  roleSessionName?: string;
  credentialProcess?: boolean;
  /** A role chain's base (source_profile or credential_source), and an `aws login` session: only whether they are set. */
  sourceProfile?: string;
  credentialSource?: string;
  loginSession?: boolean;
}

export interface SsoSession {
  name: string;
  startUrl?: string;
  region?: string;
  scopes?: string;
}

export interface CodexProfileChoice {
  name: string; // bedrock-prod
  model: string;
  region?: string; // when it differs from the shared one
  awsProfile?: string; // when it differs from the shared one
}

export interface SetupChoices {
  region: string;
  /** AWS profile Codex should use; absent for env/api-key auth (SDK default chain / bearer). */
  awsProfile?: string;
  profiles: CodexProfileChoice[];
  /** Installed Codex version decides the layout. null = unknown: write the current layout. */
  codexVersion: string | null;
  /**
   * Written as `[model_providers.amazon-bedrock.aws] auth_refresh`: Codex runs it when the SSO session has
   * expired, then retries (observed with Codex 0.169). Optional; absent = leave any existing one alone.
   */
  authRefresh?: { command: 'aws'; args: string[]; timeoutMs: number };
  /** aws.credential_export: written instead of aws.profile (Codex refuses both). */
  credentialExport?: { command: string; args: string[] };
  /** keep: leave web_search as the user has it (the endpoint ran Codex's hosted tool); default "disabled". */
  webSearch?: 'disabled' | 'keep';
  /** Which built-in provider the profiles use: mantle (amazon-bedrock, default) or runtime (amazon-bedrock-runtime). */
  provider?: 'mantle' | 'runtime';
}

export interface FileChange {
  path: string;
  before: string | null; // null: the file does not exist yet
  after: string;
  diff: string; // unified diff, no colour
}

export interface ConfigPlan {
  changes: FileChange[];
  /** Legacy layout found (top-level profile = … or [profiles.X]) and migrated by this plan. */
  migratedLegacy: string[];
  warnings: string[];
}
