// How long an IAM Identity Center sign-in has left, for doctor. Pure: the caller reads the aws CLI's token cache
// (~/.aws/sso/cache), which holds the access token's expiry and, for an sso-session, a refresh token with which the
// aws CLI and the SDK renew it without a browser.
import type { CheckResult } from '../types.js';

/** Below this, doctor warns: a Codex session started now would outlive the sign-in. */
export const SESSION_WARN_MS = 60 * 60_000;

export interface CachedSignIn {
  expiresAt: Date;
  hasRefreshToken: boolean;
}

/** "7 h 58 min", "42 min", "under a minute". */
export function durationWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

export function sessionLifetimeCheck(profile: string, token: CachedSignIn | null, now: number): CheckResult {
  const id = 'sso-session-lifetime';
  const fix = `aws sso login --profile ${profile}`;
  if (!token) return { id, status: 'warn', summary: `IAM Identity Center: no sign-in cached for profile ${profile}`, why: 'The aws CLI keeps the sign-in in ~/.aws/sso/cache; there is none for this profile yet.', fix };
  const left = token.expiresAt.getTime() - now;
  const renews = token.hasRefreshToken ? ' (the aws CLI and the SDK renew it with the session\'s refresh token)' : '';
  if (left <= 0) {
    return {
      id,
      status: 'warn',
      summary: `IAM Identity Center sign-in of profile ${profile} expired ${durationWords(left)} ago${renews}`,
      why: token.hasRefreshToken ? 'Renewal works while the session lasts; when it has ended, Codex and the aws CLI need a new sign-in.' : 'Codex and the aws CLI need a new sign-in.',
      fix,
    };
  }
  if (left < SESSION_WARN_MS) {
    return { id, status: 'warn', summary: `IAM Identity Center sign-in of profile ${profile}: ${durationWords(left)} left${renews}`, why: 'Less than an hour: a Codex session started now may outlast it.', fix };
  }
  return { id, status: 'pass', summary: `IAM Identity Center sign-in of profile ${profile}: ${durationWords(left)} left${renews}` };
}
