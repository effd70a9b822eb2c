// The real Codex binaries of each release that changed what we write, from the oldest with the amazon-bedrock
// provider to the newest: each loads what `setup` writes for it, with no error and no "unrecognized" warning,
// completes a turn through the emulator's proxy, and signs with the credential doctor says it will use.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODEX_VERSION_TABLE, codexSupports } from '../../src/core/codexVersions.js';
import { planCodexConfig } from '../../src/core/codexConfig.js';
import { isCodexSupportedRegion } from '../../src/core/regions.js';
import { DEMO_BEARER_TOKEN, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runCli, type World } from '../e2e/helpers.js';
import { codexExec, worldFor } from './codexWorld.js';
import { ensureCodexVersions, MATRIX_VERSIONS, selectedVersions } from '../../scripts/codex-versions.mjs';

const VERSIONS = selectedVersions();
const MODEL = 'openai.gpt-5.5';
const SETUP = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', MODEL, '--json'];
/** What Codex prints when it refuses or drops a setting we wrote. */
const REFUSED = /unrecogni[sz]ed|is ignored|ignoring \d+|not supported|only supports changing|no longer supported|cannot be used while/i;

let emu: Emulator;
beforeAll(async () => {
  ensureCodexVersions(VERSIONS);
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 1 } });
});
afterAll(() => emu?.close());

async function codexFiles(world: World): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const f of await readdir(world.codexHome)) if (f.endsWith('.toml')) files[f] = await readFile(join(world.codexHome, f), 'utf8');
  return files;
}

