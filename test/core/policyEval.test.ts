// The product's small evaluator against the real IAM policy simulator (@cloud-copilot/iam-simulate, test-only):
// for every policy our generator can write and for hand-written ones, both give the same answer to the requests
// Codex makes, inside and outside the allowed models, regions and accounts.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/core/policy.js';
import { codexTurnRequests, evaluatePolicy, UnsupportedPolicyError, type EvalRequest } from '../../src/core/policyEval.js';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'us-gov-west-1', 'ap-northeast-1'];
const MANTLE = ['openai.gpt-5.5', 'openai.gpt-5.4', 'openai.gpt-5.6-luna', 'openai.gpt-oss-120b'];
const RUNTIME = ['global.openai.gpt-5.5', 'us.openai.gpt-5.5', 'eu.openai.gpt-5.6-luna', 'openai.gpt-oss-120b-1:0'];

async function simulate(policy: unknown, r: EvalRequest, account = ACCOUNT): Promise<'allowed' | 'denied'> {
  const context = Object.fromEntries(Object.entries(r.context ?? {}));
  const result = await runSimulation(
    {
      request: { principal: `arn:aws:iam::${account}:role/codex`, action: r.action, resource: { resource: r.resource, accountId: account }, contextVariables: context },
      identityPolicies: [{ name: 'p', policy: policy as object }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') throw new Error(`simulator refused ${r.action} ${r.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

const ours = (policy: unknown, r: EvalRequest) => (evaluatePolicy(policy, r) === 'allowed' ? 'allowed' : 'denied');

/** Codex's turns for every model in every region (chosen or not), plus listing and API-key requests. */
function requests(provider: 'mantle' | 'runtime', account: string): EvalRequest[] {
  const out: EvalRequest[] = [];
  for (const region of REGIONS) {
    for (const model of [...(provider === 'mantle' ? MANTLE : RUNTIME), 'openai.gpt-9-other', 'global.openai.gpt-9-other']) out.push(...codexTurnRequests({ provider, region, model, account }));
    out.push({ action: 'bedrock-mantle:CreateInference', resource: `arn:aws:bedrock-mantle:${region}:${account}:project/default` });
    out.push({ action: 'bedrock-mantle:ListModels', resource: `arn:aws:bedrock-mantle:${region}:${account}:project/default` });
  }
  for (const t of ['SHORT_TERM', 'LONG_TERM']) {
    out.push({ action: 'bedrock-mantle:CallWithBearerToken', resource: '*', context: { 'bedrock-mantle:BearerTokenType': t } });
    out.push({ action: 'bedrock:CallWithBearerToken', resource: '*', context: { 'bedrock:BearerTokenType': t } });
  }
  out.push({ action: 'bedrock:ListFoundationModels', resource: '*' }, { action: 'bedrock:DeleteGuardrail', resource: '*' });
  return out;
}

const inputArb = fc.record({
  provider: fc.constantFrom('mantle' as const, 'runtime' as const),
  regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 3 }),
  pick: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 3 }),
  account: fc.constantFrom(ACCOUNT, undefined),
  bearer: fc.boolean(),
  bearerTokenType: fc.constantFrom('SHORT_TERM' as const, 'LONG_TERM' as const, undefined),
});

describe('policyEval agrees with the IAM policy simulator', () => {
  it('on every request, for generated policies', async () => {
    let allowed = 0;
    let denied = 0;
    await fc.assert(
      fc.asyncProperty(inputArb, fc.constantFrom(ACCOUNT, '999988887777'), async ({ pick, ...input }, account) => {
        const models = pick.map((i) => (input.provider === 'mantle' ? MANTLE : RUNTIME)[i]!);
        const policy = buildPolicy({ ...input, models, bearerTokenType: input.bearer ? input.bearerTokenType : undefined });
        for (const r of requests(input.provider, account)) {
          const want = await simulate(policy, r, account);
          expect(ours(policy, r), `${r.action} ${r.resource} ${JSON.stringify(r.context ?? {})} in ${JSON.stringify(policy)}`).toBe(want);
          if (want === 'allowed') allowed++;
          else denied++;
        }
      }),
      { numRuns: 40 },
    );
    // Both answers occur often: agreeing only on "denied" would prove nothing.
    expect(allowed).toBeGreaterThan(200);
    expect(denied).toBeGreaterThan(200);
  }, 60_000);

  it('on hand-written shapes: Deny wins, wildcards, StringLike, ForAnyValue, IfExists', async () => {
    const project = (region: string) => `arn:aws:bedrock-mantle:${region}:${ACCOUNT}:project/default`;
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'bedrock-mantle:*', Resource: 'arn:aws:bedrock-mantle:us-*:*:project/*' },
        { Effect: 'Deny', Action: 'bedrock-mantle:CreateInference', Resource: '*', Condition: { StringLike: { 'bedrock-mantle:Model': 'openai.gpt-oss-*' } } },
        { Effect: 'Allow', Action: 'bedrock-mantle:Create?nference', Resource: project('eu-west-1'), Condition: { 'ForAnyValue:StringEquals': { 'bedrock-mantle:Model': ['openai.gpt-5.5'] } } },
        { Effect: 'Deny', Action: 'bedrock-mantle:CallWithBearerToken', Resource: '*', Condition: { StringEqualsIfExists: { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' } } },
        { Effect: 'Allow', Action: 'bedrock-mantle:CallWithBearerToken', Resource: '*' },
      ],
    };
    const cases: EvalRequest[] = [
      ...['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'].flatMap((region) =>
        ['openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-5.4'].flatMap((model) => codexTurnRequests({ provider: 'mantle', region, model, account: ACCOUNT })),
      ),
      { action: 'BEDROCK-MANTLE:listmodels', resource: project('us-east-1') },
      { action: 'bedrock-mantle:CallWithBearerToken', resource: '*', context: { 'bedrock-mantle:BearerTokenType': 'SHORT_TERM' } },
      { action: 'bedrock-mantle:CallWithBearerToken', resource: '*', context: { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' } },
      { action: 'bedrock-mantle:CallWithBearerToken', resource: '*' },
    ];
    const answers: string[] = [];
    for (const r of cases) {
      const want = await simulate(policy, r);
      expect(ours(policy, r), `${r.action} ${r.resource} ${JSON.stringify(r.context ?? {})}`).toBe(want);
      answers.push(want);
    }
    expect(answers.filter((a) => a === 'allowed').length).toBeGreaterThan(3);
    expect(answers.filter((a) => a === 'denied').length).toBeGreaterThan(3);
    expect(evaluatePolicy(policy, codexTurnRequests({ provider: 'mantle', region: 'us-east-1', model: 'openai.gpt-oss-120b', account: ACCOUNT })[0]!)).toBe('explicit-deny');
  });

  it('refuses what it does not evaluate instead of guessing', () => {
    const r = { action: 'bedrock-mantle:ListModels', resource: '*' };
    expect(() => evaluatePolicy({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }, r)).toThrow(UnsupportedPolicyError);
    expect(() => evaluatePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { 'aws:x': '1' } } }] }, r)).toThrow(/NumericLessThan/);
    expect(() => evaluatePolicy({ Version: '2012-10-17' }, r)).toThrow(/no Statement/);
  });
});
