// `--demo` in a real pseudo-terminal (the emulator in direct mode, a throwaway home), with NO_COLOR and a resize.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { COLOUR_SGR, KEY, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

async function demoToDone(run: PtyRun): Promise<string> {
  await run.waitFor('1/7 · Welcome');
  await run.press(KEY.enter, 'enter continue');
  await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
  await run.press(KEY.enter, '❯ IAM Identity Center');
  await run.press(KEY.down, '❯ Existing AWS profile');
  await run.press(KEY.enter, /❯ demo\s+\[keys\]/);
  await run.press(KEY.enter, 'signed in as arn:aws:iam::123456789012:user/demo');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  await run.press(KEY.enter, '❯ Write these files');
  await run.press(KEY.enter, '❯ Run the smoke test');
  await run.press(KEY.enter, 'enter finish');
  return run.press(KEY.enter, '7/7 · Done');
}

describe('--demo in a real terminal', () => {
  it('runs to done against the built-in emulator', { timeout: 240_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    const done = await demoToDone(run);
    expect(done).toMatch(/^codex --profile bedrock-prod$/m);
    run.write(KEY.enter);
    expect((await run.exited).exitCode).toBe(0);
    // Colour is on by default in a terminal.
    expect(run.output()).toMatch(COLOUR_SGR);
  });

  it('writes no colour escapes under NO_COLOR, and survives a resize', { timeout: 240_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv({ NO_COLOR: '1' }) });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    run.resize(100, 30);
    run.resize(80, 24);
    const done = await demoToDone(run);
    // The frame is redrawn whole: its title is on screen once.
    expect(done.match(/codex-bedrock-setup · 7\/7 · Done/g)).toHaveLength(1);
    run.write(KEY.enter);
    expect((await run.exited).exitCode).toBe(0);
    expect(run.output()).not.toMatch(COLOUR_SGR);
    expect(run.output()).toContain('✓');
  });
});
