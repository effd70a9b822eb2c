// The emulator's world: who exists, what each region serves, how slow and how broken it is.
// Pure data plus a JSON merge: tests and `--demo` change it while the emulator runs.
import { demoApiKey } from '../core/demoApiKey.js';

export interface IdentityAllow {
  listFoundationModels?: boolean;
  listMantleModels?: boolean;
  models?: string[] | '*';
  regions?: string[] | '*';
}

export interface EmulatorIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ms epoch, compared with the emulator's clock. */
  expiresAt?: number;
  arn: string;
  account: string;
  userId: string;
  allow?: IdentityAllow;
}

export interface EmulatorBearerToken {
  token: string;
  region: string;
  expiresAt?: number;
  identityArn: string;
}

export interface RegionCatalogue {
  /** Ids Mantle lists and serves (no version suffix): openai.gpt-5.5; open-weight ones only under /v1 (surfaces.ts). */
  mantleModels: string[];
  /** Bedrock Runtime ids ListFoundationModels returns: openai.gpt-oss-120b-1:0. */
  foundationModels: string[];
  /** Subset served on the Responses API; all mantleModels when absent. */
  responsesModels?: string[];
  /** Base ids (no geography prefix) Bedrock Runtime's /openai/v1/responses serves; responsesModels (or mantleModels) when absent. */
  runtimeModels?: string[];
}

export interface SsoRole {
  roleName: string;
  /** ARN the role's credentials resolve to, e.g. arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/demo */
  identityArn: string;
  allow?: IdentityAllow;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: SsoRole[];
}

export interface SsoState {
  startUrl: string;
  region: string;
  accounts: SsoAccount[];
  /** Device codes are approved at this poll of /token (1 = the first poll succeeds); negative = never by itself. */
  approveAfterPolls: number;
  /** true approves every pending device code now (a user clicking "Allow"). */
  approved?: boolean;
  tokenTtlSeconds: number;
  /** Lifetime of role credentials from /federation/credentials. */
  roleCredentialsTtlSeconds?: number;
}

export interface EmulatorDelays {
  /** Added before every response of every service. */
  callMs: number;
  /** Added before Mantle inference response headers (after callMs). */
  headersMs: number;
  /** From the moment streaming response headers are sent to the first output_text.delta. */
  firstTokenMs: number;
  /** Between consecutive output_text.delta events. */
  interTokenMs: number;
}

export type AdditionalToolsMode = 'accept' | 'invalid-input' | 'namespace-collision';

export type FaultKind = 'http' | 'reset' | 'truncate' | 'slowHeaders' | 'malformedJson' | 'malformedSse' | 'hang';

export interface EmulatorFault {
  service?: string;
  region?: string;
  /** Matches when the routed path (prefix stripped, no query) starts with this. */
  path?: string;
  status?: number;
  errorType?: string;
  message?: string;
  retryAfterSeconds?: number;
  kind?: FaultKind;
  /** slowHeaders: how long to hold the headers (default 5000). */
  delayMs?: number;
  /** How many matching requests it hits; forever when absent. */
  times?: number;
}

export interface EmulatorState {
  identities: EmulatorIdentity[];
  bearerTokens: EmulatorBearerToken[];
  regions: Record<string, RegionCatalogue>;
  sso: SsoState;
  delays: EmulatorDelays;
  /** Output tokens (output_text.delta events) per answer. */
  replyTokens: number;
  /** Shifts the emulator's clock relative to this machine's. */
  clockSkewMs: number;
  faults: EmulatorFault[];
  /**
   * Codex 0.150–0.171 send a hosted `web_search` tool unless `web_search = "disabled"`. AWS documents hosted
   * web search on Mantle, but it is unverified here: true plays an endpoint that runs it, false (default) one
   * that refuses it with a 400.
   */
  acceptHostedTools?: boolean;
  /**
   * How Mantle answers Codex 0.171's `additional_tools` input item (reports disagree, so both are played):
   * accept (default); invalid-input refuses the item; namespace-collision refuses a tool namespace named `functions`.
   */
  additionalTools?: AdditionalToolsMode;
  /** Proxy refuses CONNECT with 502; direct mode answers 502 and closes (like a DNS failure). */
  unreachableRegions: string[];
  /**
   * Network distance per region: every request to any of the region's hosts (Mantle, Runtime, STS, the control
   * plane, SSO) waits this long before it is handled, on top of `delays.callMs`; a proxy tunnel waits it once more
   * before it opens (the TCP connect a real proxy makes). Regions not listed add nothing.
   */
  regionLatencyMs?: Record<string, number>;
  /**
   * --demo: besides bearerTokens, the demo's key for each region (core/demoApiKey) is accepted there and only there,
   * signing as this identity; a rehearsal in any region can take the API-key path.
   */
  demoApiKeys?: { identityArn: string };
  /** Public S3 objects by "bucket/key" (a team template served over HTTPS). */
  objects?: Record<string, string>;
}

