import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cleanStaleTemps, hashText, readTextFile, writeFileAtomic, type FsLike } from '../../src/services/files.js';
import { ServiceError } from '../../src/services/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'cbs-files-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function expectConfigError(p: Promise<unknown>, re: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  expect((e as ServiceError).failure.kind).toBe('config');
  expect((e as ServiceError).message).toMatch(re);
}

describe('readTextFile', () => {
  it('reports a missing file', async () => {
    expect(await readTextFile(join(dir, 'missing.toml'))).toEqual({ text: '', exists: false, mtimeMs: null, size: 0, hash: null });
  });

  it('reads text with its hash', async () => {
    const p = join(dir, 'a.toml');
    await fsp.writeFile(p, 'a = "é"\n');
    const s = await readTextFile(p);
    expect(s).toMatchObject({ text: 'a = "é"\n', exists: true, size: 9, hash: hashText(Buffer.from('a = "é"\n')) });
  });

  it('refuses a directory, invalid UTF-8 and a symlink that leaves the folder', async () => {
    await fsp.mkdir(join(dir, 'adir.toml'));
    await expectConfigError(readTextFile(join(dir, 'adir.toml')), /is a directory/);
    await fsp.writeFile(join(dir, 'latin1.toml'), Buffer.from([0x61, 0x3d, 0xe9, 0x0a]));
    await expectConfigError(readTextFile(join(dir, 'latin1.toml')), /not valid UTF-8/);
    const sub = join(dir, 'home');
    await fsp.mkdir(sub);
    await fsp.writeFile(join(dir, 'outside.toml'), 'x = 1\n');
    await fsp.symlink(join(dir, 'outside.toml'), join(sub, 'config.toml'));
    await expectConfigError(readTextFile(join(sub, 'config.toml')), new RegExp(`symbolic link to ${join(dir, 'outside.toml')}`));
    // Inside the allowed root it is followed, and writing keeps the link.
    await fsp.symlink('../outside.toml', join(sub, 'ok.toml'));
    expect((await readTextFile(join(sub, 'ok.toml'), { root: dir })).text).toBe('x = 1\n');
    await writeFileAtomic(join(sub, 'ok.toml'), 'x = 2\n', { root: dir, backup: false });
    expect((await fsp.lstat(join(sub, 'ok.toml'))).isSymbolicLink()).toBe(true);
    expect(await fsp.readFile(join(dir, 'outside.toml'), 'utf8')).toBe('x = 2\n');
  });
});

