// NO_COLOR, CI and a resize in a real pseudo-terminal, on the --demo path.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { COLOUR_SGR, demoToDone, KEY, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

describe('--demo with NO_COLOR, under CI', () => {
  it('writes no colour escapes under NO_COLOR, and survives a resize', { timeout: 240_000 }, async () => {
    // CI systems export CI, which puts Ink in its draw-at-exit mode: the wizard must draw anyway.
    const run = spawnCli(['--demo'], { env: isolatedEnv({ NO_COLOR: '1', CI: 'true' }) });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    run.resize(100, 30);
    run.resize(80, 24);
    const done = await demoToDone(run);
    // The frame is redrawn whole: its title is on screen once.
    expect(done.match(/codex-bedrock-setup · 7\/7 · Done/g)).toHaveLength(1);
    expect((await run.finish(KEY.enter)).exitCode).toBe(0);
    expect(run.output()).not.toMatch(COLOUR_SGR);
    expect(run.output()).toContain('✓');
  });
});
