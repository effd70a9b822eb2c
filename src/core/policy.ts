// The least-privilege IAM policy for Codex on Bedrock, built from the Service Authorization Reference snapshot
// (src/core/iam/reference.json): actions, resource ARN formats and condition keys all come from it, so an
// action that takes no resource gets "*" because the reference says so, not because we guessed.
import { partitionOf } from './iam/partition.js';
import { action, arnOf, conditionKey, resourceTypesOf, type IamService } from './iam/reference.js';
import { parseRuntimeModel, type RuntimeModel } from './iam/runtimeModels.js';

/** mantle: Codex's amazon-bedrock provider (bedrock-mantle); runtime: amazon-bedrock-runtime (Bedrock Runtime, SigV4 service bedrock). */
export type PolicyProvider = 'mantle' | 'runtime';
export type BearerTokenType = 'SHORT_TERM' | 'LONG_TERM';

export interface PolicyInput {
  provider?: PolicyProvider;
  /** Regions Codex calls; at least one. */
  regions: string[];
  /** Model ids exactly as Codex sends them; empty allows every model. */
  models?: string[];
  /** 12-digit account id; anything else (or absent) means any account. */
  account?: string;
  /** Bedrock API keys (Authorization: Bearer …) need the CallWithBearerToken statement. */
  bearer?: boolean;
  /** Restrict API keys to short-term or long-term ones. */
  bearerTokenType?: BearerTokenType;
}

export interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

interface Planned {
  statement: Statement;
  /** One line for the administrator: what the statement is for. */
  why: string;
}

/** Models Codex sends requests for besides the chat model (background tasks), by Codex version. */
export const BACKGROUND_MODELS = ['openai.gpt-5.6-luna', 'openai.gpt-5.6-terra', 'openai.gpt-5.4'] as const;

export function buildPolicy(input: PolicyInput): PolicyDocument {
  return { Version: '2012-10-17', Statement: plan(input).map((p) => p.statement) };
}

/** The policy as pretty-printed JSON (two-space indent, trailing newline). */
export function iamPolicy(input: PolicyInput): string {
  return JSON.stringify(buildPolicy(input), null, 2) + '\n';
}

/** Each statement's Sid and the reason it is there, in policy order. */
export function policyReasons(input: PolicyInput): { sid: string; why: string }[] {
  return plan(input).map((p) => ({ sid: p.statement.Sid, why: p.why }));
}

/** Things an administrator should know that the JSON cannot say. */
export function policyNotes(input: PolicyInput): string[] {
  const { models, provider } = normalise(input);
  const notes: string[] = [];
  // Codex refuses its own stored Bedrock API key for this provider; whether it sends AWS_BEARER_TOKEN_BEDROCK is unverified.
  if (input.bearer && provider === 'runtime') notes.push('Codex says "Bedrock API key auth is only supported by the Amazon Bedrock model provider": with --provider runtime prefer a profile or SSO.');
  if (models.length === 0) return [...notes, 'No --model given: the policy allows every model in these regions. Name each model with --model to restrict it.'];
  const missing = BACKGROUND_MODELS.filter((m) => !models.some((id) => id === m || id.endsWith(`.${m}`)));
  if (missing.length === 0) return notes;
  return [
    ...notes,
    `Codex also runs background tasks on models other than the one you chat with (${missing.join(', ')}, depending on the Codex version). ` +
      'If those requests are denied, add each one with another --model.',
  ];
}

function normalise(input: PolicyInput) {
  if (input.regions.length === 0) throw new Error('a policy needs at least one region');
  return {
    provider: input.provider ?? 'mantle',
    regions: [...new Set(input.regions)].sort(),
    models: [...new Set(input.models ?? [])].sort(),
    account: input.account && /^\d{12}$/.test(input.account) ? input.account : '*',
  };
}

function plan(input: PolicyInput): Planned[] {
  const n = normalise(input);
  const statements = n.provider === 'runtime' ? runtimeStatements(n) : mantleStatements(n);
  const service: IamService = n.provider === 'runtime' ? 'bedrock' : 'bedrock-mantle';
  if (input.bearer) statements.push(bearerStatement(service, input.bearerTokenType));
  statements.push({
    statement: allow('BedrockListFoundationModels', 'bedrock', ['ListFoundationModels']),
    why: 'The control-plane check behind setup, models and doctor (GET /foundation-models); the action takes no resource, so "*".',
  });
  return statements;
}

type Normalised = ReturnType<typeof normalise>;

function mantleStatements({ regions, models, account }: Normalised): Planned[] {
  const projects = regions.map((region) => arnOf('bedrock-mantle', 'project', { partition: partitionOf(region), region, account, id: '*' }));
  const inference = allow('MantleInference', 'bedrock-mantle', ['CreateInference'], { type: 'project', arns: projects });
  if (models.length) inference.Condition = { StringEquals: { [conditionKey('bedrock-mantle', 'CreateInference', 'bedrock-mantle:Model')]: one(models) } };
  return [
    {
      statement: inference,
      why: `Codex's turns (POST /openai/v1/responses) in ${list(regions)}${models.length ? `, for ${list(models)} only (condition bedrock-mantle:Model)` : ', any model'}.`,
    },
    {
      statement: allow('MantleListModels', 'bedrock-mantle', ['ListModels', 'GetModel'], { type: 'project', arns: projects }),
      why: 'Which models the region serves (GET /v1/models), read by setup, models and doctor; these actions take the project resource, so no "*".',
    },
  ];
}

