// In-memory Services for command tests, one place for every fake: each call is recorded, any method can be replaced.
import { parseTeamTemplateText, parseTemplateSource, TeamTemplateError } from '../../src/core/teamTemplate.js';
import { createTeamTemplateSource } from '../../src/services/teamTemplateSource.js';
import type { Services } from '../../src/services/types.js';
import type { AuthChoice, ConfigPlan, SmokeEvent, SmokeResult } from '../../src/types.js';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const IDENTITY = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDAEXAMPLE' };
export const CODEX_MODELS = ['openai.gpt-6.1-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5'];
/** What Mantle lists in us-east-1; every other region lists OTHER_REGION_MODELS. */
export const MANTLE_HERE = ['openai.gpt-oss-120b', 'openai.gpt-oss-20b', 'openai.gpt-6-luna', 'openai.gpt-6.1-sol'];
export const OTHER_REGION_MODELS = ['openai.gpt-oss-120b', 'openai.gpt-5.5'];

export const PLAN: ConfigPlan = {
  changes: [
    {
      path: '/home/dev/.codex/config.toml',
      before: 'model = "o3"\n',
      after: '[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n',
      diff: '--- a/config.toml\n+++ b/config.toml\n@@ -1 +1,2 @@\n-model = "o3"\n+[model_providers.amazon-bedrock.aws]\n+region = "us-east-1"\n',
    },
    {
      path: '/home/dev/.codex/bedrock-prod.config.toml',
      before: null,
      after: 'model = "openai.gpt-6.1-sol"\n',
      diff: '--- /dev/null\n+++ b/bedrock-prod.config.toml\n@@ -0,0 +1 @@\n+model = "openai.gpt-6.1-sol"\n',
    },
  ],
  migratedLegacy: [],
  warnings: [],
};

export function smokeResult(model: string, region: string, auth: AuthChoice, text = 'Yes, it works.'): SmokeResult {
  return {
    ok: true,
    model,
    region,
    endpoint: `https://bedrock-mantle.${region}.api.aws/openai/v1/responses`,
    auth: auth.kind === 'api-key' ? 'bearer' : 'sigv4',
    text,
    latency: { connectMs: 12, headersMs: 40, ttftMs: 55, interTokenP50Ms: 5, interTokenP95Ms: 9, outputTokens: 3, tokensPerSecond: 150, totalMs: 80, gaps: [5, 9, 4] },
  };
}

export interface Calls {
  whoAmI: AuthChoice[];
  listMantleModels: string[];
  listFoundationModels: string[];
  probeRegion: string[];
  smokeTest: { model: string; region: string; auth: AuthChoice }[];
  planCodexConfig: unknown[];
  applyPlan: ConfigPlan[];
  planSsoProfile: unknown[];
  runAwsInteractive: { args: string[]; awsPath: string }[];
  captureCodexRequest: string[];
  planTopLevelTools: string[];
  loadTemplate: string[];
  checkStartUrl: string[];
}

export interface FakeOptions {
  /** Team templates by the --team-config argument that names them (TOML text, parsed by the real parser). */
  templates?: Record<string, string>;
}

export type FakeServices = Services & { calls: Calls };

