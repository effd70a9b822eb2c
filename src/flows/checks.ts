// doctor's checks, Ink-free: the command prints them, the live view draws them as they land.
import { bearerTokenProblem } from '../core/apiKey.js';
import { attributionRows } from '../core/attribution.js';
import { BEDROCK_PROVIDER } from '../core/codexConfig.js';
import { codexCredential } from '../core/codexCredential.js';
import { codexInstallCheck } from '../core/codexInstall.js';
import { diagnoseCodexOutput, lastLine } from '../core/codexOutput.js';
import { defaultCodexProfile } from '../core/codexProfiles.js';
import { codexSupports } from '../core/codexVersions.js';
import { credentialSourceOf, loginAgainCommand } from '../core/credentialSource.js';
import { atCodexHome, codexHomeShown, diagnose, explain, renewedSource, type DiagnosisParams } from '../core/diagnosis.js';
import {
  authToTest,
  awsCliCheck,
  caBundleCheck,
  credentialCheck,
  endpointHost,
  fromDiagnosis,
  pass,
  probeFailure,
  problem,
  proxyInUse,
  proxyProbeCheck,
  proxyStep,
  providerOf,
  reachableBeforeSetup,
  regionBeforeSetup,
  runtimeProviderCheck,
  smokeFailureCheck,
  waitingForConfigCheck,
  withServerWords,
  type Provider,
} from '../core/doctorChecks.js';
import type { DoctorCheck, DoctorListener, DoctorPhase, DoctorReport } from '../core/doctorReport.js';
import { codexRegionNote, isCodexSupportedRegion, MANTLE_REGIONS } from '../core/regions.js';
import { isServiceError } from '../services/errors.js';
import { readSsoToken } from '../services/sso.js';
import { sessionLifetimeCheck, signInProfileOf } from '../core/sessionLifetime.js';
import type { CodexSettings, Services } from '../services/types.js';
import type { AuthChoice, AwsCliInfo, AwsProfile, CheckResult, CodexInfo } from '../types.js';
import { firstUsableAws } from '../core/awsCli.js';
import { ssoLoginAsTyped } from '../core/ssoArgs.js';
import { signInMode } from './sso.js';
// codex doctor's runner and folding still live beside the commands (helper "proc" owns them).
import { CODEX_DOCTOR_TIMEOUT_MS, codexDoctorArgs, foldCodexDoctor, runCodexDoctorProcess, type CodexDoctorRunner } from './codexDoctor.js';
import { wordFor } from '../core/wording.js';
import { diagnosisOf } from './diagnosisOf.js';
import { describeSmokeRequest, runSmokeCheck, SMOKE_PROMPT } from './smoke.js';

export interface CheckOptions {
  codexProfile?: string;
  withCodex?: boolean;
  /** Runs `codex doctor`; a seam for tests. */
  runCodexDoctor?: CodexDoctorRunner;
  codexDoctorTimeoutMs?: number;
}

type Add = (c: CheckResult) => void;

/** The lint's "web search is not disabled" warning, settled by the live smoke check when there is one. */
const WEB_SEARCH_LINT = 'codex-web-search-enabled';

function fromError(id: string, e: unknown, params: DiagnosisParams = {}): CheckResult {
  return fromDiagnosis(id, 'fail', withServerWords(diagnosisOf(e, params), isServiceError(e) ? e.failure : undefined, params));
}

/**
 * An aws login profile (or a role on one) signs in again with aws login, not aws sso login; an IAM Identity Center
 * one (or a role on one) with the sign-in as this machine needs it typed. Fix texts say so.
 */
async function signInParam(profile: string | undefined, profiles: AwsProfile[], ssoTypedP: Promise<(profile: string) => string>): Promise<Pick<DiagnosisParams, 'signIn' | 'ssoLogin'>> {
  if (!profile) return {};
  const source = credentialSourceOf(profile, profiles);
  const signIn = loginAgainCommand(profile, source);
  if (signIn) return { signIn };
  // Only an Identity Center sign-in waits for the aws CLIs' versions (`aws --version` takes ~0.4 s).
  const sso = signInProfileOf(profile, source);
  return sso ? { ssoLogin: (await ssoTypedP)(sso) } : {};
}

