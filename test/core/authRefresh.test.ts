import { describe, expect, it } from 'vitest';
import { authRefreshFor } from '../../src/core/authRefresh.js';

const base = { awsProfile: 'corp', awsProfileIsSso: true, codexVersion: '0.169.0', firstAwsOnPath: '/usr/bin/aws', usableAws: '/usr/bin/aws' };

describe('auth_refresh: when Codex may sign in again by itself', () => {
  it('an SSO profile, a Codex that has auth_refresh, and the v2 first on PATH', () => {
    expect(authRefreshFor(base).write).toEqual({ command: 'aws', args: ['sso', 'login', '--profile', 'corp'], timeoutMs: 120_000 });
  });
  it('not for static keys, an older Codex, or without a usable aws CLI', () => {
    expect(authRefreshFor({ ...base, awsProfileIsSso: false }).write).toBeUndefined();
    expect(authRefreshFor({ ...base, codexVersion: '0.148.0' }).write).toBeUndefined();
    expect(authRefreshFor({ ...base, usableAws: null }).write).toBeUndefined();
    expect(authRefreshFor({ ...base, awsProfile: undefined }).write).toBeUndefined();
  });
  it('a v1 first on PATH would get the call: nothing is written, and the reason names both', () => {
    const r = authRefreshFor({ ...base, firstAwsOnPath: '/root/.pyenv/shims/aws' });
    expect(r.write).toBeUndefined();
    expect('why' in r && r.why).toMatch(/\/root\/\.pyenv\/shims\/aws comes first on PATH.*ln -s \/usr\/bin\/aws ~\/bin\/aws/);
    // The narrowest fix: never the v2's whole folder first on PATH (it would shadow pyenv, nvm or Homebrew too).
    expect('why' in r && r.why).not.toMatch(/put \/usr\/bin\S* first on PATH/);
  });
});
