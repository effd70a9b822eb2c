// A small IAM identity-policy evaluator for the statement shapes policy.ts writes (and the plain ones an
// administrator writes by hand): Allow/Deny, Action and Resource with * and ? wildcards, and the string and ARN
// condition operators, with ForAnyValue/ForAllValues and IfExists. Anything else is refused as unsupported rather
// than guessed. The real simulator (@cloud-copilot/iam-simulate) is AGPL and test-only: a test proves the two agree.
import { partitionOf } from './iam/partition.js';
import { parseRuntimeModel } from './iam/runtimeModels.js';
import type { PolicyProvider } from './policy.js';

export interface EvalRequest {
  action: string;
  resource: string;
  /** Condition keys the request carries; a list for multivalued keys. */
  context?: Record<string, string | string[]>;
}

export type Decision = 'allowed' | 'implicit-deny' | 'explicit-deny';

export class UnsupportedPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPolicyError';
  }
}

interface AnyStatement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
  [k: string]: unknown;
}

const OPERATORS: Record<string, (value: string, pattern: string) => boolean> = {
  stringequals: (v, p) => v === p,
  stringequalsignorecase: (v, p) => v.toLowerCase() === p.toLowerCase(),
  stringlike: (v, p) => wildcard(p, v, false),
  arnequals: (v, p) => v === p,
  arnlike: (v, p) => arnLike(p, v),
};

/** IAM's answer for one request: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluatePolicy(policy: unknown, request: EvalRequest): Decision {
  let allowed = false;
  for (const s of statementsOf(policy)) {
    if (!applies(s, request)) continue;
    if (s.Effect === 'Deny') return 'explicit-deny';
    allowed = true;
  }
  return allowed ? 'allowed' : 'implicit-deny';
}

function statementsOf(policy: unknown): AnyStatement[] {
  const doc = policy as { Statement?: unknown };
  if (typeof policy !== 'object' || policy === null || doc.Statement === undefined) throw new UnsupportedPolicyError('not an IAM policy document (no Statement)');
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return list.map((s: unknown, i) => {
    if (typeof s !== 'object' || s === null) throw new UnsupportedPolicyError(`statement ${i + 1} is not an object`);
    const st = s as AnyStatement;
    for (const key of ['NotAction', 'NotResource', 'Principal', 'NotPrincipal']) {
      if (key in st) throw new UnsupportedPolicyError(`statement ${st.Sid ?? i + 1} uses ${key}, which this check does not evaluate`);
    }
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw new UnsupportedPolicyError(`statement ${st.Sid ?? i + 1} has Effect ${String(st.Effect)}`);
    return st;
  });
}

function applies(s: AnyStatement, r: EvalRequest): boolean {
  if (!strings(s.Action, 'Action').some((a) => wildcard(a, r.action, true))) return false;
  if (!strings(s.Resource, 'Resource').some((p) => arnLike(p, r.resource))) return false;
  return conditionsHold(s.Condition, r.context ?? {});
}

function conditionsHold(condition: unknown, context: Record<string, string | string[]>): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) throw new UnsupportedPolicyError('a Condition is not an object');
  const byKey = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [rawOperator, keys] of Object.entries(condition as Record<string, unknown>)) {
    const m = /^(ForAnyValue:|ForAllValues:)?([A-Za-z]+?)(IfExists)?$/i.exec(rawOperator);
    const test = m && OPERATORS[m[2]!.toLowerCase()];
    if (!m || !test) throw new UnsupportedPolicyError(`condition operator ${rawOperator} is not evaluated by this check`);
    const set = m[1]?.toLowerCase();
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      const patterns = strings(values, `${rawOperator} ${key}`);
      const raw = byKey.get(key.toLowerCase());
      if (raw === undefined) {
        // A missing key: IfExists and ForAllValues hold (nothing to disagree with); everything else fails.
        if (m[3] || set === 'forallvalues:') continue;
        return false;
      }
      const got = Array.isArray(raw) ? raw : [raw];
      const one = (v: string) => patterns.some((p) => test(v, p));
      const ok = set === 'forallvalues:' ? got.every(one) : got.some(one);
      if (!ok) return false;
    }
  }
  return true;
}

function strings(v: unknown, what: string): string[] {
  const list = Array.isArray(v) ? v : [v];
  if (v === undefined || list.some((x) => typeof x !== 'string')) throw new UnsupportedPolicyError(`${what} must be a string or a list of strings`);
  return list as string[];
}

/** IAM's * and ? wildcards; actions compare without case, resources and condition values with it. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value);
}

/** ARN matching goes field by field: a wildcard never crosses a colon in the first five fields. */
function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return wildcard(pattern, arn, false);
  for (let i = 0; i < 5; i++) if (!wildcard(p[i]!, a[i]!, false)) return false;
  return wildcard(p.slice(5).join(':'), a.slice(5).join(':'), false);
}

// --- the requests Codex makes ---

export interface CodexRequestInput {
  provider: PolicyProvider;
  region: string;
  model: string;
  /** The developers' account (a placeholder is fine when the policy allows any). */
  account: string;
}

/**
 * The IAM requests one Codex turn makes: Mantle's CreateInference on the project with the model as condition key;
 * on Runtime the streamed invoke on the inference profile and on the model behind it (routed, here, to the source
 * region), or on the foundation model in the region itself.
 */
export function codexTurnRequests({ provider, region, model, account }: CodexRequestInput): EvalRequest[] {
  const partition = partitionOf(region);
  if (provider === 'mantle') {
    return [{ action: 'bedrock-mantle:CreateInference', resource: `arn:${partition}:bedrock-mantle:${region}:${account}:project/default`, context: { 'bedrock-mantle:Model': model } }];
  }
  const action = 'bedrock:InvokeModelWithResponseStream';
  const m = parseRuntimeModel(model);
  if (!m.geography) return [{ action, resource: `arn:${partition}:bedrock:${region}::foundation-model/${model}` }];
  const profile = `arn:${partition}:bedrock:${region}:${account}:inference-profile/${model}`;
  return [
    { action, resource: profile },
    { action, resource: `arn:${partition}:bedrock:${region}::foundation-model/${m.foundationModel}`, context: { 'bedrock:InferenceProfileArn': profile } },
  ];
}