/** `aws sso login` as this machine needs it typed: the device code when headless, the v2 by path when shadowed. */
async function ssoTypedFor(services: Services, awsClisP: Promise<AwsCliInfo[]>): Promise<(profile: string) => string> {
  const clis = await awsClisP;
  const mode = signInMode(services, {}, firstUsableAws(clis)?.version ?? null);
  return ssoLoginAsTyped(mode, clis);
}

function homeParams(services: Services): DiagnosisParams {
  return { codexHome: codexHomeShown(services.config.codexHome, services.env.HOME) };
}

/**
 * Every check, reading the situation as Codex would. Independent checks run concurrently;
 * the network ones wait for the config they depend on. The listener sees each result as it lands.
 */
export async function runChecks(services: Services, opts: CheckOptions = {}, listener: DoctorListener | ((c: DoctorCheck) => void) = {}): Promise<DoctorReport> {
  const l: DoctorListener = typeof listener === 'function' ? { onCheck: listener } : listener;
  const checks: DoctorCheck[] = [];
  const { codexHome } = homeParams(services);
  const add = (check: DoctorCheck) => {
    // doctor is a command: its fixes name commands, never a wizard's Retry.
    const at = (s: string | undefined) => (s === undefined ? s : wordFor(atCodexHome(s, codexHome), 'command'));
    const c = { ...check, summary: at(check.summary)!, ...(check.why !== undefined ? { why: at(check.why) } : {}), ...(check.fix !== undefined ? { fix: at(check.fix) } : {}) };
    checks.push(c);
    l.onCheck?.(c);
  };
  const phase = async <T>(p: DoctorPhase, work: () => Promise<T>): Promise<T> => {
    l.onPhase?.(p, 'start');
    try {
      return await work();
    } finally {
      l.onPhase?.(p, 'done');
    }
  };
  const env = services.env;

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  add(nodeMajor >= 20 ? pass('node', `Node ${process.versions.node}`) : { id: 'node', status: 'fail', summary: `Node ${process.versions.node} is older than 20`, fix: 'Install Node 20 or newer: https://nodejs.org' });

  const codexP = services.tools.findCodex().catch(() => null);
  const awsClisP = services.tools.findAwsClis().catch(() => [] as AwsCliInfo[]);
  const toolsP = phase('tools', () => toolChecks(codexP, awsClisP, add));
  const ssoTypedP = ssoTypedFor(services, awsClisP);
  // The lint judges the config by what the installed Codex accepts; `codex --version` takes milliseconds.
  const codexVersion = (await codexP)?.version ?? null;
  const settings = await phase('config', () => configChecks(services, opts, codexVersion, add));
  // Without a config Codex signs with nothing: the checks of what it would use wait for setup (one skipped row).
  const configured = !!settings && hasCodexConfig(settings);
  const provider = providerOf(settings?.modelProvider);
  const bearer = env.AWS_BEARER_TOKEN_BEDROCK;
  const credential = settings && configured
    ? codexCredential({
        codexVersion,
        awsProfile: settings.awsProfile,
        awsProfileFile: settings.awsProfileFile,
        hasCredentialExport: settings.hasCredentialExport,
        managedAuth: settings.managedBedrockAuth,
        bearerInEnv: !!bearer,
        envProfile: env.AWS_PROFILE,
        envAccessKeys: !!env.AWS_ACCESS_KEY_ID,
      })
    : null;
  // Codex's own doctor runs beside our network checks; its findings are folded in once ours are known.
  const codexDoctorP = toolsP.then((codex) =>
    codex && settings && codexReadsConfig(settings) && codexSupports(codex.version, 'codex-doctor') ? phase('codex-doctor', () => runCodexDoctor(services, opts, codex.path, settings)) : null,
  );

  await phase('network', async () => {
    const { profiles } = await services.config.readAwsProfiles().catch(() => ({ profiles: [] }));
    const names = new Set(profiles.map((p) => p.name));
    const awsProfile = settings?.awsProfile;
    if (env.AWS_PROFILE && !names.has(env.AWS_PROFILE)) {
      // AWS_PROFILE matters to Codex only when it falls back to the SDK chain; otherwise it only breaks the aws CLI.
      const codexReadsIt = credential?.kind === 'sdk-chain' && credential.profile === env.AWS_PROFILE;
      add(problem('aws-profile-env', codexReadsIt ? 'fail' : 'warn', 'aws-profile-not-found', { profile: env.AWS_PROFILE }, `AWS_PROFILE=${env.AWS_PROFILE} names a profile that does not exist`));
    }
    let profileMissing = false;
    if (awsProfile && !names.has(awsProfile)) {
      profileMissing = true;
      add(problem('aws-profile', 'fail', 'codex-aws-profile-missing', { profile: awsProfile }));
    }
    const ca = caBundleCheck(env);
    if (ca) add(ca);
    if (settings && !configured) {
      await networkBeforeSetup(services, add);
      return;
    }
    if (!settings || !credential) return;
    const region = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    add(credentialCheck(credential, codexVersion, !!bearer, awsProfile));
    const signing = profiles.find((p) => p.name === (credential.profile ?? awsProfile));
    for (const c of attributionRows({ credentialKind: credential.kind, profile: signing, otel: settings.otel })) add(c);
    // How long the Identity Center sign-in Codex signs with has left (the aws CLI's token cache).
    if (signing?.isSso && (credential.kind === 'aws-profile' || credential.kind === 'sdk-chain')) {
      const token = await readSsoToken(env, { session: signing.ssoSession, startUrl: signing.ssoStartUrl });
      add(sessionLifetimeCheck(signing.name, token, services.now(), (await ssoTypedP)(signing.name)));
    }
    const auth = authToTest(credential, bearer);
    const source = signing ? renewedSource(credentialSourceOf(signing.name, profiles)) : undefined;
    const params: DiagnosisParams = {
      ...homeParams(services),
      profile: credential.profile,
      ...(source ? { credentialSource: source } : {}),
      region,
      model: settings.model,
      codexProfile: settings.codexProfile ?? undefined,
      ...(provider === 'runtime' ? { provider: 'runtime' as const } : {}),
      ...(await signInParam(credential.profile ?? awsProfile, profiles, ssoTypedP)),
    };
    if (!region) {
      add({ id: 'region', status: 'fail', summary: 'No region: Codex fails with "AWS SDK config did not resolve a region"', fix: 'npx codex-bedrock-setup --region us-east-1 (writes aws.region), or export AWS_REGION=us-east-1' });
      return;
    }
    // A refusal by the proxy, on any check, names the proxy and its variable (never its credentials).
    const viaProxy = proxyInUse(env, endpointHost(provider, region, settings.baseUrl));
    if (viaProxy) Object.assign(params, { proxy: viaProxy.shown, proxyVariable: viaProxy.variable });
    if (!auth) return; // credentialCheck said why doctor cannot sign as Codex does
    if (auth.kind === 'api-key') {
      const local = bearerTokenProblem(auth.apiKey, region, services.now());
      if (local) {
        add(problem('bearer', 'fail', 'bearer-invalid', { ...params, detail: local }, `The Bedrock API key cannot work here: ${local}`));
        return;
      }
    }
    if (!(await proxyCheck(services, endpointHost(provider, region, settings.baseUrl), add))) return;
    if (profileMissing) return;
    const c = { auth, region, model: settings.model, baseUrl: settings.baseUrl, params };
    await (provider === 'runtime' ? runtimeChecks(services, c, add) : mantleChecks(services, c, add));
  });

  const webSearch = settings?.findings.find((f) => f.id === WEB_SEARCH_LINT);
  if (webSearch) {
    const smoke = checks.find((c) => c.id === 'smoke');
    if (!codexSupports(codexVersion, 'hosted-web-search')) add(pass(WEB_SEARCH_LINT, `Web search is on; Codex ${codexVersion} does not send its hosted web_search tool to Bedrock`));
    else if (smoke?.status === 'pass') add(pass(WEB_SEARCH_LINT, `Web search is on, and ${settings!.region ?? 'the region'} ran Codex's hosted web_search tool in the smoke check`));
    else if (smoke?.diagnosis !== 'hosted-tool-rejected') add(webSearch.why ? webSearch : { ...webSearch, why: explain('web-search-enabled', { codexProfile: settings!.codexProfile ?? undefined }).why });
  }

  const codexDoctor = await codexDoctorP;
  if (codexDoctor && settings) for (const c of foldCodexDoctor(codexDoctor, checks, { settings, timeoutMs: opts.codexDoctorTimeoutMs })) add(c);

  const codex = await toolsP;
  if (opts.withCodex) {
    await phase('codex', async () => {
      if (!codex || !configured) return; // already reported as codex-missing, or waiting for setup
      if (!settings?.codexProfile) {
        add({ id: 'codex-turn', status: 'warn', summary: 'No Codex profile to run a turn with', fix: 'npx codex-bedrock-setup, then doctor --with-codex --codex-profile NAME' });
        return;
      }
      add(await codexTurnCheck(services, codex.path, settings, codexVersion, ssoTypedP));
    });
  }
  const shown = credential ? { kind: credential.kind, source: credential.source, ...(credential.profile ? { profile: credential.profile } : {}) } : null;
  return { ok: !checks.some((c) => c.status === 'fail'), codexProfile: settings?.codexProfile ?? null, codexVersion, credential: shown, checks };
}

