// team check: what was observed, turned into one row per fact an administrator must know. Pure.
import { codexSince, compareVersions } from './codexVersions.js';
import type { TeamTemplate } from './teamTemplate.js';


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
  rows.push({ check: 'policy', target: 'IAM', status: 'not-checked', detail: 'policy simulation is not part of team check yet' });
  return rows;
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
