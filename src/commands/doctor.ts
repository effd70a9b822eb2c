import { runChecks, type CheckOptions } from '../flows/checks.js';
import type { CommandContext } from './context.js';
import { printCheck, printReport } from './output.js';

/** `doctor`: the live view on a terminal; plain lines (or one JSON document) when piped or with --json. */
export async function runDoctor(ctx: CommandContext): Promise<number> {
  const { options, services, io } = ctx;
  const opts: CheckOptions = { codexProfile: options.codexProfile, withCodex: options.withCodex };
  if (options.report || options.teamConfig) {
    const { gatherSupportReport, checkReportFlags } = await import('../flows/report.js');
    checkReportFlags(options);
    const { text, report } = await gatherSupportReport(services, { ...opts, teamConfig: options.teamConfig });
    io.out(text);
    return report.ok ? 0 : 1;
  }
  if (!options.json && process.stdout.isTTY) {
    // Ink loads only for a terminal: piped output and --json stay fast and plain.
    const { runDoctorView } = await import('../ui/doctor/runDoctorView.js');
    const report = await runDoctorView(services, (listener) => runChecks(services, opts, listener), { color: options.color });
    return report.ok ? 0 : 1;
  }
  const report = await runChecks(services, opts, (c) => {
    if (!options.json) printCheck(io, c);
  });
  printReport(io, report, options.json);
  return report.ok ? 0 : 1;
}
