// The one process runner: exactly the environment given (the capture strips credentials from it), the
// folder given, every line as it comes, and failures to start as results, never a hang or a throw.
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBounded, startBounded } from '../../src/services/proc.js';

describe('runBounded', () => {
  it('passes exactly the environment given: nothing of ours leaks in (a credential in process.env stays out)', async () => {
    process.env.CBS_PROC_TEST_SECRET = 'must-not-reach-the-child';
    try {
      const r = await runBounded('/usr/bin/env', [], { env: { ONLY: 'this' }, timeoutMs: 10_000 });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('ONLY=this\n');
    } finally {
      delete process.env.CBS_PROC_TEST_SECRET;
    }
  });

  it('runs in the folder given and reports every line, stdout and stderr, including a last one without a newline', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cbs-proc-')));
    const lines: string[] = [];
    const r = await runBounded('/bin/sh', ['-c', 'pwd; echo err >&2; printf tail'], { env: { PATH: '/usr/bin:/bin' }, cwd: dir, timeoutMs: 10_000, onLine: (l) => lines.push(l) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${dir}\ntail`);
    expect(r.stderr).toBe('err\n');
    expect(lines.sort()).toEqual([dir, 'err', 'tail'].sort());
  });

  it('a character split across two reads reaches onLine whole', async () => {
    const lines: string[] = [];
    // "é" is c3 a9: the first byte, a pause, the second.
    await runBounded('/bin/sh', ['-c', "printf 'caf\\303'; sleep 0.2; printf '\\251\\n'"], { env: { PATH: '/usr/bin:/bin' }, timeoutMs: 10_000, onLine: (l) => lines.push(l) });
    expect(lines).toEqual(['café']);
  });

  it('a program that cannot start, a missing folder and an argument with a NUL byte are results with an error', async () => {
    const missing = await runBounded('/nonexistent/aws', ['--version'], { env: {}, timeoutMs: 5_000 });
    expect(missing).toMatchObject({ exitCode: null, timedOut: false, error: { code: 'ENOENT' } });
    const noCwd = await runBounded('/bin/echo', ['hi'], { env: {}, cwd: '/nonexistent-folder', timeoutMs: 5_000 });
    expect(noCwd.error?.code).toBe('ENOENT');
    const nul = await runBounded('/bin/echo', ['a\0b'], { env: {}, timeoutMs: 5_000 });
    expect(nul.exitCode).toBeNull();
    expect(nul.error?.message).toMatch(/null bytes/);
  });

  it('kill() ends the program before its deadline, and done settles', async () => {
    const t0 = Date.now();
    const running = startBounded('/bin/sh', ['-c', 'trap "" TERM; sleep 30'], { env: { PATH: '/usr/bin:/bin' }, timeoutMs: 60_000 });
    setTimeout(() => running.kill(), 200);
    const r = await running.done;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.timedOut).toBe(false);
    expect(r.exitCode === null || r.signal === 'SIGKILL').toBe(true);
  });

  it('kill() before the runner has loaded still ends the program', async () => {
    const running = startBounded('/bin/sleep', ['30'], { env: {}, timeoutMs: 60_000 });
    running.kill();
    const r = await running.done;
    expect(r.signal).toBe('SIGKILL');
  });
});
