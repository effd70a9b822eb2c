// IAM Identity Center through the real aws CLI v2: find one that can do it, sign in, prove the profile works.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AwsCliInfo, AwsProfile, Failure, Identity, SsoSession } from '../types.js';
import { ServiceError, isServiceError } from './errors.js';
import { homeOf } from './paths.js';
import { readTextFile } from './files.js';
import { runBounded } from './proc.js';
import type { AwsService, ToolsService } from './types.js';
import { firstUsableAws, MIN_AWS_CLI } from '../core/awsCli.js';


/** Runs the aws CLI without a shell; `onLine` sees every output line as it arrives (nothing is kept otherwise). */
export type AwsRunner = (
  awsPath: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; timeoutMs: number; onLine?: (line: string) => void },
) => Promise<{ exitCode: number | null; stdout: string; timedOut: boolean }>;

export const execaAwsRunner: AwsRunner = async (awsPath, args, opts) => {
  const r = await runBounded(awsPath, args, { env: opts.env, timeoutMs: opts.timeoutMs, onLine: opts.onLine, maxBytes: 256 * 1024 });
  return { exitCode: r.error ? null : r.exitCode, stdout: r.stdout, timedOut: r.timedOut };
};


export function awsInstallHint(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'brew install awscli   (or the macOS .pkg: https://awscli.amazonaws.com/AWSCLIV2.pkg)';
    case 'win32':
      return 'winget install -e --id Amazon.AWSCLI   (or the MSI: https://awscli.amazonaws.com/AWSCLIV2.msi)';
    default:
      return 'curl "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" -o awscliv2.zip && unzip awscliv2.zip && sudo ./aws/install   (or your distribution\'s awscli package, if it is v2)';
  }
}

/** The first aws CLI v2 ≥ 2.9 on PATH, even when a v1 comes first; otherwise a missing-tool failure that says how to install one. */
export async function findUsableAws(tools: ToolsService, platform: NodeJS.Platform = process.platform): Promise<AwsCliInfo> {
  const clis = await tools.findAwsClis();
  const usable = firstUsableAws(clis);
  if (usable) return usable;
  const seen = clis.length ? ` Found: ${clis.map((c) => `${c.path} (${c.version ?? 'unknown version'})`).join(', ')}.` : ' None is on PATH.';
  throw new ServiceError({
    kind: 'missing-tool',
    service: 'aws-cli',
    message: `IAM Identity Center sign-in needs the aws CLI v2 (${MIN_AWS_CLI} or later).${seen} Install it: ${awsInstallHint(platform)}. Or choose another sign-in method: --auth profile, env or api-key.`,
  });
}