async function toolChecks(codexP: Promise<CodexInfo | null>, awsClisP: Promise<AwsCliInfo[]>, add: Add) {
  const [codex, awsClis] = await Promise.all([codexP, awsClisP]);
  add(codexInstallCheck(codex));
  add(awsCliCheck(awsClis));
  return codex;
}

/** The profile Codex would load: the one asked for, else the one setup writes, else the only one (core/codexProfiles). */
async function configChecks(services: Services, opts: CheckOptions, codexVersion: string | null, add: Add): Promise<CodexSettings | null> {
  let s: CodexSettings;
  try {
    const base = await services.config.readCodexSettings(null, { codexVersion });
    const names = codexSupports(codexVersion, 'profile-files') ? base.profileFiles : base.legacyProfileTables;
    const choice = defaultCodexProfile(names, opts.codexProfile);
    if (choice.why === 'several') add({ id: 'codex-profile', status: 'warn', summary: choice.message!, why: 'Without a profile doctor can only check config.toml, which holds no model.' });
    s = choice.profile ? await services.config.readCodexSettings(choice.profile, { codexVersion }) : base;
  } catch (e) {
    if (isServiceError(e) && e.failure.kind === 'config' && diagnose(e.failure).id === 'config-parse-error') {
      // The parser names the file first: "bedrock-prod.config.toml line 3, column 1: invalid value".
      const file = /^(\S+\.toml) /.exec(e.message)?.[1] ?? 'config.toml';
      const path = file.startsWith('/') ? file : `${services.config.codexHome}/${file}`;
      const detail = oneLine(e.message.slice(file.length).trim());
      add(problem('codex-config', 'fail', 'config-parse-error', { path, detail }, `${path} does not parse: ${detail}`));
    } else if (isServiceError(e) && e.failure.kind === 'config') {
      // A folder, a link outside, unreadable bytes: the reader's own sentence is the cause.
      add(problem('codex-config', 'fail', 'config-file-refused', { detail: oneLine(e.message) }, `The Codex config cannot be read: ${oneLine(e.message)}`));
    } else add(fromError('codex-config', e));
    return null;
  }
  if (!hasCodexConfig(s)) {
    add({ id: 'codex-config', status: 'fail', summary: `No Codex config at ${s.configPath}`, fix: 'npx codex-bedrock-setup' });
    add(waitingForConfigCheck(!!opts.withCodex));
    return s;
  }
  add(pass('codex-config', `Codex config ${s.configPath}${s.codexProfile ? ` with profile ${s.codexProfile}` : ''}`));
  const provider = providerOf(s.modelProvider);
  if (s.codexProfile && !s.profileExists) add(problem('codex-profile', 'fail', 'codex-profile-missing', { codexProfile: s.codexProfile }));
  else if (provider === 'runtime') add(runtimeProviderCheck(s.region, codexVersion));
  else if (s.modelProvider !== BEDROCK_PROVIDER)
    add({ id: 'provider', status: 'fail', summary: `model_provider is ${s.modelProvider ? `"${s.modelProvider}"` : 'not set'}, not "${BEDROCK_PROVIDER}"`, fix: `npx codex-bedrock-setup${s.codexProfile ? ` --codex-profile ${s.codexProfile}` : ''}` });
  // Codex's region allow-list belongs to the Mantle provider; the runtime provider has none.
  if (provider === 'mantle' && s.region && !isCodexSupportedRegion(s.region, codexVersion)) add(problem('codex-region', 'warn', 'region-not-supported-by-codex', { region: s.region }));
  else if (provider === 'mantle' && s.region && codexRegionNote(s.region, codexVersion)) add({ id: 'codex-region', status: 'warn', summary: `${s.region}: ${codexRegionNote(s.region, codexVersion)}` });
  // The linter's findings carry their own fix; the catalogue adds the why. A syntax finding duplicates the parse failure.
  // Whether web search works is the smoke check's to say (it replays Codex's request, web_search included).
  for (const f of s.findings) if (f.id !== WEB_SEARCH_LINT) add(f.diagnosis && !f.why ? { ...f, why: explain(f.diagnosis, { codexProfile: s.codexProfile ?? undefined }).why } : f);
  return s;
}

