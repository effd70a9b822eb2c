import { explain, type DiagnosisParams } from '../core/diagnosis.js';
import { isCodexSupportedRegion } from '../core/regions.js';
import { compareVersions } from '../core/version.js';
import { ServiceError } from '../services/errors.js';
import type { CodexSettings, Services } from '../services/types.js';
import type { AuthChoice, CheckResult } from '../types.js';
import { diagnosisOf, mark } from './common.js';
import { printJson, type CommandContext } from './context.js';
import { SMOKE_PROMPT } from './smoke.js';

export const MIN_CODEX_PROVIDER = '0.128.0';
export const MIN_CODEX_PROFILE_FILES = '0.134.0';

/** A check: what it found, in catalogue terms. */
function pass(id: string, summary: string): CheckResult {
  return { id, status: 'pass', summary };
}
function problem(id: string, status: 'warn' | 'fail', diagnosisId: string, params: DiagnosisParams = {}, summary?: string): CheckResult {
  const d = explain(diagnosisId, params);
  return { id, status, summary: summary ?? d.title, why: d.why, fix: d.fix, diagnosis: d.id };
}
function fromError(id: string, e: unknown, params: DiagnosisParams = {}): CheckResult {
  const d = diagnosisOf(e, params);
  return { id, status: 'fail', summary: d.title, why: d.why, fix: d.fix, diagnosis: d.id };
}

export interface DoctorReport {
  ok: boolean;
  codexProfile: string | null;
  checks: CheckResult[];
}

/**
 * Every check, reading the situation as Codex would. Independent checks run concurrently;
 * the network ones wait for the config they depend on. `onCheck` sees each result as it lands.
 */
