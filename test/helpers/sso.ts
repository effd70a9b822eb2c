// An IAM Identity Center profile as `aws configure sso` leaves it, for tests that need one ready-made.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const SSO_SESSION = 'corp';

export function ssoProfileConfig(profile: string, startUrl: string): string {
  return [
    `[profile ${profile}]`,
    `sso_session = ${SSO_SESSION}`,
    'sso_account_id = 123456789012',
    'sso_role_name = BedrockDeveloper',
    'region = us-east-1',
    `[sso-session ${SSO_SESSION}]`,
    `sso_start_url = ${startUrl}`,
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n');
}

/** Where the aws CLI and the SDKs look for the session's cached token: ~/.aws/sso/cache/<sha1(session)>.json. */
export function ssoTokenCacheFile(home: string): string {
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(SSO_SESSION).digest('hex')}.json`);
}
