// team check: what was observed, turned into one row per fact an administrator must know. Pure.
import { codexSince, compareVersions } from './codexVersions.js';
import type { TeamTemplate } from './teamTemplate.js';
import { BACKGROUND_MODELS, buildPolicy, type PolicyDocument } from './policy.js';
import { codexTurnRequests, evaluatePolicy, UnsupportedPolicyError } from './policyEval.js';

export type CheckStatus = 'ok' | 'fail' | 'warn' | 'not-checked';

export interface TeamCheckRow {
  check: 'region' | 'model' | 'start-url' | 'codex-min' | 'policy';
  target: string;
  status: CheckStatus;
  detail: string;
}

export interface TeamObservations {
  regions: Record<string, { reachable: boolean; rttMs: number | null; error?: string; models: string[] | { error: string } }>;
  startUrl?: { ok: true } | { ok: false; detail: string };
  /** team check --policy FILE: the developers' own IAM policy, parsed (or why it could not be). */
  policy?: { document: unknown; file: string } | { error: string; file: string };
}

/** The regions a template sends developers to: its allowed list, else its suggestions, else its one region. */
export function templateRegions(t: TeamTemplate): string[] {
  return t.allowedRegions ?? t.regions ?? (t.region ? [t.region] : []);
}

/** The models a template sends developers to: its allowed list, else the models its profiles pin. */
export function templateModels(t: TeamTemplate): string[] {
  return t.allowedModels ?? [...new Set((t.profiles ?? []).flatMap((p) => (p.model ? [p.model] : [])))];
}

export function teamCheckRows(t: TeamTemplate, seen: TeamObservations): TeamCheckRow[] {
  const rows: TeamCheckRow[] = [];
  const regions = templateRegions(t);
  for (const r of regions) {
    const o = seen.regions[r];
    if (!o) continue;
    rows.push(
      o.reachable
        ? { check: 'region', target: r, status: 'ok', detail: `Mantle endpoint answers${o.rttMs === null ? '' : ` (${Math.round(o.rttMs)} ms)`}` }
        : { check: 'region', target: r, status: 'fail', detail: `Mantle endpoint unreachable (${o.error ?? 'network'}): developers sent here cannot work` },
    );
  }
  for (const m of templateModels(t)) {
    for (const r of regions) {
      const listed = seen.regions[r]?.models;
      if (!listed) continue;
      if (!Array.isArray(listed)) rows.push({ check: 'model', target: `${m} @ ${r}`, status: 'fail', detail: `model list unavailable: ${listed.error}` });
      else if (listed.includes(m)) rows.push({ check: 'model', target: `${m} @ ${r}`, status: 'ok', detail: 'served by Mantle' });
      else rows.push({ check: 'model', target: `${m} @ ${r}`, status: 'fail', detail: `not served by Mantle in ${r}: remove it from the template or the region` });
    }
  }
  if (t.sso.startUrl) {
    const s = seen.startUrl;
    rows.push(
      !s
        ? { check: 'start-url', target: t.sso.startUrl, status: 'not-checked', detail: 'sso_region is not set' }
        : s.ok
          ? { check: 'start-url', target: t.sso.startUrl, status: 'ok', detail: `Identity Center in ${t.sso.region} answers for it` }
          : { check: 'start-url', target: t.sso.startUrl, status: 'fail', detail: s.detail },
    );
  }
  rows.push(codexMinRow(t));
  const given = seen.policy;
  if (given && 'error' in given) rows.push({ check: 'policy', target: given.file, status: 'not-checked', detail: given.error });
  else {
    try {
      rows.push(...policyRows(t, given?.document as PolicyDocument | undefined, given?.file));
    } catch (e) {
      if (!(e instanceof UnsupportedPolicyError)) throw e;
      rows.push({ check: 'policy', target: given?.file ?? 'IAM', status: 'not-checked', detail: `${e.message}; simulate it in the IAM policy simulator instead` });
    }
  }
  return rows;
}

/** Stands in for the developers' account when the template names none (the policy then allows any). */
const ANY_ACCOUNT = '111122223333';

/**
 * The policy `codex-bedrock-setup policy` writes for this template, evaluated for every allowed model in every
 * allowed region (the turn Codex makes), and for the background models Codex also calls.
 */
