import { UsageError } from '../args.js';
import { buildPolicy, iamPolicy, policyNotes, policyReasons, type PolicyInput } from '../core/policy.js';
import { isServiceError } from '../services/errors.js';
import { colourDiff, diagnosisOf, mark, resolveRegion, sayDiagnosis } from './common.js';
import type { PolicyOptions } from '../cli/flags.js';
import { printJson, type CommandContext } from './context.js';

type PolicyContext = CommandContext<PolicyOptions>;

/** Prints (or writes with -o) the least-privilege policy; pure output, no AWS calls. */
export async function runPolicy(ctx: PolicyContext): Promise<number> {
  const { options, io } = ctx;
  try {
    return await policy(ctx);
  } catch (e) {
    // --json: a file that cannot be written is the document, as for every other result (usage errors: run.ts).
    if (!options.json || !isServiceError(e)) throw e;
    const d = diagnosisOf(e);
    sayDiagnosis(io, d);
    printJson(io, { ok: false, error: d });
    return 1;
  }
}

async function policy(ctx: PolicyContext): Promise<number> {
  const { options, io } = ctx;
  const input = policyInput(ctx);
  if (!options.auth && input.bearer) {
    io.say(`${mark(io, 'warn')} Including the API-key statement because AWS_BEARER_TOKEN_BEDROCK is set; --auth sso or --auth profile leaves it out.`);
  }
  const text = iamPolicy(input);
  const notes = policyNotes(input);
  const result = { ok: true, policy: buildPolicy(input), statements: policyReasons(input), notes } as Record<string, unknown>;
  if (!options.output) {
    if (options.json) printJson(io, result);
    else io.out(text);
    // Without --json stdout is the policy itself, so these lines go to stderr (see run.ts).
    explain(ctx, input, notes);
    return 0;
  }
  const { outputPathProblem, planPolicyFile, writePolicyFile } = await import('../services/policyFile.js');
  const problem = await outputPathProblem(options.output);
  if (problem) throw new UsageError(problem);
  const plan = await planPolicyFile(options.output, text);
  result.path = plan.path;
  result.backupPath = null;
  if (plan.unchanged) {
    io.say(`${mark(io, true)} ${plan.path} already holds this policy; nothing to write.`);
  } else {
    io.say(colourDiff(io, plan.diff));
    const written = await writePolicyFile(plan, { codexHome: ctx.services.config.codexHome });
    if (written.manifestWarning) io.say(`${mark(io, 'warn')} ${written.manifestWarning}`);
    result.backupPath = written.backupPath;
    io.say(`${mark(io, true)} Wrote ${written.path}. Give it to an administrator to attach to your role or permission set.`);
    if (written.backupPath) io.say(`  backup: ${written.backupPath}`);
  }
  explain(ctx, input, notes);
  if (options.json) printJson(io, result);
  return 0;
}

/** What each statement is for (to pass on with the policy), then what the JSON cannot say. */
function explain({ io }: PolicyContext, input: PolicyInput, notes: string[]): void {
  for (const { sid, why } of policyReasons(input)) io.say(`  ${sid}: ${why}`);
  for (const note of notes) io.say(`${mark(io, 'warn')} ${note}`);
}

function policyInput({ options, services }: PolicyContext): PolicyInput {
  const regions = options.regions.length ? options.regions : [resolveRegion(options, services.env)];
  // Without --auth, an API key in the environment is what Codex would use, so the policy must allow it.
  const bearer = options.auth ? options.auth === 'api-key' : !!services.env.AWS_BEARER_TOKEN_BEDROCK;
  if (options.apiKeyType && !bearer) throw new UsageError('--api-key-type restricts Bedrock API keys: use it with --auth api-key.');
  return {
    provider: options.provider ?? 'mantle',
    regions,
    models: options.models,
    account: options.accountId,
    bearer,
    bearerTokenType: options.apiKeyType === 'short-term' ? 'SHORT_TERM' : options.apiKeyType === 'long-term' ? 'LONG_TERM' : undefined,
  };
}
