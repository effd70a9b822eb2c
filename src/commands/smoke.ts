import { UsageError } from '../args.js';
import { RUNTIME_PROVIDER } from '../core/codexConfig.js';
import { defaultCodexProfile } from '../core/codexProfiles.js';
import { validateRuntimeModelId } from '../core/iam/runtimeModels.js';
import { validateModelId } from '../core/validate.js';
import { ServiceError } from '../services/errors.js';
import { diagnosisOf, homeParams, mark, resolveAuth, resolveRegion, sayDiagnosis } from './common.js';
import { printJson, type CommandContext } from './context.js';
import { SMOKE_PROMPT, describeLatency, describeSmokeRequest, runSmokeCheck, smokeJson } from '../flows/smoke.js';

export { SMOKE_PROMPT };

/** Codex's own request for a profile (replayed, or modelled on its version), streamed as Codex signs it. */
export async function runSmoke(ctx: CommandContext): Promise<number> {
  const { options, services, io } = ctx;
  let settings;
  try {
    const choice = defaultCodexProfile((await services.config.readCodexSettings(null)).profileFiles, options.codexProfile, 'smoke');
    if (choice.why === 'several') throw new UsageError(choice.message!);
    settings = await services.config.readCodexSettings(choice.profile);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    sayDiagnosis(io, diagnosisOf(e, homeParams(services)));
    if (options.json) printJson(io, { ok: false, error: diagnosisOf(e, homeParams(services)) });
    return 1;
  }
  if (options.codexProfile && !settings.profileExists) {
    throw new UsageError(`Codex profile ${options.codexProfile} has no file (${settings.profilePath}). Create it: npx codex-bedrock-setup --codex-profile ${options.codexProfile}`);
  }
  // A profile on Codex's amazon-bedrock-runtime provider is tested where Codex sends it: Bedrock Runtime.
  const runtime = settings.modelProvider === RUNTIME_PROVIDER;
  const region = resolveRegion({ region: options.region ?? settings.region }, services.env);
  const awsProfile = options.awsProfile ?? settings.awsProfile;
  const resolved = resolveAuth({ auth: options.auth, awsProfile }, services.env);
  const model = options.models[0] ?? settings.model;
  if (!model) throw new UsageError('No model to test: pass --model ID, or set one up first with: npx codex-bedrock-setup');
  const checked = runtime ? validateRuntimeModelId(model) : validateModelId(model);
  if (!checked.ok) throw new UsageError(checked.message);

  const via = runtime ? ` via Bedrock Runtime (model_provider = "${RUNTIME_PROVIDER}")` : '';
  io.say(`Streaming from ${model} in ${region}${via} (${resolved.method}${resolved.awsProfile ? ` ${resolved.awsProfile}` : ''})…`);
  // Text is shown as it streams, flushed at most ~30 times a second: one write per token costs more CPU than the stream.
  let pending = '';
  let started = false;
  const flush = () => {
    if (!pending) return;
    io.out((started ? '' : '  ') + pending);
    started = true;
    pending = '';
  };
  const timer = options.json ? null : setInterval(flush, 33);
  const result = await runSmokeCheck(
    services,
    { auth: resolved.auth, region, model: checked.value, prompt: options.prompt ?? SMOKE_PROMPT, codexProfile: settings.codexProfile, ...(runtime ? { provider: 'runtime' as const } : {}) },
    (e) => {
      if (e.type === 'delta' && !options.json) pending += e.text;
    },
  );
  if (timer) clearInterval(timer);
  flush();
  if (started) io.out('\n');
  io.say(`Request: ${describeSmokeRequest(result)}.`);
  const provider = runtime ? 'runtime' : 'mantle';
  if (!result.ok) {
    const d = diagnosisOf(new ServiceError(result.failure ?? { kind: 'stream' }), { ...homeParams(services), region, model, profile: resolved.awsProfile, ...(settings.codexProfile ? { codexProfile: settings.codexProfile } : {}) });
    sayDiagnosis(io, d);
    if (options.json) printJson(io, { ...smokeJson(result), provider, error: d });
    return 1;
  }
  io.say(`${mark(io, true)} ${describeLatency(result)}`);
  if (options.json) printJson(io, { ...smokeJson(result), provider });
  return 0;
}