/** Where the aws CLI and the SDKs cache the portal token: sha1 of the sso-session name, or of the start URL for legacy profiles. */
export function ssoTokenCachePath(env: NodeJS.ProcessEnv, key: { session?: string; startUrl?: string }): string {
  const id = key.session ?? key.startUrl ?? '';
  return join(homeOf(env), '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);
}

export interface CachedSsoToken {
  accessToken: string;
  expiresAt: Date;
  hasRefreshToken: boolean;
}

/** The cached portal token, or null when missing or unreadable. Never log the result. */
export async function readSsoToken(env: NodeJS.ProcessEnv, key: { session?: string; startUrl?: string }): Promise<CachedSsoToken | null> {
  try {
    const snap = await readTextFile(ssoTokenCachePath(env, key), { root: '/' });
    if (!snap.exists) return null;
    const j = JSON.parse(snap.text) as Record<string, unknown>;
    const expiresAt = new Date(String(j.expiresAt));
    if (typeof j.accessToken !== 'string' || Number.isNaN(expiresAt.getTime())) return null;
    return { accessToken: j.accessToken, expiresAt, hasRefreshToken: typeof j.refreshToken === 'string' };
  } catch {
    return null;
  }
}

/** A token about to expire is as good as expired: the next step would fail halfway. */
export function tokenUsable(token: CachedSsoToken | null, now: number, marginMs = 5 * 60_000): boolean {
  return !!token && token.expiresAt.getTime() - marginMs > now;
}

/** SSO sign-in failures that `aws sso login` fixes: expired or missing token, or a session the portal no longer accepts. */
export function isSsoLoginFailure(f: Failure | undefined): boolean {
  if (!f) return false;
  if (f.code === 'SSO_TOKEN_EXPIRED' || f.code === 'SSO_LOGIN_REQUIRED') return true;
  // A revoked or server-side expired session: the portal answers 401 while the cache still looks valid.
  return f.kind === 'credentials' && /UnauthorizedException|Session token not found or invalid/i.test(f.message ?? '');
}

export function isSsoLoginError(e: unknown): boolean {
  return isServiceError(e) && isSsoLoginFailure(e.failure);
}

/** A profile the aws CLI can sign in with, without asking anything. */
export function ssoProfileComplete(p: AwsProfile | undefined, sessions: SsoSession[]): boolean {
  if (!p?.isSso || !p.ssoAccountId || !p.ssoRoleName) return false;
  if (!p.ssoSession) return !!p.ssoStartUrl;
  const s = sessions.find((x) => x.name === p.ssoSession);
  return !!s?.startUrl && !!s.region;
}

const LOGIN_TIMEOUT_MS = 10 * 60_000; // the device code lives 10 minutes

/**
 * `aws sso login --profile NAME`: the device flow. The aws CLI opens the browser itself and prints the
 * verification URL and code; every line goes to `onLine` so a user without a browser can finish elsewhere.
 */
export async function ssoLogin(
  awsPath: string,
  profile: string,
  opts: { env: NodeJS.ProcessEnv; run?: AwsRunner; onLine?: (line: string) => void; timeoutMs?: number; args?: string[] },
): Promise<void> {
  const run = opts.run ?? execaAwsRunner;
  const r = await run(awsPath, opts.args ?? ['sso', 'login', '--profile', profile], { env: opts.env, timeoutMs: opts.timeoutMs ?? LOGIN_TIMEOUT_MS, onLine: opts.onLine });
  if (r.exitCode === 0) return;
  throw new ServiceError({
    kind: 'process',
    service: 'aws-cli',
    profile,
    code: r.timedOut ? 'ETIMEDOUT' : undefined,
    message: r.timedOut
      ? `aws sso login --profile ${profile} timed out: the sign-in was not approved in the browser in time.`
      : `aws sso login --profile ${profile} failed (exit ${r.exitCode ?? 'signal'}).`,
  });
}

/** `aws configure export-credentials` succeeds. Its output holds secrets: only its shape is checked, nothing is returned or printed. */
export async function exportCredentialsWork(awsPath: string, profile: string, opts: { env: NodeJS.ProcessEnv; run?: AwsRunner }): Promise<boolean> {
  const run = opts.run ?? execaAwsRunner;
  const r = await run(awsPath, ['configure', 'export-credentials', '--profile', profile, '--format', 'env'], { env: opts.env, timeoutMs: 60_000 });
  return r.exitCode === 0 && /AWS_ACCESS_KEY_ID=/.test(r.stdout);
}

/** Proves the profile works for both consumers: the aws CLI (export-credentials) and the SDK (STS identity). */
export async function verifySsoProfile(
  deps: { aws: AwsService; env: NodeJS.ProcessEnv; run?: AwsRunner },
  awsPath: string,
  profile: string,
  region: string,
): Promise<Identity> {
  if (!(await exportCredentialsWork(awsPath, profile, deps))) {
    throw new ServiceError({
      kind: 'credentials',
      code: 'SSO_LOGIN_REQUIRED',
      service: 'aws-cli',
      profile,
      message: `aws configure export-credentials --profile ${profile} could not produce credentials after sign-in.`,
    });
  }
  const identity = await deps.aws.whoAmI({ kind: 'profile', profile }, region);
  if (!identity) throw new ServiceError({ kind: 'credentials', profile, message: `Profile ${profile} resolved no identity.` });
  return identity;
}

export type { SsoAssignment } from './ssoPortal.js';
