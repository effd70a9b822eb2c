// setup --yes says what Codex signs with and, for IAM Identity Center, how long the cached sign-in has left
// (the aws CLI's token cache, never the token): on stderr for people, as fields in --json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { writeSsoProfile } from './doctor.helpers.js';
import { writeFile } from 'node:fs/promises';
import { writeCredentialHelper } from './credentialHelper.js';
import { makeWorld, runCli } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
}, 120_000);
afterAll(() => emu?.close());

const SETUP = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'];

describe('setup --yes: the credentials line', () => {
  it('an Identity Center profile: the time left and the command for afterwards; the token never shows', async () => {
    const world = await makeWorld(emu);
    await writeSsoProfile(world, emu, 'codex-bedrock', 460 * 60_000 + 30_000);
    const r = await runCli(SETUP, world.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    // This world has the aws CLI v1 first on PATH, as this machine does: the v2 is named by its path.
    expect(r.stderr).toContain('Credentials: AWS profile codex-bedrock (IAM Identity Center), signed in for 7 h 40 min more; then: /usr/bin/aws sso login --profile codex-bedrock');
    expect(r.stderr).toContain('Link only the v2 ahead of it: mkdir -p ~/bin && ln -s /usr/bin/aws ~/bin/aws');
    const doc = JSON.parse(r.stdout);
    expect(doc.credentials).toMatchObject({ source: 'sso', awsProfile: 'codex-bedrock', then: '/usr/bin/aws sso login --profile codex-bedrock', signIn: { profile: 'codex-bedrock', minutesLeft: 460, renews: false } });
    expect(Date.parse(doc.credentials.signIn.expiresAt)).toBeGreaterThan(Date.now() + 459 * 60_000);
    expect(r.stdout + r.stderr).not.toMatch(/accessToken|aoa[A-Za-z0-9_-]{20,}/);
  }, 150_000);

  it('a profile with access keys: no sign-in, no aws sso login', async () => {
    const world = await makeWorld(emu);
    const r = await runCli(SETUP, world.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Credentials: AWS profile codex-bedrock (access keys); access keys do not expire until someone rotates or deletes them');
    const doc = JSON.parse(r.stdout);
    expect(doc.credentials).toMatchObject({ source: 'static-keys', awsProfile: 'codex-bedrock' });
    expect(doc.credentials.signIn).toBeUndefined();
    expect(r.stderr).not.toContain('sso login');
    expect(r.stdout).not.toMatch(/aws_secret_access_key|AKIA[A-Z0-9]{16}/);
  }, 150_000);

  it('a credential_process helper (it prints real credential JSON): one line with what Codex runs, never aws sso login', async () => {
    const world = await makeWorld(emu);
    const helper = await writeCredentialHelper(world.root);
    await writeFile(world.awsConfig, `[profile company]\nregion = us-east-1\ncredential_process = ${helper.path}\n`);
    const args = SETUP.map((a) => (a === 'codex-bedrock' ? 'company' : a));
    const r = await runCli(args, world.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await helper.runs()).toBeGreaterThan(0);
    expect(r.stderr.match(/^(\S+ )?Credentials:.*$/gm)).toEqual([
      'Credentials: AWS profile company (a credential_process helper); Codex runs /usr/bin/aws configure export-credentials --profile company --format process for them (aws.credential_export), never aws sso login.',
    ]);
    expect(JSON.parse(r.stdout).credentials).toMatchObject({ source: 'credential-process', awsProfile: 'company' });
    expect(r.stderr).not.toMatch(/then: aws sso login/);
  }, 150_000);

  it('access keys AWS does not know: the fix puts fresh keys in, never aws sso login', async () => {
    const world = await makeWorld(emu);
    await writeFile(world.awsConfig, '[profile stale]\nregion = us-east-1\n');
    await writeFile(world.awsCredentials, '[stale]\naws_access_key_id = AKIAIOSFODNN7UNKNOWN\naws_secret_access_key = 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\n');
    const args = SETUP.map((a) => (a === 'codex-bedrock' ? 'stale' : a));
    const r = await runCli(args, world.env, { timeout: 120_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('aws configure --profile stale');
    expect(r.stderr).not.toContain('sso login');
    expect(r.stdout + r.stderr).not.toContain('wJalrXUtnFEMI');
  }, 150_000);
});