export async function runChecks(services: Services, opts: { codexProfile?: string; withCodex?: boolean }, onCheck: (c: CheckResult) => void = () => {}): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  const add = (c: CheckResult) => {
    checks.push(c);
    onCheck(c);
    return c;
  };
  const env = services.env;

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  add(nodeMajor >= 20 ? pass('node', `Node ${process.versions.node}`) : { id: 'node', status: 'fail', summary: `Node ${process.versions.node} is older than 20`, fix: 'Install Node 20 or newer: https://nodejs.org' });

  const toolsP = Promise.all([services.tools.findCodex(), services.tools.findAwsClis()]).then(([codex, awsClis]) => {
    if (!codex) add(problem('codex', 'fail', 'codex-missing'));
    else if (codex.version && compareVersions(codex.version, MIN_CODEX_PROFILE_FILES) < 0) add(problem('codex', 'fail', 'codex-too-old', { detail: codex.version }));
    else add(pass('codex', `Codex CLI ${codex.version ?? '(version unknown)'} at ${codex.path}`));
    const v2 = awsClis.find((a) => a.major === 2);
    if (awsClis.length === 0) add(problem('aws-cli', 'warn', 'aws-cli-missing'));
    else if (awsClis[0].major !== 2 && v2) add(problem('aws-cli', 'warn', 'aws-cli-v1-shadowing', { path: awsClis[0].path, detail: dirname(v2.path) }, `aws CLI ${awsClis[0].version} at ${awsClis[0].path} shadows v2 ${v2.version} at ${v2.path}`));
    else if (!v2) add(problem('aws-cli', 'warn', 'aws-cli-missing', {}, `Only aws CLI v${awsClis[0].version} found; IAM Identity Center sign-in needs v2`));
    else add(pass('aws-cli', `aws CLI ${v2.version} at ${v2.path}`));
    return codex;
  });

  let settings: CodexSettings | null = null;
  try {
    const base = await services.config.readCodexSettings(null);
    const profile = opts.codexProfile ?? (base.profileFiles.includes('bedrock-prod') ? 'bedrock-prod' : (base.profileFiles[0] ?? null));
    settings = profile ? await services.config.readCodexSettings(profile) : base;
  } catch (e) {
    add(fromError('codex-config', e));
  }
  if (settings) configChecks(settings, add);

  const profilesP = services.config.readAwsProfiles().catch(() => ({ profiles: [], ssoSessions: [] }));
  const { profiles } = await profilesP;
  const names = new Set(profiles.map((p) => p.name));
  if (env.AWS_PROFILE && !names.has(env.AWS_PROFILE)) add(problem('aws-profile-env', 'fail', 'aws-profile-not-found', { profile: env.AWS_PROFILE }, `AWS_PROFILE=${env.AWS_PROFILE} names a profile that does not exist`));
  const awsProfile = settings?.awsProfile;
  let profileMissing = false;
  if (awsProfile && !names.has(awsProfile)) {
    profileMissing = true;
    add(problem('aws-profile', 'fail', 'codex-aws-profile-missing', { profile: awsProfile }));
  }
  if (env.AWS_BEARER_TOKEN_BEDROCK) {
    add({ id: 'bearer-env', status: 'warn', summary: 'AWS_BEARER_TOKEN_BEDROCK is set: Codex uses it before any AWS profile', fix: 'unset AWS_BEARER_TOKEN_BEDROCK if you mean to use the profile' });
  }

  const region = settings?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const model = settings?.model;
  const auth: AuthChoice = env.AWS_BEARER_TOKEN_BEDROCK ? { kind: 'api-key', apiKey: env.AWS_BEARER_TOKEN_BEDROCK } : awsProfile ? { kind: 'profile', profile: awsProfile } : { kind: 'env' };
  const params = { profile: awsProfile, region, model, codexProfile: settings?.codexProfile ?? undefined };

  if (!region) {
    add({ id: 'region', status: 'fail', summary: 'No region: Codex fails with "AWS SDK config did not resolve a region"', fix: 'npx codex-bedrock-setup --region us-east-1 (writes aws.region), or export AWS_REGION=us-east-1' });
  } else if (!profileMissing) {
    await networkChecks(services, { auth, region, model, params }, add);
  }

  const codex = await toolsP;
  if (opts.withCodex && codex && settings?.codexProfile) {
    const { runCodexTurn } = await import('../services/codexExec.js');
    const turn = await runCodexTurn({ codexPath: codex.path, codexProfile: settings.codexProfile, env, codexHome: services.config.codexHome });
    add(turn.ok ? pass('codex-turn', `codex exec --profile ${settings.codexProfile} completed a turn`) : { ...fromError('codex-turn', new ServiceError({ kind: 'process', service: 'codex', message: turn.output }), params), summary: `codex exec --profile ${settings.codexProfile} failed: ${turn.output.split('\n').filter(Boolean).slice(-1)[0] ?? ''}` });
  }
  return { ok: !checks.some((c) => c.status === 'fail'), codexProfile: settings?.codexProfile ?? null, checks };
}

function configChecks(s: CodexSettings, add: (c: CheckResult) => void): void {
  if (!s.configExists && s.profileFiles.length === 0) {
    add({ id: 'codex-config', status: 'fail', summary: `No Codex config at ${s.configPath}`, fix: 'npx codex-bedrock-setup' });
    return;
  }
  add(pass('codex-config', `Codex config ${s.configPath}${s.codexProfile ? ` with profile ${s.codexProfile}` : ''}`));
  if (s.codexProfile && !s.profileExists) add(problem('codex-profile', 'fail', 'codex-profile-missing', { codexProfile: s.codexProfile }));
  if (s.modelProvider !== 'amazon-bedrock') {
    add({ id: 'provider', status: 'fail', summary: `model_provider is ${s.modelProvider ? `"${s.modelProvider}"` : 'not set'}, not "amazon-bedrock"`, fix: `npx codex-bedrock-setup${s.codexProfile ? ` --codex-profile ${s.codexProfile}` : ''}` });
  }
  if (s.region && !isCodexSupportedRegion(s.region)) add(problem('codex-region', 'warn', 'region-not-supported-by-codex', { region: s.region }));
  // The linter's findings carry their own fix; the catalogue adds the why.
  for (const f of s.findings) add(f.diagnosis && !f.why ? { ...f, why: explain(f.diagnosis).why } : f);
}

