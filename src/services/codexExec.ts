import { spawn } from 'node:child_process';
import { redact, secretsOf } from '../core/redact.js';

/** One real `codex exec` turn: the final proof that what we wrote is what Codex needs. */
export function runCodexTurn(opts: { codexPath: string; codexProfile: string; env: NodeJS.ProcessEnv; codexHome: string; timeoutMs?: number; prompt?: string }): Promise<{ ok: boolean; exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      opts.codexPath,
      ['exec', '--profile', opts.codexProfile, '--skip-git-repo-check', '--sandbox', 'read-only', opts.prompt ?? 'Reply with the single word: ready'],
      { env: { ...opts.env, CODEX_HOME: opts.codexHome }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (b: Buffer) => {
      output += b.toString('utf8');
      if (output.length > 64_000) output = output.slice(-64_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, exitCode: null, output: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, exitCode: code, output: redact(output, secretsOf(opts.env)) });
    });
  });
}