function hasCodexConfig(s: CodexSettings): boolean {
  return s.configExists || s.profileFiles.length > 0;
}

/** Before setup: whether this network reaches Bedrock (through the proxy Codex would use), needing no config or credential. */
async function networkBeforeSetup(services: Services, add: Add): Promise<void> {
  const at = regionBeforeSetup(services.env);
  const host = endpointHost('mantle', at.region);
  if (!(await proxyCheck(services, host, add))) return;
  const probe = await services.aws.probeRegion(at.region).catch((e: unknown) => ({ ok: false, rttMs: null, error: (e as Error).message }));
  add(probe.ok ? reachableBeforeSetup(at, probe.rttMs) : probeFailure(at.region, probe, { ...homeParams(services), region: at.region }, proxyInUse(services.env, host)));
}

/** Checks the proxy first: when it is down every AWS call fails, and one clear cause beats five echoes. */
async function proxyCheck(services: Services, host: string, add: Add): Promise<boolean> {
  const step = proxyStep(services.env, host);
  if (step.kind === 'row') {
    if (step.row) add(step.row);
    return true;
  }
  if (!services.net) return true;
  const check = proxyProbeCheck({ ...step, target: host }, await services.net.tcpProbe(step.host, step.port));
  add(check);
  return check.status === 'pass';
}

