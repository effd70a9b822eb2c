// The proof for Codex's second Bedrock provider: files written by `setup --yes --provider runtime` make the real
// Codex CLI complete a turn against Bedrock Runtime's OpenAI-compatible endpoint, through the intercepting proxy,
// in a region outside the amazon-bedrock provider's allow-list (the runtime provider has none).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli, runCodexExec, type World } from './helpers.js';

const REGION = 'eu-west-3';
const MODEL = 'global.openai.gpt-5.5';
const EXISTING = '# hand-written, keep me\n[model_providers.amazon-bedrock.aws]\nregion = "us-east-1" # Mantle stays as it was\n';

let emu: Emulator;
let world: World;
let setup: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  emu = await startEmulator({
    proxy: true,
    delays: { callMs: 0, headersMs: 0, firstTokenMs: 40, interTokenMs: 4 },
    // eu-west-3 has no Mantle endpoint in Codex's list; Bedrock Runtime serves the model there.
    regions: { [REGION]: { mantleModels: [], foundationModels: ['openai.gpt-5.5-v1:0'], runtimeModels: ['openai.gpt-5.5'] } },
  });
  world = await makeWorld(emu, { region: REGION });
  await writeFile(join(world.codexHome, 'config.toml'), EXISTING);
  setup = await runCli(
    ['setup', '--yes', '--provider', 'runtime', '--region', REGION, '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', MODEL, '--codex-profile', 'bedrock-runtime', '--skip-smoke-test', '--json'],
    world.env,
  );
}, 120_000);
afterAll(() => emu?.close());