export function fakeServices(env: NodeJS.ProcessEnv = {}, { templates = {} }: FakeOptions = {}): FakeServices {
  const calls: Calls = {
    whoAmI: [],
    listMantleModels: [],
    listFoundationModels: [],
    probeRegion: [],
    smokeTest: [],
    planCodexConfig: [],
    applyPlan: [],
    planSsoProfile: [],
    runAwsInteractive: [],
    captureCodexRequest: [],
    planTopLevelTools: [],
    loadTemplate: [],
    checkStartUrl: [],
  };
  return {
    calls,
    env,
    now: () => 0,
    tools: {
      findAwsClis: async () => [
        { path: '/usr/local/bin/aws', version: '1.45.3', major: 1 },
        { path: '/usr/bin/aws', version: '2.9.19', major: 2 },
      ],
      findCodex: async () => ({ path: '/usr/local/bin/codex', version: '0.169.0' }),
      codexModels: async () => CODEX_MODELS,
      captureCodexRequest: async (opts) => {
        calls.captureCodexRequest.push(opts.codexProfile);
        return { ok: false, reason: 'no recorder in these tests' };
      },
    },
    aws: {
      whoAmI: async (auth) => {
        calls.whoAmI.push(auth);
        return auth.kind === 'api-key' ? null : IDENTITY;
      },
      listFoundationModels: async (_auth, region) => {
        calls.listFoundationModels.push(region);
        return [];
      },
      listMantleModels: async (_auth, region) => {
        calls.listMantleModels.push(region);
        return region === 'us-east-1' ? MANTLE_HERE : OTHER_REGION_MODELS;
      },
      probeRegion: async (region) => {
        calls.probeRegion.push(region);
        return { ok: true, rttMs: 42 };
      },
      timeRegionRequest: async () => ({ ok: true, ms: 42, reused: true, status: 404 }),
      smokeTest: async (opts, onEvent: (e: SmokeEvent) => void) => {
        calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
        onEvent({ type: 'connected', atMs: 12 });
        onEvent({ type: 'headers', atMs: 40, status: 200 });
        for (const [i, t] of ['Yes', ', it', ' works.'].entries()) onEvent({ type: 'delta', atMs: 55 + i * 5, text: t });
        onEvent({ type: 'done', atMs: 80 });
        return smokeResult(opts.model, opts.region, opts.auth);
      },
    },
    config: {
      codexHome: '/home/dev/.codex',
      awsConfigPath: '/home/dev/.aws/config',
      readCodexSettings: async (codexProfile) => ({
        configPath: '/home/dev/.codex/config.toml',
        configExists: true,
        codexProfile,
        profilePath: null,
        profileExists: false,
        hasCredentialExport: false,
        managedBedrockAuth: null,
        model: 'o3',
        legacyProfileTables: [],
        profileFiles: [],
        findings: [],
      }),
      readAwsProfiles: async () => ({
        profiles: [
          { name: 'dev', region: 'us-east-1', isSso: false, hasStaticKeys: true },
          { name: 'corp-sso', region: 'us-east-1', isSso: true, hasStaticKeys: false, ssoSession: 'corp' },
        ],
        ssoSessions: [],
      }),
      planCodexConfig: async (choices) => {
        calls.planCodexConfig.push(choices);
        return PLAN;
      },
      applyPlan: async (plan) => {
        calls.applyPlan.push(plan);
        return { written: plan.changes.map((c) => c.path), backups: ['/home/dev/.codex/config.toml.bak-1'] };
      },
      planTopLevelTools: async (codexProfile) => {
        calls.planTopLevelTools.push(codexProfile);
        return { changes: [{ path: `/home/dev/.codex/${codexProfile}.config.toml`, before: 'model = "m"\n', after: 'model = "m"\n\n[features]\nincremental_tools_legacy = false\n', diff: '+[features]\n+incremental_tools_legacy = false\n' }], migratedLegacy: [], warnings: [] };
      },
      planCodexEdit: async () => ({ changes: [], migratedLegacy: [], warnings: [] }),
      planSsoProfile: async (input) => {
        calls.planSsoProfile.push(input);
        return { changes: [{ path: '/home/dev/.aws/config', before: '', after: '[sso-session corp]\n', diff: '+[sso-session corp]\n' }], migratedLegacy: [], warnings: [] };
      },
    },
    sso: {
      runAwsInteractive: async (args, awsPath) => {
        calls.runAwsInteractive.push({ args, awsPath });
        return { exitCode: 0, signal: null };
      },
    },
    teamTemplates: {
      load: async (arg) => {
        calls.loadTemplate.push(arg);
        const text = templates[arg];
        // Not given in memory: a local file, read as the real source reads it (no network here).
        if (text === undefined) return createTeamTemplateSource({ http: { requestStream: () => Promise.reject(new TeamTemplateError('no network in tests')) } }).load(arg);
        return { template: parseTeamTemplateText(text), source: parseTemplateSource(arg), where: arg };
      },
    },
    startUrls: {
      check: async (startUrl) => {
        calls.checkStartUrl.push(startUrl);
        return { ok: true };
      },
    },
  };
}
