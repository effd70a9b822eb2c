import { UsageError } from '../args.js';
import { iamPolicy } from '../core/policy.js';
import { parseRegion } from '../core/regions.js';
import { validateAccountId, validateModelId } from '../core/validate.js';
import { resolveRegion } from './common.js';
import type { CommandContext } from './context.js';

/** Prints (or writes with -o) the least-privilege policy; pure output, no AWS calls. */
export async function runPolicy(ctx: CommandContext): Promise<number> {
  const { options, services, io } = ctx;
  const region = options.region ? unwrap(parseRegion(options.region)).region : resolveRegion(options, services.env);
  const models = options.models.map((m) => unwrapValue(validateModelId(m)));
  const account = options.accountId ? unwrapValue(validateAccountId(options.accountId)) : '*';
  const json = iamPolicy({ account, regions: [region], models, bearer: !!services.env.AWS_BEARER_TOKEN_BEDROCK });
  if (options.output) {
    const { writeFileAtomic } = await import('../services/files.js');
    await writeFileAtomic(options.output, json.endsWith('\n') ? json : json + '\n');
    io.say(`Wrote ${options.output}. Give it to an administrator to attach to your role or permission set.`);
  } else {
    io.out(json.endsWith('\n') ? json : json + '\n');
  }
  return 0;
}

function unwrap<T extends { ok: boolean }>(r: T | { ok: false; message: string }): Extract<T, { ok: true }> {
  if (!r.ok) throw new UsageError((r as { message: string }).message);
  return r as Extract<T, { ok: true }>;
}
function unwrapValue<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new UsageError(r.message);
  return r.value;
}
