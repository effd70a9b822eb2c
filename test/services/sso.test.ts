import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstUsableAws } from '../../src/core/awsCli.js';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/errors.js';
import {
  awsInstallHint,
  exportCredentialsWork,
  findUsableAws,
  isSsoLoginFailure,
  readSsoToken,
  ssoLogin,
  ssoProfileComplete,
  ssoTokenCachePath,
  tokenUsable,
  type AwsRunner,
} from '../../src/services/sso.js';
import type { ToolsService } from '../../src/services/types.js';
import type { AwsCliInfo } from '../../src/types.js';

const v1 = { path: '/home/u/.pyenv/shims/aws', version: '1.45.11', major: 1 };
const v2old = { path: '/opt/aws', version: '2.8.4', major: 2 };
const v2 = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };
const tools = (clis: AwsCliInfo[]): ToolsService => ({ findAwsClis: async () => clis, findCodex: async () => null, codexModels: async () => null, captureCodexRequest: async () => ({ ok: false, reason: 'no Codex' }) });

describe('finding a usable aws CLI', () => {
  it('skips a v1 and a too-old v2 that come first on PATH', () => {
    expect(firstUsableAws([v1, v2old, v2])).toEqual(v2);
    expect(firstUsableAws([v1, v2old])).toBeNull();
  });

  it('says what it found and how to install one for the OS when none is usable', async () => {
    const err = await findUsableAws(tools([v1]), 'darwin').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    const f = (err as ServiceError).failure;
    expect(f).toMatchObject({ kind: 'missing-tool', service: 'aws-cli' });
    expect(f.message).toContain('/home/u/.pyenv/shims/aws (1.45.11)');
    expect(f.message).toContain('brew install awscli');
    expect(f.message).toContain('--auth profile');
    expect(awsInstallHint('linux')).toContain('awscli-exe-linux');
    expect(awsInstallHint('win32')).toContain('winget');
  });
});

describe('the SSO token cache', () => {
  const home = mkdtempSync(join(tmpdir(), 'cbs-sso-'));
  const env = { HOME: home };

  it('uses sha1 of the session name (as the aws CLI does)', () => {
    expect(ssoTokenCachePath(env, { session: 'corp' })).toBe(join(home, '.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json'));
  });

  it('reads expiry and refresh-token presence; missing or garbage is null', async () => {
    expect(await readSsoToken(env, { session: 'none' })).toBeNull();
    mkdirSync(join(home, '.aws/sso/cache'), { recursive: true });
    writeFileSync(ssoTokenCachePath(env, { session: 'bad' }), '{not json');
    expect(await readSsoToken(env, { session: 'bad' })).toBeNull();
    writeFileSync(ssoTokenCachePath(env, { session: 'corp' }), JSON.stringify({ accessToken: 't', expiresAt: '2030-01-01T00:00:00Z', refreshToken: 'r' }));
    const t = await readSsoToken(env, { session: 'corp' });
    expect(t).toMatchObject({ accessToken: 't', hasRefreshToken: true });
    expect(tokenUsable(t, Date.parse('2029-12-31T23:00:00Z'))).toBe(true);
    expect(tokenUsable(t, Date.parse('2029-12-31T23:58:00Z'))).toBe(false); // within the 5-minute margin
    expect(tokenUsable(null, 0)).toBe(false);
  });
});

describe('recognising failures that a new sign-in fixes', () => {
  it.each([
    [{ kind: 'credentials', code: 'SSO_TOKEN_EXPIRED' }, true],
    [{ kind: 'credentials', code: 'SSO_LOGIN_REQUIRED' }, true],
    [{ kind: 'credentials', message: 'UnauthorizedException: Session token not found or invalid' }, true],
    [{ kind: 'http', status: 403, errorType: 'AccessDeniedException', message: 'not authorized' }, false],
    [{ kind: 'credentials', message: 'Could not load credentials from any providers' }, false],
  ] as const)('%j → %s', (failure, expected) => {
    expect(isSsoLoginFailure(failure)).toBe(expected);
  });
});

describe('ssoProfileComplete', () => {
  const p = { name: 'x', isSso: true, hasStaticKeys: false, ssoSession: 'corp', ssoAccountId: '123456789012', ssoRoleName: 'Dev' };
  it('needs account, role and a session with start URL and region', () => {
    expect(ssoProfileComplete(p, [{ name: 'corp', startUrl: 'https://a.awsapps.com/start', region: 'us-east-1' }])).toBe(true);
    expect(ssoProfileComplete(p, [{ name: 'corp', startUrl: 'https://a.awsapps.com/start' }])).toBe(false);
    expect(ssoProfileComplete({ ...p, ssoRoleName: undefined }, [{ name: 'corp', startUrl: 'u', region: 'r' }])).toBe(false);
    expect(ssoProfileComplete(undefined, [])).toBe(false);
  });
});

describe('running the aws CLI', () => {
  it('passes the login output through line by line and fails with the exit code', async () => {
    const calls: string[][] = [];
    const lines: string[] = [];
    const run: AwsRunner = async (_p, args, opts) => {
      calls.push(args);
      for (const l of ['Then enter the code:', '', 'ABCD-EFGH']) opts.onLine?.(l);
      return { exitCode: 0, stdout: '', timedOut: false };
    };
    await ssoLogin('/usr/bin/aws', 'dev', { env: {}, run, onLine: (l) => lines.push(l) });
    expect(calls).toEqual([['sso', 'login', '--profile', 'dev']]);
    expect(lines).toContain('ABCD-EFGH');
    const failing: AwsRunner = async () => ({ exitCode: 255, stdout: '', timedOut: false });
    await expect(ssoLogin('/usr/bin/aws', 'dev', { env: {}, run: failing })).rejects.toMatchObject({ failure: { kind: 'process', service: 'aws-cli' } });
    const slow: AwsRunner = async () => ({ exitCode: null, stdout: '', timedOut: true });
    await expect(ssoLogin('/usr/bin/aws', 'dev', { env: {}, run: slow })).rejects.toMatchObject({ failure: { code: 'ETIMEDOUT' } });
  });

  it('checks export-credentials by exit code and shape only', async () => {
    const ok: AwsRunner = async () => ({ exitCode: 0, stdout: 'export AWS_ACCESS_KEY_ID=ASIAXXX\nexport AWS_SECRET_ACCESS_KEY=s\n', timedOut: false });
    const empty: AwsRunner = async () => ({ exitCode: 0, stdout: '', timedOut: false });
    const bad: AwsRunner = async () => ({ exitCode: 255, stdout: '', timedOut: false });
    expect(await exportCredentialsWork('/usr/bin/aws', 'dev', { env: {}, run: ok })).toBe(true);
    expect(await exportCredentialsWork('/usr/bin/aws', 'dev', { env: {}, run: empty })).toBe(false);
    expect(await exportCredentialsWork('/usr/bin/aws', 'dev', { env: {}, run: bad })).toBe(false);
  });
});
