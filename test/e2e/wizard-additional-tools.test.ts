// The wizard in a real pseudo-terminal against an emulator that refuses Codex 0.171's `additional_tools` item:
// the smoke test replays the real Codex's request, the failure screen diagnoses it, the fix is shown as a diff
// and written, the re-run passes, and the real `codex exec` then completes a turn. With an emulator that accepts
// the item, the same keystrokes reach done with no fix written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestShape } from '../../src/core/codexRequest.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { AdditionalToolsMode } from '../../src/emulator/state.js';
import { makeWorld, runCodexExec, type World } from './helpers.js';
import { KEY, spawnCli, type PtyRun } from './pty.js';

const emulators: Emulator[] = [];
const runs: PtyRun[] = [];
afterAll(async () => {
  runs.forEach((r) => r.kill());
  await Promise.all(emulators.map((e) => e.close()));
});

async function setupWorld(mode: AdditionalToolsMode): Promise<{ emu: Emulator; world: World; run: PtyRun }> {
  const emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 30, interTokenMs: 3 } });
  emulators.push(emu);
  emu.update({ additionalTools: mode });
  const world = await makeWorld(emu);
  const run = spawnCli([], { env: world.env, cwd: world.root });
  runs.push(run);
  return { emu, world, run };
}

/** Welcome → existing profile → suggested models → write → the smoke test starts. */
async function toSmoke(run: PtyRun): Promise<void> {
  await run.waitFor('1/7 · Welcome');
  await run.press(KEY.enter, /✓ Codex CLI 0\.171\.0/);
  await run.press(KEY.enter, '2/7 · Region');
  await run.waitFor(/❯ us-east-1 .* \d+ ms/);
  await run.press(KEY.enter, '3/7 · Sign in');
  await run.press(KEY.down, '❯ Existing AWS profile');
  await run.press(KEY.enter, '3/7 · Sign in: AWS profile');
  await run.press(KEY.enter, 'signed in as');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  const config = await run.press(KEY.enter, '❯ Write these files');
  // The emulator refuses hosted tools by default: the live probe says so on the config screen.
  expect(config).toContain('web_search = "disabled": us-east-1 refused Codex\'s hosted');
  await run.press(KEY.enter, '❯ Run the smoke test');
  await run.press(KEY.enter, '6/7 · Smoke test');
}

const turns = (emu: Emulator) => emu.requests.filter((r) => r.path === '/openai/v1/responses');

describe('the wizard and an endpoint that refuses additional_tools', () => {
  it('diagnoses the refusal, writes the fix after showing the diff, and the real Codex then completes a turn', { timeout: 240_000 }, async () => {
    const { emu, world, run } = await setupWorld('invalid-input');
    await toSmoke(run);
    const failure = await run.waitFor('Something went wrong');
    expect(failure).toContain('Bedrock refused the tools of Codex >= 0.171');
    expect(failure).toMatch(/❯ Fix bedrock-prod: \[features\] incremental_tools_legacy = false/);
    const refused = turns(emu).at(-1)!;
    expect([refused.status, requestShape(refused.body).additionalTools, refused.headers['x-amzn-mantle-client-agent']]).toEqual([400, true, 'codex']);
    expect(await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8')).not.toContain('incremental_tools_legacy');

    await run.press(KEY.enter, 'Smoke test: fix the profile');
    const fix = await run.waitFor('❯ Write it (a backup is kept) and re-run the smoke test');
    expect(fix).toContain('+[features]');
    expect(fix).toContain('+incremental_tools_legacy = false');
    expect(await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8')).not.toContain('incremental_tools_legacy');
    await run.press(KEY.enter, '6/7 · Smoke test');
    // bedrock-prod passes with its fix; bedrock-staging, tested next with its own file, is refused the same way.
    const second = await run.waitFor('Something went wrong');
    expect(second).toContain('Smoke test 2 of 2: bedrock-staging');
    expect(second).toMatch(/❯ Fix bedrock-staging: \[features\] incremental_tools_legacy = false/);
    await run.press(KEY.enter, 'Smoke test: fix the profile');
    await run.waitFor('❯ Write it (a backup is kept) and re-run the smoke test');
    await run.press(KEY.enter, '6/7 · Smoke test');
    const smoke = await run.waitFor('enter finish');
    expect(smoke).toContain('request: replayed from Codex 0.171.0');
    expect(smoke).toContain("✓ Codex's request works for both profiles");
    // Each profile: refused with the item, passed without it; bedrock-prod was not tested again for bedrock-staging's fix.
    const models = turns(emu)
      .filter((t) => !t.body.includes('Reply with the word ok.'))
      .map((t) => [(JSON.parse(t.body) as { model: string }).model, t.status, requestShape(t.body).additionalTools]);
    expect(models).toEqual([
      ['openai.gpt-6.1-sol', 400, true],
      ['openai.gpt-6.1-sol', 200, false],
      ['openai.gpt-6-luna', 400, true],
      ['openai.gpt-6-luna', 200, false],
    ]);
    expect(await readFile(join(world.codexHome, 'bedrock-staging.config.toml'), 'utf8')).toMatch(/^\[features\]\nincremental_tools_legacy = false$/m);
    await run.press(KEY.enter, '7/7 · Done');
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);

    const profile = await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8');
    expect(profile).toMatch(/^\[features\]\nincremental_tools_legacy = false$/m);
    const before = turns(emu).length;
    const codex = await runCodexExec(world, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
    const codexTurn = turns(emu).slice(before)[0]!;
    expect([codexTurn.status, requestShape(codexTurn.body).additionalTools]).toEqual([200, false]);
  });

  it('with an endpoint that accepts the item, passes with Codex 0.171\'s own request and writes no fix', { timeout: 240_000 }, async () => {
    const { emu, world, run } = await setupWorld('accept');
    await toSmoke(run);
    const smoke = await run.waitFor('enter finish');
    expect(smoke).toContain('request: replayed from Codex 0.171.0');
    expect(requestShape(turns(emu).at(-1)!.body).additionalTools).toBe(true);
    await run.press(KEY.enter, '7/7 · Done');
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    expect(await readFile(join(world.codexHome, 'bedrock-prod.config.toml'), 'utf8')).not.toContain('incremental_tools_legacy');
    const codex = await runCodexExec(world, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
  });
});
