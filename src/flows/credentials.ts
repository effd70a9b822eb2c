// What Codex signs with, for the wizard's last screen and `setup --yes`: the AWS profile's source and, for IAM
// Identity Center, how long the cached sign-in has left (the same token-cache reader doctor uses; never the token).
import { credentialSourceOf, type CredentialSource } from '../core/credentialSource.js';
import { credentialsSummary, signInProfileOf, type CredentialsSummary } from '../core/sessionLifetime.js';
import { readSsoToken } from '../services/sso.js';
import type { Services } from '../services/types.js';
import type { AuthChoice, AuthMethod, AwsProfile } from '../types.js';

export async function readCredentialsSummary(services: Pick<Services, 'config' | 'env' | 'now'>, method: AuthMethod, auth: AuthChoice): Promise<CredentialsSummary> {
  if (auth.kind === 'api-key') return credentialsSummary({ method: 'api-key', apiKeyShortTerm: auth.apiKey.startsWith('bedrock-api-key-') }, services.now());
  if (auth.kind === 'env') return credentialsSummary({ method }, services.now());
  const { profiles } = await services.config.readAwsProfiles().catch(() => ({ profiles: [] as AwsProfile[] }));
  const found = credentialSourceOf(auth.profile, profiles);
  // --auth sso with --dry-run: the profile is not written yet, and it will be an Identity Center one.
  const source: CredentialSource = method === 'sso' && found.kind === 'unknown' ? { kind: 'sso' } : found;
  const ssoProfile = signInProfileOf(auth.profile, source);
  const p = ssoProfile ? profiles.find((x) => x.name === ssoProfile) : undefined;
  const cached = p ? await readSsoToken(services.env, { session: p.ssoSession, startUrl: p.ssoStartUrl }) : undefined;
  // Only the expiry leaves this function: the access token stays in the aws CLI's cache.
  const token = cached ? { expiresAt: cached.expiresAt, hasRefreshToken: cached.hasRefreshToken } : cached === null ? null : undefined;
  return credentialsSummary({ method, awsProfile: auth.profile, source, token }, services.now());
}
