// team check: the template against AWS, with the administrator's own credentials.
import { teamCheckPassed, teamCheckRows, templateRegions, type TeamCheckRow, type TeamObservations } from '../core/teamCheck.js';
import { diagnosisOf, mark, resolveAuth } from './common.js';
import type { TeamCheckOptions } from '../cli/flags.js';
import { printJson, type CommandContext, type Io } from './context.js';
import { loadTeam } from '../flows/teamLoad.js';
import { readTextFile } from '../services/files.js';

export async function runTeamCheck(ctx: CommandContext<TeamCheckOptions>): Promise<number> {
  const { options, services, io } = ctx;
  const { template, where } = await loadTeam(services, options.teamConfig!);
  const auth = resolveAuth(options, services.env);
  io.say(`Checking ${where} with your credentials (${auth.method}${auth.awsProfile ? `: ${auth.awsProfile}` : ''}).`);
  const seen: TeamObservations = { regions: {} };
  await Promise.all([
    ...templateRegions(template).map(async (region) => {
      const probe = await services.aws.probeRegion(region);
      let models: string[] | { error: string };
      try {
        models = probe.ok ? await services.aws.listMantleModels(auth.auth, region) : { error: 'region unreachable' };
      } catch (e) {
        models = { error: diagnosisOf(e, { region }).title };
      }
      seen.regions[region] = { reachable: probe.ok, rttMs: probe.rttMs, ...(probe.error ? { error: probe.error } : {}), models };
    }),
    (async () => {
      const file = options.policyFile;
      if (!file) return;
      try {
        seen.policy = { document: JSON.parse((await readTextFile(file)).text ?? 'null'), file };
      } catch (e) {
        seen.policy = { error: `cannot read it as JSON: ${(e as Error).message.split('\n')[0]}`, file };
      }
    })(),
    (async () => {
      if (!template.sso.startUrl || !template.sso.region || !services.startUrls) return;
      const r = await services.startUrls.check(template.sso.startUrl, template.sso.region);
      seen.startUrl = r.ok ? r : { ok: false, detail: r.detail };
    })(),
  ]);
  const rows = teamCheckRows(template, seen);
  const ok = teamCheckPassed(rows);
  if (options.json) printJson(io, { ok, template: where, rows });
  else printTable(io, rows);
  io.say(ok ? `${mark(io, true)} The template works: send developers its line.` : `${mark(io, false)} Fix the failed rows before sending the template.`);
  return ok ? 0 : 1;
}

function printTable(io: Io, rows: TeamCheckRow[]): void {
  const sym = (s: TeamCheckRow['status']) => (s === 'ok' ? mark(io, true) : s === 'fail' ? mark(io, false) : s === 'warn' ? mark(io, 'warn') : '-');
  const w = { check: Math.max(5, ...rows.map((r) => r.check.length)), target: Math.min(48, Math.max(6, ...rows.map((r) => r.target.length))) };
  io.say(`  ${'check'.padEnd(w.check)}  ${'target'.padEnd(w.target)}  result`);
  for (const r of rows) io.say(`${sym(r.status)} ${r.check.padEnd(w.check)}  ${r.target.slice(0, w.target).padEnd(w.target)}  ${r.status === 'not-checked' ? 'not checked: ' : ''}${r.detail}`);
}
