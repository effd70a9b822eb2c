// The work each wizard state asks for: state → effects (pure list) → shared flow calls → events. Screens never
// call services; the runner starts an effect when its key appears and aborts it when the key goes away.
import { codexHomeShown } from '../core/diagnosis.js';
import { isHttpProxy, proxyEndpoint, proxySetting } from '../core/proxy.js';
import { finalLatency, liveLatency } from '../core/latency.js';
import type { PolicyInput } from '../core/policy.js';
import { NO_MODEL_DATA, decideWebSearch, loadModelData, otherModelRegions, planSetup, readConfiguredSetup, type ModelData } from '../flows/setup.js';
import { codexRequestFor, runSmokeCheck, type SmokeInput } from '../flows/smoke.js';
import type { CodexRequest } from '../core/codexRequest.js';
import { readCredentialsSummary } from '../flows/credentials.js';
import { measureRegions } from '../flows/regions.js';
import type { Services } from '../services/types.js';
import type { AuthChoice, Failure, Identity, SmokeEvent } from '../types.js';
import { offeredProfiles } from './profileOrder.js';
import { toFailure } from '../flows/failure.js';
import { codexCredentialCheck, envChecks, firstAwsV2, nodeCheck } from './preflight.js';
import { ssoSessionName } from './sso.js';
import {
  chosenRegion,
  modelKey,
  setupDecisions,
  smokeIndex,
  smokeProfile,
  ssoLoginTyped,
  ssoPlanKey,
  webSearchDecision,
  type HandoffRequest,
  type PreflightChecks,
  type WizardEvent,
  type WizardState,
} from './machine.js';

/** The wizard's IAM policy: the policy command's generator, for the regions, models and sign-in chosen. */
export type PolicyRequest = Pick<PolicyInput, 'account' | 'regions' | 'models' | 'bearer' | 'provider'> & { regions: string[]; models: string[] };

export interface EffectDeps {
  services: Services;
  /** Writes the IAM policy for an administrator; resolves with its path. */
  writePolicy?: (req: PolicyRequest) => Promise<string>;
  /**
   * Hands the terminal to the aws CLI. The terminal command releases Ink first and renders a fresh app afterwards,
   * so it never resolves into this run; without it (tests) the child runs here and HANDOFF_DONE follows.
   */
  handoff?: (state: WizardState, req: HandoffRequest) => void;
  /** Redraws of the streaming answer are at most this often (ms). */
  flushMs?: number;
  /** --demo: the world is the emulator, and the aws CLI (which would call AWS itself) is not handed the terminal. */
  demo?: boolean;
  /** Identity checks asked ahead (read-only STS calls), by identityKey; the identity step takes its answer once. */
  ahead?: Map<string, { at: number; asked: Promise<Identity | null> }>;
}

type Dispatch = (e: WizardEvent) => void;

export interface Effect {
  key: string;
  run(deps: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState): Promise<unknown> | void;
}

/** At most 30 frames a second while tokens stream. */
export const FLUSH_MS = 34;

