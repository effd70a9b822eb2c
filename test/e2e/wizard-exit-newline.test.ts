// The last thing the wizard prints ends its line: the shell's prompt after it starts a line of its own, also when
// the frame before filled the terminal (then Ink writes a frame without its closing newline).
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { KEY, SHOW_CURSOR, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

const STOPPED = 'Stopped. Nothing more was written.';

/**
 * Quits at the checks screen and prints a prompt where the cursor is, as a shell does. (Not at the welcome
 * screen: a Ctrl-C before the other screens have loaded leaves no exit text at all.)
 */
async function quitThenPrompt(cols: number, rows: number): Promise<string[]> {
  const run = spawnCli(['--demo'], { env: isolatedEnv(), cols, rows });
  runs.push(run);
  await run.waitFor('1/7 · Welcome');
  await run.press(KEY.enter, '1/7 · Checks');
  const { exitCode } = await run.finish(KEY.ctrlC);
  expect(exitCode).toBe(130);
  // node-pty can report the exit before the last bytes are read: the cursor is shown again last of all.
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && run.output().lastIndexOf(SHOW_CURSOR) < run.output().lastIndexOf(STOPPED)) await new Promise((r) => setTimeout(r, 20));
  run.screen.write('$ ');
  return run.screen.lines().map((l) => l.trimEnd());
}

describe('the exit message', () => {
  it('after a frame as tall as the terminal, it is on its own line and the prompt on the next', { timeout: 60_000 }, async () => {
    // 8 rows: the wizard's smallest frame (title, margins, four body rows, hints) is taller than that.
    const lines = await quitThenPrompt(60, 8);
    const at = lines.findIndex((l) => l.includes(STOPPED));
    expect(at, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines[at]).toBe(STOPPED);
    expect(lines[at + 1]).toBe('$');
  });

  it('after a frame shorter than the terminal, no blank line is added before the prompt', { timeout: 60_000 }, async () => {
    const lines = await quitThenPrompt(80, 24);
    const at = lines.findIndex((l) => l.includes(STOPPED));
    expect(at, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines[at]).toBe(STOPPED);
    expect(lines[at + 1]).toBe('$');
  });
});
