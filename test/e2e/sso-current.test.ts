// IAM Identity Center with a current aws CLI v2 (2.22+, installed by scripts/aws-cli-current.sh and named by
// CBS_AWS_CLI_CURRENT): `setup --yes --auth sso` signs in with its default browser flow (authorization code with
// PKCE, a callback on localhost; the test plays the browser) and, over SSH or with --device-code, with
// --use-device-code, in the sign-in and in Codex's auth_refresh. The 2.9.19 runs are sso.test.ts and sso-headless.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ssoTokenCachePath } from '../../src/services/sso.js';
import { AWS_CURRENT, AWS_CURRENT_VERSION, startBrowser, type Browser } from './awsCurrent.js';
import { makeWorld, runCli, runCodexExec, type World } from './helpers.js';

const SSH = { SSH_CONNECTION: '10.0.0.2 50022 10.0.0.1 22' };
const SECRET = /ASIA[A-Z0-9]{16}|aoa[A-Za-z0-9_-]{20,}|IQoJb3JpZ2lu|ac-[A-Za-z0-9_-]{20,}/;

interface Scene {
  emu: Emulator;
  world: World;
  env: NodeJS.ProcessEnv;
  browser: Browser;
  calls(): string[];
}

/** A home with the emulator's demo profile, `aws` first on PATH = a logger that runs the current CLI. */
async function scene(extraEnv: Record<string, string> = {}): Promise<Scene> {
  const emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 20, interTokenMs: 2 } });
  // Approval at the second poll, as when a person types the code: the aws CLI shows the URL and code first.
  emu.update({ sso: { approveAfterPolls: 2 } });
  const world = await makeWorld(emu);
  const bin = join(world.root, 'bin');
  mkdirSync(bin);
  const log = join(world.root, 'aws-calls.log');
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\necho "$*" >> '${log}'\nexec ${AWS_CURRENT} "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  const browser = startBrowser(emu, world.root);
  const env = { ...world.env, PATH: `${bin}:${world.env.PATH}`, BROWSER: browser.command, ...extraEnv };
  const calls = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  return { emu, world, env, browser, calls };
}

const setupArgs = (profile: string, emu: Emulator, ...extra: string[]) => [
  'setup', '--yes', '--region', 'us-east-1', '--auth', 'sso', '--aws-profile', profile, '--sso-start-url', emu.state.sso.startUrl,
  '--sso-region', 'us-east-1', '--model', 'openai.gpt-5.5', '--json', ...extra,
];
const oidcCalls = (emu: Emulator) => emu.requests.filter((r) => r.host === 'oidc.us-east-1.amazonaws.com').map((r) => `${r.method} ${r.path.split('?')[0]}`);
const tokenGrants = (emu: Emulator) =>
  emu.requests.filter((r) => r.host === 'oidc.us-east-1.amazonaws.com' && r.path === '/token').map((r) => (JSON.parse(r.body) as { grantType: string }).grantType);
const refreshOf = (world: World) => /auth_refresh = .*$/m.exec(readFileSync(join(world.codexHome, 'config.toml'), 'utf8'))?.[0];