describe('setup --yes --provider runtime through the proxy', () => {
  it('succeeds and says which provider it wrote', () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(JSON.parse(setup.stdout)).toMatchObject({ ok: true, provider: 'runtime', region: REGION, model: MODEL, codexProfile: 'bedrock-runtime' });
  });

  it('writes exactly the keys a real Codex runtime turn uses, keeping the existing Mantle table', async () => {
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config.startsWith(EXISTING)).toBe(true);
    expect(parse(config)).toEqual({
      model_providers: { 'amazon-bedrock': { aws: { region: 'us-east-1' } }, 'amazon-bedrock-runtime': { aws: { profile: 'codex-bedrock', region: REGION } } },
    });
    const profile = parse(await readFile(join(world.codexHome, 'bedrock-runtime.config.toml'), 'utf8'));
    expect(profile).toEqual({ model: MODEL, model_provider: 'amazon-bedrock-runtime', web_search: 'disabled' });
  });

  it('the real Codex CLI completes a turn with only those files, signed for service bedrock', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const r = await runCodexExec(world, 'bedrock-runtime');
    expect(r.exitCode, r.stderr).toBe(0);
    const turn = emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses');
    expect(turn).toMatchObject({ host: `bedrock-runtime.${REGION}.amazonaws.com`, service: 'bedrock-runtime', region: REGION, authKind: 'sigv4', status: 200 });
    expect(turn!.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIA\\w+/\\d{8}/${REGION}/bedrock/aws4_request`));
    expect(JSON.parse(turn!.body)).toMatchObject({ model: MODEL, stream: true });
    // The emulator's reply names the model and region: Codex printed what the endpoint streamed.
    expect(r.stdout).toContain(`This is ${MODEL}`);
  });

  it('Codex builds the runtime URL from the region: the SDK endpoint variables do not move it', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const moved = { ...world, env: { ...world.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9' } };
    const r = await runCodexExec(moved, 'bedrock-runtime');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses')).toMatchObject({ host: `bedrock-runtime.${REGION}.amazonaws.com`, status: 200 });
  });
});

describe('setup --yes --provider runtime with its smoke test', () => {
  const args = (model: string, world: World) =>
    runCli(['setup', '--yes', '--provider', 'runtime', '--region', REGION, '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', model, '--json'], world.env);

  it('streams from Bedrock Runtime, signed for service bedrock, and reports that endpoint', { timeout: 120_000 }, async () => {
    const w = await makeWorld(emu, { region: REGION });
    const before = emu.requests.length;
    const r = await args(MODEL, w);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.smoke).toMatchObject({ ok: true, auth: 'sigv4', model: MODEL, region: REGION, endpoint: `https://bedrock-runtime.${REGION}.amazonaws.com/openai/v1/responses` });
    expect(doc.smoke.text).toContain(`This is ${MODEL}`);
    const posts = emu.requests.slice(before).filter((q) => q.path === '/openai/v1/responses');
    expect(posts.length).toBeGreaterThan(0);
    for (const q of posts) {
      expect(q).toMatchObject({ host: `bedrock-runtime.${REGION}.amazonaws.com`, service: 'bedrock-runtime', status: 200 });
      expect(q.headers.authorization).toContain(`/${REGION}/bedrock/aws4_request`);
    }
  });

  it('fails (exit 1, no stack trace) when Bedrock Runtime does not serve the model there', { timeout: 120_000 }, async () => {
    const w = await makeWorld(emu, { region: REGION });
    const r = await args('us.openai.gpt-6.1-sol', w);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.smoke).toMatchObject({ ok: false, endpoint: `https://bedrock-runtime.${REGION}.amazonaws.com/openai/v1/responses` });
    expect(doc.error).toMatchObject({ id: 'model-not-in-region', title: `us.openai.gpt-6.1-sol is not offered in ${REGION}` });
    // Under this provider a prefixed id is right: the Mantle advice to strip it must not appear.
    expect(r.stderr).not.toContain('Use openai.gpt-6.1-sol instead');
    expect(r.stderr).toContain('Bedrock Runtime serves a model');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('smoke and doctor test a runtime profile on Bedrock Runtime, not Mantle', () => {
  const runtimePosts = (from: number) => emu.requests.slice(from).filter((q) => q.path === '/openai/v1/responses');
  const mantleCalls = (from: number) => emu.requests.slice(from).filter((q) => q.host.startsWith('bedrock-mantle.'));

  it('smoke --codex-profile streams from Bedrock Runtime, signed for service bedrock', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const r = await runCli(['smoke', '--codex-profile', 'bedrock-runtime', '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, provider: 'runtime', model: MODEL, region: REGION, endpoint: `https://bedrock-runtime.${REGION}.amazonaws.com/openai/v1/responses` });
    expect(r.stderr).toContain(`Streaming from ${MODEL} in ${REGION} via Bedrock Runtime (model_provider = "amazon-bedrock-runtime")`);
    const posts = runtimePosts(before);
    expect(posts.length).toBeGreaterThan(0);
    for (const q of posts) {
      expect(q).toMatchObject({ host: `bedrock-runtime.${REGION}.amazonaws.com`, service: 'bedrock-runtime', status: 200 });
      expect(q.headers.authorization).toContain(`/${REGION}/bedrock/aws4_request`);
    }
    expect(mantleCalls(before)).toEqual([]);
  });

  it('doctor passes, tests Bedrock Runtime, and says which Mantle checks it skipped', { timeout: 240_000 }, async () => {
    const before = emu.requests.length;
    const r = await runCli(['doctor', '--json', '--with-codex'], world.env, { timeout: 200_000 });
    const report = JSON.parse(r.stdout) as { ok: boolean; codexProfile: string; checks: { id: string; status: string; summary: string; diagnosis?: string }[] };
    const shown = JSON.stringify(report.checks, null, 1);
    expect(report.checks.filter((c) => c.status === 'fail'), shown).toEqual([]);
    expect(r.exitCode, shown).toBe(0);
    expect(report).toMatchObject({ ok: true, codexProfile: 'bedrock-runtime' });
    const byId = (id: string) => report.checks.find((c) => c.id === id);
    expect(byId('provider')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/amazon-bedrock-runtime.*Bedrock Runtime \(bedrock-runtime\.eu-west-3\.amazonaws\.com, signed for service bedrock\); the Mantle region list, model list, web-search lint and codex doctor do not apply/) });
    expect(byId('smoke')).toMatchObject({ status: 'pass', summary: expect.stringContaining(`Streamed a reply from Bedrock Runtime in ${REGION}`) });
    expect(byId('credentials')).toMatchObject({ status: 'pass' });
    expect(byId('proxy')).toMatchObject({ status: 'pass' });
    // The real Codex agrees: one turn with the same files.
    expect(byId('codex-turn')).toMatchObject({ status: 'pass', summary: 'codex exec --profile bedrock-runtime completed a turn' });
    // Mantle's checks do not apply: no probe of its host, no model list, no region allow-list warning.
    for (const id of ['region', 'model', 'codex-region', 'codex-doctor']) expect(byId(id), id).toBeUndefined();
    expect(mantleCalls(before)).toEqual([]);
    expect(runtimePosts(before).every((q) => q.host === `bedrock-runtime.${REGION}.amazonaws.com` && q.headers.authorization?.includes('/bedrock/aws4_request'))).toBe(true);
  });

  it('both fail with the runtime diagnosis when Bedrock Runtime does not serve the model', { timeout: 240_000 }, async () => {
    const w = await makeWorld(emu, { region: REGION });
    const bad = 'us.openai.gpt-6.1-sol';
    const written = await runCli(['setup', '--yes', '--provider', 'runtime', '--region', REGION, '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', bad, '--codex-profile', 'bedrock-runtime', '--skip-smoke-test'], w.env);
    expect(written.exitCode, written.stderr).toBe(0);

    const smoke = await runCli(['smoke', '--codex-profile', 'bedrock-runtime', '--json'], w.env);
    expect(smoke.exitCode).toBe(1);
    expect(JSON.parse(smoke.stdout)).toMatchObject({ ok: false, provider: 'runtime', error: { id: 'model-not-in-region', title: `${bad} is not offered in ${REGION}` } });
    expect(smoke.stderr).toContain('Bedrock Runtime serves a model');
    expect(smoke.stderr).not.toContain('Use openai.gpt-6.1-sol instead');

    const doctor = await runCli(['doctor', '--json'], w.env, { timeout: 150_000 });
    expect(doctor.exitCode).toBe(1);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { id: string; status: string; summary: string; diagnosis?: string; fix?: string }[] };
    expect(report.ok).toBe(false);
    const fails = report.checks.filter((c) => c.status === 'fail');
    expect(fails, JSON.stringify(report.checks, null, 1)).toEqual([expect.objectContaining({ id: 'smoke', diagnosis: 'model-not-in-region', summary: `${bad} is not offered in ${REGION}`, fix: expect.stringContaining('inference profiles Bedrock offers in eu-west-3') })]);
    // Under this provider a prefixed id is right: neither the lint nor the smoke check calls it a Runtime-id mistake.
    expect(report.checks.some((c) => c.diagnosis === 'runtime-model-id')).toBe(false);
    expect(doctor.stderr).not.toMatch(/\n\s+at /);
  });
});
