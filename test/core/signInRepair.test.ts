import { describe, expect, it } from 'vitest';
import { planSignIn, type SignInFacts } from '../../src/core/signInRepair.js';
import type { DoctorCheck, DoctorReport } from '../../src/core/doctorReport.js';
import type { AwsCliInfo, AwsProfile } from '../../src/types.js';

const V2: AwsCliInfo = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };
const V2_NEW: AwsCliInfo = { path: '/usr/local/bin/aws', version: '2.27.0', major: 2 };
const PROFILES: AwsProfile[] = [
  { name: 'corp', isSso: true, hasStaticKeys: false, ssoSession: 'corp' },
  { name: 'bedrock', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::1:role/B', sourceProfile: 'corp' },
  { name: 'keys', isSso: false, hasStaticKeys: true },
  { name: 'okta', isSso: false, hasStaticKeys: false, credentialProcess: true },
];
const ENDED: DoctorCheck = { id: 'sso-session-lifetime', status: 'warn', summary: 'IAM Identity Center sign-in of profile corp expired 5 min ago' };
const STS: DoctorCheck = { id: 'sts', status: 'fail', summary: 'expired', diagnosis: 'sso-token-expired' };

function facts(profile: string, checks: DoctorCheck[], extra: Partial<SignInFacts> = {}): SignInFacts {
  const report: DoctorReport = { ok: false, codexProfile: 'bedrock-prod', codexVersion: '0.171.0', credential: { kind: 'aws-profile', source: 'aws.profile in config.toml', profile }, checks };
  return { report, profiles: PROFILES, awsClis: [V2], mode: { headless: false }, terminal: true, ...extra };
}

describe('doctor --fix: sign in again', () => {
  it('an ended Identity Center sign-in of the profile Codex uses: aws sso login for it, answering its checks', () => {
    const r = planSignIn(facts('corp', [ENDED, STS]));
    expect(r).toMatchObject({ run: true, profile: 'corp', awsPath: '/usr/bin/aws', args: ['sso', 'login', '--profile', 'corp'], command: 'aws sso login --profile corp' });
    expect(r!.answers).toEqual([ENDED, STS]);
  });

  it('a role assumed from an Identity Center profile signs in its base', () => {
    expect(planSignIn(facts('bedrock', [STS]))).toMatchObject({ run: true, profile: 'corp' });
  });

  it('headless with an aws CLI that has the flag: the device code; 2.9.19 has only that flow and gets no flag', () => {
    expect(planSignIn(facts('corp', [ENDED], { mode: { headless: true }, awsClis: [V2_NEW] }))).toMatchObject({ args: ['sso', 'login', '--profile', 'corp', '--use-device-code'] });
    expect(planSignIn(facts('corp', [ENDED], { mode: { headless: true } }))).toMatchObject({ args: ['sso', 'login', '--profile', 'corp'] });
  });

  it('without a terminal, or without an aws CLI v2: nothing runs, the command is given', () => {
    expect(planSignIn(facts('corp', [ENDED], { terminal: false }))).toMatchObject({ run: false, command: 'aws sso login --profile corp', why: expect.stringContaining('No terminal') });
    expect(planSignIn(facts('corp', [ENDED], { awsClis: [] }))).toMatchObject({ run: false, why: expect.stringContaining('aws CLI v2') });
  });

  it('never aws sso login for access keys or a credential_process helper, nor when the sign-in is fine', () => {
    expect(planSignIn(facts('keys', [ENDED, STS]))).toBeNull();
    expect(planSignIn(facts('okta', [ENDED, STS]))).toBeNull();
    expect(planSignIn(facts('corp', [{ ...ENDED, status: 'pass' }]))).toBeNull();
    const apiKey = facts('corp', [ENDED]);
    apiKey.report.credential = { kind: 'bearer-token', source: 'AWS_BEARER_TOKEN_BEDROCK' };
    expect(planSignIn(apiKey)).toBeNull();
  });
});
