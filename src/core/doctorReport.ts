// What a doctor run reports, for the command and the live view alike: pure data and its wording.
import type { CodexCredential } from './codexCredential.js';
import type { CheckResult } from '../types.js';

/** Groups of checks, in the order they usually finish; the live view shows a spinner per open group. */
export type DoctorPhase = 'tools' | 'config' | 'network' | 'codex-doctor' | 'codex';
export const PHASE_LABEL: Record<DoctorPhase, string> = {
  tools: 'Looking for the Codex and aws CLIs',
  config: 'Reading the Codex and AWS config',
  network: 'Talking to Bedrock',
  'codex-doctor': 'Asking codex doctor',
  codex: 'Running one real Codex turn',
};

/** A check; a failed Codex turn also carries the tail of what Codex printed, a skipped row the ids of the checks it stands for. */
export interface DoctorCheck extends CheckResult {
  output?: string;
  skipped?: string[];
}

export interface DoctorReport {
  ok: boolean;
  codexProfile: string | null;
  codexVersion: string | null;
  /** The credential the installed Codex signs with (kind and where it comes from; never the secret). */
  credential: Pick<CodexCredential, 'kind' | 'source' | 'profile'> | null;
  checks: DoctorCheck[];
}

export interface DoctorListener {
  onCheck?(c: DoctorCheck): void;
  onPhase?(phase: DoctorPhase, state: 'start' | 'done'): void;
}

export function summaryLine(checks: CheckResult[]): string {
  const fails = checks.filter((c) => c.status === 'fail').length;
  const warns = checks.filter((c) => c.status === 'warn').length;
  const w = warns ? `${warns} warning${warns > 1 ? 's' : ''}` : '';
  return fails ? `${fails} problem${fails > 1 ? 's' : ''} found${w ? `, ${w}` : ''}.` : `All checks passed${w ? ` (${w})` : ''}.`;
}
