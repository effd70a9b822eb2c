// The promise of `uninstall`: after a real `setup --yes` (built CLI, emulator through its proxy) it puts every
// file back byte for byte as it was before setup, over configs with comments, CRLF line ends, the legacy layout,
// no config at all, and an SSO profile written into ~/.aws/config. And `restore` undoes one run.
import { chmodSync, mkdirSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_BEARER_TOKEN, DEMO_SECRET_ACCESS_KEY, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_V2, makeWorld, runCli, type World, COMMENTED_CODEX_CONFIG } from './helpers.js';

const COMMENTED = COMMENTED_CODEX_CONFIG;

const LEGACY = `# my codex config
model = "gpt-5"
profile = "bedrock-prod"

[profiles.bedrock-prod]
model = "openai.gpt-oss-20b"
approval_policy = "untrusted"

[profiles.other]
model = "o3"

[model_providers.amazon-bedrock.aws]
region = "eu-west-1" # old region
`;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const AWS_COMMENTED = (profile: string) => `# my AWS config\n[default]\nregion = eu-west-1 ; default region\n\n[profile ${profile}]\nregion = us-east-1\n`;

const SETUP = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--json'];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 1 } });
}, 60_000);
afterAll(() => emu?.close());

/** Every file Codex or the aws CLI reads, by name, as bytes (our manifest folder and backups excluded). */
async function configBytes(world: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(world.codexHome)) {
    if (name.endsWith('.toml')) out[`codex/${name}`] = (await readFile(join(world.codexHome, name))).toString('hex');
  }
  out['aws/config'] = (await readFile(world.awsConfig)).toString('hex');
  out['aws/credentials'] = (await readFile(world.awsCredentials)).toString('hex');
  return out;
}

const cases: { name: string; config: string | null; awsConfig?: string }[] = [
  { name: 'a commented config.toml', config: COMMENTED, awsConfig: AWS_COMMENTED('codex-bedrock') },
  { name: 'the legacy layout ([profiles.X] and profile =)', config: LEGACY },
  { name: 'CRLF line ends in both files', config: crlf(COMMENTED), awsConfig: crlf(AWS_COMMENTED('codex-bedrock')) },
  { name: 'no config.toml at all', config: null },
];

describe.each(cases)('uninstall after setup --yes: $name', ({ config, awsConfig }) => {
  let world: World;
  let before: Record<string, string>;
  let afterSetup: Record<string, string>;
  let setup: Awaited<ReturnType<typeof runCli>>;
  let uninstall: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    world = await makeWorld(emu);
    if (config !== null) await writeFile(join(world.codexHome, 'config.toml'), config);
    if (awsConfig) await writeFile(world.awsConfig, awsConfig);
    before = await configBytes(world);
    setup = await runCli(SETUP, world.env);
    afterSetup = await configBytes(world);
    uninstall = await runCli(['uninstall', '--yes', '--json'], world.env);
  }, 120_000);

  it('setup changed the files, and recorded what it wrote', async () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(afterSetup).not.toEqual(before);
    const manifest = JSON.parse(await readFile(join(world.codexHome, 'codex-bedrock-setup', 'manifest.json'), 'utf8'));
    expect(manifest.runs[0]).toMatchObject({ command: 'setup', toolVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(manifest.runs[0].files.map((f: { path: string }) => f.path)).toContain(join(world.codexHome, 'bedrock-prod.config.toml'));
  });

  it('uninstall leaves every file byte for byte as it was before setup', async () => {
    expect(uninstall.exitCode, uninstall.stderr).toBe(0);
    expect(await configBytes(world)).toEqual(before);
    const doc = JSON.parse(uninstall.stdout);
    expect(doc).toMatchObject({ ok: true, command: 'uninstall', warnings: [] });
    expect(doc.applied.length).toBeGreaterThan(0);
    expect(doc.undo).toMatch(/^codex-bedrock-setup restore --run \d{8}-\d{6}-[0-9a-f]{4}$/);
  });

  it('a second uninstall has nothing left to do', async () => {
    const again = await runCli(['uninstall', '--yes', '--json'], world.env);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).applied).toEqual([]);
    expect(await configBytes(world)).toEqual(before);
  });
});

