// A company sign-in that is not Identity Center: a `credential_process` helper (Okta/Entra helpers, saml2aws,
// granted) printing real credential_process JSON. setup must verify it through STS, write aws.credential_export
// (never `aws sso login`), and the real Codex must complete a turn with what was written.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../../src/emulator/state.js';
import { writeCredentialHelper, type CredentialHelper } from './credentialHelper.js';
import { makeWorld, runCli, runCodexExec, type World } from './helpers.js';

let emu: Emulator;
let world: World;
let helper: CredentialHelper;

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 40, interTokenMs: 4 } });
  world = await makeWorld(emu);
  helper = await writeCredentialHelper(world.root);
  await writeFile(
    world.awsConfig,
    [
      `[profile company]\nregion = us-east-1\ncredential_process = ${helper.path} --role developer`,
      // A role chain on top of the helper, and one on top of access keys.
      `[profile company-role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/BedrockDeveloper\nsource_profile = company`,
      `[profile keys]\nregion = us-east-1`,
      `[profile keys-role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/BedrockDeveloper\nsource_profile = keys\nrole_session_name = dev`,
      '',
    ].join('\n'),
  );
  await writeFile(world.awsCredentials, `[keys]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n`);
}, 60_000);
afterAll(() => emu?.close());

describe('setup --yes with a credential_process profile', () => {
  let setup: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'company', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'], world.env);
  }, 120_000);

  it('verifies the profile through STS with the helper', async () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(emu.requests.some((q) => q.service === 'sts' && q.status === 200)).toBe(true);
    expect(await helper.runs()).toBeGreaterThan(0);
  });

  it('says where the credentials come from and what Codex runs', () => {
    expect(setup.stderr).toContain('Credentials: AWS profile company (a credential_process helper); Codex runs /usr/bin/aws configure export-credentials --profile company --format process');
    expect(setup.stderr + setup.stdout).not.toContain('--role developer');
    expect(setup.stderr.match(/^(\S+ )?Credentials:/gm)).toHaveLength(1);
  });

  it('doctor passes on what was written', { timeout: 120_000 }, async () => {
    const doctor = await runCli(['doctor'], world.env);
    expect(doctor.exitCode, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout + doctor.stderr).toContain('credential_export');
  });

  it('writes aws.credential_export, no aws.profile and no aws sso login', async () => {
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).toMatch(/credential_export = \{ command = "\/usr\/bin\/aws", args = \["configure", "export-credentials", "--profile", "company", "--format", "process"\] \}/);
    expect(config).not.toMatch(/^profile = /m);
    expect(config).not.toContain('sso');
    expect(config).not.toContain('--role developer');
  });

  it('the real Codex completes a turn with credential_export', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const runsBefore = await helper.runs();
    // The first aws on PATH here is the Python v1, which has no export-credentials: the absolute path is what works.
    const r = await runCodexExec(world, 'bedrock-prod', {});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await helper.runs()).toBeGreaterThan(runsBefore);
    const turn = emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses');
    expect(turn).toMatchObject({ service: 'bedrock-mantle', authKind: 'sigv4', status: 200 });
  });
});

describe('setup --yes with role chains', () => {
  const setupWith = (awsProfile: string) =>
    runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', awsProfile, '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'], world.env);
  const turn = async () => {
    const before = emu.requests.length;
    const r = await runCodexExec(world, 'bedrock-prod', {});
    return { r, requests: emu.requests.slice(before) };
  };

  it('a role assumed from the helper: verified as the role through AssumeRole, exported, and Codex completes a turn', { timeout: 120_000 }, async () => {
    const setup = await setupWith('company-role');
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('assumed-role/BedrockDeveloper/');
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('args = ["configure", "export-credentials", "--profile", "company-role", "--format", "process"]');
    expect(config).not.toMatch(/^profile = /m);
    const { r, requests } = await turn();
    expect(r.exitCode, r.stderr).toBe(0);
    expect(requests.find((q) => q.path === '/openai/v1/responses')).toMatchObject({ status: 200, identityArn: expect.stringContaining('assumed-role/BedrockDeveloper/') });
  });

  it('a role assumed from access keys: aws.profile, no auth_refresh, and the SDK in Codex assumes the role itself', { timeout: 120_000 }, async () => {
    const setup = await setupWith('keys-role');
    expect(setup.exitCode, setup.stderr).toBe(0);
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('profile = "keys-role"');
    expect(config).not.toContain('credential_export');
    expect(config).not.toContain('auth_refresh');
    const { r, requests } = await turn();
    expect(r.exitCode, r.stderr).toBe(0);
    expect(requests.some((q) => q.service === 'sts' && q.status === 200)).toBe(true);
    expect(requests.find((q) => q.path === '/openai/v1/responses')).toMatchObject({ status: 200, identityArn: 'arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/dev' });
  });
});
