// Ctrl-C (and SIGTERM) at every step of the wizard in a real pseudo-terminal: exit 130, the cursor shown again,
// raw mode off, and no half-written file in CODEX_HOME.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld } from './helpers.js';
import { KEY, SHOW_CURSOR, spawnCli, type PtyRun } from './pty.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
}, 60_000);
afterAll(() => emu?.close());

/** Each step: the text that shows it is on screen, then the key that leads on to the next one. */
const WALK: [step: string, shows: string | RegExp, next: string][] = [
  ['welcome', '1/7 · Welcome', KEY.enter],
  ['preflight', 'enter continue', KEY.enter],
  ['region', /❯ us-east-1 .* \d+ ms/, KEY.enter],
  ['auth', '❯ IAM Identity Center', KEY.down],
  ['auth (moved)', '❯ Existing AWS profile', KEY.enter],
  ['profile-pick', '3/7 · Sign in: AWS profile', KEY.enter],
  ['identity', 'signed in as', KEY.enter],
  ['models', 'Model for Codex profile bedrock-prod', KEY.enter],
  ['models (second profile)', 'Model for Codex profile bedrock-staging', KEY.enter],
  ['config', '❯ Write these files', KEY.enter],
  ['config-written', '❯ Run the smoke test', KEY.enter],
  ['smoke', '6/7 · Smoke test', ''],
  ['smoke passed', 'enter finish', KEY.enter],
  ['done', '7/7 · Done', ''],
];

async function walkTo(run: PtyRun, index: number): Promise<void> {
  await run.waitFor(WALK[0][1]);
  for (let i = 1; i <= index; i++) {
    const [, , key] = WALK[i - 1];
    if (key) await run.press(key, WALK[i][1]);
    else await run.waitFor(WALK[i][1]);
  }
}

async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /cbs-tmp|\.tmp$|~$/.test(f));
}

describe('interrupting the wizard in a real terminal', () => {
  it.each(WALK.map((w, i) => [w[0], i] as const))('Ctrl-C at %s exits 130 with the terminal restored', { timeout: 180_000 }, async (_name, index) => {
    const world = await makeWorld(emu);
    const run = spawnCli([], { env: world.env, cwd: world.root });
    try {
      await walkTo(run, index);
      const { exitCode } = await run.finish(KEY.ctrlC);
      // On the last screen setup is complete: leaving it by Ctrl-C is a success (wizard-ending.test.ts shows what stays).
      expect(exitCode, run.screen.text()).toBe(WALK[index]![0] === 'done' ? 0 : 130);
      expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);
      expect(run.screen.cursorVisible).toBe(true);
      expect(run.output()).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(await leftovers(world.codexHome)).toEqual([]);
    } finally {
      run.kill();
    }
  });

  it('SIGTERM during the smoke test exits 130 with the cursor shown', { timeout: 180_000 }, async () => {
    const world = await makeWorld(emu);
    const run = spawnCli([], { env: world.env, cwd: world.root });
    try {
      await walkTo(run, WALK.findIndex((w) => w[0] === 'smoke'));
      run.signal('SIGTERM');
      const { exitCode } = await run.exited;
      expect(exitCode).toBe(130);
      expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);
      expect(await leftovers(world.codexHome)).toEqual([]);
    } finally {
      run.kill();
    }
  });
});
