import { confirm } from './confirm.js';
import { UsageError } from '../args.js';
import type { DoctorOptions } from '../cli/flags.js';
import type { Diagnosis } from '../types.js';
import type { DoctorReport } from '../core/doctorReport.js';
import { runChecks, type CheckOptions } from '../flows/checks.js';
import { applyRepair, planRepair, planSignInRepair, signInAgain } from '../flows/repair.js';
import { signInChoice } from '../flows/sso.js';
import type { SignInRepair } from '../core/signInRepair.js';
import { colourDiff, diagnosisOf, homeParams, mark, sayDiagnosis } from './common.js';
import { printJson, type CommandContext } from './context.js';
import { printCheck, printReport } from './output.js';

const FIX_AGAIN = 'npx codex-bedrock-setup doctor --fix --yes';

/** `doctor`: the live view on a terminal; plain lines (or one JSON document) when piped or with --json. */
export async function runDoctor(ctx: CommandContext<DoctorOptions>): Promise<number> {
  const { options, services, io } = ctx;
  const opts: CheckOptions = { codexProfile: options.codexProfile, withCodex: options.withCodex };
  if (options.report || options.teamConfig) {
    const { gatherSupportReport, checkReportFlags } = await import('../flows/report.js');
    checkReportFlags(options);
    const { text, report } = await gatherSupportReport(services, { ...opts, teamConfig: options.teamConfig });
    io.out(text);
    return report.ok ? 0 : 1;
  }
  if (options.fix) return runDoctorFix(ctx, opts);
  if (!options.json && process.stdout.isTTY) {
    // Ink loads only for a terminal: piped output and --json stay fast and plain.
    const { runDoctorView } = await import('../ui/doctor/runDoctorView.js');
    const report = await runDoctorView(services, (listener) => runChecks(services, opts, listener), { color: options.color });
    return report.ok ? 0 : 1;
  }
  const report = await plainChecks(ctx, opts);
  printReport(io, report, options.json);
  return report.ok ? 0 : 1;
}

function plainChecks(ctx: CommandContext<DoctorOptions>, opts: CheckOptions): Promise<DoctorReport> {
  return runChecks(ctx.services, opts, (c) => {
    if (!ctx.options.json) printCheck(ctx.io, c);
  });
}

/** `doctor --fix`: the checks, then the config edits for what they found, through setup's plan → diff → confirm → write. */
async function runDoctorFix(ctx: CommandContext<DoctorOptions>, opts: CheckOptions): Promise<number> {
  const { options, services, io } = ctx;
  const before = await plainChecks(ctx, opts);
  const doc = {
    ok: before.ok,
    repairs: [] as string[],
    left: [] as string[],
    written: [] as string[],
    backups: [] as string[],
    signIn: undefined as { profile: string; command: string; ran: boolean; ok: boolean } | undefined,
    report: before,
    error: undefined as Diagnosis | undefined,
  };
  const finish = (code: number) => {
    if (options.json) printJson(io, doc);
    return code;
  };
  // A file edited meanwhile, one that cannot be edited without rewriting its layout: the reason, and nothing written.
  const fail = (e: unknown) => {
    doc.error = diagnosisOf(e, homeParams(services));
    sayDiagnosis(io, doc.error);
    return finish(1);
  };
  const terminal = !!(process.stdin.isTTY && process.stdout.isTTY);
  let repair;
  let signIn;
  try {
    [repair, signIn] = await Promise.all([planRepair(services, before), planSignInRepair(services, before, terminal, signInChoice(options))]);
  } catch (e) {
    return fail(e);
  }
  const { plan } = repair;
  // The sign-in answers its own checks: they are not "left" for the person.
  const left = repair.left.filter((c) => !signIn?.answers.includes(c));
  doc.repairs = repair.done;
  doc.left = left.map((c) => c.id);
  if (!plan.changes.length && !signIn) {
    io.say(`\n${before.ok ? `${mark(io, true)} Nothing to fix.` : `${mark(io, 'warn')} None of these is a config edit doctor can make; each fix above is yours (or an administrator's).`}`);
    printReport(io, before, false);
    return finish(before.ok ? 0 : 1);
  }
  let changed = false;
  if (plan.changes.length) {
    io.say('\nConfig edits that fix what doctor found:');
    for (const line of repair.done) io.say(`  ${line}`);
    for (const w of plan.warnings) io.say(`${mark(io, 'warn')} ${w}`);
    for (const c of left) io.say(`  Left as it is (not a config edit doctor makes; see its fix above): ${c.summary}`);
    for (const change of plan.changes) io.say(colourDiff(io, change.diff));
    if (!options.yes && !terminal) throw new UsageError(`No terminal to ask for confirmation; nothing was changed. To apply the changes above, run: ${FIX_AGAIN}`);
    if (options.yes || (await confirm('Apply these changes? [y/N] '))) {
      let applied;
      try {
        applied = await applyRepair(services, repair);
      } catch (e) {
        return fail(e);
      }
      changed = true;
      doc.written = applied.written;
      doc.backups = applied.backups;
      if (applied.manifestWarning) io.say(`${mark(io, 'warn')} ${applied.manifestWarning}`);
      io.say(`${mark(io, true)} Wrote ${applied.written.join(', ')}`);
      for (const b of applied.backups) io.say(`  backup: ${b}`);
    } else io.say('Nothing changed.');
  }
  if (signIn) {
    doc.signIn = { profile: signIn.profile, command: signIn.command, ...(await offerSignIn(ctx, signIn)) };
    // A sign-in that did not finish changed nothing: the checks above still stand.
    changed ||= doc.signIn.ok;
  }
  if (!changed) return finish(before.ok ? 0 : 1);
  io.say('\nThe checks again:');
  const after = await plainChecks(ctx, opts);
  printReport(io, after, false);
  doc.ok = after.ok;
  doc.report = after;
  return finish(after.ok ? 0 : 1);
}

/** "Sign in again": asked (or --yes), on the terminal through the aws CLI; without one, only the command. */
async function offerSignIn(ctx: CommandContext<DoctorOptions>, signIn: SignInRepair): Promise<{ ran: boolean; ok: boolean }> {
  const { options, services, io } = ctx;
  io.say(`\nSign in again (IAM Identity Center, profile ${signIn.profile}): ${signIn.command}`);
  if (!signIn.run) {
    io.say(`${mark(io, 'warn')} ${signIn.why} Run it yourself: ${signIn.command}`);
    return { ran: false, ok: false };
  }
  if (!options.yes && !(await confirm(`Sign in again now (${signIn.command})? [y/N] `))) {
    io.say(`Not signed in. When you are ready: ${signIn.command}`);
    return { ran: false, ok: false };
  }
  const ok = await signInAgain(services, signIn, (line) => io.say(`  ${line}`));
  io.say(ok ? `${mark(io, true)} Signed in (profile ${signIn.profile}).` : `${mark(io, false)} The sign-in did not finish. Run it yourself: ${signIn.command}`);
  return { ran: true, ok };
}