describe.runIf(AWS_CURRENT)(`setup --yes --auth sso with the current aws CLI (${AWS_CURRENT_VERSION})`, () => {
  // The tests run in a container (/.dockerenv), which counts as headless: --browser stands for a desktop.
  describe('--browser: the browser flow with PKCE and a localhost callback', () => {
    const PROFILE = 'sso-desk';
    let s: Scene;
    let r: Awaited<ReturnType<typeof runCli>>;
    beforeAll(async () => {
      s = await scene({ DISPLAY: ':0' });
      r = await runCli(setupArgs(PROFILE, s.emu, '--browser'), s.env, { timeout: 120_000 });
    }, 150_000);
    afterAll(async () => {
      s?.browser.stop();
      await s?.emu.close();
    });

    it('passes no --use-device-code and says the browser opens', () => {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`aws CLI ${AWS_CURRENT_VERSION} at `);
      expect(s.calls().filter((c) => c.startsWith('sso login'))).toEqual([`sso login --profile ${PROFILE}`]);
      expect(r.stderr).toContain('Your browser opens the IAM Identity Center page; approve there. No browser here? Run again with --device-code.');
    });

    it('the aws CLI opened /authorize, the browser reached its localhost callback, and the code was traded with the verifier', () => {
      const [authorize] = s.browser.opened();
      expect(authorize).toMatch(/^https:\/\/oidc\.us-east-1\.amazonaws\.com\/authorize\?response_type=code&client_id=[^&]+&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&state=[0-9a-f-]{36}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=[A-Za-z0-9_-]{43}$/);
      expect(s.browser.callbacks).toHaveLength(1);
      expect(s.browser.callbacks[0]!.status).toBe(200);
      expect(s.browser.callbacks[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=ac-[^&]+&state=[0-9a-f-]{36}$/);
      expect(oidcCalls(s.emu)).toEqual(['POST /client/register', 'GET /authorize', 'POST /token']);
      expect(tokenGrants(s.emu)).toEqual(['authorization_code']);
      const register = JSON.parse(s.emu.requests.find((q) => q.path === '/client/register')!.body);
      expect(register).toMatchObject({ clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: s.emu.state.sso.startUrl });
      expect(r.stderr).toContain(`Successfully logged into Start URL: ${s.emu.state.sso.startUrl}`);
    });

    it('verifies the profile, the smoke test passes, and no token or code is printed', () => {
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ ok: true, auth: 'sso', awsProfile: PROFILE, smoke: { ok: true, auth: 'sigv4' } });
      expect(doc.identity.arn).toContain('assumed-role/AWSReservedSSO_BedrockDeveloper');
      expect(r.stdout + r.stderr).not.toMatch(SECRET);
      const cache = JSON.parse(readFileSync(ssoTokenCachePath(s.env, { session: PROFILE }), 'utf8'));
      expect(cache).toMatchObject({ startUrl: s.emu.state.sso.startUrl, region: 'us-east-1' });
      expect(typeof cache.refreshToken).toBe('string');
    });

    it("writes Codex's auth_refresh for the browser flow", () => {
      expect(refreshOf(s.world)).toBe(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}"], timeout_ms = 120000 }`);
    });

    it('the real Codex signs in again through that auth_refresh (the browser flow again) when the session has expired', { timeout: 150_000 }, async () => {
      writeFileSync(
        ssoTokenCachePath(s.env, { session: PROFILE }),
        JSON.stringify({ startUrl: s.emu.state.sso.startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z') }),
      );
      const turn = await runCodexExec({ ...s.world, env: s.env }, 'bedrock-prod');
      expect(turn.exitCode, turn.stderr.slice(-2000)).toBe(0);
      expect(turn.stderr).toContain('AWS session has expired. Reauthenticating...');
      expect(s.calls().filter((c) => c.startsWith('sso login'))).toEqual([`sso login --profile ${PROFILE}`, `sso login --profile ${PROFILE}`]);
      expect(s.browser.callbacks).toHaveLength(2);
      expect(tokenGrants(s.emu)).toEqual(['authorization_code', 'authorization_code']);
    });

    it("an expired access token with the browser flow's refresh token: renewed silently, no sign-in", { timeout: 150_000 }, async () => {
      const file = ssoTokenCachePath(s.env, { session: PROFILE });
      const cached = JSON.parse(readFileSync(file, 'utf8'));
      expect(typeof cached.refreshToken).toBe('string');
      writeFileSync(file, JSON.stringify({ ...cached, expiresAt: '2020-01-01T00:00:00Z' }));
      const logins = s.calls().filter((c) => c.startsWith('sso login')).length;
      const again = await runCli(setupArgs(PROFILE, s.emu, '--browser', '--skip-smoke-test'), s.env, { timeout: 120_000 });
      expect(again.exitCode, again.stderr).toBe(0);
      expect(s.calls().filter((c) => c.startsWith('sso login')).length).toBe(logins);
      expect(tokenGrants(s.emu).at(-1)).toBe('refresh_token');
      expect(new Date(JSON.parse(readFileSync(file, 'utf8')).expiresAt).getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe('over SSH: --use-device-code, in the sign-in and in auth_refresh', () => {
    const PROFILE = 'sso-ssh';
    let s: Scene;
    let r: Awaited<ReturnType<typeof runCli>>;
    beforeAll(async () => {
      // A forwarded X display does not count: the browser would open on the far side of the tunnel.
      s = await scene({ ...SSH, DISPLAY: 'localhost:10.0' });
      r = await runCli(setupArgs(PROFILE, s.emu, '--skip-smoke-test'), s.env, { timeout: 120_000 });
    }, 150_000);
    afterAll(async () => {
      s?.browser.stop();
      await s?.emu.close();
    });

    it('signs in with the device code the aws CLI prints', () => {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(s.calls().filter((c) => c.startsWith('sso login'))).toEqual([`sso login --profile ${PROFILE} --use-device-code`]);
      expect(r.stderr).toContain('No browser here (this is an SSH session): the aws CLI will show a URL and a code. Open the URL on any device and enter the code.');
      expect(r.stderr).toMatch(/open the following URL:\s+https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/\s+Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
      expect(tokenGrants(s.emu).every((g) => g === 'urn:ietf:params:oauth:grant-type:device_code')).toBe(true);
      expect(oidcCalls(s.emu)).not.toContain('GET /authorize');
      expect(s.browser.callbacks).toEqual([]);
    });

    it("writes --use-device-code into Codex's auth_refresh", () => {
      expect(refreshOf(s.world)).toBe(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}", "--use-device-code"], timeout_ms = 120000 }`);
    });

    it('--browser over SSH asks for the browser flow all the same', async () => {
      const again = await runCli(setupArgs('sso-ssh-browser', s.emu, '--skip-smoke-test', '--browser'), s.env, { timeout: 120_000 });
      expect(again.exitCode, again.stderr).toBe(0);
      expect(s.calls().filter((c) => c.startsWith('sso login'))).toContain('sso login --profile sso-ssh-browser');
      expect(s.browser.callbacks.length).toBeGreaterThan(0);
      expect(again.stdout + again.stderr).not.toMatch(SECRET);
    });
  });
});