describe('uninstall after setup --auth sso: the [sso-session] and [profile] blocks go, the rest stays', () => {
  let world: World;
  let before: Record<string, string>;
  let env: NodeJS.ProcessEnv;
  let setup: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    world = await makeWorld(emu);
    await writeFile(world.awsConfig, crlf(AWS_COMMENTED('codex-bedrock')));
    await writeFile(join(world.codexHome, 'config.toml'), COMMENTED);
    const bin = join(world.root, 'bin');
    mkdirSync(bin);
    await writeFile(join(bin, 'aws'), `#!/bin/sh\nexec ${AWS_V2} "$@"\n`);
    chmodSync(join(bin, 'aws'), 0o755);
    env = { ...world.env, PATH: `${bin}:${world.env.PATH}`, BROWSER: '/bin/true' };
    before = await configBytes(world);
    setup = await runCli(
      ['setup', '--yes', '--region', 'us-east-1', '--auth', 'sso', '--aws-profile', 'sso-dev', '--model', 'openai.gpt-5.5', '--json', '--sso-start-url', emu.state.sso.startUrl, '--sso-region', 'us-east-1'],
      env,
      { timeout: 120_000 },
    );
  }, 150_000);

  it('setup wrote the blocks and recorded them by name', async () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(await readFile(world.awsConfig, 'utf8')).toContain('[sso-session sso-dev]');
    const manifest = JSON.parse(await readFile(join(world.codexHome, 'codex-bedrock-setup', 'manifest.json'), 'utf8'));
    const aws = manifest.runs.flatMap((r: { files: { path: string }[] }) => r.files).find((f: { path: string }) => f.path === world.awsConfig);
    expect(aws.awsSectionsAdded).toEqual(['sso-session sso-dev', 'profile sso-dev']);
  });

  it('uninstall puts ~/.aws/config and the Codex files back byte for byte', async () => {
    const un = await runCli(['uninstall', '--yes', '--json'], env);
    expect(un.exitCode, un.stderr).toBe(0);
    expect(await configBytes(world)).toEqual(before);
  });
});

describe('restore, edits made after setup, confirmation, secrets', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(emu, { extraEnv: { AWS_BEARER_TOKEN_BEDROCK: DEMO_BEARER_TOKEN } });
    await writeFile(join(world.codexHome, 'config.toml'), COMMENTED);
    const setup = await runCli(SETUP, world.env);
    expect(setup.exitCode, setup.stderr).toBe(0);
  }, 120_000);

  it('restore --list --json lists the run with its backups', async () => {
    const list = await runCli(['restore', '--list', '--json'], world.env);
    expect(list.exitCode, list.stderr).toBe(0);
    const doc = JSON.parse(list.stdout);
    expect(doc.ok).toBe(true);
    const run = doc.runs.find((r: { command: string }) => r.command === 'setup');
    const config = run.files.find((f: { path: string }) => f.path === join(world.codexHome, 'config.toml'));
    expect(config).toMatchObject({ action: 'changed', backupExists: true, earlierContentsKept: true });
    expect(config.keys).toEqual(expect.arrayContaining(['model_providers.amazon-bedrock.aws.region', 'model_providers.amazon-bedrock.aws.profile']));
    expect(await readFile(config.backupPath, 'utf8')).toBe(COMMENTED);
    expect(run.files.find((f: { path: string }) => f.path.endsWith('bedrock-prod.config.toml'))).toMatchObject({ action: 'created', backupPath: null });
  });

  it('no secret reaches the manifest or its store', async () => {
    const dir = join(world.codexHome, 'codex-bedrock-setup');
    const texts = [await readFile(join(dir, 'manifest.json'), 'utf8'), ...(await Promise.all((await readdir(join(dir, 'store'))).map((n) => readFile(join(dir, 'store', n), 'utf8'))))];
    for (const t of texts) for (const secret of [DEMO_SECRET_ACCESS_KEY, DEMO_ACCESS_KEY_ID, DEMO_BEARER_TOKEN]) expect(t).not.toContain(secret);
  });

  it('without a terminal and without --yes: exit 2, the command to run, nothing changed', async () => {
    const bytes = await configBytes(world);
    const r = await runCli(['uninstall'], world.env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('codex-bedrock-setup uninstall --yes');
    expect(await configBytes(world)).toEqual(bytes);
  });

  it('a file edited after setup is not clobbered: restore leaves it and says --force; the others are put back', async () => {
    const profile = join(world.codexHome, 'bedrock-prod.config.toml');
    const edited = (await readFile(profile, 'utf8')) + 'model_reasoning_effort = "high" # mine\n';
    await writeFile(profile, edited);
    const list = JSON.parse((await runCli(['restore', '--list', '--json'], world.env)).stdout);
    const setupRun = list.runs.find((r: { command: string }) => r.command === 'setup');
    const r = await runCli(['restore', '--run', setupRun.id, '--yes', '--json'], world.env);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps).toEqual(expect.arrayContaining([{ path: profile, action: 'keep', reason: 'edited' }]));
    expect(r.stderr).toContain(`restore --run ${setupRun.id} --force`);
    expect(await readFile(profile, 'utf8')).toBe(edited);
    expect(await readFile(join(world.codexHome, 'config.toml'), 'utf8')).toBe(COMMENTED);
    // The restore is a run too: undoing it brings setup's config.toml back.
    const undo = await runCli([...doc.undo.split(' ').slice(1), '--yes'], world.env);
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(await readFile(join(world.codexHome, 'config.toml'), 'utf8')).toContain('profile = "codex-bedrock"');
  });

  it('restore --run with an unknown id is bad usage', async () => {
    const r = await runCli(['restore', '--run', '20000101-000000-ffff', '--json'], world.env);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { kind: 'usage', message: expect.stringContaining('restore --list') } });
  });
});
