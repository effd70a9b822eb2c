// Which aws CLI can do IAM Identity Center sign-in: one rule for preflight, doctor and the SSO flow.
import type { AwsCliInfo } from '../types.js';
import { compareVersions } from './codexVersions.js';

/**
 * Sign-in writes an `[sso-session]` block and reads credentials back with `configure export-credentials`;
 * the aws CLI understands both from 2.9.0 on (v1 has neither, nor `configure sso`).
 */
export const MIN_AWS_CLI = '2.9.0';

export function awsCliUsable(cli: Pick<AwsCliInfo, 'version'>): boolean {
  return cli.version !== null && compareVersions(cli.version, MIN_AWS_CLI) >= 0;
}

/** The first usable aws CLI on PATH (a v1 or an old v2 before it is skipped, not chosen). */
export function firstUsableAws(clis: readonly AwsCliInfo[]): AwsCliInfo | null {
  return clis.find(awsCliUsable) ?? null;
}

/** What the aws CLIs on PATH mean for SSO sign-in, for every screen that reports it. */
export type AwsCliSituation =
  | { kind: 'none' }
  /** Some aws on PATH, none new enough; `best` is the newest found. */
  | { kind: 'too-old'; best: AwsCliInfo }
  /** `shadowedBy`: the older aws that typing `aws` runs instead. */
  | { kind: 'usable'; cli: AwsCliInfo; shadowedBy?: AwsCliInfo };

export function awsCliSituation(clis: readonly AwsCliInfo[]): AwsCliSituation {
  const usable = firstUsableAws(clis);
  if (usable) return clis[0] === usable ? { kind: 'usable', cli: usable } : { kind: 'usable', cli: usable, shadowedBy: clis[0] };
  if (clis.length === 0) return { kind: 'none' };
  const best = [...clis].sort((a, b) => compareVersions(b.version ?? '0', a.version ?? '0'))[0]!;
  return { kind: 'too-old', best };
}

/** "needs the aws CLI 2.9.0 or later; /usr/bin/aws is 2.4.1" — the too-old case in words. */
export function awsCliTooOldReason(best: AwsCliInfo): string {
  return `IAM Identity Center sign-in needs the aws CLI ${MIN_AWS_CLI} or later; the newest on PATH is ${best.version ?? '(unknown version)'} at ${best.path}`;
}

/**
 * How a person types the usable aws CLI in a printed command: `aws` when typing it runs that one, else its path
 * (a v1 first on PATH would run instead and has no IAM Identity Center sign-in).
 */
export function awsAsTyped(clis: readonly AwsCliInfo[]): string {
  const s = awsCliSituation(clis);
  return s.kind === 'usable' && s.shadowedBy ? s.cli.path : 'aws';
}
