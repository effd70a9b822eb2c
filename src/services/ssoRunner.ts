import { existsSync } from 'node:fs';
import { awsCliErrorLine } from '../core/diagnosisAwsCli.js';
import { headlessReason, type HeadlessReason } from '../core/headless.js';
import { ServiceError } from './errors.js';
import { runInteractive } from './proc.js';
import type { SsoPortal } from './ssoPortal.js';
import type { SsoService } from './types.js';

/** Hands the terminal to the aws CLI (`aws configure sso`, `aws sso login`); signals end the child, not the wizard. */
export async function runAwsInteractive(
  args: string[],
  awsPath: string,
  opts: { env?: NodeJS.ProcessEnv; stdio?: 'inherit' | 'ignore' } = {},
): Promise<{ exitCode: number | null; signal: string | null; said?: string }> {
  const r = await runInteractive(awsPath, args, { env: opts.env ?? process.env, stdio: opts.stdio, keepStderr: true });
  if (r.error) {
    const e = r.error;
    throw new ServiceError({ kind: e.code === 'ENOENT' ? 'missing-tool' : 'process', code: e.code, message: `Could not start ${awsPath} (${e.code ?? e.message}).`, service: 'aws-cli' });
  }
  // Only botocore's connection errors are kept: the rest of what it printed (the device code, URLs) stays on the terminal.
  const said = awsCliErrorLine((r.stderr ?? '').split(/\r?\n/));
  return { exitCode: r.exitCode, signal: r.signal, ...(said ? { said } : {}) };
}

/** The environment, plus the marker files Docker and podman leave in a container's root. */
export function sessionHeadless(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, exists: (path: string) => boolean = existsSync): HeadlessReason | null {
  return headlessReason({ env, platform, containerFile: platform === 'linux' && (exists('/.dockerenv') || exists('/run/.containerenv')) });
}

export function createSsoService(opts: { env?: NodeJS.ProcessEnv; envFor?: () => Promise<NodeJS.ProcessEnv>; portal?: SsoPortal } = {}): SsoService {
  return {
    runAwsInteractive: async (args, awsPath) => runAwsInteractive(args, awsPath, { env: opts.envFor ? await opts.envFor() : opts.env }),
    ...(opts.portal ? { listAssignments: opts.portal.listAssignments } : {}),
    headless: () => sessionHeadless(opts.env ?? process.env),
  };
}
