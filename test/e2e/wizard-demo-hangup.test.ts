// A closed terminal (SIGHUP) must not leave the demo's temporary home behind: it holds fake credentials and a
// Codex config, and a new one is made on every run.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { demoToDone, KEY, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

/** The home the banner names: "Codex home /tmp/codex-bedrock-demo-XXXX/.codex". */
function demoRoot(run: PtyRun): string {
  const text = run.output().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r?\n/g, '');
  const m = /Codex home (\/\S*codex-bedrock-demo-[A-Za-z0-9]+)\/\.codex/.exec(text);
  expect(m, text).not.toBeNull();
  return m![1]!;
}

async function expectGone(run: PtyRun, root: string): Promise<void> {
  await run.exited;
  // The process may be gone a moment before its exit handler's removal is visible here.
  for (let i = 0; i < 20 && existsSync(root); i++) await new Promise((r) => setTimeout(r, 100));
  expect(existsSync(root), `${root} is left behind`).toBe(false);
}

describe('--demo and a closed terminal', () => {
  it.each([
    ['SIGHUP sent to the process', (run: PtyRun) => run.signal('SIGHUP')],
    ['the terminal itself closing', (run: PtyRun) => run.kill()],
  ])('%s on the region screen removes the temporary home', { timeout: 120_000 }, async (_name, hangUp) => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    const root = demoRoot(run);
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
    expect(existsSync(`${root}/.aws/credentials`)).toBe(true);
    hangUp(run);
    await expectGone(run, root);
  });

  it('SIGHUP on the Done screen, after files were written, removes it too', { timeout: 240_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    const root = demoRoot(run);
    await demoToDone(run);
    expect(existsSync(`${root}/.codex/bedrock-prod.config.toml`)).toBe(true);
    run.signal('SIGHUP');
    await expectGone(run, root);
  });
});
