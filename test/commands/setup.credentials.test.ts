// setup --yes says once what Codex signs with: for a credential_process helper or an aws login session the line
// that also says what Codex runs for them; for the others the credentials summary (an SSO sign-in's time left).
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runSetup } from '../../src/commands/setup.js';
import type { AwsProfile } from '../../src/types.js';
import { captureIo } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

async function credentialLines(profile: string, profiles: AwsProfile[]): Promise<string[]> {
  const services = fakeServices({});
  services.config.readAwsProfiles = async () => ({ profiles, ssoSessions: [] });
  const io = captureIo();
  const argv = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', profile, '--model', 'openai.gpt-6.1-sol', '--skip-smoke-test'];
  expect(await runSetup({ options: parseCli(argv, {}), services, io }), io.lines.join('\n')).toBe(0);
  return io.lines.filter((l) => /^(\S+ )?Credentials:/.test(l));
}

const helper: AwsProfile = { name: 'company', region: 'us-east-1', isSso: false, hasStaticKeys: false, credentialProcess: true };

describe('setup --yes: one credentials line', () => {
  it('a credential_process profile: the line naming the profile and the command Codex runs, once', async () => {
    expect(await credentialLines('company', [helper])).toEqual([
      'Credentials: AWS profile company (a credential_process helper); Codex runs /usr/bin/aws configure export-credentials --profile company --format process for them (aws.credential_export), never aws sso login.',
    ]);
  });

  it('an aws login session: the line with the command to sign in again, once', async () => {
    const lines = await credentialLines('console', [{ name: 'console', region: 'us-east-1', isSso: false, hasStaticKeys: false, loginSession: true }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Credentials: AWS profile console \(an aws login session\); .*run aws login --profile console when they expire\.$/);
  });

  it('a role assumed from Identity Center: the summary, with the sign-in at the chain base', async () => {
    const lines = await credentialLines('admin', [
      { name: 'corp', region: 'us-east-1', isSso: true, hasStaticKeys: false, ssoSession: 'corp' },
      { name: 'admin', region: 'us-east-1', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::123456789012:role/Admin', sourceProfile: 'corp' },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Credentials: AWS profile admin \(a role assumed from IAM Identity Center\), .*then: .*aws sso login --profile corp$/);
  });
});
