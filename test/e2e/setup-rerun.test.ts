// Re-running setup keeps what was chosen before: the model, region, AWS profile and Codex profile name stand in
// for flags not given, and a legacy [profiles.X] keeps its model when it is migrated.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
}, 60_000);
afterAll(() => emu?.close());

describe('setup --yes run again', () => {
  it('keeps the model, region, AWS profile and profile name chosen before instead of "the strongest"', { timeout: 120_000 }, async () => {
    const world = await makeWorld(emu, { region: 'us-west-2' });
    const first = await runCli(['setup', '--yes', '--skip-smoke-test', '--region', 'us-west-2', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--codex-profile', 'work', '--model', 'openai.gpt-5.5'], world.env);
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const written = await readFile(join(world.codexHome, 'work.config.toml'), 'utf8');
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');

    // No flags at all: everything comes from what the first run wrote.
    const again = await runCli(['setup', '--yes', '--skip-smoke-test', '--json'], world.env);
    expect(again.exitCode, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc).toMatchObject({ ok: true, region: 'us-west-2', awsProfile: 'codex-bedrock', codexProfile: 'work', model: 'openai.gpt-5.5', files: [] });
    expect(again.stderr).toContain('Model openai.gpt-5.5 (as configured in work.config.toml');
    expect(await readFile(join(world.codexHome, 'work.config.toml'), 'utf8')).toBe(written);
    expect(await readFile(join(world.codexHome, 'config.toml'), 'utf8')).toBe(config);
  });

  it('a configured model the region no longer serves gives way to the strongest, and says so', { timeout: 120_000 }, async () => {
    const world = await makeWorld(emu);
    await writeFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'model = "openai.gpt-4-retired"\nmodel_provider = "amazon-bedrock"\n');
    const r = await runCli(['setup', '--yes', '--skip-smoke-test', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).model).toBe('openai.gpt-6.1-sol');
    expect(r.stderr).toContain('bedrock-prod had openai.gpt-4-retired, which us-east-1 does not serve');
  });

  it('a legacy [profiles.X] keeps its model when it moves to its own profile file', { timeout: 120_000 }, async () => {
    const world = await makeWorld(emu);
    await writeFile(
      join(world.codexHome, 'config.toml'),
      ['# mine', 'profile = "bedrock-prod"', '', '[profiles.bedrock-prod]', 'model = "openai.gpt-5.5" # chosen by hand', 'model_provider = "amazon-bedrock"', ''].join('\n'),
    );
    const r = await runCli(['setup', '--yes', '--skip-smoke-test', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).model).toBe('openai.gpt-5.5');
    expect(await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8')).toContain('model = "openai.gpt-5.5"');
  });
});
