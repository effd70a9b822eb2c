// The built wizard in a real pseudo-terminal (80×24) against the emulator through its proxy: keystrokes only,
// asserting what is on screen at each step, what was written, and that the real Codex CLI accepts it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BEARER_TOKEN, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { SMOKE_PROMPT } from '../../src/core/defaults.js';
import { CLI, CODEX_VERSION, makeWorld, runCodexExec } from './helpers.js';
import { KEY, SHOW_CURSOR, spawnCli, type PtyRun } from './pty.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
}, 60_000);
afterAll(() => emu?.close());

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));
function start(env: NodeJS.ProcessEnv, cwd: string, args: string[] = []) {
  const run = spawnCli(args, { env, cwd });
  runs.push(run);
  return run;
}

/** Welcome → checks → region us-east-1 → the sign-in menu. */
async function toAuth(run: PtyRun): Promise<void> {
  await run.waitFor('1/7 · Welcome');
  const checks = await run.press(KEY.enter, 'enter continue');
  expect(checks).toContain(`✓ Codex CLI ${CODEX_VERSION}`);
  expect(checks).toMatch(/✓ aws 2\.\d+\.\d+ at \/usr\/bin\/aws/);
  expect(checks).toContain('✓ 1 AWS profile, ');
  await run.press(KEY.enter, '2/7 · Region');
  // RTTs arrive while the list is already on screen.
  const regions = await run.waitFor(/❯ us-east-1 .* \d+ ms/);
  // The list scrolls inside the frame at 80×24: the custom entry is further down.
  expect(regions).toMatch(/custom region…|\d+ more \(↑↓ scrolls\)/);
  const auth = await run.press(KEY.enter, '3/7 · Sign in');
  expect(auth).toContain('How should Codex sign its requests to Bedrock in us-east-1?');
}

/** From the first models menu to the smoke test result, taking the suggested models. */
async function modelsToSmoke(run: PtyRun, codexHome: string): Promise<string> {
  const models = await run.waitFor('Model for Codex profile bedrock-prod');
  expect(models).toMatch(/model\s+us-east-1\s+other \(\d+\)\s+surface\s+codex/);
  // Listed by Mantle, shown with its surface, never offered: the built-in provider posts to /openai/v1.
  expect(models).toMatch(/openai\.gpt-oss-120b\s+✓ served\s+.*\/v1\s+✗ open-weight/);
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  const config = await run.press(KEY.enter, '❯ Write these files');
  expect(config).toContain('5/7 · Codex config');
  expect(config).toContain(`new file ${codexHome}/config.toml`);
  expect(config).toContain('+[model_providers.amazon-bedrock.aws]');
  expect(config).toContain(`new file ${codexHome}/bedrock-prod.config.toml`);
  // The rest of the diff may be below the fold (it scrolls); what was written is read back instead.
  const written = await run.press(KEY.enter, '❯ Run the smoke test');
  expect(written).toContain(`✓ wrote ${codexHome}/bedrock-prod.config.toml`);
  expect(await readFile(join(codexHome, 'bedrock-prod.config.toml'), 'utf8')).toContain('model_provider = "amazon-bedrock"');
  await run.press(KEY.enter, '6/7 · Smoke test');
  return run.waitFor('enter finish');
}

/** The smoke requests (the smoke prompt, not the web_search probe's) the emulator answered since `from`: model and how it was signed. */
function smokeRequests(emu: Emulator, from: number) {
  return emu.requests
    .slice(from)
    .filter((q) => q.path === '/openai/v1/responses' && q.body.includes(SMOKE_PROMPT))
    .map((q) => ({ model: (JSON.parse(q.body) as { model: string }).model, service: q.service, region: q.region, authKind: q.authKind, status: q.status, signed: /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request/.test(q.headers.authorization ?? '') }));
}

