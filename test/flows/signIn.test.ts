// One rule for how sign-in runs: the wizard's hand-off, `setup --yes --auth sso`, and Codex's auth_refresh.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { prepareSsoProfile, signInMode } from '../../src/flows/sso.js';
import { authRefreshOf, type SetupDecisions } from '../../src/flows/setup.js';
import { ssoTokenCachePath, type AwsRunner } from '../../src/services/sso.js';
import { sessionHeadless } from '../../src/services/ssoRunner.js';
import { initialState, reduce, type PreflightInfo } from '../../src/wizard/machine.js';
import { fakeServices } from '../ui/fakes.js';

const NEW = { path: '/usr/local/bin/aws', version: '2.31.4', major: 2 };
const OLD = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };

function decisions(over: Partial<SetupDecisions>): SetupDecisions {
  return {
    region: 'us-east-1',
    auth: { kind: 'profile', profile: 'sso-dev' },
    awsProfileIsSso: true,
    profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }],
    codexVersion: '0.169.0',
    webSearch: { webSearch: 'keep', reason: 'test' },
    awsClis: [NEW],
    usableAws: NEW.path,
    ...over,
  } as SetupDecisions;
}

describe("Codex's auth_refresh", () => {
  it('carries --use-device-code when headless and the aws CLI Codex runs has it', () => {
    expect(authRefreshOf(decisions({ signIn: { headless: true } })).write?.args).toEqual(['sso', 'login', '--profile', 'sso-dev', '--use-device-code']);
    expect(authRefreshOf(decisions({ signIn: { headless: false, choice: 'device-code' } })).write?.args).toContain('--use-device-code');
  });

  it('keeps the default with a browser, with --browser, with aws 2.9.19, or when the run did not say', () => {
    const plain = ['sso', 'login', '--profile', 'sso-dev'];
    expect(authRefreshOf(decisions({ signIn: { headless: false } })).write?.args).toEqual(plain);
    expect(authRefreshOf(decisions({ signIn: { headless: true, choice: 'browser' } })).write?.args).toEqual(plain);
    expect(authRefreshOf(decisions({ signIn: { headless: true }, awsClis: [OLD], usableAws: OLD.path })).write?.args).toEqual(plain);
    expect(authRefreshOf(decisions({})).write?.args).toEqual(plain);
  });
});

