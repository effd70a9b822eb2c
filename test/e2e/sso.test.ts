// IAM Identity Center end to end: our CLI writes the SSO profile, the real aws CLI v2 completes the device
// flow against the emulator through its proxy, and our checks, the aws CLI and the real Codex all use it.
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ssoTokenCachePath } from '../../src/services/sso.js';
import { AWS_V2, makeWorld, runCli, runCodexExec, type World } from './helpers.js';

let emu: Emulator;
let world: World;
let env: NodeJS.ProcessEnv;
let awsLog: string;
const PROFILE = 'sso-dev';
const SECRET = /ASIA[A-Z0-9]{16}|aoa[A-Za-z0-9_-]{20,}|IQoJb3JpZ2lu/;

const setupArgs = (...extra: string[]) => ['setup', '--yes', '--region', 'us-east-1', '--auth', 'sso', '--aws-profile', PROFILE, '--model', 'openai.gpt-5.5', '--json', ...extra];
const cacheFile = () => ssoTokenCachePath(env, { session: PROFILE });

/** What a user's cache holds once the session (and its refresh token) has run out. */
function expireCachedToken(accessToken = 'expired-token', expiresAt = new Date(Date.now() - 60_000)) {
  writeFileSync(cacheFile(), JSON.stringify({ startUrl: emu.state.sso.startUrl, region: 'us-east-1', accessToken, expiresAt: expiresAt.toISOString().replace(/\.\d+Z$/, 'Z') }));
}

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 20, interTokenMs: 2 } });
  world = await makeWorld(emu);
  // A wrapper named `aws` first on PATH: records every call (Codex's auth_refresh included), runs the real v2.
  const bin = join(world.root, 'bin');
  mkdirSync(bin);
  awsLog = join(world.root, 'aws-calls.log');
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\necho "$*" >> '${awsLog}'\nexec ${AWS_V2} "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  // BROWSER=/bin/true stands in for the browser; the emulator approves the device code at the first poll.
  env = { ...world.env, PATH: `${bin}:${world.env.PATH}`, BROWSER: '/bin/true' };
}, 60_000);
afterAll(() => emu?.close());

