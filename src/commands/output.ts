// Printing shared by the commands: a check as a line with its why and fix, a report as text or JSON.
import { summaryLine, type DoctorCheck, type DoctorReport } from '../core/doctorReport.js';
import { mark } from './common.js';
import { printJson, type Io } from './context.js';

/** One check: its mark and summary; under a warning or failure, why, the fix, and what Codex said. A skipped row's summary says it all. */
export function printCheck(io: Io, c: DoctorCheck): void {
  if (c.status === 'skipped') {
    io.say(`${mark(io, 'skipped')} ${io.color ? `\u001B[2m${c.summary}\u001B[0m` : c.summary}`);
    return;
  }
  io.say(`${mark(io, c.status === 'pass' ? true : c.status === 'warn' ? 'warn' : false)} ${c.summary}`);
  if (c.status === 'pass') return;
  if (c.why) io.say(`    Why: ${c.why}`);
  if (c.fix) io.say(`    Fix: ${c.fix}`);
  if (c.output) io.say(`    Codex said:\n${c.output.replace(/^/gm, '      ')}`);
}

/** The closing line for people; with --json, the whole report as one document on stdout. */
export function printReport(io: Io, report: DoctorReport, json: boolean): void {
  io.say(`\n${summaryLine(report.checks)}`);
  if (json) printJson(io, report);
}
