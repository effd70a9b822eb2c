// doctor --fix, Ink-free: what the checks found → one plan of config edits (core/repairs) → the same
// apply as setup (backup, atomic write, manifest so restore and uninstall see it) → the checks again. A sign-in that
// ended is not a config edit: it is signed in again through the aws CLI, on the terminal, by the person.
import type { DoctorCheck, DoctorReport } from '../core/doctorReport.js';
import { planRepairs, REPAIRS } from '../core/repairs.js';
import { endedSignIn, planSignIn, type SignInRepair } from '../core/signInRepair.js';
import type { SignInChoice } from '../core/ssoArgs.js';
import type { Services } from '../services/types.js';
import { signInHint } from './sso.js';
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
  // A skipped check found nothing: it waits for a config there is none of yet.
  const open = report.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
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

/** The sign-in to make again, if doctor found the Identity Center sign-in of Codex's profile ended or ending. */
export async function planSignInRepair(services: Services, report: DoctorReport, terminal: boolean, choice?: SignInChoice): Promise<SignInRepair | null> {
  if (!report.checks.some(endedSignIn)) return null;
  const { profiles } = await services.config.readAwsProfiles().catch(() => ({ profiles: [] }));
  const awsClis = await services.tools.findAwsClis();
  return planSignIn({ report, profiles, awsClis, mode: { headless: services.sso.headless?.() != null, ...(choice ? { choice } : {}) }, terminal });
}

/** Hands the terminal to `aws sso login` (the browser or the device code is the aws CLI's); true when it signed in. */
export async function signInAgain(services: Services, repair: Extract<SignInRepair, { run: true }>, say: (line: string) => void): Promise<boolean> {
  say(signInHint(repair.mode, services.sso.headless?.() ?? null));
  const r = await services.sso.runAwsInteractive(repair.args, repair.awsPath).catch(() => ({ exitCode: null, signal: null }));
  return r.exitCode === 0;
}