export function policyRows(t: TeamTemplate, given?: PolicyDocument, file?: string): TeamCheckRow[] {
  const provider = t.provider ?? 'mantle';
  const regions = templateRegions(t);
  if (regions.length === 0) return [{ check: 'policy', target: 'IAM', status: 'not-checked', detail: 'the template names no region' }];
  const policy = given ?? templatePolicy(t);
  const account = t.sso.accountId ?? ANY_ACCOUNT;
  const models = templateModels(t);
  const denied = (model: string) => regions.filter((region) => codexTurnRequests({ provider, region, model, account }).some((r) => evaluatePolicy(policy, r) !== 'allowed'));
  const chosen = models.length ? models : ['any-model.example'];
  const refused = chosen.flatMap((m) => denied(m).map((r) => `${m} @ ${r}`));
  const pairs = `${models.length ? `${models.length} model${models.length > 1 ? 's' : ''}` : 'any model'} × ${regions.length} region${regions.length > 1 ? 's' : ''}`;
  // And nothing wider: a model the template does not allow, and a region outside it, are denied.
  const otherRegion = ['us-east-1', 'us-west-2', 'eu-west-1'].find((r) => !regions.includes(r))!;
  const wider = [
    ...(models.length ? [{ region: regions[0]!, model: provider === 'runtime' ? 'global.openai.not-allowed' : 'openai.not-allowed', what: 'a model outside allowed_models' }] : []),
    { region: otherRegion, model: chosen[0]!, what: `region ${otherRegion}` },
  ].filter((w) => codexTurnRequests({ provider, account, ...w }).every((r) => evaluatePolicy(policy, r) === 'allowed'));
  const rows: TeamCheckRow[] = [
    refused.length
      ? { check: 'policy', target: file ?? 'IAM', status: 'fail', detail: `${file ? `the policy in ${file}` : 'the policy'} denies Codex's turns for ${refused.join(', ')}: ${file ? 'attach' : 'regenerate it with'} codex-bedrock-setup policy${file ? "'s output instead" : ''}` }
      : wider.length
        ? { check: 'policy', target: file ?? 'IAM', status: file ? 'warn' : 'fail', detail: `${file ? `the policy in ${file}` : 'the policy'} also allows ${wider.map((w) => w.what).join(' and ')}: ${file ? 'narrower is safer, see' : 'regenerate it with'} codex-bedrock-setup policy` }
        : { check: 'policy', target: file ?? 'IAM', status: 'ok', detail: `${file ? `the policy in ${file}` : 'the policy from codex-bedrock-setup policy'} allows Codex's turns for ${pairs}, and denies other models and regions` },
  ];
  // Background models: what a Runtime id looks like depends on the profile; only Mantle ids are known here.
  if (provider === 'mantle' && models.length) {
    const background = BACKGROUND_MODELS.filter((m) => denied(m).length > 0);
    if (background.length) {
      rows.push({
        check: 'policy',
        target: 'background models',
        status: 'warn',
        detail: `Codex also runs background tasks on ${background.join(', ')} (depending on its version); the policy denies them: add them to allowed_models if developers see denied background requests`,
      });
    }
  }
  return rows;
}

/** What `codex-bedrock-setup policy` writes for the template's provider, regions, models, account and auth. */
export function templatePolicy(t: TeamTemplate): PolicyDocument {
  const models = templateModels(t);
  return buildPolicy({
    provider: t.provider ?? 'mantle',
    regions: templateRegions(t),
    ...(models.length ? { models } : {}),
    ...(t.sso.accountId ? { account: t.sso.accountId } : {}),
    bearer: t.auth === 'api-key',
  });
}

/** Would a Codex at the template's minimum accept what setup writes for this template? */
function codexMinRow(t: TeamTemplate): TeamCheckRow {
  const min = t.codexMinVersion;
  const needed = t.provider === 'runtime' ? codexSince('runtime-provider') : codexSince('bedrock-provider');
  const what = t.provider === 'runtime' ? 'the amazon-bedrock-runtime provider' : 'the amazon-bedrock provider';
  if (!min) return { check: 'codex-min', target: 'codex_min_version', status: 'warn', detail: `not set: a Codex older than ${needed} has no ${what}; set codex_min_version = "${needed}" or newer` };
  if (compareVersions(min, needed) < 0) return { check: 'codex-min', target: min, status: 'fail', detail: `Codex ${min} has no ${what} (from ${needed}); raise codex_min_version` };
  return { check: 'codex-min', target: min, status: 'ok', detail: `Codex ${min} or newer has ${what}` };
}

export function teamCheckPassed(rows: TeamCheckRow[]): boolean {
  return rows.every((r) => r.status !== 'fail');
}
