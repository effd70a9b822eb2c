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
});
