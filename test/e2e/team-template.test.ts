// A team template served over HTTPS (a public S3 object, through the emulator's intercepting proxy as through a
// corporate proxy), pinned by its hash, drives `setup --yes`; the real Codex then runs with what was written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { sha256Hex } from '../../src/core/teamTemplate.js';
import { makeWorld, runCli, runCodexExec, type World } from './helpers.js';

const TEMPLATE = `auth = "profile"
aws_profile = "codex-bedrock"
allowed_regions = ["us-west-2"]
allowed_models = ["openai.gpt-5.5"]
codex_min_version = "0.169.0"
help_url = "https://wiki.example.com/codex"
web_search = "disabled"
provider = "mantle"

[[profiles]]
name = "team-prod"

[otel]
exporter = "otlp-http"
endpoint = "https://otel.example.com/v1/logs"
environment = "team"
`;
const URL_BASE = 'https://team-config.s3.us-east-1.amazonaws.com/codex-team.toml';
const pinned = (text: string) => `${URL_BASE}#sha256=${sha256Hex(new TextEncoder().encode(text))}`;

let emu: Emulator;
let world: World;

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 10, interTokenMs: 2 }, objects: { 'team-config/codex-team.toml': TEMPLATE } });
  world = await makeWorld(emu);
}, 60_000);
afterAll(() => emu?.close());

describe('--team-config https://…#sha256=', () => {
  it('refuses a template whose bytes differ from the pin by one byte, and writes nothing', async () => {
    const changedPin = pinned(TEMPLATE.replace('us-west-2', 'us-west-1'));
    const r = await runCli(['setup', '--yes', '--team-config', changedPin, '--skip-smoke-test'], world.env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`expected sha256 ${changedPin.split('=')[1]}, got ${sha256Hex(new TextEncoder().encode(TEMPLATE))}`);
    expect(r.stderr).toMatch(/Ask your administrator/);
    await expect(readFile(join(world.codexHome, 'config.toml'), 'utf8')).rejects.toThrow(/ENOENT/);
    // It was fetched through the proxy, from the template's host.
    expect(emu.requests.some((q) => q.host.startsWith('team-config.s3.us-east-1.amazonaws.com') && q.path === '/codex-team.toml')).toBe(true);
  });

  it('refuses a URL without a pin before any request', async () => {
    const before = emu.requests.length;
    const r = await runCli(['setup', '--yes', '--team-config', URL_BASE], world.env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/needs its pin/);
    expect(emu.requests.length).toBe(before);
  });

  it('enforces the allowed regions and models on flags (exit 2, with the help URL)', async () => {
    const region = await runCli(['setup', '--yes', '--team-config', pinned(TEMPLATE), '--region', 'us-east-1'], world.env);
    expect(region.exitCode).toBe(2);
    expect(region.stderr).toMatch(/region us-east-1 is not allowed by the team template \(allowed: us-west-2\)/);
    expect(region.stderr).toContain('https://wiki.example.com/codex');
    const model = await runCli(['setup', '--yes', '--team-config', pinned(TEMPLATE), '--model', 'openai.gpt-5.6-terra'], world.env);
    expect(model.exitCode).toBe(2);
    expect(model.stderr).toMatch(/model openai.gpt-5.6-terra is not allowed/);
  });

  it('drives setup --yes: allowed region and model, web_search, and [otel] in config.toml', async () => {
    const r = await runCli(['setup', '--yes', '--team-config', pinned(TEMPLATE), '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, region: 'us-west-2', codexProfile: 'team-prod', model: 'openai.gpt-5.5', awsProfile: 'codex-bedrock' });
    const config = parse(await readFile(join(world.codexHome, 'config.toml'), 'utf8')) as Record<string, any>;
    expect(config.otel).toEqual({ environment: 'team', exporter: { 'otlp-http': { endpoint: 'https://otel.example.com/v1/logs', protocol: 'binary' } }, log_user_prompt: false });
    const profile = parse(await readFile(join(world.codexHome, 'team-prod.config.toml'), 'utf8')) as Record<string, any>;
    expect(profile).toMatchObject({ model: 'openai.gpt-5.5', web_search: 'disabled' });
  });

  it('what it wrote (with [otel]) is accepted by the real Codex for a full turn', async () => {
    const r = await runCodexExec(world, 'team-prod');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/unknown (field|variant)|invalid type/i);
  }, 120_000);
});