describe('the wizard hand-off', () => {
  const info = (over: Partial<PreflightInfo>): PreflightInfo => ({
    codexVersion: '0.169.0',
    awsV2Path: NEW.path,
    awsClis: [NEW],
    awsProfiles: [],
    ssoSessions: [],
    bearerInEnv: false,
    managedBedrockAuth: null,
    ...over,
  });
  const handoff = (pre: PreflightInfo, signIn?: 'device-code' | 'browser', pinned = false) => {
    const s0 = initialState({ region: 'us-east-1', auth: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', ...(pinned ? { accountId: '123456789012', roleName: 'Dev' } : {}), ...(signIn ? { signIn } : {}) } });
    const s = [{ type: 'NEXT' } as const, { type: 'PREFLIGHT_DONE', info: pre } as const, { type: 'NEXT' } as const].reduce(reduce, s0);
    expect(s.step).toBe('sso-handoff');
    return s.handoff!.args;
  };

  it('configure sso and sso login get the device code when headless on aws 2.22+', () => {
    expect(handoff(info({ headless: 'ssh' }))).toEqual(['configure', 'sso', '--profile', 'codex-bedrock', '--use-device-code']);
    expect(handoff(info({ headless: 'container' }), undefined, true)).toEqual(['sso', 'login', '--profile', 'codex-bedrock', '--use-device-code']);
    expect(handoff(info({}), 'device-code')).toContain('--use-device-code');
  });

  it('not with a browser, not with --browser, not on aws 2.9.19', () => {
    expect(handoff(info({ headless: null }))).toEqual(['configure', 'sso', '--profile', 'codex-bedrock']);
    expect(handoff(info({ headless: 'ssh' }), 'browser')).not.toContain('--use-device-code');
    expect(handoff(info({ headless: 'ssh', awsV2Path: OLD.path, awsClis: [OLD] }), 'device-code')).toEqual(['configure', 'sso', '--profile', 'codex-bedrock']);
  });
});

describe('setup --yes --auth sso', () => {
  function world(env: NodeJS.ProcessEnv, awsVersion: string) {
    const home = mkdtempSync(join(tmpdir(), 'cbs-signin-'));
    const services = fakeServices({ HOME: home, ...env });
    services.now = () => Date.now();
    services.sso.headless = () => sessionHeadless({ ...env }, 'linux', () => false);
    services.tools.findAwsClis = async () => [{ path: '/usr/bin/aws', version: awsVersion, major: 2 }];
    services.config.readAwsProfiles = async () => ({
      profiles: [{ name: 'sso-dev', isSso: true, hasStaticKeys: false, ssoSession: 'corp', ssoAccountId: '123456789012', ssoRoleName: 'Dev', region: 'us-east-1' }],
      ssoSessions: [{ name: 'corp', startUrl: 'https://x.awsapps.com/start', region: 'us-east-1' }],
    });
    const logins: string[][] = [];
    const run: AwsRunner = async (_p, args) => {
      if (args[0] === 'sso') {
        logins.push(args);
        mkdirSync(join(home, '.aws/sso/cache'), { recursive: true });
        writeFileSync(ssoTokenCachePath({ HOME: home }, { session: 'corp' }), JSON.stringify({ accessToken: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
      }
      return { exitCode: 0, stdout: 'export AWS_ACCESS_KEY_ID=ASIAFAKE\n', timedOut: false };
    };
    const lines: string[] = [];
    const say = (l: string) => lines.push(l);
    return { services, run, logins, lines, report: { line: say, ok: say, warn: say, diff: say } };
  }
  const ssh = { SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22', DISPLAY: ':0' };

  it('over SSH with aws 2.31: aws sso login --use-device-code, and says why', async () => {
    const w = world(ssh, '2.31.4');
    const ready = await prepareSsoProfile({ options: parseCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'sso-dev']), services: w.services, report: w.report }, 'us-east-1', 'sso-dev', { run: w.run });
    expect(w.logins).toEqual([['sso', 'login', '--profile', 'sso-dev', '--use-device-code']]);
    expect(ready.signIn).toEqual({ headless: true, awsVersion: '2.31.4' });
    expect(w.lines).toContain('  No browser here (this is an SSH session): the aws CLI will show a URL and a code. Open the URL on any device and enter the code.');
  });

  it('over SSH with aws 2.9.19, or with --browser: no flag', async () => {
    for (const [argv, version] of [[[], '2.9.19'], [['--browser'], '2.31.4']] as const) {
      const w = world(ssh, version);
      await prepareSsoProfile({ options: parseCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'sso-dev', ...argv]), services: w.services, report: w.report }, 'us-east-1', 'sso-dev', { run: w.run });
      expect(w.logins).toEqual([['sso', 'login', '--profile', 'sso-dev']]);
    }
  });

  it('signInMode: --device-code on a desktop; a fake without headless() is a desktop', () => {
    const w = world({ DISPLAY: ':0' }, '2.31.4');
    expect(signInMode(w.services, parseCli(['--device-code']), '2.31.4')).toEqual({ headless: false, choice: 'device-code', awsVersion: '2.31.4' });
    expect(signInMode(fakeServices({}), {}, null)).toEqual({ headless: false, awsVersion: null });
  });
});

describe('sessionHeadless (the service)', () => {
  it('reads /.dockerenv and /run/.containerenv on Linux only', () => {
    expect(sessionHeadless({ DISPLAY: ':0' }, 'linux', (p) => p === '/.dockerenv')).toBe('container');
    expect(sessionHeadless({ DISPLAY: ':0' }, 'linux', (p) => p === '/run/.containerenv')).toBe('container');
    expect(sessionHeadless({ DISPLAY: ':0' }, 'linux', () => false)).toBeNull();
    expect(sessionHeadless({}, 'darwin', () => true)).toBeNull();
  });
});
