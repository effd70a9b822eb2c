import { describe, expect, it } from 'vitest';
import { codeCacheDirs, trustedCacheFolder, type DirStat } from '../../src/launch/cacheDir.js';

const base = { env: {}, tmpdir: '/tmp', uid: 1000, build: 'abc123', v8: '11.3.244.8-node.38', arch: 'x64' };

describe('codeCacheDirs', () => {
  it('keeps a folder per user in the temp folder, and one per build, V8 and architecture inside it', () => {
    expect(codeCacheDirs(base)).toEqual({ root: '/tmp/codex-bedrock-setup-cache-1000', dir: '/tmp/codex-bedrock-setup-cache-1000/abc123-v8-11.3.244.8-node.38-x64' });
  });

  it('names no user on Windows, whose temp folder is already the user’s own', () => {
    expect(codeCacheDirs({ ...base, uid: undefined })?.root).toBe('/tmp/codex-bedrock-setup-cache');
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1, Node’s own switch', () => {
    expect(codeCacheDirs({ ...base, env: { NODE_DISABLE_COMPILE_CACHE: '1' } })).toBeNull();
    expect(codeCacheDirs({ ...base, env: { NODE_DISABLE_COMPILE_CACHE: '0' } })).not.toBeNull();
  });

  it('never lets a version string climb out of the folder', () => {
    expect(codeCacheDirs({ ...base, v8: '../../etc' })?.dir).toBe('/tmp/codex-bedrock-setup-cache-1000/abc123-v8-.._.._etc-x64');
  });
});

describe('trustedCacheFolder', () => {
  const stat = (over: Partial<{ dir: boolean; link: boolean; uid: number; mode: number }> = {}): DirStat => {
    const s = { dir: true, link: false, uid: 1000, mode: 0o40700, ...over };
    return { isDirectory: () => s.dir, isSymbolicLink: () => s.link, uid: s.uid, mode: s.mode };
  };

  it('trusts our own folder that only we can read and write', () => {
    expect(trustedCacheFolder(stat(), 1000)).toBe(true);
  });

  it('refuses a folder another user made, one others can write or read, a symbolic link, or a file', () => {
    expect(trustedCacheFolder(stat({ uid: 1001 }), 1000)).toBe(false);
    expect(trustedCacheFolder(stat({ mode: 0o40777 }), 1000)).toBe(false);
    expect(trustedCacheFolder(stat({ mode: 0o40755 }), 1000)).toBe(false);
    expect(trustedCacheFolder(stat({ link: true }), 1000)).toBe(false);
    expect(trustedCacheFolder(stat({ dir: false }), 1000)).toBe(false);
  });

  it('on Windows (no user ids) asks only for a real folder', () => {
    expect(trustedCacheFolder(stat({ uid: 0, mode: 0o40777 }), undefined)).toBe(true);
    expect(trustedCacheFolder(stat({ link: true }), undefined)).toBe(false);
  });
});