describe.each(VERSIONS)('Codex %s', (version) => {
  let world: World;
  let setup: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    world = await worldFor(emu, version);
    setup = await runCli(SETUP, world.env, { timeout: 90_000 });
  });

  it('setup writes the layout this version reads', async () => {
    expect(setup.exitCode, setup.stderr + setup.stdout).toBe(0);
    expect(JSON.parse(setup.stdout)).toMatchObject({ ok: true, model: MODEL, codexProfile: 'bedrock-prod' });
    const files = await codexFiles(world);
    if (codexSupports(version, 'profile-files')) {
      expect(Object.keys(files).sort()).toEqual(['bedrock-prod.config.toml', 'config.toml']);
      expect(files['bedrock-prod.config.toml']).toContain(`model = "${MODEL}"`);
    } else {
      expect(Object.keys(files)).toEqual(['config.toml']);
      expect(files['config.toml']).toContain('[profiles.bedrock-prod]');
    }
  });

  it('loads it with no error and no "unrecognized" warning, and completes a turn', async () => {
    const r = await codexExec(emu, world, version);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).not.toMatch(REFUSED);
    expect(r.stdout).toContain(`This is ${MODEL} answering from the Bedrock emulator in us-east-1`);
    expect(r.turns.length).toBeGreaterThan(0);
    expect(r.turns[0]).toMatchObject({ host: 'bedrock-mantle.us-east-1.api.aws', service: 'bedrock-mantle', authKind: 'sigv4', status: 200 });
    expect(r.turns[0]!.headers['user-agent']).toContain(version);
  });

  it('doctor --with-codex passes on what setup wrote, and its Codex turn completes', async () => {
    const doctor = await runCli(['doctor', '--json', '--with-codex'], world.env, { timeout: 150_000 });
    const report = JSON.parse(doctor.stdout) as { ok: boolean; codexProfile: string; checks: { id: string; status: string; summary: string }[] };
    expect(report.checks.filter((c) => c.status === 'fail'), doctor.stdout).toEqual([]);
    expect(report).toMatchObject({ ok: true, codexProfile: 'bedrock-prod' });
    expect(report.checks.find((c) => c.id === 'codex-turn')).toMatchObject({ status: 'pass' });
    // Only the machine's aws v1 shim, and an old Codex's missing profile files, may warn.
    expect(report.checks.filter((c) => c.status === 'warn').map((c) => c.id).filter((id) => id !== 'aws-cli' && id !== 'codex')).toEqual([]);
  });

  it('loads what setup writes for an IAM Identity Center profile (aws.auth_refresh where this version has it)', async () => {
    const w = await worldFor(emu, version);
    const refresh = { command: 'aws' as const, args: ['sso', 'login', '--profile', 'codex-bedrock'], timeoutMs: 120_000 };
    const plan = planCodexConfig({ configToml: null, profileFiles: {}, choices: { region: 'us-east-1', awsProfile: 'codex-bedrock', profiles: [{ name: 'bedrock-prod', model: MODEL }], codexVersion: version, authRefresh: refresh } });
    await writeFile(join(w.codexHome, 'config.toml'), plan.configToml);
    for (const [name, text] of Object.entries(plan.profileFiles)) await writeFile(join(w.codexHome, `${name}.config.toml`), text);
    expect(plan.configToml.includes('auth_refresh')).toBe(codexSupports(version, 'auth-refresh'));
    const r = await codexExec(emu, w, version);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).not.toMatch(REFUSED);
  });

  it('signs with the credential doctor names, with AWS_BEARER_TOKEN_BEDROCK set beside aws.profile', async () => {
    const w = await worldFor(emu, version, { AWS_BEARER_TOKEN_BEDROCK: DEMO_BEARER_TOKEN });
    for (const [name, text] of Object.entries(await codexFiles(world))) await writeFile(join(w.codexHome, name), text);
    const doctor = await runCli(['doctor', '--json'], w.env, { timeout: 150_000 });
    const report = JSON.parse(doctor.stdout) as { codexVersion: string; credential: { kind: string; profile?: string } };
    expect(report.codexVersion).toBe(version);
    const r = await codexExec(emu, w, version);
    expect(r.exitCode, r.output).toBe(0);
    const signedWith = r.turns[0]!.authKind === 'bearer' ? 'bearer-token' : 'aws-profile';
    expect(report.credential.kind).toBe(signedWith);
    expect(report.credential.kind).toBe(codexSupports(version, 'profile-over-bearer') ? 'aws-profile' : 'bearer-token');
    if (signedWith === 'aws-profile') expect(report.credential.profile).toBe('codex-bedrock');
    expect(doctor.stdout).not.toContain(DEMO_BEARER_TOKEN);
  });

  it.each(['us-gov-west-1', 'us-gov-east-1', 'eu-west-3'])('accepts or refuses %s as the version table says, in its own words', async (region) => {
    const w = await worldFor(emu, version);
    for (const [name, text] of Object.entries(await codexFiles(world))) await writeFile(join(w.codexHome, name), text.replace('region = "us-east-1"', `region = "${region}"`));
    const r = await codexExec(emu, w, version);
    const reached = emu.requests.some((q) => q.host === `bedrock-mantle.${region}.api.aws` && q.headers['user-agent']?.includes(version));
    expect(reached, r.output).toBe(isCodexSupportedRegion(region, version));
    if (!reached) {
      const words = codexSupports(version, 'region-error-wording') ? `Amazon Bedrock does not support region \`${region}\`` : `Amazon Bedrock Mantle does not support region \`${region}\``;
      expect(r.output).toContain(words);
    }
  });

  it('with a Bedrock API key stored in auth.json: doctor names what Codex signs with', async () => {
    // auth.json holds the emulator's key, the environment a key the emulator refuses: the turn passes only when
    // Codex takes the stored one.
    const w = await worldFor(emu, version, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-refused-by-the-emulator' });
    for (const [name, text] of Object.entries(await codexFiles(world))) await writeFile(join(w.codexHome, name), name === 'config.toml' ? text.replace(/^profile = .*\n/m, '') : text);
    await writeFile(join(w.codexHome, 'auth.json'), JSON.stringify({ auth_mode: 'bedrockApiKey', bedrock_api_key: { api_key: DEMO_BEARER_TOKEN, region: 'us-east-1' } }));
    const doctor = await runCli(['doctor', '--json'], w.env, { timeout: 150_000 });
    const report = JSON.parse(doctor.stdout) as { credential: { kind: string } };
    const r = await codexExec(emu, w, version);
    expect(report.credential.kind).toBe(codexSupports(version, 'managed-api-key') ? 'managed-api-key' : 'bearer-token');
    expect(r.exitCode === 0, r.output).toBe(report.credential.kind === 'managed-api-key');
    expect(doctor.stdout).not.toContain(DEMO_BEARER_TOKEN);
  });
});

// Control: the check above catches a setting Codex drops (only the newest versions say so for .aws keys).
const NEWEST = MATRIX_VERSIONS[MATRIX_VERSIONS.length - 1]!;
if (VERSIONS.includes(NEWEST)) {
  it(`Codex ${NEWEST} reports a misspelt key, which the "unrecognized" check would catch`, async () => {
    const w = await worldFor(emu, NEWEST);
    expect((await runCli(SETUP, w.env, { timeout: 90_000 })).exitCode).toBe(0);
    const config = join(w.codexHome, 'config.toml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('region = ', 'regoin = "x"\nregion = '));
    const r = await codexExec(emu, w, NEWEST);
    expect(r.output).toMatch(REFUSED);
    expect(r.output).toContain('model_providers.amazon-bedrock.aws.regoin');
  });
}

it('covers every version where the table says something changes that we write', () => {
  const writes = CODEX_VERSION_TABLE.filter((r) => r.written).map((r) => r.since);
  for (const v of writes) expect(MATRIX_VERSIONS).toContain(v);
});
