// "Sign in again" only for profiles that sign in: access keys, credential helpers and `aws login` get their own fix.
import { describe, expect, it } from 'vitest';
import { explain, renewedSource } from '../../src/core/diagnosis.js';

// The entries whose fix renews a profile's credentials.
const RENEWING = ['credentials-expired', 'credentials-invalid', 'no-credentials', 'codex-credentials-failed', 'signature-expired', 'profile-fails-env-works'];

describe('the fix that renews credentials follows where they come from', () => {
  it.each(RENEWING)('%s: IAM Identity Center (or not known) signs in again', (id) => {
    expect(explain(id, { profile: 'corp' }).fix).toContain('aws sso login --profile corp');
    expect(explain(id, { profile: 'corp', credentialSource: 'sso' }).fix).toContain('aws sso login --profile corp');
  });

  it.each(RENEWING)('%s: access keys get fresh keys, a helper its own sign-in, aws login its own command', (id) => {
    const keys = explain(id, { profile: 'corp', credentialSource: 'static-keys' });
    expect(`${keys.why} ${keys.fix}`).not.toMatch(/aws sso login|IAM Identity Center sign-in/);
    expect(keys.fix).toMatch(/[Pp]ut fresh access keys into profile corp: aws configure --profile corp/);
    const helper = explain(id, { profile: 'corp', credentialSource: 'credential-process' });
    expect(helper.fix).not.toContain('aws sso login');
    expect(helper.fix).toContain('aws configure export-credentials --profile corp');
    expect(explain(id, { profile: 'corp', credentialSource: 'login-session' }).fix).toMatch(/aws login --profile corp(?![\w-])/);
  });

  it('a role chain is renewed at its base', () => {
    expect(renewedSource({ kind: 'role-chain', base: 'static-keys', baseProfile: 'base' })).toBe('static-keys');
    expect(renewedSource({ kind: 'sso' })).toBe('sso');
    expect(renewedSource(undefined)).toBeUndefined();
  });
});