async function codexHomeFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('the wizard in a real terminal', () => {
  it('runs welcome → done on the existing-profile path, writes a config the real Codex CLI accepts', { timeout: 240_000 }, async () => {
    const world = await makeWorld(emu);
    const before = emu.requests.length;
    const run = start(world.env, world.root);
    await toAuth(run);
    await run.press(KEY.down, '❯ Existing AWS profile (1 found)');
    const pick = await run.press(KEY.enter, '3/7 · Sign in: AWS profile');
    expect(pick).toMatch(/❯ codex-bedrock\s+\[keys\] us-east-1/);
    const identity = await run.press(KEY.enter, 'signed in as');
    expect(identity).toContain('✓ signed in as arn:aws:iam::123456789012:user/demo (account 123456789012)');
    await run.press(KEY.enter, '4/7 · Models');
    const smoke = await modelsToSmoke(run, world.codexHome);
    // Both profiles written were tested, in order: the first has its verdict line, the second is on screen.
    expect(smoke).toContain('Smoke test 2 of 2: bedrock-staging (openai.gpt-6-luna) in us-east-1');
    // A verdict too long for 80 columns hangs its figures on a second line.
    expect(smoke).toMatch(/✓ bedrock-prod: openai\.gpt-6\.1-sol( ·|\n )\s*TTFT \d+ ms · \d+\.\d tokens\/s · total \d+ ms/);
    expect(smoke).toMatch(/✓ bedrock-staging: openai\.gpt-6-luna( ·|\n )\s*TTFT \d+ ms · \d+\.\d tokens\/s · total \d+ ms/);
    expect(smokeRequests(emu, before)).toEqual(
      ['openai.gpt-6.1-sol', 'openai.gpt-6-luna'].map((model) => ({ model, service: 'bedrock-mantle', region: 'us-east-1', authKind: 'sigv4', status: 200, signed: true })),
    );
    // The answer wraps in a 49-column box left of the latency panel.
    const answer = run.screen.lines().map((l) => l.slice(0, 49).trim()).join(' ');
    expect(answer).toContain('This is openai.gpt-6-luna answering from the Bedrock emulator in us-east-1.');
    // Streamed: some frame showed the answer's start before its end had arrived.
    const frames = run.output().split('\u001B[?2026h');
    expect(frames.some((f) => f.includes('You said') && !f.includes('Everything on this'))).toBe(true);
    expect(smoke).toMatch(/│ first token \d+ ms/);
    expect(smoke).toMatch(/│ tokens\/s {4}\d+\.\d/);
    expect(smoke).toMatch(/│ [▁▂▃▄▅▆▇█]{5,}/);
    expect(smoke).toContain("✓ Codex's request works");
    const done = await run.press(KEY.enter, '7/7 · Done');
    expect(done).toContain('✓ Codex is set up for Amazon Bedrock in us-east-1.');
    expect(done).toMatch(/✓ bedrock-prod: openai\.gpt-6\.1-sol( ·|\n )\s*smoke test TTFT \d+ ms/);
    expect(done).toMatch(/✓ bedrock-staging: openai\.gpt-6-luna( ·|\n )\s*smoke test TTFT \d+ ms/);
    expect(done).toMatch(/^\s*codex --profile bedrock-prod$/m);
    expect(done).toMatch(/^\s*codex --profile bedrock-staging$/m);
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);

    const shared = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(shared).toContain('[model_providers.amazon-bedrock.aws]');
    expect(shared).toContain('region = "us-east-1"');
    expect(shared).toContain('profile = "codex-bedrock"');
    const prod = await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8');
    expect(prod).toContain('model = "openai.gpt-6.1-sol"');
    expect(prod).toContain('model_provider = "amazon-bedrock"');
    expect(await codexHomeFiles(world.codexHome)).toEqual(['bedrock-prod.config.toml', 'bedrock-staging.config.toml', 'codex-bedrock-setup', 'config.toml']);
    const codex = await runCodexExec(world, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
  });

  it('takes a Bedrock API key from the environment without ever showing it or writing it', { timeout: 240_000 }, async () => {
    const world = await makeWorld(emu, { extraEnv: { AWS_BEARER_TOKEN_BEDROCK: DEMO_BEARER_TOKEN } });
    const run = start(world.env, world.root);
    await toAuth(run);
    await run.press(KEY.down, '❯ Existing AWS profile');
    const auth = await run.press(KEY.down, '❯ Bedrock API key (AWS_BEARER_TOKEN_BEDROCK is set)');
    expect(auth).not.toContain(DEMO_BEARER_TOKEN);
    await run.press(KEY.enter, 'Sign in: Bedrock API key');
    // The key from the environment is offered; confirming it submits without typing it.
    const identity = await run.press(KEY.enter, /4\/7 · Models|enter continue/);
    if (identity.includes('enter continue')) await run.press(KEY.enter, '4/7 · Models');
    const smoke = await modelsToSmoke(run, world.codexHome);
    expect(smoke).toContain("✓ Codex's request works");
    const done = await run.press(KEY.enter, '7/7 · Done');
    expect(done).toContain('export AWS_BEARER_TOKEN_BEDROCK=<your key>');
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    expect(run.output()).not.toContain(DEMO_BEARER_TOKEN);
    const files = await Promise.all((await codexHomeFiles(world.codexHome)).filter((f) => f.endsWith('.toml')).map((f) => readFile(join(world.codexHome, f), 'utf8')));
    expect(files.length).toBe(3);
    // The record of the run (for restore and uninstall) and its copies of the files hold no secret either.
    const ours = join(world.codexHome, 'codex-bedrock-setup');
    const recorded = [join(ours, 'manifest.json'), ...(await readdir(join(ours, 'store'))).map((n) => join(ours, 'store', n))];
    for (const f of [...files, ...(await Promise.all(recorded.map((p) => readFile(p, 'utf8'))))]) expect(f).not.toContain(DEMO_BEARER_TOKEN);
    expect(files.join('\n')).not.toMatch(/profile = /);
  });

  it('diagnoses a denied model at the smoke test and recovers with "change model"', { timeout: 240_000 }, async () => {
    const allowed = ['openai.gpt-6-luna', 'openai.gpt-5.5', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b'];
    const denied = await startEmulator({ proxy: true });
    try {
      denied.update({ identities: [{ ...denied.state.identities[0], allow: { models: allowed } }] });
      const world = await makeWorld(denied);
      const run = start(world.env, world.root);
      await toAuth(run);
      await run.press(KEY.down, '❯ Existing AWS profile');
      await run.press(KEY.enter, '3/7 · Sign in: AWS profile');
      await run.press(KEY.enter, 'signed in as');
      await run.press(KEY.enter, '4/7 · Models');
      const failure = await modelsToSmoke(run, world.codexHome).then(
        () => {
          throw new Error('the smoke test passed for a denied model');
        },
        () => run.waitFor('Something went wrong'),
      );
      expect(failure).toMatch(/✗ /);
      expect(failure).toMatch(/why: /);
      expect(failure).toMatch(/fix: /);
      for (const choice of ['Retry', 'Change region', 'Change model', 'Back', 'Quit']) expect(failure).toContain(choice);
      await run.press(KEY.down, '❯ Change region');
      await run.press(KEY.down, '❯ Change model');
      await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
      await run.press(KEY.down, /❯ openai\.gpt-6-luna/);
      await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
      await run.press(KEY.enter, '❯ Write these files');
      await run.press(KEY.enter, '❯ Run the smoke test');
      await run.press(KEY.enter, '6/7 · Smoke test');
      const smoke = await run.waitFor('enter finish');
      expect(smoke).toContain('✓ bedrock-prod: openai.gpt-6-luna');
      expect(smoke).toContain('✓ bedrock-staging: openai.gpt-6-luna');
      await run.press(KEY.enter, '7/7 · Done');
      expect((await run.finish(KEY.enter)).exitCode).toBe(0);
      expect(await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8')).toContain('model = "openai.gpt-6-luna"');
    } finally {
      await denied.close();
    }
  });

  it('refuses to start without a terminal and points to --yes', async () => {
    const world = await makeWorld(emu);
    const r = await execa(process.execPath, [CLI], { env: world.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 30_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(r.stderr).not.toMatch(/Raw mode|\n\s+at /);
  });
});