interface NetworkInput {
  auth: AuthChoice;
  region: string;
  model?: string;
  baseUrl?: string;
  params: DiagnosisParams;
}

/** STS for a signing credential: null when the credential is a bearer token (it cannot call STS). */
async function identityCheck(services: Services, c: NetworkInput, identity: Awaited<ReturnType<Services['aws']['whoAmI']>> | Error | null, add: Add): Promise<boolean> {
  if (identity instanceof Error) {
    const check = fromError('credentials', identity, c.params);
    if (c.auth.kind === 'profile' && services.env.AWS_ACCESS_KEY_ID) {
      const envWorks = await services.aws.whoAmI({ kind: 'env' }, c.region).then(Boolean, () => false);
      if (envWorks) {
        add(problem('credentials', 'fail', 'profile-fails-env-works', c.params, `Profile ${c.auth.profile} fails (${check.summary}) while exported AWS_* credentials work`));
        return false;
      }
    }
    add(check);
    return false;
  }
  if (identity) add(pass('credentials', `Signed in as ${identity.arn} (account ${identity.account})`));
  return true;
}

function controlPlaneCheck(control: Awaited<ReturnType<Services['aws']['listFoundationModels']>> | Error | null, c: NetworkInput, add: Add): void {
  if (control instanceof Error) {
    // Codex never calls the control plane: a denial here degrades our checks, not Codex.
    const d = diagnosisOf(control, c.params);
    add(fromDiagnosis('control-plane', d.id === 'list-models-denied' ? 'warn' : 'fail', d));
  } else if (control) add(pass('control-plane', `ListFoundationModels in ${c.region}: ${control.length} OpenAI models`));
}

