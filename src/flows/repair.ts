// doctor --fix, Ink-free: what the checks found → one plan of config edits (core/repairs) → the same
// apply as setup (backup, atomic write, manifest so restore and uninstall see it) → the checks again.
import type { DoctorCheck, DoctorReport } from '../core/doctorReport.js';
import { planRepairs, REPAIRS } from '../core/repairs.js';
import type { Services } from '../services/types.js';
import type { ConfigPlan } from '../types.js';

/** doctor's own fix text names this region for a config without one; the AWS profile's region comes first. */
const FALLBACK_REGION = 'us-east-1';

export interface RepairPlan {
  plan: ConfigPlan;
  /** One line per edit, in plain words. */
  done: string[];
  /** The checks the plan answers; every other failing or warning check is the user's or an admin's. */
  fixed: DoctorCheck[];
  left: DoctorCheck[];
}

/** The ids a repair can answer: a check's own id, its diagnosis, and `region-missing` for "No region". */
function idsOf(c: DoctorCheck): string[] {
  const ids = [c.id, ...(c.diagnosis ? [c.diagnosis] : [])];
  if (c.id === 'region' && c.summary.startsWith('No region')) ids.push('region-missing');
  return ids;
}

const REPAIRABLE = new Set(REPAIRS.flatMap((r) => r.answers));

export async function planRepair(services: Services, report: DoctorReport): Promise<RepairPlan> {
  const open = report.checks.filter((c) => c.status !== 'pass');
  const found = new Set(open.flatMap(idsOf).filter((id) => REPAIRABLE.has(id)));
  const profiles = found.has('region-missing') || found.has('codex-aws-profile-missing') ? (await services.config.readAwsProfiles().catch(() => ({ profiles: [] }))).profiles : [];
  const region = found.has('region-missing') ? (profiles.find((p) => p.name === report.credential?.profile)?.region ?? FALLBACK_REGION) : undefined;
  const awsProfiles = profiles.map((p) => p.name);
  let done: string[] = [];
  let fixedIds: string[] = [];
  // A config that does not parse (or cannot be read) has its own fix; no edit is planned over it.
  const unreadable = report.checks.some((c) => c.id === 'codex-config' && c.status === 'fail');
  const plan = open.length && !unreadable
    ? await services.config.planCodexEdit((files) => {
        const out = planRepairs(files, { found, region, awsProfiles, codexProfile: report.codexProfile });
        done = out.done;
        fixedIds = out.fixed;
        return { ...out.files, warnings: out.warnings };
      })
    : { changes: [], migratedLegacy: [], warnings: [] };
  const fixed = open.filter((c) => plan.changes.length > 0 && idsOf(c).some((id) => fixedIds.includes(id)));
  return { plan, done, fixed, left: open.filter((c) => !fixed.includes(c)) };
}

export async function applyRepair(services: Services, repair: RepairPlan) {
  return services.config.applyPlan(repair.plan);
}
