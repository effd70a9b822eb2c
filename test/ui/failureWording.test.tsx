// The failure screen offers "Sign in again" only to a profile that signs in (IAM Identity Center); access keys and
// credential_process helpers get their own fix, never `aws sso login`.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { initialState } from '../../src/wizard/machine.js';
import { ServiceError } from '../../src/services/errors.js';
import type { Failure } from '../../src/types.js';
import { fakeServices } from './fakes.js';
import { renderApp } from './helpers.js';
import { INFO, run } from './states.js';

afterEach(() => cleanup());

const PROFILES = [
  ...INFO.awsProfiles,
  { name: 'helper', region: 'us-east-1', isSso: false, hasStaticKeys: false, credentialProcess: true },
  { name: 'chained', region: 'us-east-1', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::123456789012:role/Dev', sourceProfile: 'corp-sso' },
];
const atIdentity = (profile: string) =>
  run(
    initialState(),
    { type: 'NEXT' },
    { type: 'PREFLIGHT_DONE', info: { ...INFO, awsProfiles: PROFILES } },
    { type: 'NEXT' },
    { type: 'SELECT_REGION', region: 'us-east-1' },
    { type: 'CHOOSE_AUTH', method: 'profile' },
    { type: 'SELECT_PROFILE', profile },
  );

async function failureFor(profile: string, failure: Failure): Promise<string> {
  const s = fakeServices();
  s.aws.whoAmI = async () => {
    throw new ServiceError({ ...failure, profile });
  };
  const ui = renderApp(s, atIdentity(profile), { columns: 200 });
  return (await ui.waitText('Retry')).replace(/\s+/g, ' ');
}

const EXPIRED: Failure = { kind: 'http', status: 403, errorType: 'ExpiredTokenException', service: 'sts', message: 'The security token included in the request is expired' };
const INVALID: Failure = { kind: 'http', status: 403, errorType: 'InvalidClientTokenId', service: 'sts', message: 'The security token included in the request is invalid' };

describe('sign in again: only where the profile signs in', () => {
  it('an IAM Identity Center profile with expired credentials: offered, with aws sso login', async () => {
    const f = await failureFor('corp-sso', EXPIRED);
    expect(f).toContain('Sign in again (aws sso login), then retry');
    expect(f).toContain('fix: aws sso login --profile corp-sso');
  });

  it('a role assumed from an SSO profile: offered too (its base signs in)', async () => {
    const f = await failureFor('chained', EXPIRED);
    expect(f).toContain('Sign in again (aws sso login), then retry');
  });

  it('a static-key profile with expired session keys: no sign-in offered, fresh keys are the fix', async () => {
    const f = await failureFor('dev', EXPIRED);
    expect(f).not.toContain('Sign in again');
    expect(f).not.toContain('aws sso login');
    expect(f).toContain('fix: Put fresh access keys into profile dev: aws configure --profile dev');
  });

  it('a static-key profile whose keys AWS does not know: check them, then fresh keys; no sign-in', async () => {
    const f = await failureFor('dev', INVALID);
    expect(f).not.toContain('aws sso login');
    expect(f).toContain('Check the keys of profile dev (`aws configure list --profile dev`), or put fresh access keys into profile dev');
  });

  it('a credential_process profile: its helper is named, not a sign-in', async () => {
    const f = await failureFor('helper', EXPIRED);
    expect(f).not.toContain('Sign in again');
    expect(f).not.toContain('aws sso login');
    expect(f).toContain('Run the sign-in of the tool that credential_process of profile helper calls (see ~/.aws/config), then check it: aws configure export-credentials --profile helper');
  });
});