/** Everything the current state needs done; the same state always gives the same keys. */
export function effectsFor(state: WizardState): Effect[] {
  const list: Effect[] = [];
  if (!state.facts) list.push({ key: 'facts', run: facts });
  // The launch checks start with the first frame and fill the checks screen as they arrive.
  if (!state.preflight && state.step !== 'exit') list.push({ key: `preflight:${state.attempt}`, run: preflight });
  if (!state.regionReport && state.step !== 'exit') list.push({ key: `regions:${state.attempt}:${state.probeRegions.join(',')}`, run: regions });

  switch (state.step) {
    case 'profile-pick': {
      // The cursor starts on the first profile: its identity is asked while the list is read.
      const first = offeredProfiles(state)[0];
      if (first) list.push({ key: `identity-ahead:${identityKey({ kind: 'profile', profile: first.name }, chosenRegion(state))}`, run: identityAhead });
      break;
    }
    case 'identity':
      if (state.identity === undefined) list.push({ key: `identity:${state.attempt}`, run: identity });
      // Read-only and signed like the identity check: the model lists are fetched while the identity is shown.
      if (state.auth) pushModels(list, state);
      break;
    case 'models':
      pushModels(list, state);
      // Once the first profile's model is chosen, its web_search answer is asked while the others are chosen.
      if (state.modelIndex > 0 && state.profiles[0]?.model && !webSearchDecision(state) && state.webSearchFailed !== webSearchKey(state)) {
        list.push({ key: webSearchKey(state), run: webSearch });
      }
      break;
    case 'config':
      if (!webSearchDecision(state)) list.push({ key: webSearchKey(state), run: webSearch });
      else if (!state.plan) list.push({ key: `plan:${state.attempt}:${webSearchDecision(state)!.webSearch}`, run: plan });
      else if (state.writing) list.push({ key: `write:${state.attempt}`, run: write });
      break;
    case 'config-written':
      if (state.policyWriting) list.push({ key: 'policy', run: policy });
      // While "Run the smoke test" is read, Codex's request for each profile is recorded: the tests then run
      // back to back. Read-only (a temporary copy of the config, placeholder credentials), never a sign-in.
      list.push({ key: `requests-ahead:${state.attempt}:${chosenRegion(state)}`, run: requestsAhead });
      break;
    case 'smoke':
      // One key per profile: the next profile's test replaces the last one's, and a late answer of the last is dropped.
      if (!state.smoke) list.push({ key: smokeKey(state), run: smoke });
      break;
    case 'smoke-fix':
      if (!state.fixPlan) list.push({ key: `fix-plan:${state.attempt}`, run: fixPlan });
      else if (state.fixWriting) list.push({ key: `fix-write:${state.attempt}`, run: fixWrite });
      break;
    case 'sso-handoff':
      if (state.handoff?.purpose === 'configure' && !state.handoffStage && state.ssoPlan?.key !== ssoPlanKey(state)) list.push({ key: `sso-plan:${ssoPlanKey(state)}`, run: ssoPlan });
      if (state.handoffStage === 'preparing') list.push({ key: `handoff-prepare:${state.attempt}`, run: handoffPrepare });
      if (state.handoffStage === 'ready') list.push({ key: `handoff:${state.attempt}`, run: handoff });
      break;
    case 'sso-verify':
      list.push({ key: `sso-verify:${state.attempt}`, run: ssoVerify });
      break;
    case 'done':
      if (!state.credentials && state.auth) list.push({ key: 'credentials', run: credentials });
      break;
  }
  return list;
}

export interface EffectRunner {
  /** Starts the effects the state asks for and aborts those it no longer does. */
  sync(state: WizardState, dispatch: Dispatch): void;
  stop(): void;
}

export function createEffectRunner(given: EffectDeps): EffectRunner {
  const deps: EffectDeps = { ahead: new Map(), ...given };
  const running = new Map<string, AbortController>();
  return {
    sync(state, dispatch) {
      const wanted = effectsFor(state);
      const keys = new Set(wanted.map((e) => e.key));
      for (const [key, ctl] of running) {
        if (!keys.has(key)) {
          ctl.abort();
          running.delete(key);
        }
      }
      for (const effect of wanted) {
        if (running.has(effect.key)) continue;
        const ctl = new AbortController();
        running.set(effect.key, ctl);
        const live: Dispatch = (e) => {
          if (!ctl.signal.aborted) dispatch(e);
        };
        Promise.resolve()
          .then(() => effect.run(deps, live, ctl.signal, state))
          .catch((e: unknown) => live({ type: 'FAIL', failure: toFailure(e) }));
      }
    },
    stop() {
      for (const ctl of running.values()) ctl.abort();
      running.clear();
    },
  };
}

function facts({ services, writePolicy, demo }: EffectDeps, dispatch: Dispatch) {
  const { config, env } = services;
  dispatch({
    type: 'FACTS',
    facts: {
      codexHome: config.codexHome,
      codexHomeShown: codexHomeShown(config.codexHome, env.HOME),
      awsConfigPath: config.awsConfigPath,
      node: nodeCheck(process.version),
      env: envChecks(env),
      canWritePolicy: !!writePolicy,
      ...(demo ? { demo: true } : {}),
      ...proxyFact(env),
      ...(env.AWS_BEARER_TOKEN_BEDROCK ? { envApiKey: env.AWS_BEARER_TOKEN_BEDROCK } : {}),
    },
  });
}

