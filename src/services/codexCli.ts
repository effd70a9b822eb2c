// Codex's own `codex doctor --json`, run bounded; commands/codexDoctor.ts folds the report into our checks.
import { redact, secretsOf } from '../core/redact.js';
import { runBounded } from './proc.js';

export const CODEX_DOCTOR_TIMEOUT_MS = 15_000;

export interface CodexDoctorRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Spawn failure (ENOENT, EACCES). */
  error?: string;
}

export type CodexDoctorRunner = (codexPath: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) => Promise<CodexDoctorRun>;

/** Codex's report is a few KB; a program that prints more than this is not giving one. */
const MAX_DOCTOR_OUTPUT = 4 * 1024 * 1024;

export const runCodexDoctorProcess: CodexDoctorRunner = async (codexPath, args, env, timeoutMs) => {
  const r = await runBounded(codexPath, args, { env, timeoutMs, maxBytes: MAX_DOCTOR_OUTPUT });
  const secrets = secretsOf(env);
  if (r.error) return { exitCode: null, stdout: '', stderr: '', timedOut: false, error: redact(r.error.message, secrets) };
  return { exitCode: r.exitCode, stdout: redact(r.stdout, secrets), stderr: redact(r.stderr.slice(-16_000), secrets), timedOut: r.timedOut };
};
