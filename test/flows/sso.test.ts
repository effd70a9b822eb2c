import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { chooseAssignment, prepareSsoProfile } from '../../src/flows/sso.js';
import { authRefreshFor } from '../../src/core/authRefresh.js';
import { ServiceError } from '../../src/services/errors.js';
import { ssoTokenCachePath, type AwsRunner } from '../../src/services/sso.js';
import { fakeServices } from '../ui/fakes.js';

describe('chooseAssignment', () => {
  const one = [{ accountId: '111111111111', accountName: 'dev', roles: ['Dev'] }];
  const two = [...one, { accountId: '222222222222', accountName: 'prod', roles: ['Dev', 'Admin'] }];
  it('picks the only account and role, or the given ones', () => {
    expect(chooseAssignment(one)).toEqual({ accountId: '111111111111', roleName: 'Dev' });
    expect(chooseAssignment(two, '222222222222', 'Admin')).toEqual({ accountId: '222222222222', roleName: 'Admin' });
  });
  it('names the choices and the flags when it cannot pick', () => {
    expect(() => chooseAssignment(two)).toThrow(/--account-id and --sso-role.*222222222222 \(prod\): Dev, Admin/);
    expect(() => chooseAssignment(two, '222222222222')).toThrow(/several roles \(Dev, Admin\); pass --sso-role/);
    expect(() => chooseAssignment(one, '999999999999')).toThrow(/not among the accounts/);
    expect(() => chooseAssignment(one, undefined, 'Admin')).toThrow(/Role Admin is not offered/);
  });
});

describe('prepareSsoProfile (fake aws CLI, fake AWS)', () => {
  function world() {
    const home = mkdtempSync(join(tmpdir(), 'cbs-ssosetup-'));
    const env = { HOME: home };
    const services = fakeServices(env);
    services.now = () => Date.now();
    services.config.readAwsProfiles = async () => ({
      profiles: [{ name: 'sso-dev', isSso: true, hasStaticKeys: false, ssoSession: 'corp', ssoAccountId: '123456789012', ssoRoleName: 'Dev', region: 'us-east-1' }],
      ssoSessions: [{ name: 'corp', startUrl: 'https://x.awsapps.com/start', region: 'us-east-1' }],
    });
    const logins: string[][] = [];
    const run: AwsRunner = async (_p, args, opts) => {
      if (args[0] === 'sso') {
        logins.push(args);
        mkdirSync(join(home, '.aws/sso/cache'), { recursive: true });
        writeFileSync(ssoTokenCachePath(env, { session: 'corp' }), JSON.stringify({ accessToken: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
        opts.onLine?.('Then enter the code:');
        return { exitCode: 0, stdout: '', timedOut: false };
      }
      return { exitCode: 0, stdout: 'export AWS_ACCESS_KEY_ID=ASIAFAKE\n', timedOut: false };
    };
    const lines: string[] = [];
    const say = (l: string) => lines.push(l);
    const ctx = { options: parseCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'sso-dev']), services, report: { line: say, ok: say, warn: say, diff: say } };
    return { ctx, run, logins, lines, services };
  }

  it('signs in when no token is cached, keeps a complete profile, and shows the aws CLI lines', async () => {
    const w = world();
    const ready = await prepareSsoProfile(w.ctx, 'us-east-1', 'sso-dev', { run: w.run });
    expect(w.logins).toEqual([['sso', 'login', '--profile', 'sso-dev']]);
    expect(w.services.calls.planSsoProfile).toEqual([]);
    expect(w.lines).toContain('  Then enter the code:');
    expect(ready.identity?.arn).toBeTruthy();
    // A v1 comes first on the fake PATH: Codex would run it to sign in again, so nothing is written for that.
    const refresh = authRefreshFor({ awsProfile: 'sso-dev', awsProfileIsSso: true, codexVersion: '0.169.0', firstAwsOnPath: ready.clis[0]!.path, usableAws: ready.aws.path });
    expect(refresh.write).toBeUndefined();
    expect('why' in refresh && refresh.why).toMatch(/\/usr\/local\/bin\/aws comes first on PATH/);
  });

  it('a step failing with an expired SSO session signs in again and retries once; other failures pass through', async () => {
    const w = world();
    const ready = await prepareSsoProfile(w.ctx, 'us-east-1', 'sso-dev', { run: w.run });
    let attempts = 0;
    const smoke = await ready.withRelogin(
      async () => (++attempts === 1 ? { ok: false, failure: { kind: 'credentials' as const, code: 'SSO_TOKEN_EXPIRED' } } : { ok: true, failure: undefined }),
      (r) => r.failure,
    );
    expect(smoke.ok).toBe(true);
    expect(w.logins.length).toBe(2);
    const denied = new ServiceError({ kind: 'http', status: 403, errorType: 'AccessDeniedException' });
    await expect(ready.withRelogin(async () => Promise.reject(denied))).rejects.toBe(denied);
    expect(w.logins.length).toBe(2);
  });
});