async function preflight({ services }: EffectDeps, dispatch: Dispatch, signal: AbortSignal) {
  const task = <T>(p: Promise<T>, part: (t: { ok: true; value: T } | { ok: false; message: string }) => PreflightChecks) =>
    p.then(
      (value) => {
        dispatch({ type: 'PREFLIGHT_PART', checks: part({ ok: true, value }) });
        return value;
      },
      (e: unknown) => {
        dispatch({ type: 'PREFLIGHT_PART', checks: part({ ok: false, message: (toFailure(e).message ?? 'unreadable').split('\n')[0]! }) });
        return null;
      },
    );
  const [codex, clis, profiles, settings] = await Promise.all([
    task(services.tools.findCodex(), (codex) => ({ codex })),
    task(services.tools.findAwsClis(), (aws) => ({ aws })),
    task(services.config.readAwsProfiles(), (profiles) => ({ profiles })),
    task(services.config.readCodexSettings(null), (codexConfig) => ({ codexConfig })),
  ]);
  if (signal.aborted) return;
  const codexVersion = codex?.version ?? null;
  const configured = settings ? await readConfiguredSetup(services, codexVersion).catch(() => undefined) : undefined;
  dispatch({
    type: 'PREFLIGHT_DONE',
    info: {
      codexVersion,
      awsV2Path: firstAwsV2(clis ?? [])?.path ?? null,
      awsClis: clis ?? [],
      awsProfiles: profiles?.profiles ?? [],
      ssoSessions: profiles?.ssoSessions ?? [],
      bearerInEnv: !!services.env.AWS_BEARER_TOKEN_BEDROCK,
      managedBedrockAuth: settings?.managedBedrockAuth ?? null,
      headless: services.sso.headless?.() ?? null,
      ...(configured ? { configured } : {}),
    },
  });
}

function pushModels(list: Effect[], state: WizardState) {
  if (state.modelData.key !== modelKey(state) || !state.modelData.complete) list.push({ key: `models:${modelKey(state)}`, run: models });
}

export function smokeKey(state: WizardState): string {
  const p = smokeProfile(state);
  return `smoke:${state.attempt}:${chosenRegion(state)}:${state.provider}:${smokeIndex(state)}:${p?.name}:${p?.model}`;
}

/** The same key at the models and config steps, so an answer asked ahead is not asked twice. */
function webSearchKey(state: WizardState): string {
  return `web-search:${state.attempt}:${chosenRegion(state)}:${state.provider}:${state.profiles[0]?.model}`;
}

/** One measurement of every listed region, whole: drawing each answer as it came would queue the later ones. */
async function regions({ services }: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState) {
  // Three warm probes, not the command's five: the figure is ready while the checks are still being read.
  const report = await measureRegions(services, state.probeRegions, { signal, samples: 3, retry: 'press r to measure again' });
  if (!signal.aborted) dispatch({ type: 'REGIONS_MEASURED', report });
}

const AHEAD_FRESH_MS = 60_000;

/** A profile's STS identity, for this region. */
function identityKey(auth: AuthChoice, region: string): string {
  return auth.kind === 'profile' ? `profile:${auth.profile}:${region}` : `${auth.kind}:${region}`;
}

/**
 * Read-only and never a sign-in: an expired session only fails here, and that failure is shown by the identity
 * step if the profile is chosen. Not tied to the effect's signal: choosing the profile ends this step, and that is
 * exactly when its answer is wanted.
 */
function identityAhead({ services, ahead }: EffectDeps, _dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  const first = offeredProfiles(state)[0]!;
  const auth: AuthChoice = { kind: 'profile', profile: first.name };
  const asked = services.aws.whoAmI(auth, chosenRegion(state));
  asked.catch(() => undefined); // its failure belongs to the identity step, if that ever comes
  ahead?.clear();
  ahead?.set(identityKey(auth, chosenRegion(state)), { at: services.now(), asked });
}

async function identity({ services, ahead }: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState) {
  const auth = state.auth!;
  const region = chosenRegion(state);
  const key = identityKey(auth, region);
  // An answer asked minutes ago may be stale (a session can expire while the list is read): ask again then.
  const early = ahead?.get(key);
  ahead?.delete(key);
  const asked = early && services.now() - early.at < AHEAD_FRESH_MS ? early.asked : undefined;
  try {
    const who = await (asked ?? services.aws.whoAmI(auth, region, signal));
    if (signal.aborted) return;
    dispatch({
      type: 'CREDENTIAL',
      check: codexCredentialCheck({ codexVersion: state.preflight?.codexVersion ?? null, auth, managedAuth: state.preflight?.managedBedrockAuth ?? null, env: services.env }),
    });
    dispatch({ type: 'IDENTITY', identity: who });
  } catch (e) {
    const profile = auth.kind === 'profile' ? auth.profile : undefined;
    dispatch({ type: 'FAIL', failure: { region, profile, ...toFailure(e, { kind: 'credentials', service: 'sts' }) } });
  }
}