function runtimeStatements({ regions, models, account }: Normalised): Planned[] {
  // No models: every inference profile and every foundation model, still only in these regions.
  const parsed: RuntimeModel[] = models.length ? models.map(parseRuntimeModel) : [{ id: '*', geography: 'global', foundationModel: '*' }, { id: '*', foundationModel: '*' }];
  const viaProfile = parsed.filter((m) => m.geography);
  const inRegion = parsed.filter((m) => !m.geography);
  const partitions = [...new Set(regions.map(partitionOf))];
  const invoke = ['InvokeModel', 'InvokeModelWithResponseStream'];
  const out: Planned[] = [];
  if (viaProfile.length) {
    const profiles = regions.flatMap((region) =>
      viaProfile.map((m) => arnOf('bedrock', 'inference-profile', { partition: partitionOf(region), region, account, id: m.id })),
    );
    // A profile routes each request to one of its destination regions, which the caller does not choose: the
    // model is allowed in any region (and, for global profiles, at the region-less ARN AWS authorizes), but
    // only through the profiles above.
    const modelArns = partitions.flatMap((partition) =>
      oneEachModel(viaProfile).flatMap((m) => [
        arnOf('bedrock', 'foundation-model', { partition, region: '*', id: m.foundationModel }),
        ...(m.geography === 'global' ? [arnOf('bedrock', 'foundation-model', { partition, region: '', id: m.foundationModel })] : []),
      ]),
    );
    const throughProfiles = allow('RuntimeModelsThroughProfiles', 'bedrock', invoke, { type: 'foundation-model', arns: [...new Set(modelArns)] });
    for (const name of invoke) conditionKey('bedrock', name, 'bedrock:InferenceProfileArn');
    throughProfiles.Condition = { ArnLike: { 'bedrock:InferenceProfileArn': one(profiles) } };
    out.push(
      {
        statement: allow('RuntimeInferenceProfiles', 'bedrock', invoke, { type: 'inference-profile', arns: profiles }),
        why: `Codex's turns (POST /openai/v1/responses on bedrock-runtime) through ${models.length ? `the cross-region inference profile${viaProfile.length > 1 ? 's' : ''} ${list(viaProfile.map((m) => m.id))}` : 'any cross-region inference profile'} in ${list(regions)}.`,
      },
      {
        statement: throughProfiles,
        why: 'The foundation model behind each profile, in whichever destination region serves the request (global profiles: the region-less ARN), only when called through those profiles.',
      },
    );
  }
  if (inRegion.length) {
    const arns = regions.flatMap((region) => inRegion.map((m) => arnOf('bedrock', 'foundation-model', { partition: partitionOf(region), region, id: m.foundationModel })));
    out.push({
      statement: allow('RuntimeModelsInRegion', 'bedrock', invoke, { type: 'foundation-model', arns }),
      why: `Codex's turns on ${models.length ? list(inRegion.map((m) => m.id)) : 'any foundation model'} called in ${list(regions)} itself (no inference profile).`,
    });
  }
  return out;
}

function bearerStatement(service: IamService, tokenType: BearerTokenType | undefined): Planned {
  const statement = allow(service === 'bedrock' ? 'BedrockBearerToken' : 'MantleBearerToken', service, ['CallWithBearerToken']);
  if (tokenType) statement.Condition = { StringEquals: { [conditionKey(service, 'CallWithBearerToken', `${service}:BearerTokenType`)]: tokenType } };
  return {
    statement,
    why: `Bedrock API keys (Authorization: Bearer)${tokenType ? `, ${tokenType === 'SHORT_TERM' ? 'short' : 'long'}-term keys only` : ''}; the action takes no resource, so "*". What a key may call is still limited by the statements above.`,
  };
}

/**
 * One Allow statement. With `on`, every action must take that resource type in the reference; without it,
 * every action must take none, which is the only case where "*" is the least privilege.
 */
function allow(sid: string, service: IamService, names: string[], on?: { type: string; arns: string[] }): Statement {
  for (const name of names) {
    const types = resourceTypesOf(service, name);
    const fits = on ? types.includes(on.type) : types.length === 0;
    if (!fits) throw new Error(`${service}:${name} ${on ? `does not take the ${on.type} resource` : 'takes a resource, so "*" would be too wide'}`);
  }
  return { Sid: sid, Effect: 'Allow', Action: one(names.map((n) => action(service, n))), Resource: on ? one(on.arns) : '*' };
}

function oneEachModel(models: RuntimeModel[]): RuntimeModel[] {
  const seen = new Map<string, RuntimeModel>();
  // A global profile's model needs the region-less ARN too, so it wins over a geographic one for the same model.
  for (const m of models) if (!seen.has(m.foundationModel) || m.geography === 'global') seen.set(m.foundationModel, m);
  return [...seen.values()];
}

function list(items: string[]): string {
  return items.join(', ');
}

function one(items: string[]): string | string[] {
  return items.length === 1 ? items[0]! : items;
}