async function networkChecks(
  services: Services,
  c: { auth: AuthChoice; region: string; model?: string; params: DiagnosisParams },
  add: (c: CheckResult) => void,
): Promise<void> {
  const { aws } = services;
  const [probe, identity, listed] = await Promise.all([
    aws.probeRegion(c.region).catch((e: unknown) => ({ ok: false, rttMs: null, error: (e as Error).message })),
    c.auth.kind === 'api-key' ? Promise.resolve(null) : aws.whoAmI(c.auth, c.region).catch((e: unknown) => e as Error),
    aws.listMantleModels(c.auth, c.region).catch((e: unknown) => e as Error),
  ]);
  add(probe.ok ? pass('region', `Bedrock Mantle in ${c.region} reachable (${probe.rttMs} ms)`) : { ...explainAs('region', 'region-unreachable', c.params), summary: `Bedrock Mantle in ${c.region} is not reachable${probe.error ? `: ${probe.error}` : ''}` });
  if (identity instanceof Error) {
    const check = fromError('credentials', identity, c.params);
    if (c.auth.kind === 'profile' && services.env.AWS_ACCESS_KEY_ID) {
      const envWorks = await aws.whoAmI({ kind: 'env' }, c.region).then(Boolean, () => false);
      if (envWorks) {
        add(problem('credentials', 'fail', 'profile-fails-env-works', c.params, `Profile ${c.auth.profile} fails (${check.summary}) while exported AWS_* credentials work`));
        return;
      }
    }
    add(check);
    return;
  }
  if (identity) add(pass('credentials', `Signed in as ${identity.arn} (account ${identity.account})`));
  if (listed instanceof Error) {
    add(fromError('models', listed, c.params));
    return;
  }
  if (!c.model) return;
  if (!listed.includes(c.model)) {
    const runtime = /-\d+:\d+$|^(us|eu|apac|global)\./.test(c.model);
    add(problem('model', 'fail', runtime ? 'runtime-model-id' : 'model-not-in-region', c.params));
    return;
  }
  add(pass('model', `${c.model} is offered in ${c.region}`));
  const smoke = await aws.smokeTest({ auth: c.auth, region: c.region, model: c.model, prompt: SMOKE_PROMPT }, () => {});
  if (smoke.ok) add(pass('smoke', `Streamed a reply: first token ${Math.round(smoke.latency.ttftMs ?? 0)} ms, total ${Math.round(smoke.latency.totalMs)} ms`));
  else add(fromError('smoke', new ServiceError(smoke.failure ?? { kind: 'stream' }), c.params));
}

function explainAs(id: string, diagnosisId: string, params: DiagnosisParams): CheckResult {
  return problem(id, 'fail', diagnosisId, params);
}

function dirname(p: string): string {
  return p.replace(/\/[^/]+$/, '') || '/';
}

export async function runDoctor(ctx: CommandContext): Promise<number> {
  const { options, services, io } = ctx;
  const report = await runChecks(services, { codexProfile: options.codexProfile, withCodex: options.withCodex }, (c) => {
    if (options.json) return;
    io.say(`${mark(io, c.status === 'pass' ? true : c.status === 'warn' ? 'warn' : false)} ${c.summary}`);
    if (c.status !== 'pass') {
      if (c.why) io.say(`    Why: ${c.why}`);
      if (c.fix) io.say(`    Fix: ${c.fix}`);
    }
  });
  const fails = report.checks.filter((c) => c.status === 'fail').length;
  const warns = report.checks.filter((c) => c.status === 'warn').length;
  io.say(fails ? `\n${fails} problem${fails > 1 ? 's' : ''} found${warns ? `, ${warns} warning${warns > 1 ? 's' : ''}` : ''}.` : `\nAll checks passed${warns ? ` (${warns} warning${warns > 1 ? 's' : ''})` : ''}.`);
  if (options.json) printJson(io, report);
  return report.ok ? 0 : 1;
}
