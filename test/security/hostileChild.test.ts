// Child processes under a deadline: the whole tree dies, no wait outlives the program, output is capped.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCodexDoctorProcess } from '../../src/services/codexCli.js';
import { runBounded } from '../../src/services/proc.js';

/** Running, not a zombie waiting for a parent that is gone (PID 1 in a container may never reap it). */
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

async function pidFrom(file: string): Promise<number> {
  for (let i = 0; i < 50 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
  return Number(readFileSync(file, 'utf8').trim());
}

describe('bounded child processes', () => {
  it('a timeout kills the wrapper and the program it started (npm codex is a Node wrapper around the binary)', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'cbs-tree-')), 'pid');
    const t0 = Date.now();
    // The "binary" ignores SIGTERM and holds our pipes, as a stuck native process would.
    const run = await runCodexDoctorProcess('/bin/sh', ['-c', `sh -c 'trap "" TERM; echo $$ > ${pidFile}; sleep 30' & wait`], { PATH: '/usr/bin:/bin' }, 300);
    expect(run.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3_000);
    const grandchild = await pidFrom(pidFile);
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(grandchild)).toBe(false);
  });

  it('does not wait for pipes a left-behind grandchild holds after the program exits', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'cbs-orphan-')), 'pid');
    const t0 = Date.now();
    const r = await runBounded('/bin/sh', ['-c', `sh -c 'echo $$ > ${pidFile}; sleep 30' & echo done`], { env: { PATH: '/usr/bin:/bin' }, timeoutMs: 20_000 });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('done\n');
    process.kill(await pidFrom(pidFile), 'SIGKILL');
  });

  it('keeps output up to the cap and drains the rest', async () => {
    const r = await runBounded('/bin/sh', ['-c', 'head -c 50000000 /dev/zero; echo tail >&2'], { env: { PATH: '/usr/bin:/bin' }, timeoutMs: 20_000, maxBytes: 1024 * 1024 });
    expect(r.exitCode).toBe(0);
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(1024 * 1024);
    expect(r.stderr).toBe('tail\n');
  });
});
