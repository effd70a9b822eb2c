import { UsageError } from '../args.js';
import { ssoLoginAsTyped } from '../core/ssoArgs.js';
import { ServiceError } from '../services/errors.js';
import { validateCodexProfileName, validateModelId } from '../core/validate.js';
import { validateRuntimeModelId } from '../core/iam/runtimeModels.js';
import { runtimeProviderRefusal } from '../core/codexConfig.js';
import { LEGACY_TOOLS_FLAG } from '../core/codexFeatures.js';
import { SMOKE_PROMPT, describeLatency, describeSmokeRequest, needsTopLevelTools, runSmokeCheck, smokeJson } from '../flows/smoke.js';
import { authRefreshOf, credentialExportOf, decideWebSearch, defaultModel, planSetup, readConfiguredSetup, signInModeOf, type SetupDecisions } from '../flows/setup.js';
import { configuredProfile, defaultCodexProfileName, keptModel, NOTHING_CONFIGURED } from '../core/configured.js';
import { DEFAULT_REGION } from '../core/defaults.js';
import { nextSteps } from '../core/nextSteps.js';
import { diagnosisFor } from '../core/wording.js';
import type { AwsCliInfo, AwsProfile, Identity, SmokeResult } from '../types.js';
import { credentialPlanNote, credentialSourceOf, loginAgainCommand, type CredentialSource } from '../core/credentialSource.js';
import { renewedSource, type DiagnosisParams } from '../core/diagnosis.js';
import { colourDiff, diagnosisOf, homeParams, mark, resolveAuth, resolveRegion, sayDiagnosis } from './common.js';
import { printJson, type CommandContext } from './context.js';
import { allowedDefault, applyTeamToOptions, helpLine, loadTeam, withTeamPlanning } from '../flows/teamLoad.js';
import { codexTooOld } from '../core/teamTemplate.js';
import { CODEX_UPDATE_COMMAND } from '../core/codexVersions.js';
import { readCredentialsSummary } from '../flows/credentials.js';
import { credentialsLine } from '../core/sessionLifetime.js';
import { prepareSsoProfile, signInMode, type SsoReady, type SsoReport } from '../flows/sso.js';
import type { Io } from './context.js';
import { commandLine } from '../cli/commandLine.js';
import { SETUP } from '../cli/flags.js';