const calls = () => {
  try {
    return readFileSync(awsLog, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};

describe('setup --yes --auth sso with the real aws CLI v2', () => {
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // Approval at the second poll, as when a person clicks: the aws CLI then shows the URL and code.
    emu.update({ sso: { approveAfterPolls: 2 } });
    first = await runCli(setupArgs('--sso-start-url', emu.state.sso.startUrl, '--sso-region', 'us-east-1'), env, { timeout: 120_000 });
  }, 150_000);

  it('writes the sso-session and profile blocks, with the only account and role the portal offers', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    const config = readFileSync(world.awsConfig, 'utf8');
    expect(config).toContain(`[sso-session ${PROFILE}]\nsso_start_url = ${emu.state.sso.startUrl}\nsso_region = us-east-1`);
    expect(config).toMatch(new RegExp(`\\[profile ${PROFILE}\\]\\nsso_session = ${PROFILE}\\nregion = us-east-1\\nsso_account_id = 123456789012\\nsso_role_name = BedrockDeveloper`));
    expect(config).toContain('[profile codex-bedrock]'); // the rest of the file survives
    expect(first.stderr).toContain('Account 123456789012, role BedrockDeveloper');
  });

  it('signs in through the device flow of the real aws CLI, then verifies with export-credentials and STS', () => {
    expect(calls()).toContain(`sso login --profile ${PROFILE}`);
    expect(calls()).toContain(`configure export-credentials --profile ${PROFILE} --format env`);
    expect(first.stderr).toContain(`Successfully logged into Start URL: ${emu.state.sso.startUrl}`);
    expect(first.stderr).toMatch(/open the following URL:\s+https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/\s+Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
    const paths = emu.requests.map((r) => `${r.method} ${r.host}${r.path.split('?')[0]}`);
    for (const p of ['POST oidc.us-east-1.amazonaws.com/device_authorization', 'POST oidc.us-east-1.amazonaws.com/token', 'GET portal.sso.us-east-1.amazonaws.com/assignment/accounts', 'GET portal.sso.us-east-1.amazonaws.com/federation/credentials']) {
      expect(paths).toContain(p);
    }
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({ ok: true, auth: 'sso', awsProfile: PROFILE, smoke: { ok: true, auth: 'sigv4' } });
    expect(doc.identity.arn).toContain('assumed-role/AWSReservedSSO_BedrockDeveloper');
  });

  it('never prints credentials or tokens', () => {
    expect(first.stdout + first.stderr).not.toMatch(SECRET);
  });

  it('points Codex at the profile and lets it sign in again by itself', () => {
    const config = readFileSync(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain(`profile = "${PROFILE}"`);
    expect(config).toContain(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}"], timeout_ms = 120000 }`);
  });

  it('models and smoke work with that profile', async () => {
    const models = await runCli(['models', '--region', 'us-east-1', '--aws-profile', PROFILE, '--json'], env);
    expect(models.exitCode, models.stderr).toBe(0);
    expect(models.stdout).toContain('openai.gpt-5.5');
    const smoke = await runCli(['smoke', '--codex-profile', 'bedrock-prod', '--json'], env);
    expect(smoke.exitCode, smoke.stderr).toBe(0);
    expect(JSON.parse(smoke.stdout)).toMatchObject({ ok: true, model: 'openai.gpt-5.5' });
  });

  it('a second run keeps the complete profile and signs in no more', async () => {
    const before = calls().filter((c) => c.startsWith('sso login')).length;
    const again = await runCli(setupArgs('--skip-smoke-test'), env);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('not rewriting it');
    expect(calls().filter((c) => c.startsWith('sso login')).length).toBe(before);
  });

  it('an expired session: signs in again, then every step succeeds', async () => {
    expireCachedToken();
    const r = await runCli(setupArgs(), env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('The IAM Identity Center session has expired. Signing in: aws sso login --profile sso-dev');
    expect(JSON.parse(r.stdout).smoke.ok).toBe(true);
    expect(new Date(JSON.parse(readFileSync(cacheFile(), 'utf8')).expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('a session the portal no longer accepts (cache still looks valid): the failing step signs in again and retries', async () => {
    expireCachedToken('revoked-token', new Date(Date.now() + 3600_000));
    const before = calls().filter((c) => c.startsWith('sso login')).length;
    const r = await runCli(setupArgs('--skip-smoke-test'), env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('expired or is no longer valid');
    expect(calls().filter((c) => c.startsWith('sso login')).length).toBe(before + 1);
  });

  it('the real Codex signs in again through aws.auth_refresh when the session has expired, and the turn succeeds', { timeout: 150_000 }, async () => {
    expireCachedToken();
    const before = calls().filter((c) => c.startsWith('sso login')).length;
    const turn = await runCodexExec({ ...world, env }, 'bedrock-prod');
    expect(turn.exitCode, turn.stderr.slice(-2000)).toBe(0);
    expect(turn.stderr).toContain('AWS session has expired. Reauthenticating...');
    expect(calls().filter((c) => c.startsWith('sso login')).length).toBe(before + 1);
    expect(turn.stdout.length).toBeGreaterThan(10);
  });
});

describe('setup --yes --auth sso refusals', () => {
  it('a missing profile without a start URL is a usage error naming the flags', async () => {
    const r = await runCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'nobody', '--skip-smoke-test'], env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--sso-start-url');
  });

  it('a static-key profile is not turned into an SSO one', async () => {
    const r = await runCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'codex-bedrock', '--sso-start-url', emu.state.sso.startUrl, '--skip-smoke-test'], env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not an IAM Identity Center profile');
  });

  it('without an aws CLI v2 it says how to install one', async () => {
    const r = await runCli(['setup', '--yes', '--auth', 'sso', '--aws-profile', 'x', '--sso-start-url', emu.state.sso.startUrl, '--skip-smoke-test'], { ...env, PATH: `${join(process.cwd(), 'node_modules/.bin')}:/nonexistent` });
    expect(r.exitCode).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/aws CLI v2/);
    expect(readdirSync(world.home)).toContain('.aws');
  });
});
