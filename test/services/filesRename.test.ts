// Windows, simulated: replacing a config file that another program holds open fails for a moment with
// EPERM/EBUSY. The atomic write retries briefly, then gives the user a sentence, never a half-written file.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, type FsLike } from '../../src/services/files.js';

/** Real files, but the first `busy` renames onto the target fail with `code`, as on Windows while the file is open. */
function heldOpen(code: string, busy: number): { fs: FsLike; attempts: () => number } {
  let attempts = 0;
  const fs: FsLike = {
    ...fsp,
    rename: (async (from: string, to: string) => {
      attempts++;
      if (attempts <= busy) throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code });
      return fsp.rename(from, to);
    }) as typeof fsp.rename,
  };
  return { fs, attempts: () => attempts };
}

async function fileWith(text: string): Promise<string> {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'cbs-rename-'));
  const p = join(dir, 'config.toml');
  await fsp.writeFile(p, text);
  return p;
}

const temps = async (p: string) => (await fsp.readdir(join(p, '..'))).filter((n) => n.includes('.cbs-tmp-'));

describe('atomic replace of a file held open (Windows, simulated)', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])('retries a rename refused with %s and then replaces the file', async (code) => {
    const p = await fileWith('old\n');
    const seam = heldOpen(code, 3);
    await writeFileAtomic(p, 'new\n', { fs: seam.fs, backup: false, platform: 'win32' });
    expect(await fsp.readFile(p, 'utf8')).toBe('new\n');
    expect(seam.attempts()).toBe(4);
    expect(await temps(p)).toEqual([]);
  });

  it('gives up after a bounded number of tries: the old file stays, the temp is removed, the error is a sentence', async () => {
    const p = await fileWith('old\n');
    const seam = heldOpen('EBUSY', Infinity);
    const err = await writeFileAtomic(p, 'new\n', { fs: seam.fs, backup: false, platform: 'win32' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toContain(p);
    expect(err!.message).not.toMatch(/\n\s+at /);
    expect(seam.attempts()).toBe(7);
    expect(await fsp.readFile(p, 'utf8')).toBe('old\n');
    expect(await temps(p)).toEqual([]);
  });

  it('does not retry on Linux or macOS, where EPERM on rename is a real permission problem', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const p = await fileWith('old\n');
      const seam = heldOpen('EPERM', 1);
      await expect(writeFileAtomic(p, 'new\n', { fs: seam.fs, backup: false, platform })).rejects.toThrow();
      expect(seam.attempts()).toBe(1);
      expect(await fsp.readFile(p, 'utf8')).toBe('old\n');
    }
  });
});