/** Non-interactive setup: who am I, which model, plan + diff, write with backup, smoke test. */
export async function runSetup(input: CommandContext): Promise<number> {
  if (!input.options.yes && !input.options.dryRun) {
    throw new UsageError('setup asks no questions, so it needs --yes (or --dry-run to only show the diff). For the interactive wizard run: npx codex-bedrock-setup');
  }
  // --team-config: its values fill the flags not given, and its allowed lists bind them (exit 2 outside them).
  const team = input.options.teamConfig ? (await loadTeam(input.services, input.options.teamConfig)).template : null;
  const ctx = team ? { ...input, options: applyTeamToOptions(input.options, team, input.services.env), services: withTeamPlanning(input.services, team) } : input;
  const { options, services, io } = ctx;
  const codex = await services.tools.findCodex();
  // A re-run keeps what is configured: the profile's model, region and AWS profile stand in for flags not given.
  const configured = await readConfiguredSetup(services, codex?.version ?? null).catch(() => NOTHING_CONFIGURED);
  const codexProfile = check(validateCodexProfileName(defaultCodexProfileName(configured, options.codexProfile)));
  const mine = configuredProfile(configured, codexProfile);
  const region = resolveRegion(options, services.env, mine?.region ?? DEFAULT_REGION);
  const resolved = resolveAuth(options, services.env, mine?.awsProfile ? { awsProfile: mine.awsProfile, file: `${codexProfile}.config.toml` } : undefined);
  const runtime = options.provider === 'runtime';
  if (runtime && !options.models[0]) throw new UsageError('--provider runtime needs --model with a Bedrock Runtime id, e.g. --model global.openai.gpt-5.5.');
  const result: Record<string, unknown> = { ok: false, region, awsProfile: resolved.awsProfile ?? null, codexProfile, auth: resolved.method, provider: runtime ? 'runtime' : 'mantle' };
  // How the profile's credentials are renewed (keys, a helper, aws login, a sign-in), for every fix setup prints;
  // once the aws CLI and the sign-in mode are known, the sign-in again as this machine needs it typed.
  let typedSignIn: Pick<DiagnosisParams, 'ssoLogin' | 'signIn' | 'credentialSource'> = {};
  const fail = (e: unknown, extra = {}) => {
    const d = diagnosisFor(diagnosisOf(e, { ...homeParams(services), region, profile: resolved.awsProfile, ...typedSignIn, ...extra }), 'command');
    sayDiagnosis(io, d);
    if (team?.helpUrl) io.say(`  Help from your team: ${team.helpUrl}`);
    if (options.json) printJson(io, { ...result, error: team?.helpUrl ? { ...d, helpUrl: team.helpUrl } : d });
    return 1;
  };

  io.say(`Region ${region}; credentials: ${resolved.method} (${resolved.source}${resolved.awsProfile ? `: ${resolved.awsProfile}` : ''}).`);
  let sso: SsoReady | null = null;
  if (resolved.method === 'sso' && resolved.awsProfile) {
    try {
      sso = await prepareSsoProfile({ options, services, report: reportTo(io) }, region, resolved.awsProfile);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      return fail(e);
    }
  }
  // SSO sessions expire mid-flow: each AWS step signs in again once and retries.
  const step = <T>(f: () => Promise<T>, failureOf?: (r: T) => SmokeResult['failure']) => (sso ? sso.withRelogin(f, failureOf) : f());
  const awsProfileSource = sso ? undefined : await profileSource(ctx, resolved.awsProfile);
  if (awsProfileSource && resolved.awsProfile) {
    const login = loginAgainCommand(resolved.awsProfile, awsProfileSource);
    const renewed = renewedSource(awsProfileSource);
    typedSignIn = { ...(renewed ? { credentialSource: renewed } : {}), ...(login ? { signIn: login } : {}) };
  }
  const identity = await step(() => services.aws.whoAmI(resolved.auth, region)).catch((e: unknown) => e as Error);
  if (identity instanceof Error) return fail(identity);
  const tooOld = team ? codexTooOld(team, codex?.version ?? null, CODEX_UPDATE_COMMAND) : null;
  if (tooOld) throw new UsageError(tooOld + helpLine(team!));
  const noRuntime = runtime ? runtimeProviderRefusal(codex?.version ?? null) : null;
  if (noRuntime) throw new UsageError(noRuntime);
  if (identity) io.say(`${mark(io, true)} Signed in as ${(identity as Identity).arn} (account ${(identity as Identity).account})`);
  result.identity = identity;

  let model: string | undefined;
  if (runtime) {
    // Bedrock Runtime has no model list to check against: the id is written as given.
    model = check(validateRuntimeModelId(options.models[0]!));
  } else {
    // The model list decides the default and catches a model the region does not serve before anything is written.
    let listed: string[] | Error;
    try {
      listed = await step(() => services.aws.listMantleModels(resolved.auth, region));
    } catch (e) {
      listed = e as Error;
    }
    model = options.models[0] ? check(validateModelId(options.models[0])) : undefined;
    if (listed instanceof Error) {
      if (!model) return fail(listed);
      io.say(`${mark(io, 'warn')} Could not list the models in ${region} (${diagnosisOf(listed).title}); writing ${model} unchecked.`);
    } else if (model && !listed.includes(model)) {
      return fail(new ServiceError({ kind: 'http', status: 404, service: 'bedrock-mantle', region, model, message: 'model_not_found' }), { model, regions: undefined });
    } else if (!model) {
      const kept = keptModel(configured, codexProfile, listed);
      const allowedKept = kept && (!team?.allowedModels || team.allowedModels.includes(kept)) ? kept : undefined;
      const codexModels = allowedKept ? null : await services.tools.codexModels();
      const picked = allowedKept ?? (team?.allowedModels ? allowedDefault(team, listed) : defaultModel({ index: 0, listed, codex: codexModels }));
      if (!picked) {
        return fail(new Error(`Bedrock Mantle lists no model Codex can use in ${region}.`), {});
      }
      model = picked;
      if (allowedKept) io.say(`${mark(io, true)} Model ${model} (as configured in ${codexProfile}.config.toml; choose another with --model)`);
      else {
        if (mine?.model) io.say(`${mark(io, 'warn')} ${codexProfile} had ${mine.model}, which ${region} does not serve${team?.allowedModels ? ' or your team does not allow' : ''}.`);
        io.say(`${mark(io, true)} Model ${model} (the strongest available in ${region}; choose another with --model)`);
      }
    }
  }
  result.model = model;

  const webSearch = await step(() => decideWebSearch(services, { auth: resolved.auth, region, model: model!, provider: runtime ? 'runtime' : 'mantle', flag: options.webSearch }));
  io.say(`${mark(io, webSearch.webSearch === 'keep' ? true : 'warn')} web_search: ${webSearch.webSearch === 'keep' ? 'left as it is' : 'disabled'} (${webSearch.reason})`);
  result.webSearch = webSearch;

  const awsProfileIsSso = sso !== null || awsProfileSource?.kind === 'sso';
  // Codex refreshes an Identity Center profile and exports a helper's credentials through the aws CLI v2; finding
  // the aws CLIs costs ~1 s, so only then.
  const needsAws = awsProfileIsSso || awsProfileSource?.kind === 'credential-process' || awsProfileSource?.kind === 'role-chain';
  const clis: AwsCliInfo[] = sso ? sso.clis : needsAws ? await services.tools.findAwsClis() : [];
  const decisions: SetupDecisions = {
    region,
    auth: resolved.auth,
    awsProfileIsSso,
    ...(awsProfileSource ? { awsProfileSource } : {}),
    profiles: [{ name: codexProfile, model }],
    codexVersion: codex?.version ?? null,
    webSearch,
    ...(runtime ? { provider: 'runtime' as const } : {}),
    awsClis: clis,
    usableAws: sso ? sso.aws.path : (clis.find((c) => c.major === 2)?.path ?? null),
    signIn: sso?.signIn ?? signInMode(services, options, null),
  };
  // Printed for the person to type: the device code where the hand-off would use it, the v2 by path if shadowed.
  const typedMode = signInModeOf(decisions);
  const ssoLogin = typedMode ? ssoLoginAsTyped(typedMode, clis) : (profile: string) => `aws sso login --profile ${profile}`;
  if (resolved.awsProfile && awsProfileIsSso) typedSignIn = { ...typedSignIn, ssoLogin: ssoLogin(resolved.awsProfile) };
  const refresh = authRefreshOf(decisions);
  if ('why' in refresh && refresh.why) io.say(`${mark(io, 'warn')} ${refresh.why}`);
  const sourceNote = credentialPlanNote(awsProfileSource, credentialExportOf(decisions), decisions.codexVersion, resolved.auth.kind === 'profile' ? resolved.auth.profile : undefined);
  let plan;
  try {
    plan = await planSetup(services, decisions);
  } catch (e) {
    return fail(e);
  }
  for (const w of plan.warnings) io.say(`${mark(io, 'warn')} ${w}`);
  for (const legacy of plan.migratedLegacy) io.say(`${mark(io, 'warn')} Migrating legacy ${legacy} to its own profile file (Codex >= 0.134 refuses the old layout).`);
  result.configPath = `${services.config.codexHome}/config.toml`;
  result.files = plan.changes.map((c) => c.path);
  if (plan.changes.length === 0) io.say(`${mark(io, true)} Codex config already up to date; nothing to write.`);
  for (const change of plan.changes) io.say(colourDiff(io, change.diff));

  let backups: string[] = [];
  if (options.dryRun) {
    io.say('Dry run: nothing written.');
    // Nothing exists yet to run Codex with: say what a real run would do, and the command that does it.
    const files = plan.changes.map((c) => c.path);
    const smoke = options.skipSmokeTest ? '' : `, then run the smoke test (${model} in ${region})`;
    io.say(`A real run would ${files.length ? `write ${files.join(', ')} (backing up each changed file)` : 'write nothing'}${smoke}.`);
    result.apply = commandLine(SETUP, input.options, { yes: true });
    io.say(`To apply: ${result.apply as string}`);
  } else if (plan.changes.length) {
    try {
      const applied = await services.config.applyPlan(plan);
      if (applied.manifestWarning) io.say(`${mark(io, 'warn')} ${applied.manifestWarning}`);
      backups = applied.backups;
      io.say(`${mark(io, true)} Wrote ${applied.written.join(', ')}`);
      for (const b of backups) io.say(`  backup: ${b}`);
    } catch (e) {
      return fail(e);
    }
  }
  result.backupPath = backups[0] ?? null;
  result.backupPaths = backups;

  if (!options.skipSmokeTest && !options.dryRun) {
    const smokeInput = { auth: resolved.auth, region, model, prompt: options.prompt ?? SMOKE_PROMPT, codexProfile, ...(runtime ? { provider: 'runtime' as const } : {}) };
    const smokeOnce = () => step(() => runSmokeCheck(services, smokeInput, () => {}), (s) => s.failure);
    let smoke: SmokeResult = await smokeOnce();
    if (needsTopLevelTools(smoke)) {
      // The endpoint refuses Codex 0.171's tool layout: write the fix, and only a passing re-run is success.
      sayDiagnosis(io, diagnosisOf(new ServiceError(smoke.failure!), { ...homeParams(services), model, codexProfile }));
      try {
        const fixPlan = await services.config.planTopLevelTools(codexProfile);
        for (const change of fixPlan.changes) io.say(colourDiff(io, change.diff));
        const applied = await services.config.applyPlan(fixPlan);
        if (applied.manifestWarning) io.say(`${mark(io, 'warn')} ${applied.manifestWarning}`);
        io.say(`${mark(io, true)} Wrote ${applied.written.join(', ')} (Codex sends its tools at the top level again; for one run: codex ${LEGACY_TOOLS_FLAG})`);
        backups.push(...applied.backups);
        result.backupPaths = backups;
        result.fixes = ['incremental_tools_legacy = false'];
      } catch (e) {
        return fail(e, { model, codexProfile });
      }
      smoke = await smokeOnce();
    }
    result.smoke = smokeJson(smoke);
    if (!smoke.ok) {
      return fail(new ServiceError(smoke.failure ?? { kind: 'stream', message: 'smoke test failed' }), { model, codexProfile });
    }
    io.say(`${mark(io, true)} Smoke test (${describeSmokeRequest(smoke)}): ${describeLatency(smoke)}`);
  }
  const credentials = await readCredentialsSummary(services, resolved.method, resolved.auth, ssoLogin);
  // One "Credentials:" line: for a helper or an aws login session the plan's note also says what Codex runs for them.
  io.say(sourceNote ?? credentialsLine(credentials));
  result.credentials = credentials;
  result.ok = true;
  const next = nextSteps({
    method: resolved.method,
    awsProfile: resolved.awsProfile,
    awsProfileIsSso,
    region,
    codexProfiles: [codexProfile],
    ...(resolved.awsProfile ? { ssoLogin: ssoLogin(resolved.awsProfile) } : {}),
  });
  result.next = options.dryRun ? [] : next;
  if (!options.dryRun) {
    io.say('\nNext:');
    for (const line of next) io.say(`  ${line}`);
  }
  if (options.json) printJson(io, result);
  return 0;
}

function reportTo(io: Io): SsoReport {
  return {
    line: (text) => io.say(text),
    ok: (text) => io.say(`${mark(io, true)} ${text}`),
    warn: (text) => io.say(`${mark(io, 'warn')} ${text}`),
    diff: (unified) => io.say(colourDiff(io, unified)),
  };
}

async function profileSource(ctx: CommandContext, awsProfile: string | undefined): Promise<CredentialSource | undefined> {
  if (!awsProfile) return undefined;
  const { profiles } = await ctx.services.config.readAwsProfiles().catch(() => ({ profiles: [] as AwsProfile[] }));
  return credentialSourceOf(awsProfile, profiles);
}

function check<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new UsageError(r.message);
  return r.value;
}