async function mantleChecks(services: Services, c: NetworkInput, add: Add): Promise<void> {
  const { aws } = services;
  const signs = c.auth.kind !== 'api-key';
  const [probe, identity, listed, control] = await Promise.all([
    aws.probeRegion(c.region).catch((e: unknown) => ({ ok: false, rttMs: null, error: (e as Error).message })),
    signs ? aws.whoAmI(c.auth, c.region).catch((e: unknown) => e as Error) : Promise.resolve(null),
    aws.listMantleModels(c.auth, c.region).catch((e: unknown) => e as Error),
    signs ? aws.listFoundationModels(c.auth, c.region).catch((e: unknown) => e as Error) : Promise.resolve(null),
  ]);
  if (!probe.ok) {
    add(probeFailure(c.region, probe, c.params, proxyInUse(services.env, endpointHost('mantle', c.region, c.baseUrl)), c.baseUrl));
    // STS and the control plane are other hosts: whether the credentials work is its own answer, even when Mantle is out of reach.
    if (await identityCheck(services, c, identity, add)) controlPlaneCheck(control, c, add);
    return;
  }
  add(pass('region', `Bedrock Mantle in ${c.region} reachable (${Math.round(probe.rttMs ?? 0)} ms)`));
  if (!(await identityCheck(services, c, identity, add))) return;
  controlPlaneCheck(control, c, add);
  if (listed instanceof Error) {
    add(fromError('models', listed, c.params));
    return;
  }
  if (!c.model) return;
  if (!listed.includes(c.model)) {
    const runtime = /-v?\d+:\d+$|^(us|eu|apac|global)\./.test(c.model);
    if (runtime) {
      add(problem('model', 'fail', 'runtime-model-id', c.params));
      return;
    }
    const elsewhere = await regionsOffering(services, c.auth, c.model, c.region);
    add(problem('model', 'fail', 'model-not-in-region', { ...c.params, regions: elsewhere.join(', ') || undefined }, `${c.model} is not offered in ${c.region}${elsewhere.length ? `; it is in ${elsewhere.join(', ')}` : ''}`));
    return;
  }
  add(pass('model', `${c.model} is offered in ${c.region}`));
  await smokeCheck(services, c, 'mantle', add);
}

/** Bedrock Runtime has no model list and no Mantle host: identity, control plane, then the request itself. */
async function runtimeChecks(services: Services, c: NetworkInput, add: Add): Promise<void> {
  const { aws } = services;
  const signs = c.auth.kind !== 'api-key';
  const [identity, control] = await Promise.all([
    signs ? aws.whoAmI(c.auth, c.region).catch((e: unknown) => e as Error) : Promise.resolve(null),
    signs ? aws.listFoundationModels(c.auth, c.region).catch((e: unknown) => e as Error) : Promise.resolve(null),
  ]);
  if (!(await identityCheck(services, c, identity, add))) return;
  controlPlaneCheck(control, c, add);
  if (!c.model) {
    add({ id: 'model', status: 'fail', summary: 'The runtime profile sets no model', fix: `npx codex-bedrock-setup --provider runtime --model global.openai.gpt-5.5${c.params.codexProfile ? ` --codex-profile ${c.params.codexProfile}` : ''}` });
    return;
  }
  await smokeCheck(services, c, 'runtime', add);
}

