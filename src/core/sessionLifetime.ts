// How long an IAM Identity Center sign-in has left, for doctor, the wizard's last screen and setup --yes. Pure: the caller reads the aws CLI's token cache
// (~/.aws/sso/cache), which holds the access token's expiry and, for an sso-session, a refresh token with which the
// aws CLI and the SDK renew it without a browser.
import type { AuthMethod, CheckResult } from '../types.js';
import { describeCredentialSource, type BaseCredentialSource, type CredentialSource } from './credentialSource.js';

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

export function sessionLifetimeCheck(profile: string, token: CachedSignIn | null, now: number, fix = `aws sso login --profile ${profile}`): CheckResult {
  const id = 'sso-session-lifetime';
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

/** What Codex signs with, as the wizard's last screen and `setup --yes` say it (and --json carries it). */
export interface CredentialsSummary {
  /** "AWS profile dev (IAM Identity Center), signed in for 7 h 40 min more" */
  text: string;
  /** The command that renews the credentials when they end ("then: …"); none when they do not end or renew themselves. */
  then?: string;
  source: BaseCredentialSource | 'role-chain' | 'api-key' | 'env';
  awsProfile: string | null;
  /** IAM Identity Center only: when the cached sign-in ends (never the token). */
  signIn?: { profile: string; expiresAt: string | null; minutesLeft: number | null; renews: boolean };
}

export interface CredentialsFacts {
  method: AuthMethod;
  awsProfile?: string;
  source?: CredentialSource;
  /** The Identity Center sign-in's cache entry (of the chain's base for an assumed role); null: none cached. */
  token?: CachedSignIn | null;
  /** A short-term Bedrock API key (`bedrock-api-key-…`) expires within 12 hours; a long-term one when it is revoked. */
  apiKeyShortTerm?: boolean;
  /** The sign-in command for a profile as this machine needs it typed (device code, the aws by path); else the plain one. */
  ssoLogin?: (profile: string) => string;
}

/** The SSO profile whose sign-in the credentials hang on: the profile itself, or the base of its role chain. */
export function signInProfileOf(awsProfile: string, source: CredentialSource): string | undefined {
  if (source.kind === 'sso') return awsProfile;
  if (source.kind === 'role-chain' && source.base === 'sso') return source.baseProfile;
  return undefined;
}

export function credentialsSummary(f: CredentialsFacts, now: number): CredentialsSummary {
  if (f.method === 'api-key') {
    return { text: `a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)${f.apiKeyShortTerm ? ', short-term: it lasts at most 12 h, then create a new one' : ''}`, source: 'api-key', awsProfile: null };
  }
  if (!f.awsProfile || !f.source) {
    return { text: 'environment credentials (AWS_ACCESS_KEY_ID or the SDK default chain); renew them the way you got them', source: 'env', awsProfile: null };
  }
  const profile = f.awsProfile;
  const head = `AWS profile ${profile} (${describeCredentialSource(f.source)})`;
  const source = f.source.kind;
  const base = f.source.kind === 'role-chain' ? f.source.base : f.source.kind;
  const baseProfile = f.source.kind === 'role-chain' ? (f.source.baseProfile ?? profile) : profile;
  const ssoProfile = signInProfileOf(profile, f.source);
  if (ssoProfile) {
    const then = f.ssoLogin?.(ssoProfile) ?? `aws sso login --profile ${ssoProfile}`;
    const token = f.token ?? null;
    if (!token) return { text: `${head}, not signed in yet`, then, source, awsProfile: profile, signIn: { profile: ssoProfile, expiresAt: null, minutesLeft: null, renews: false } };
    const left = token.expiresAt.getTime() - now;
    const signIn = { profile: ssoProfile, expiresAt: token.expiresAt.toISOString(), minutesLeft: Math.max(0, Math.floor(left / 60_000)), renews: token.hasRefreshToken };
    const renews = token.hasRefreshToken ? ' (the aws CLI and the SDK renew it while the session lasts)' : '';
    const state = left > 0 ? `signed in for ${durationWords(left)} more${renews}` : `the sign-in expired ${durationWords(left)} ago${renews}`;
    return { text: `${head}, ${state}`, then, source, awsProfile: profile, signIn };
  }
  switch (base) {
    case 'static-keys':
      return { text: `${head}; access keys do not expire until someone rotates or deletes them`, source, awsProfile: profile };
    case 'credential-process':
      return { text: `${head}; the helper renews them (Codex never runs aws sso login for it)`, source, awsProfile: profile };
    case 'login-session':
      return { text: `${head}`, then: `aws login --profile ${baseProfile}`, source, awsProfile: profile };
    default:
      return { text: `${head}; renew them the way you got them`, source, awsProfile: profile };
  }
}

/** One line for a terminal: "Credentials: …; then: aws sso login --profile dev". */
export function credentialsLine(s: CredentialsSummary): string {
  return `Credentials: ${s.text}${s.then ? `; then: ${s.then}` : ''}`;
}
