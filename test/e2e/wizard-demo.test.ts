// `--demo` in a real pseudo-terminal (the emulator in direct mode, a throwaway home).
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { COLOUR_SGR, demoToDone, KEY, spawnCli, type PtyRun } from './pty.js';


const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));


describe('--demo in a real terminal', () => {
  it('runs to done against the built-in emulator', { timeout: 240_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    const done = await demoToDone(run);
    expect(done).toMatch(/^\s*codex --profile bedrock-prod$/m);
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    // Colour is on by default in a terminal.
    expect(run.output()).toMatch(COLOUR_SGR);
  });

  it("takes the API-key path outside us-east-1: the demo offers the chosen region's key, and the smoke test passes", { timeout: 240_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
    await run.press(KEY.down, /❯ us-east-2 /);
    await run.press(KEY.down, /❯ us-west-2 /);
    await run.press(KEY.enter, '❯ IAM Identity Center');
    await run.press(KEY.down, '❯ Existing AWS profile');
    await run.press(KEY.down, '❯ Bedrock API key');
    const keyScreen = await run.press(KEY.enter, "❯ Use the demo's key for us-west-2");
    expect(keyScreen.replace(/\s+/g, ' ')).toContain('this one is for us-west-2.');
    await run.press(KEY.enter, 'Codex will use');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
    await run.press(KEY.enter, '❯ Write these files');
    await run.press(KEY.enter, '❯ Run the smoke test');
    const smoke = await run.press(KEY.enter, 'enter finish');
    expect(smoke).not.toMatch(/API key was rejected|issued for another region/);
    await run.press(KEY.enter, '7/7 · Done');
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    expect(run.output()).not.toContain('emulator-demo');
  });
});
