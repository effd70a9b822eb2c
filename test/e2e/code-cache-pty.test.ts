// The wizard tells the launcher when its first frame is out: the code cache is made then, while the welcome
// screen waits for a key, so what that frame compiled is in it (a cache made at exit would hold much more).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { KEY, spawnCli } from './pty.js';

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

it('writes the code cache of the first frame’s chunks while the welcome screen is still up', async () => {
  tmp = mkdtempSync(join(tmpdir(), 'cbs-code-cache-pty-'));
  const root = join(tmp, `codex-bedrock-setup-cache-${process.getuid!()}`);
  const run = spawnCli([], { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: tmp, TMPDIR: tmp, LANG: 'C.UTF-8' } });
  await run.waitFor('Welcome');
  const deadline = Date.now() + 10_000;
  const cached = () => (existsSync(root) ? readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.cache')) : []);
  while (!cached().some((f) => f.endsWith('bin.js.cache')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const during = cached();
  expect(during.some((f) => f.endsWith('/bin.js.cache'))).toBe(true);
  expect(during.some((f) => /\/wizard-\w+\.js\.cache$/.test(f))).toBe(true);
  expect(run.screen.text()).toContain('Welcome');
  await run.finish(KEY.ctrlC);
});
