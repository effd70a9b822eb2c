// Which credential the installed Codex signs Bedrock requests with (amazon-bedrock provider). The order changed
// between releases, so doctor and the wizard must ask this, not assume it; it never sees a secret, only which
// kinds are present.
import { codexSupports } from './codexVersions.js';

/** What `$CODEX_HOME/auth.json` holds for Bedrock, by kind only. */
export type ManagedBedrockAuth = 'api-key' | 'access-keys';

export interface CredentialInputs {
  codexVersion: string | null;
  /** aws.profile of the effective config (config.toml, overridden by the profile file). */
  awsProfile?: string;
  /** The file that sets it: config.toml, or `<name>.config.toml` when the profile file overrides it. */
  awsProfileFile?: string;
  /** aws.credential_export is set in the effective config. */
  hasCredentialExport: boolean;
  managedAuth: ManagedBedrockAuth | null;
  bearerInEnv: boolean;
  /** AWS_PROFILE from the environment: the SDK chain's profile. */
  envProfile?: string;
  /** AWS_ACCESS_KEY_ID is exported: the SDK chain signs with it. */
  envAccessKeys: boolean;
}

export type CodexCredentialKind = 'credential-export' | 'aws-profile' | 'managed-api-key' | 'managed-access-keys' | 'bearer-token' | 'sdk-chain';

export interface CodexCredential {
  kind: CodexCredentialKind;
  /** Where it comes from, for people: "config.toml aws.profile", "AWS_BEARER_TOKEN_BEDROCK". */
  source: string;
  /** Why this one and not another, with this Codex version. */
  why: string;
  /** The AWS profile that signs, when one does. */
  profile?: string;
}

export function codexCredential(i: CredentialInputs): CodexCredential {
  const v = i.codexVersion ? `Codex ${i.codexVersion}` : 'Codex (newest)';
  const managedApiKey = i.managedAuth === 'api-key' && codexSupports(i.codexVersion, 'managed-api-key');
  const managedKeys = i.managedAuth === 'access-keys' && codexSupports(i.codexVersion, 'managed-access-keys');
  const bearer: CodexCredential = { kind: 'bearer-token', source: 'AWS_BEARER_TOKEN_BEDROCK', why: '' };
  const managed: CodexCredential | null = managedApiKey
    ? { kind: 'managed-api-key', source: '$CODEX_HOME/auth.json (Bedrock API key stored by Codex)', why: '' }
    : managedKeys
      ? { kind: 'managed-access-keys', source: '$CODEX_HOME/auth.json (AWS access keys stored by Codex)', why: '' }
      : null;
  const profile: CodexCredential | null = i.awsProfile ? { kind: 'aws-profile', source: `aws.profile in ${i.awsProfileFile ?? 'config.toml'}`, profile: i.awsProfile, why: '' } : null;

  // Observed with the real binaries: before 0.150 a Codex-managed API key, then the bearer token, beat aws.profile.
  if (!codexSupports(i.codexVersion, 'profile-over-bearer')) {
    const over = (what: string[]) => (what.length ? ` before ${what.join(' and ')}` : '');
    if (managed) return { ...managed, why: `${v} uses its stored Bedrock login${over([...(i.bearerInEnv ? ['AWS_BEARER_TOKEN_BEDROCK'] : []), ...(profile ? [`aws.profile ${profile.profile}`] : [])])}.` };
    if (i.bearerInEnv) return { ...bearer, why: `${v} uses AWS_BEARER_TOKEN_BEDROCK before the AWS credentials${profile ? `, aws.profile ${profile.profile} included` : ''}.` };
    if (profile) return { ...profile, why: `${v} signs with the configured AWS profile.` };
    return sdkChain(i, v);
  }
  if (i.hasCredentialExport && codexSupports(i.codexVersion, 'credential-export')) {
    return { kind: 'credential-export', source: 'aws.credential_export in the Codex config', why: `${v} runs aws.credential_export before any other credential.` };
  }
  const lost = (what: string[]) => (what.length ? ` (it wins over ${what.join(' and ')})` : '');
  if (profile) {
    return { ...profile, why: `${v} signs with the configured aws.profile${lost([...(managed ? ['auth.json'] : []), ...(i.bearerInEnv ? ['AWS_BEARER_TOKEN_BEDROCK'] : [])])}.` };
  }
  if (managed) return { ...managed, why: `${v} uses Codex-managed credentials when no aws.profile or aws.credential_export is configured${lost(i.bearerInEnv ? ['AWS_BEARER_TOKEN_BEDROCK'] : [])}.` };
  if (i.bearerInEnv) {
    return { ...bearer, why: `${v} uses AWS_BEARER_TOKEN_BEDROCK when the config names no aws.profile${i.envProfile ? ` (AWS_PROFILE=${i.envProfile} does not count)` : ''}.` };
  }
  return sdkChain(i, v);
}

function sdkChain(i: CredentialInputs, v: string): CodexCredential {
  if (i.envAccessKeys) return { kind: 'sdk-chain', source: 'AWS_ACCESS_KEY_ID in the environment (AWS SDK chain)', why: `${v} falls back to the AWS SDK chain; exported keys come first in it.` };
  if (i.envProfile) return { kind: 'sdk-chain', source: `AWS_PROFILE=${i.envProfile} (AWS SDK chain)`, profile: i.envProfile, why: `${v} falls back to the AWS SDK chain, which reads AWS_PROFILE.` };
  return { kind: 'sdk-chain', source: 'the AWS SDK chain (default profile, SSO cache, instance role)', why: `${v} falls back to the AWS SDK default chain.` };
}

/** One line for people: "AWS profile `x` (from aws.profile in config.toml)". Never a secret. */
export function describeCredential(c: CodexCredential): string {
  switch (c.kind) {
    case 'aws-profile':
      return `AWS profile \`${c.profile}\` (from ${c.source})`;
    case 'bearer-token':
      return 'the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK';
    default:
      return c.source;
  }
}

/**
 * The kind of Bedrock login in auth.json, or null. Codex (0.145–0.171, observed) reads `auth_mode` spelt
 * `bedrockApiKey` / `bedrockAccessKeys`, or absent, beside its record; any other mode, or JSON it cannot read,
 * means Codex does not use the record either. The secret values are never returned.
 */
export function managedBedrockAuthOf(authJson: string | null): ManagedBedrockAuth | null {
  if (!authJson) return null;
  let data: unknown;
  try {
    data = JSON.parse(authJson);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const present = (k: string) => typeof d[k] === 'object' && d[k] !== null;
  if (present('bedrock_api_key') && (d.auth_mode === undefined || d.auth_mode === 'bedrockApiKey')) return 'api-key';
  if (present('bedrock_access_keys') && (d.auth_mode === undefined || d.auth_mode === 'bedrockAccessKeys')) return 'access-keys';
  return null;
}
