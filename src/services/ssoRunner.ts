import { spawn } from 'node:child_process';
import { ServiceError } from './errors.js';
import type { SsoService } from './types.js';

/**
 * Hands the terminal to the aws CLI. While it runs we catch SIGINT/SIGTERM so they end the child, not the
 * wizard. Ctrl-C on a shared terminal already reaches the child (same process group, or as a key in
 * prompt_toolkit's raw mode), so SIGINT is not sent again then: a second one can land while the child
 * restores the terminal. Otherwise signals are passed on after a short grace.
 */
const FORWARD_GRACE_MS = 150;

export function runAwsInteractive(
  args: string[],
  awsPath: string,
  opts: { env?: NodeJS.ProcessEnv; stdio?: 'inherit' | 'ignore' } = {},
): Promise<{ exitCode: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(awsPath, args, { stdio: opts.stdio ?? 'inherit', env: opts.env ?? process.env, shell: false });
    const running = () => child.exitCode === null && child.signalCode === null;
    const forward = (sig: NodeJS.Signals) => () => {
      setTimeout(() => running() && child.kill(sig), FORWARD_GRACE_MS).unref();
    };
    const sharesTerminal = (opts.stdio ?? 'inherit') === 'inherit' && !!process.stdin.isTTY;
    const onInt = sharesTerminal ? () => {} : forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(new ServiceError({ kind: e.code === 'ENOENT' ? 'missing-tool' : 'process', code: e.code, message: `Could not start ${awsPath} (${e.code ?? e.message}).`, service: 'aws-cli' }));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ exitCode: code, signal });
    });
  });
}

export function createSsoService(opts: { env?: NodeJS.ProcessEnv } = {}): SsoService {
  return { runAwsInteractive: (args, awsPath) => runAwsInteractive(args, awsPath, { env: opts.env }) };
}
