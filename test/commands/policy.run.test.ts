// policy through the seam: parsed flags, in-memory services, a capturing Io; exit codes and --json documents.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runPolicy } from '../../src/commands/policy.js';
import { runInContext } from '../../src/commands/run.js';
import { buildPolicy, iamPolicy, policyReasons } from '../../src/core/policy.js';
import { captureIo, captureStderr } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

function policy(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const services = fakeServices(env);
  const io = captureIo();
  return { ctx: { options: parseCli(['policy', ...argv], env), services, io }, services, io };
}

describe('runPolicy', () => {
  it('prints the policy itself on stdout and calls no service', async () => {
    const { ctx, io, services } = policy(['--region', 'us-east-1', '--region', 'eu-west-1', '--model', 'openai.gpt-5.5']);
    expect(await runPolicy(ctx)).toBe(0);
    const input = { provider: 'mantle' as const, regions: ['us-east-1', 'eu-west-1'], models: ['openai.gpt-5.5'], bearer: false };
    expect(io.stdout()).toBe(iamPolicy(input));
    expect(io.lines).toEqual(expect.arrayContaining(policyReasons(input).map((r) => `  ${r.sid}: ${r.why}`)));
    expect(Object.values(services.calls).every((c) => c.length === 0)).toBe(true);
  });

  it('--json: the policy, a reason per statement and the notes in one document', async () => {
    const { ctx, io } = policy(['--json', '--region', 'us-west-2', '--account-id', '123456789012']);
    expect(await runPolicy(ctx)).toBe(0);
    const input = { provider: 'mantle' as const, regions: ['us-west-2'], models: [], account: '123456789012', bearer: false };
    expect(io.json()).toEqual({ ok: true, policy: buildPolicy(input), statements: policyReasons(input), notes: expect.any(Array) });
  });

  it('takes the region from AWS_REGION, and the API-key statement from a key in the environment, saying why', async () => {
    const { ctx, io } = policy(['--json'], { AWS_REGION: 'ap-northeast-1', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-secret' });
    expect(await runPolicy(ctx)).toBe(0);
    const doc = io.json<{ policy: unknown }>();
    expect(doc.policy).toEqual(buildPolicy({ provider: 'mantle', regions: ['ap-northeast-1'], models: [], bearer: true }));
    expect(io.lines[0]).toMatch(/Including the API-key statement because AWS_BEARER_TOKEN_BEDROCK is set/);
    expect(io.stdout() + io.lines.join('\n')).not.toContain('bedrock-api-key-secret');
  });

  it('--api-key-type without API keys is bad usage: exit 2 and, with --json, the usage document', async () => {
    const { ctx, io } = policy(['--json', '--auth', 'sso', '--api-key-type', 'short-term']);
    const stderr = captureStderr();
    expect(await runInContext(ctx, stderr)).toBe(2);
    expect(io.json()).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringMatching(/--api-key-type restricts Bedrock API keys: use it with --auth api-key/) } });
    expect(stderr.text()).toMatch(/^codex-bedrock-setup: --api-key-type restricts/);
  });

  it('a bad AWS_REGION (not a flag, so not checked at parse time) is bad usage too', async () => {
    const { ctx, io } = policy(['--json'], { AWS_REGION: 'moon-1' });
    expect(await runInContext(ctx, captureStderr())).toBe(2);
    expect(io.json<{ error: { message: string } }>().error.message).toMatch(/not a well-formed AWS region id/);
  });
});
