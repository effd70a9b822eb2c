// The launcher's code cache, from the built dist/cli.js: made once, taken by the next start, kept in a folder
// only this user can use, and never in the way (off by Node's switch, ignored when it cannot be trusted).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from './helpers.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cbs-code-cache-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const ROOT = () => join(tmp, `codex-bedrock-setup-cache-${process.getuid!()}`);
/** The launcher's line on stderr at exit: which folder, and how many chunks came from the cache. */
function report(extra: Record<string, string> = {}, args = ['--help']) {
  const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: tmp, TMPDIR: tmp, LANG: 'C.UTF-8', CBS_CODE_CACHE_DEBUG: '1', ...extra };
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 20_000 });
  const m = /code cache (\S+): (\d+) from the cache, (\d+) compiled \((\d+) refused\), (\d+) written/.exec(r.stderr);
  if (!m) throw new Error(`no report in: ${r.stderr}`);
  return { stdout: r.stdout, status: r.status, dir: m[1], fromCache: +m[2]!, compiled: +m[3]!, refused: +m[4]!, written: +m[5]! };
}
describe('the code cache of dist/cli.js', () => {
  it('is made by a first start and taken whole by the next, in folders only this user can open', () => {
    const first = report();
    expect(first.stdout).toContain('Usage');
    expect(first).toMatchObject({ fromCache: 0, refused: 0 });
    expect(first.compiled).toBeGreaterThan(1);
    expect(first.written).toBe(first.compiled);
    expect(first.dir.startsWith(ROOT())).toBe(true);

    const second = report();
    expect(second.stdout).toBe(first.stdout);
    expect(second).toMatchObject({ fromCache: first.compiled, compiled: 0, written: 0 });

    expect(statSync(ROOT()).mode & 0o777).toBe(0o700);
    expect(statSync(second.dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(second.dir)) expect(statSync(join(second.dir, f)).mode & 0o777).toBe(0o600);
  });

  it('compiles again a chunk whose cache V8 refuses, and replaces it', () => {
    const { dir } = report();
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), Buffer.alloc(4096, 7));
    const after = report();
    expect(after.fromCache).toBe(0);
    expect(after.refused).toBe(after.compiled);
    expect(report()).toMatchObject({ compiled: 0, refused: 0 });
  });

  it('is not used when its folder can be written by others, or is a link to somewhere else', () => {
    mkdirSync(ROOT(), { mode: 0o700 });
    chmodSync(ROOT(), 0o777);
    const open = report();
    expect(open.dir).toBe('off');
    expect(open.stdout).toContain('Usage');
    expect(readdirSync(ROOT())).toEqual([]);

    rmSync(ROOT(), { recursive: true });
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, ROOT());
    expect(report().dir).toBe('off');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1, and nothing is written', () => {
    const off = report({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off).toMatchObject({ dir: 'off', fromCache: 0, written: 0 });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('removes another build’s folder left for more than a day when it makes its own, and keeps a recent one', () => {
    mkdirSync(join(ROOT(), 'old-build-v8-x'), { recursive: true, mode: 0o700 });
    mkdirSync(join(ROOT(), 'recent-build-v8-x'), { mode: 0o700 });
    const twoDaysAgo = Date.now() / 1000 - 2 * 24 * 3600;
    utimesSync(join(ROOT(), 'old-build-v8-x'), twoDaysAgo, twoDaysAgo);
    const { dir } = report();
    expect(readdirSync(ROOT()).sort()).toEqual([dir.slice(ROOT().length + 1), 'recent-build-v8-x'].sort());
  });
});
