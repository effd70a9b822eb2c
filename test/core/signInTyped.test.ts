// The sign-in command we print is the one this machine needs typed: the hand-off's flags, the aws that runs it.
import { describe, expect, it } from 'vitest';
import { awsAsTyped } from '../../src/core/awsCli.js';
import { ssoLoginCommand } from '../../src/core/ssoArgs.js';
import { nextSteps } from '../../src/core/nextSteps.js';
import { credentialsSummary } from '../../src/core/sessionLifetime.js';
import { explain } from '../../src/core/diagnosis.js';

const v1 = { path: '/root/.pyenv/shims/aws', version: '1.45.11', major: 1 } as const;
const v2old = { path: '/usr/bin/aws', version: '2.9.19', major: 2 } as const;
const v2new = { path: '/usr/local/bin/aws', version: '2.36.17', major: 2 } as const;

describe('awsAsTyped', () => {
  it('is `aws` when typing it runs the usable v2, its path when a v1 comes first', () => {
    expect(awsAsTyped([v2old])).toBe('aws');
    expect(awsAsTyped([v1, v2old])).toBe('/usr/bin/aws');
    expect(awsAsTyped([])).toBe('aws');
  });
});

describe('ssoLoginCommand', () => {
  it('adds --use-device-code where the hand-off would (headless, aws CLI ≥ 2.22), never for an older CLI', () => {
    expect(ssoLoginCommand('dev', { headless: true, awsVersion: v2new.version })).toBe('aws sso login --profile dev --use-device-code');
    expect(ssoLoginCommand('dev', { headless: true, awsVersion: v2old.version })).toBe('aws sso login --profile dev');
    expect(ssoLoginCommand('dev', { headless: false, awsVersion: v2new.version })).toBe('aws sso login --profile dev');
    expect(ssoLoginCommand('dev', { headless: true, choice: 'browser', awsVersion: v2new.version }, '/usr/bin/aws')).toBe('/usr/bin/aws sso login --profile dev');
  });

  it('is what the next steps and the credentials line print', () => {
    const cmd = ssoLoginCommand('dev', { headless: true, awsVersion: v2new.version });
    expect(nextSteps({ method: 'sso', awsProfile: 'dev', awsProfileIsSso: true, region: 'us-east-1', codexProfiles: ['bedrock-prod'], ssoLogin: cmd })[0]).toBe(
      'aws sso login --profile dev --use-device-code   # when the sign-in expires',
    );
    const s = credentialsSummary({ method: 'sso', awsProfile: 'dev', source: { kind: 'sso' }, token: null, ssoLogin: (p) => ssoLoginCommand(p, { headless: true, awsVersion: v2new.version }) }, 0);
    expect(s.then).toBe('aws sso login --profile dev --use-device-code');
  });

  it('is what the diagnoses tell an IAM Identity Center profile to run, and never a static-key one', () => {
    const ssoLogin = 'aws sso login --profile dev --use-device-code';
    expect(explain('sso-token-expired', { profile: 'dev', ssoLogin }).fix).toContain(ssoLogin);
    expect(explain('codex-credentials-failed', { profile: 'dev', credentialSource: 'sso', ssoLogin }).fix).toContain(ssoLogin);
    expect(explain('codex-credentials-failed', { profile: 'dev', credentialSource: 'static-keys', ssoLogin }).fix).not.toContain('sso login');
  });
});