/** The request the installed Codex sends for this profile (replayed, else modelled), so the verdict is Codex's. */
async function smokeCheck(services: Services, c: NetworkInput, provider: Provider, add: Add): Promise<void> {
  const smoke = await runSmokeCheck(
    services,
    { auth: c.auth, region: c.region, model: c.model!, prompt: SMOKE_PROMPT, codexProfile: c.params.codexProfile ?? null, ...(provider === 'runtime' ? { provider } : {}) },
    () => {},
  );
  const where = provider === 'runtime' ? ` from Bedrock Runtime in ${c.region}` : '';
  if (smoke.ok) {
    add(pass('smoke', `Streamed a reply${where} to the request ${describeSmokeRequest(smoke)}: first token ${Math.round(smoke.latency.ttftMs ?? 0)} ms, total ${Math.round(smoke.latency.totalMs)} ms`));
    return;
  }
  add(smokeFailureCheck(smoke.failure ?? { kind: 'stream' }, c.params, provider));
}

/** Other validated regions whose Mantle lists the model, asked concurrently with a short deadline. */
async function regionsOffering(services: Services, auth: AuthChoice, model: string, except: string): Promise<string[]> {
  const others = MANTLE_REGIONS.filter((r) => r.validated && r.id !== except).map((r) => r.id);
  const found = await Promise.all(
    others.map(async (r) => {
      const signal = AbortSignal.timeout(8000);
      const ids = await services.aws.listMantleModels(auth, r, signal).catch(() => [] as string[]);
      return ids.includes(model) ? r : null;
    }),
  );
  return found.filter((r): r is string => r !== null);
}

/** Codex reads a config here only when some file exists and names Bedrock Mantle (codex doctor is asked about that provider). */
function codexReadsConfig(s: CodexSettings): boolean {
  return (s.configExists || s.profileExists) && s.modelProvider === BEDROCK_PROVIDER;
}

async function runCodexDoctor(services: Services, opts: CheckOptions, codexPath: string, s: CodexSettings) {
  const run = opts.runCodexDoctor ?? runCodexDoctorProcess;
  return run(codexPath, codexDoctorArgs(s), { ...services.env, CODEX_HOME: services.config.codexHome }, opts.codexDoctorTimeoutMs ?? CODEX_DOCTOR_TIMEOUT_MS);
}

async function codexTurnCheck(services: Services, codexPath: string, s: CodexSettings, codexVersion: string | null, ssoTypedP: Promise<(profile: string) => string>): Promise<DoctorCheck> {
  const { runCodexTurn } = await import('../services/codexExec.js');
  const profile = s.codexProfile!;
  const turn = await runCodexTurn({ codexPath, codexProfile: profile, env: services.env, codexHome: services.config.codexHome, timeoutMs: 90_000 });
  if (turn.ok) return pass('codex-turn', `codex exec --profile ${profile} completed a turn`);
  const awsProfile = s.awsProfile ?? services.env.AWS_PROFILE;
  const { profiles } = await services.config.readAwsProfiles().catch(() => ({ profiles: [] }));
  const d = diagnoseCodexOutput(turn.output, { profile: awsProfile, region: s.region, model: s.model, codexProfile: profile, codexVersion: codexVersion ?? undefined, ...(await signInParam(awsProfile, profiles, ssoTypedP)) });
  const last = lastLine(turn.output);
  return { ...fromDiagnosis('codex-turn', 'fail', d, `codex exec --profile ${profile} failed${last ? `: ${last}` : ''}`), output: tail(turn.output) };
}

function tail(s: string): string {
  return s.split('\n').slice(-20).join('\n').slice(-4000);
}

function oneLine(s: string): string {
  return s.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? s;
}