async function models({ services }: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState) {
  const key = modelKey(state);
  const region = chosenRegion(state);
  let data: ModelData = NO_MODEL_DATA;
  dispatch({ type: 'MODELS_UPDATE', key, data });
  if (state.provider === 'runtime') {
    // Bedrock Runtime has no model list to check against: Codex's catalogue only suggests an id.
    const codex = await services.tools.codexModels().catch(() => null);
    dispatch({ type: 'MODELS_UPDATE', key, data: { here: [], elsewhere: {}, codex }, complete: true });
    return;
  }
  await loadModelData(
    services,
    { auth: state.auth!, region, others: otherModelRegions(region) },
    (patch) => {
      data = patch(data);
      dispatch({ type: 'MODELS_UPDATE', key, data });
    },
    signal,
  );
  dispatch({ type: 'MODELS_UPDATE', key, data, complete: true });
}

async function webSearch({ services }: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState) {
  const region = chosenRegion(state);
  const model = state.profiles[0]!.model;
  try {
    const d = await decideWebSearch(services, { auth: state.auth!, region, model, provider: state.provider }, signal);
    dispatch({ type: 'WEB_SEARCH_DECIDED', decision: { ...d, region, model } });
  } catch (e) {
    dispatch({ type: 'WEB_SEARCH_FAILED', key: webSearchKey(state), failure: toFailure(e, { service: 'bedrock-mantle' }) });
  }
}

async function plan({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  try {
    dispatch({ type: 'PLAN_READY', plan: await planSetup(services, setupDecisions(state)!) });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) });
  }
}

async function write({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  try {
    const r = await services.config.applyPlan(state.plan!);
    dispatch({ type: 'WRITTEN', written: r.written, backups: r.backups, ...(r.manifestWarning ? { warning: r.manifestWarning } : {}) });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) });
  }
}

async function policy({ writePolicy }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  if (!writePolicy) return;
  try {
    const path = await writePolicy({
      ...(state.identity?.account ? { account: state.identity.account } : {}),
      regions: [chosenRegion(state)],
      models: [...new Set(state.profiles.map((p) => p.model))],
      bearer: state.auth?.kind === 'api-key',
      provider: state.provider,
    });
    dispatch({ type: 'POLICY_WRITTEN', path });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) });
  }
}

/** The proxy a failure may name: which variable set it, and where it points (never its credentials). */
function proxyFact(env: NodeJS.ProcessEnv): { proxy?: { shown: string; variable: string } } {
  const set = proxySetting(env);
  const at = set && isHttpProxy(set) ? proxyEndpoint(set) : null;
  return set && at ? { proxy: { shown: at.shown, variable: set.variable } } : {};
}

/**
 * Codex's requests recorded ahead, per runner's services, for one write of the files: a rewrite starts afresh, so
 * a request recorded before it is never replayed after it. Each is used once, by the smoke test it was made for.
 */
const recordedAhead = new WeakMap<Services, { written: WizardState['written']; requests: Map<string, Promise<CodexRequest>> }>();

function smokeInputFor(state: WizardState, profile: { name: string; model: string }): SmokeInput {
  return { auth: state.auth!, region: chosenRegion(state), model: profile.model, prompt: state.prompt, codexProfile: profile.name, ...(state.provider === 'runtime' ? { provider: 'runtime' as const } : {}) };
}

function aheadKey(state: WizardState, profile: { name: string; model: string }): string {
  return `${state.attempt}:${chosenRegion(state)}:${state.provider ?? 'mantle'}:${profile.name}:${profile.model}`;
}

function requestsAhead({ services }: EffectDeps, _dispatch: Dispatch, _signal: AbortSignal, state: WizardState): void {
  let entry = recordedAhead.get(services);
  if (!entry || entry.written !== state.written) recordedAhead.set(services, (entry = { written: state.written, requests: new Map() }));
  const { requests } = entry;
  for (const p of state.profiles) {
    if (!p.model || !state.auth) continue;
    const key = aheadKey(state, { name: p.name, model: p.model });
    if (requests.has(key)) continue;
    const request = codexRequestFor(services, smokeInputFor(state, { name: p.name, model: p.model }));
    request.catch(() => requests.delete(key));
    requests.set(key, request);
  }
}

function takeAhead(services: Services, state: WizardState, key: string): Promise<CodexRequest> | undefined {
  const entry = recordedAhead.get(services);
  if (!entry || entry.written !== state.written) return undefined;
  const request = entry.requests.get(key);
  entry.requests.delete(key);
  return request;
}

