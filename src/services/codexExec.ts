import { redact, secretsOf } from '../core/redact.js';
import { runBounded } from './proc.js';

/** One real `codex exec` turn: the final proof that what we wrote is what Codex needs. */
export async function runCodexTurn(opts: { codexPath: string; codexProfile: string; env: NodeJS.ProcessEnv; codexHome: string; timeoutMs?: number; prompt?: string }): Promise<{ ok: boolean; exitCode: number | null; output: string }> {
  const r = await runBounded(
    opts.codexPath,
    ['exec', '--profile', opts.codexProfile, '--skip-git-repo-check', '--sandbox', 'read-only', opts.prompt ?? 'Reply with the single word: ready'],
    { env: { ...opts.env, CODEX_HOME: opts.codexHome }, timeoutMs: opts.timeoutMs ?? 120_000, maxBytes: 64_000 },
  );
  if (r.error) return { ok: false, exitCode: null, output: redact(r.error.message, secretsOf(opts.env)) };
  const output = `${r.stdout}${r.stderr}${r.timedOut ? `\ncodex exec timed out after ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s` : ''}`;
  return { ok: r.exitCode === 0 && !r.timedOut, exitCode: r.exitCode, output: redact(output.slice(-64_000), secretsOf(opts.env)) };
}
