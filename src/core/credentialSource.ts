// Where an AWS profile's credentials come from, and what Codex needs for each. Pure.
import { codexSupports } from './codexVersions.js';
import type { AwsProfile, SetupChoices } from '../types.js';

export type BaseCredentialSource = 'sso' | 'static-keys' | 'credential-process' | 'login-session' | 'unknown';
/** A role chain names the profile at its base (the one whose sign-in must be refreshed, e.g. `aws sso login`). */
export type CredentialSource = { kind: BaseCredentialSource } | { kind: 'role-chain'; base: BaseCredentialSource; baseProfile?: string };

/** The keys the AWS SDKs read in this order (aws-config's profile provider): a role first, then the profile's own. */
export function credentialSourceOf(name: string, profiles: AwsProfile[]): CredentialSource {
  const p = profiles.find((x) => x.name === name);
  if (!p) return { kind: 'unknown' };
  if (p.roleArn && (p.sourceProfile !== undefined || p.credentialSource !== undefined)) {
    if (p.credentialSource !== undefined) return { kind: 'role-chain', base: 'unknown' };
    const base = chainBase(p.sourceProfile!, profiles, new Set([name]));
    return base ? { kind: 'role-chain', base: base.kind, baseProfile: base.name } : { kind: 'role-chain', base: 'unknown' };
  }
  return { kind: ownSource(p) };
}

function ownSource(p: AwsProfile): BaseCredentialSource {
  if (p.isSso) return 'sso';
  if (p.credentialProcess) return 'credential-process';
  if (p.loginSession) return 'login-session';
  if (p.hasStaticKeys) return 'static-keys';
  return 'unknown';
}

/** Follows source_profile to the first profile with credentials of its own; a loop or a missing link is undefined. */
function chainBase(name: string, profiles: AwsProfile[], seen: Set<string>): { kind: BaseCredentialSource; name: string } | undefined {
  const p = profiles.find((x) => x.name === name);
  if (!p || seen.has(name)) return undefined;
  seen.add(name);
  // A source profile's static keys win over its own role_arn (the SDKs' rule for the chain's base).
  if (p.hasStaticKeys) return { kind: 'static-keys', name };
  if (p.roleArn && p.sourceProfile !== undefined) return chainBase(p.sourceProfile, profiles, seen);
  if (p.roleArn && p.credentialSource !== undefined) return undefined;
  return { kind: ownSource(p), name };
}

export interface CredentialExportInput {
  awsProfile: string | undefined;
  source: CredentialSource | undefined;
  codexVersion: string | null;
  /** The aws CLI v2 found (absolute path): `aws configure export-credentials` needs v2 ≥ 2.9. */
  usableAws: string | null;
}

/**
 * aws.credential_export for a profile whose credentials come from a helper: Codex then runs the aws CLI, which runs
 * the helper (the command line stays in ~/.aws/config and never reaches the Codex config). The absolute path, because
 * Codex runs any command here (observed, 0.171) and the `aws` first on PATH may be v1, which has no export-credentials.
 * undefined: keep aws.profile (SSO, static keys, aws login, an older Codex or no aws CLI v2: the SDK in Codex resolves them).
 */
export function credentialExportFor(input: CredentialExportInput): SetupChoices['credentialExport'] {
  const { awsProfile, source, usableAws } = input;
  if (!awsProfile || !source || !usableAws || !codexSupports(input.codexVersion, 'credential-export')) return undefined;
  // An `aws login` session stays on aws.profile: the SDK in Codex reads and refreshes it itself (aws-config's
  // LoginCredentialsProvider), while the aws CLI v2 before `aws login` cannot export it.
  const helper = source.kind === 'credential-process' || (source.kind === 'role-chain' && source.base === 'credential-process');
  if (!helper) return undefined;
  return { command: usableAws, args: ['configure', 'export-credentials', '--profile', awsProfile, '--format', 'process'] };
}

/** A few words for screens: "a credential_process helper", "a role assumed from SSO". */
export function describeCredentialSource(s: CredentialSource): string {
  const base: Record<BaseCredentialSource, string> = {
    sso: 'IAM Identity Center',
    'static-keys': 'access keys',
    'credential-process': 'a credential_process helper',
    'login-session': 'an aws login session',
    unknown: 'an unknown source',
  };
  return s.kind === 'role-chain' ? `a role assumed from ${base[s.base]}` : base[s.kind];
}

/**
 * The command that signs a profile in again when its credentials come from `aws login` (itself, or the base of its
 * role chain: the session belongs to that profile); undefined for every other source.
 */
export function loginAgainCommand(awsProfile: string | undefined, source: CredentialSource | undefined): string | undefined {
  if (source?.kind === 'login-session') return awsProfile ? `aws login --profile ${awsProfile}` : 'aws login';
  if (source?.kind === 'role-chain' && source.base === 'login-session') {
    const base = source.baseProfile ?? awsProfile;
    return base ? `aws login --profile ${base}` : 'aws login';
  }
  return undefined;
}

/**
 * setup's line for a helper or an aws login session (itself or at a role chain's base): where the credentials come
 * from and how Codex gets them. undefined for the others: the credentials summary says more (a sign-in's time left).
 */
export function credentialPlanNote(source: CredentialSource | undefined, exported: SetupChoices['credentialExport'], codexVersion: string | null, awsProfile?: string): string | undefined {
  const base = source?.kind === 'role-chain' ? source.base : source?.kind;
  if (!source || (base !== 'credential-process' && base !== 'login-session')) return undefined;
  const what = awsProfile ? `AWS profile ${awsProfile} (${describeCredentialSource(source)})` : describeCredentialSource(source);
  if (exported) return `Credentials: ${what}; Codex runs ${[exported.command, ...exported.args].join(' ')} for them (aws.credential_export), never aws sso login.`;
  const v = codexVersion ? `Codex ${codexVersion}` : 'Codex';
  const login = loginAgainCommand(awsProfile, source);
  // The SDK in Codex refreshes an aws login session by itself (Sign-In's token endpoint) until the session ends.
  if (login) return `Credentials: ${what}; ${v} reads aws.profile and its AWS SDK refreshes the session itself; Codex cannot sign in again by itself, so run ${login} when they expire.`;
  return `Credentials: ${what}; ${v} reads aws.profile and its AWS SDK resolves them itself; Codex cannot sign in again by itself, so sign in with your company tool when they expire.`;
}