async function smoke({ services, flushMs = FLUSH_MS }: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState) {
  const profile = smokeProfile(state)!;
  const region = chosenRegion(state);
  const live = { text: '', connectMs: null as number | null, headersMs: null as number | null, tokenTimes: [] as number[], doneMs: null as number | null };
  let dirty = false;
  const flush = () => {
    if (!dirty || signal.aborted) return;
    dirty = false;
    dispatch({ type: 'SMOKE_PROGRESS', live: { text: live.text, latency: liveLatency(live) } });
  };
  const timer = setInterval(flush, flushMs);
  const onEvent = (e: SmokeEvent) => {
    if (e.type === 'connected') live.connectMs = e.atMs;
    else if (e.type === 'headers') live.headersMs = e.atMs;
    else if (e.type === 'delta') {
      live.text += e.text;
      live.tokenTimes.push(e.atMs);
    } else live.doneMs = e.atMs;
    dirty = true;
  };
  try {
    const input = smokeInputFor(state, profile);
    const result = await runSmokeCheck(services, input, onEvent, signal, takeAhead(services, state, aheadKey(state, profile)));
    clearInterval(timer);
    if (signal.aborted) return;
    dispatch({ type: 'SMOKE_PROGRESS', live: { text: result.text || live.text, latency: finalLatency(result.latency) } });
    dispatch({ type: 'SMOKE_DONE', result, profile: profile.name });
  } catch (e) {
    clearInterval(timer);
    const failure: Failure = { region, model: profile.model, ...toFailure(e, { service: 'bedrock-mantle' }) };
    dispatch({ type: 'FAIL', failure });
  }
}

async function fixPlan({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  try {
    // The profile whose smoke test was refused: the ones before it passed as they are.
    dispatch({ type: 'FIX_PLANNED', plan: await services.config.planTopLevelTools(smokeProfile(state)!.name) });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) });
  }
}

async function fixWrite({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  try {
    const r = await services.config.applyPlan(state.fixPlan!);
    dispatch({ type: 'FIX_WRITTEN', written: r.written, backups: r.backups });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) });
  }
}

/** The session and profile blocks `aws configure sso` reads, planned (not written) so the screen shows their diff. */
async function ssoPlan({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  const { sso } = state;
  const key = ssoPlanKey(state);
  try {
    const plan =
      sso.startUrl && sso.ssoRegion
        ? await services.config.planSsoProfile({
            profile: sso.profile,
            session: sso.session ?? ssoSessionName(sso.startUrl),
            startUrl: sso.startUrl,
            ssoRegion: sso.ssoRegion,
            accountId: sso.accountId,
            roleName: sso.roleName,
            region: state.region ?? sso.ssoRegion,
          })
        : { changes: [], migratedLegacy: [], warnings: [] };
    dispatch({ type: 'SSO_PLANNED', key, plan });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config', profile: sso.profile }) });
  }
}

/** Enter on the hand-off screen: the blocks whose diff was shown are written, then the terminal is handed over. */
async function handoffPrepare({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  const req = state.handoff!;
  try {
    const plan = state.ssoPlan?.plan;
    if (req.purpose === 'configure' && plan?.changes.length) await services.config.applyPlan(plan);
    dispatch({ type: 'HANDOFF_READY' });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config', profile: state.sso.profile }) });
  }
}

async function handoff(deps: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  const req = state.handoff!;
  if (deps.handoff) return deps.handoff(state, req);
  const r: { exitCode: number | null; signal: string | null; said?: string } = await deps.services.sso.runAwsInteractive(req.args, req.awsPath).catch(() => ({ exitCode: null, signal: null }));
  dispatch({ type: 'HANDOFF_DONE', exitCode: r.exitCode, signal: r.signal, ...(r.said ? { said: r.said } : {}) });
}

async function ssoVerify({ services }: EffectDeps, dispatch: Dispatch, _signal: AbortSignal, state: WizardState) {
  const profile = state.sso.profile;
  try {
    const { profiles } = await services.config.readAwsProfiles();
    if (profiles.some((p) => p.name === profile)) dispatch({ type: 'SSO_VERIFIED', profiles });
    else dispatch({ type: 'FAIL', failure: { kind: 'config', service: 'aws-cli', profile, message: `The config profile (${profile}) could not be found` } });
  } catch (e) {
    dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config', profile }) });
  }
}

/** The last screen's credentials line: read once on arrival (the sign-in's expiry, never the token). */
async function credentials(deps: EffectDeps, dispatch: Dispatch, signal: AbortSignal, state: WizardState): Promise<void> {
  const summary = await readCredentialsSummary(deps.services, state.authMethod ?? 'env', state.auth!, ssoLoginTyped(state)).catch(() => null);
  if (summary && !signal.aborted) dispatch({ type: 'CREDENTIALS_READ', summary });
}
