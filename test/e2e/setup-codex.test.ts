// The proof: files written by `setup --yes` are what the real Codex CLI needs, and the user's
// existing config survives byte for byte. Everything goes through the emulator's TLS-intercepting
// proxy, as it would through a corporate proxy to real AWS; no base_url override.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_V2, makeWorld, runCli, runCodexExec, type World, COMMENTED_CODEX_CONFIG } from './helpers.js';

const EXISTING = COMMENTED_CODEX_CONFIG;

let emu: Emulator;
let world: World;
let setup: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 40, interTokenMs: 4 } });
  world = await makeWorld(emu);
  await writeFile(join(world.codexHome, 'config.toml'), EXISTING);
  setup = await runCli(
    ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--json'],
    world.env,
  );
}, 120_000);
afterAll(() => emu?.close());

describe('setup --yes through the proxy', () => {
  it('succeeds with one JSON document on stdout', () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    const doc = JSON.parse(setup.stdout);
    expect(doc).toMatchObject({ ok: true, region: 'us-east-1', awsProfile: 'codex-bedrock', codexProfile: 'bedrock-prod', model: 'openai.gpt-5.5' });
    expect(doc.configPath).toBe(join(world.codexHome, 'config.toml'));
    expect(doc.smoke).toMatchObject({ ok: true, auth: 'sigv4', model: 'openai.gpt-5.5', region: 'us-east-1' });
    expect(doc.smoke.endpoint).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1/responses');
    expect(doc.smoke.text.length).toBeGreaterThan(10);
  });

  it('keeps every line of the existing config outside our keys, and backs it up', async () => {
    const after = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    const ours = /^(region|profile) = /;
    for (const line of EXISTING.split('\n')) {
      if (ours.test(line)) continue;
      expect(after.split('\n')).toContain(line);
    }
    expect(after).toContain('region = "us-east-1" # old region');
    expect(after).toContain('profile = "codex-bedrock"');
    const doc = JSON.parse(setup.stdout);
    expect(await readFile(doc.backupPath, 'utf8')).toBe(EXISTING);
    const profile = await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8');
    expect(profile).toContain('model = "openai.gpt-5.5"');
    expect(profile).toContain('model_provider = "amazon-bedrock"');
    expect(profile).toContain('web_search = "disabled"');
  });

  it('changes nothing when run a second time', async () => {
    const before = await readdir(world.codexHome);
    const again = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'], world.env);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).files).toEqual([]);
    expect(await readdir(world.codexHome)).toEqual(before);
  });

  it('the real Codex CLI completes a turn with only those files', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const r = await runCodexExec(world, 'bedrock-prod');
    expect(r.exitCode, r.stderr).toBe(0);
    const turn = emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses');
    expect(turn).toMatchObject({ host: 'bedrock-mantle.us-east-1.api.aws', service: 'bedrock-mantle', authKind: 'sigv4', status: 200 });
    expect(turn!.headers['x-amzn-mantle-client-agent']).toBe('codex');
  });

  it('the real aws CLI v2 resolves the profile and calls STS through the proxy', async () => {
    const r = await execa(AWS_V2, ['sts', 'get-caller-identity', '--profile', 'codex-bedrock', '--output', 'json'], { env: world.env, extendEnv: false, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Account: '123456789012' });
  });
});

describe('models and smoke through the proxy', () => {
  it('models --all-regions reports per-region availability', async () => {
    const r = await runCli(['models', '--all-regions', '--aws-profile', 'codex-bedrock', '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const byRegion = Object.fromEntries(doc.regions.map((x: { region: string; models: { id: string }[] }) => [x.region, x.models.map((m) => m.id)]));
    expect(byRegion['us-east-1']).toContain('openai.gpt-5.5');
    expect(byRegion['eu-west-1']).toEqual(expect.arrayContaining(['openai.gpt-oss-120b', 'openai.gpt-oss-20b']));
    expect(byRegion['eu-west-1']).not.toContain('openai.gpt-5.5');
    // Listed by Mantle, but on /v1: not usable by the built-in provider, whatever Codex knows.
    const m = doc.regions.find((x: { region: string }) => x.region === 'us-east-1').models.find((x: { id: string }) => x.id === 'openai.gpt-oss-120b');
    expect(m).toMatchObject({ surface: '/v1', responsesApi: false, available: false, knownToCodex: false });
    expect(doc.ranking).toEqual({ source: 'codex' });
  });

  it('a wrong secret fails with the credentials explanation', async () => {
    const creds = await readFile(world.awsCredentials, 'utf8');
    await writeFile(world.awsCredentials, creds.replace(/aws_secret_access_key = .*/, 'aws_secret_access_key = wrongwrongwrongwrongwrongwrongwrong0000'));
    try {
      const r = await runCli(['smoke', '--codex-profile', 'bedrock-prod', '--json'], world.env);
      expect(r.exitCode).toBe(1);
      expect(JSON.parse(r.stdout).error.id).toBe('credentials-invalid');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await writeFile(world.awsCredentials, creds);
    }
  });
});
