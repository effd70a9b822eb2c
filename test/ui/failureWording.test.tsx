// The failure screen offers "Sign in again" only to a profile that signs in (IAM Identity Center); access keys and
// credential_process helpers get their own fix, never `aws sso login`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAwsInteractive } from '../../src/services/ssoRunner.js';
import { initialState } from '../../src/wizard/machine.js';
import { ServiceError } from '../../src/services/errors.js';
import type { Failure } from '../../src/types.js';
import { fakeServices } from './fakes.js';
import { ENTER, renderApp } from './helpers.js';
import { atAuth, INFO, run } from './states.js';

afterEach(() => cleanup());

const PROFILES = [
  ...INFO.awsProfiles,
  { name: 'helper', region: 'us-east-1', isSso: false, hasStaticKeys: false, credentialProcess: true },
  { name: 'chained', region: 'us-east-1', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::123456789012:role/Dev', sourceProfile: 'corp-sso' },
  { name: 'console', region: 'us-east-1', isSso: false, hasStaticKeys: false, loginSession: true },
  { name: 'on-console', region: 'us-east-1', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::123456789012:role/Dev', sourceProfile: 'console' },
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

  it('an aws login profile, and a role on one: aws login at the profile that holds the session; no aws sso login offered', async () => {
    for (const name of ['console', 'on-console']) {
      const f = await failureFor(name, EXPIRED);
      expect(f).not.toContain('Sign in again (aws sso login)');
      expect(f).toContain('fix: aws login --profile console');
      cleanup();
    }
  });

  it('a credential_process profile: its helper is named, not a sign-in', async () => {
    const f = await failureFor('helper', EXPIRED);
    expect(f).not.toContain('Sign in again');
    expect(f).not.toContain('aws sso login');
    expect(f).toContain('Run the sign-in of the tool that credential_process of profile helper calls (see ~/.aws/config), then check it: aws configure export-credentials --profile helper');
  });
});

describe('the hand-off: the real aws CLI v2 cannot reach IAM Identity Center', () => {
  // A region that does not exist: its OIDC host never resolves, on any network.
  const NOWHERE = 'xx-nowhere-1';
  let real: Awaited<ReturnType<typeof runAwsInteractive>>;
  beforeAll(async () => {
    const home = mkdtempSync(join(tmpdir(), 'cbs-handoff-'));
    const config = join(home, 'config');
    writeFileSync(config, `[profile codex-bedrock]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = ${NOWHERE}\n`);
    // The same runner the wizard hands the terminal over with; its stderr still reaches ours.
    real = await runAwsInteractive(['sso', 'login', '--profile', 'codex-bedrock', '--no-browser'], '/usr/bin/aws', {
      env: { PATH: '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), BROWSER: '/bin/true' },
    });
  }, 90_000);

  it('the runner keeps only botocore\'s line', () => {
    expect(real).toEqual({ exitCode: 255, signal: null, said: `Could not connect to the endpoint URL: "https://oidc.${NOWHERE}.amazonaws.com/client/register"` });
  });

  it('the failure screen names the host and the SSO region, and says to go back in this wizard to correct it', async () => {
    const s = fakeServices();
    s.sso.runAwsInteractive = async () => real;
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'sso' }, { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' }, { type: 'SSO_REGION', region: NOWHERE }), { columns: 200 });
    await ui.waitText('hand over the terminal');
    await ui.press(ENTER);
    const f = (await ui.waitText('Retry')).replace(/\s+/g, ' ');
    expect(f).toContain(`The aws CLI could not connect to oidc.${NOWHERE}.amazonaws.com, IAM Identity Center (OIDC) in ${NOWHERE}`);
    expect(f).toContain(`${NOWHERE} is not your organisation's SSO region`);
    expect(f).toContain(`nslookup oidc.${NOWHERE}.amazonaws.com`);
    expect(f).toContain('Correct it: go back in this wizard (Esc), or edit sso_region in ~/.aws/config');
    expect(f).not.toMatch(/Check the start URL/);
  });
});

describe('the failure screen names the proxy as the environment does', () => {
  it('https_proxy (lower case) is the variable in the fix, with the proxy but never its password', async () => {
    const s = fakeServices({ https_proxy: 'http://ann:s3cret-pw@proxy.corp.example:3128' });
    s.aws.whoAmI = async () => {
      throw new ServiceError({ kind: 'network', code: 'ECONNREFUSED', service: 'sts', message: 'The proxy http://proxy.corp.example:3128 could not be reached (ECONNREFUSED).', profile: 'dev' });
    };
    const ui = renderApp(s, atIdentity('dev'), { columns: 200 });
    const f = (await ui.waitText('Retry')).replace(/\s+/g, ' ');
    expect(f).toContain('https_proxy');
    expect(f).not.toContain('HTTPS_PROXY');
    expect(f).not.toContain('s3cret-pw');
  });
});