export const DEMO_ACCOUNT = '123456789012';
export const DEMO_ACCESS_KEY_ID = 'AKIAEMULATORDEMO0001';
export const DEMO_SECRET_ACCESS_KEY = 'emulatorDemoSecretKey/DoNotUseInRealAws00';
export const DEMO_BEARER_TOKEN = demoApiKey('us-east-1');

const FOUNDATION_IDS: Record<string, string> = {
  'openai.gpt-5.5': 'openai.gpt-5.5-v1:0',
  'openai.gpt-6.1-sol': 'openai.gpt-6.1-sol-v1:0',
  'openai.gpt-6-luna': 'openai.gpt-6-luna-v1:0',
  'openai.gpt-oss-120b': 'openai.gpt-oss-120b-1:0',
  'openai.gpt-oss-20b': 'openai.gpt-oss-20b-1:0',
};

function region(mantleModels: string[]): RegionCatalogue {
  return { mantleModels, foundationModels: mantleModels.map((m) => FOUNDATION_IDS[m] ?? `${m}-1:0`) };
}

export function defaultDemoState(): EmulatorState {
  const userArn = `arn:aws:iam::${DEMO_ACCOUNT}:user/demo`;
  return {
    identities: [
      {
        accessKeyId: DEMO_ACCESS_KEY_ID,
        secretAccessKey: DEMO_SECRET_ACCESS_KEY,
        arn: userArn,
        account: DEMO_ACCOUNT,
        userId: 'AIDAEMULATORDEMOUSER1',
      },
    ],
    bearerTokens: [{ token: DEMO_BEARER_TOKEN, region: 'us-east-1', identityArn: userArn }],
    regions: {
      'us-east-1': region([
        'openai.gpt-5.5',
        'openai.gpt-6.1-sol',
        'openai.gpt-6-luna',
        'openai.gpt-oss-120b',
        'openai.gpt-oss-20b',
      ]),
      'us-west-2': region(['openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b']),
      'eu-west-1': region(['openai.gpt-oss-120b', 'openai.gpt-oss-20b']),
    },
    sso: {
      startUrl: 'https://demo.awsapps.com/start',
      region: 'us-east-1',
      accounts: [
        {
          accountId: DEMO_ACCOUNT,
          accountName: 'demo',
          emailAddress: 'demo@example.com',
          roles: [
            {
              roleName: 'BedrockDeveloper',
              identityArn: `arn:aws:sts::${DEMO_ACCOUNT}:assumed-role/AWSReservedSSO_BedrockDeveloper_0123456789abcdef/demo`,
            },
          ],
        },
      ],
      approveAfterPolls: 1,
      tokenTtlSeconds: 8 * 3600,
      roleCredentialsTtlSeconds: 3600,
    },
    delays: { callMs: 0, headersMs: 0, firstTokenMs: 300, interTokenMs: 25 },
    replyTokens: 24,
    clockSkewMs: 0,
    faults: [],
    unreachableRegions: [],
  };
}

/** A patch for a running emulator: any depth may be left out; arrays replace whole. */
export type StatePatch = {
  [K in keyof EmulatorState]?: EmulatorState[K] extends unknown[] ? EmulatorState[K] : NonNullable<EmulatorState[K]> extends object ? DeepPatch<NonNullable<EmulatorState[K]>> : EmulatorState[K];
};
type DeepPatch<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPatch<T[K]> | null : T[K] | null };

/** What the emulator adds before answering any request for `region` (ms). */
export function requestDelayMs(state: EmulatorState, region: string): number {
  return state.delays.callMs + regionLatencyOf(state, region);
}

/** The injected network distance of a region alone (ms); 0 when none is set. */
export function regionLatencyOf(state: EmulatorState, region: string): number {
  const ms = state.regionLatencyMs?.[region];
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** The emulator's idea of "now" (ms epoch). */
export function emulatorNow(state: EmulatorState): number {
  return Date.now() + state.clockSkewMs;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7396 JSON merge patch, in place: objects merge, arrays and scalars replace, null deletes. */
export function mergeState(target: EmulatorState, patch: StatePatch | unknown): void {
  mergeInto(target as unknown as Record<string, unknown>, patch);
}

function mergeInto(target: Record<string, unknown>, patch: unknown): void {
  if (!isPlainObject(patch)) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (isPlainObject(value) && isPlainObject(target[key])) mergeInto(target[key] as Record<string, unknown>, value);
    else target[key] = structuredClone(value);
  }
}