describe('writeFileAtomic', () => {
  it('creates a new file only when it must not exist, with mode 600', async () => {
    const p = join(dir, 'new', 'config.toml');
    const r = await writeFileAtomic(p, 'a = 1\n', { expectedHash: null });
    expect(r).toEqual({ path: p, backupPath: null });
    expect(await fsp.readFile(p, 'utf8')).toBe('a = 1\n');
    expect((await fsp.stat(p)).mode & 0o777).toBe(0o600);
    await expectConfigError(writeFileAtomic(p, 'b = 2\n', { expectedHash: null }), /was created since it was read/);
  });

  it('backs up, keeps mode bits, and refuses a file changed since it was read', async () => {
    const p = join(dir, 'keep.toml');
    await fsp.writeFile(p, 'old\n');
    await fsp.chmod(p, 0o640);
    const snap = await readTextFile(p);
    const r = await writeFileAtomic(p, 'new\n', { expectedHash: snap.hash, now: () => new Date(2026, 4, 7, 8, 9, 10) });
    expect(r.backupPath).toBe(`${p}.bak-20260507-080910`);
    expect(await fsp.readFile(r.backupPath!, 'utf8')).toBe('old\n');
    expect(await fsp.readFile(p, 'utf8')).toBe('new\n');
    expect((await fsp.stat(p)).mode & 0o7777).toBe(0o640);
    // Same second again: a distinct backup name.
    const again = await writeFileAtomic(p, 'newer\n', { now: () => new Date(2026, 4, 7, 8, 9, 10) });
    expect(again.backupPath).toBe(`${p}.bak-20260507-080910-1`);
    await fsp.writeFile(p, 'edited by someone else\n');
    await expectConfigError(writeFileAtomic(p, 'mine\n', { expectedHash: snap.hash }), /changed since it was read/);
    expect(await fsp.readFile(p, 'utf8')).toBe('edited by someone else\n');
    expect((await fsp.readdir(dir)).filter((n) => n.includes('.cbs-tmp-'))).toEqual([]);
  });

  it('cleans temp files of dead processes only', async () => {
    const sub = await fsp.mkdtemp(join(dir, 'stale-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await fsp.writeFile(join(sub, `.config.toml.cbs-tmp-${dead}-abc123`), 'partial');
    await fsp.writeFile(join(sub, `.config.toml.cbs-tmp-${process.pid}-def456`), 'in progress');
    await writeFileAtomic(join(sub, 'config.toml'), 'a = 1\n');
    const names = await fsp.readdir(sub);
    expect(names).not.toContain(`.config.toml.cbs-tmp-${dead}-abc123`);
    expect(names).toContain(`.config.toml.cbs-tmp-${process.pid}-def456`);
  });

  it('maps EACCES, EROFS and ENOSPC to sentences and leaves the file alone (fs seam)', async () => {
    const p = join(dir, 'seam.toml');
    await fsp.writeFile(p, 'orig\n');
    for (const [code, re] of [
      ['EACCES', /permission denied.*chown or chmod/],
      ['EROFS', /read-only file system/],
      ['ENOSPC', /no space left/],
    ] as const) {
      const failing: FsLike = {
        ...fsp,
        open: (async (...args: Parameters<typeof fsp.open>) => {
          if (String(args[0]).includes('.cbs-tmp-')) throw Object.assign(new Error(code), { code });
          return fsp.open(...args);
        }) as typeof fsp.open,
      };
      await expectConfigError(writeFileAtomic(p, 'new\n', { fs: failing, backup: false }), re);
      expect(await fsp.readFile(p, 'utf8')).toBe('orig\n');
    }
  });

  it('on a full or read-only tmpfs: clear error, original intact, no temp left', async () => {
    const mnt = await fsp.mkdtemp(join(dir, 'mnt-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status === 0;
    // Without mount rights, the seam test above covers the mapping.
    if (!mounted) return;
    try {
      const p = join(mnt, 'config.toml');
      await fsp.writeFile(p, 'orig\n');
      await expectConfigError(writeFileAtomic(p, 'x'.repeat(200_000), { backup: false }), /no space left/);
      expect(await fsp.readFile(p, 'utf8')).toBe('orig\n');
      expect((await fsp.readdir(mnt)).filter((n) => n.includes('.cbs-tmp-'))).toEqual([]);
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      await expectConfigError(writeFileAtomic(p, 'new\n', { backup: false }), /read-only file system/);
      expect(await fsp.readFile(p, 'utf8')).toBe('orig\n');
    } finally {
      spawnSync('umount', [mnt]);
    }
  });

  it('survives SIGKILL at random moments: the file is always the old or the new content', async () => {
    const work = await fsp.mkdtemp(join(dir, 'crash-'));
    const child = join(work, 'child.mjs');
    await build({
      stdin: {
        contents: `import { writeFileAtomic } from ${JSON.stringify(join(process.cwd(), 'src/services/files.ts'))};
          const [path, a, b] = [process.argv[2], 'A'.repeat(2_000_000) + '\\n', 'B'.repeat(3_000_000) + '\\n'];
          for (let i = 0; ; i++) { await writeFileAtomic(path, i % 2 ? a : b, { backup: false }); if (i === 0) process.stdout.write('ready\\n'); }`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'silent',
    });
    const target = join(work, 'config.toml');
    const valid = new Set(['A'.repeat(2_000_000) + '\n', 'B'.repeat(3_000_000) + '\n']);
    for (let k = 0; k < 30; k++) {
      const proc = spawn(process.execPath, [child, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((res) => proc.stdout.once('data', () => res()));
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 60)));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      expect(valid.has(await fsp.readFile(target, 'utf8'))).toBe(true);
    }
    // Killed writers may leave temp files; the next run removes exactly those.
    const left = (await fsp.readdir(work)).filter((n) => n.includes('.cbs-tmp-'));
    expect((await cleanStaleTemps(work)).sort()).toEqual(left.sort());
    expect((await fsp.readdir(work)).filter((n) => n.includes('.cbs-tmp-'))).toEqual([]);
  }, 120_000);
});
