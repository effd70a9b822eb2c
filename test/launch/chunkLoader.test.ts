// The launcher's loader on real V8 (vm.Script and its code cache), with chunks and the cache kept in memory.
import { describe, expect, it } from 'vitest';
import { chunkLoader, type ChunkFiles, type CodeCacheStore } from '../../src/launch/chunkLoader.js';

function files(sources: Record<string, string>): ChunkFiles {
  return { dir: '/dist', path: (n) => `/dist/${n.slice(2)}`, url: (n) => `file:///dist/${n.slice(2)}`, source: (n) => sources[n] ?? (() => { throw new Error(`no ${n}`); })() };
}

function memoryStore(): CodeCacheStore & { data: Map<string, Buffer> } {
  const data = new Map<string, Buffer>();
  return { data, read: (n) => data.get(n), write: (n, d) => void data.set(n, d) };
}

// A function the top level does not run: it is compiled lazily, when the test calls it (as a first frame would).
const CHUNKS = {
  './bin.js': 'const lib = require("./lib.js"); module.exports = { total: () => lib.add(2, 3) + lib.count(), url: __cbs_url, sep: require("node:path").sep };',
  './lib.js': 'let n = 0; exports.add = function add(a, b) { n++; return a + b; }; exports.count = () => n;',
};

describe('chunkLoader', () => {
  it('runs a chunk and the chunks it requires once each, with its own URL and Node’s modules', () => {
    const loader = chunkLoader(files(CHUNKS), null, (id) => (id === 'node:path' ? { sep: '/' } : undefined));
    const bin = loader.require('./bin.js') as { total: () => number; url: string; sep: string };
    expect(bin.total()).toBe(6);
    expect(bin.total()).toBe(7);
    expect(loader.require('./lib.js')).toBe((loader.require('./lib.js') as object));
    expect(bin.url).toBe('file:///dist/bin.js');
    expect(bin.sep).toBe('/');
    expect(loader.stats).toMatchObject({ fromCache: 0, compiled: 2 });
  });

  it('lets a chunk that requires its requirer see the exports defined so far, as CommonJS does', () => {
    const loader = chunkLoader(files({ './a.js': 'exports.early = 1; const b = require("./b.js"); exports.seen = b.seen;', './b.js': 'exports.seen = require("./a.js").early;' }), null, () => undefined);
    expect((loader.require('./a.js') as { seen: number }).seen).toBe(1);
  });

  it('stores a cache for each chunk once asked, and a later start takes every chunk from it', () => {
    const store = memoryStore();
    const first = chunkLoader(files(CHUNKS), store, () => ({ sep: '/' }));
    (first.require('./bin.js') as { total: () => number }).total();
    expect(store.data.size).toBe(0);
    first.saveCaches();
    expect([...store.data.keys()].sort()).toEqual(['./bin.js', './lib.js']);
    first.saveCaches();
    expect(first.stats.written).toBe(2);

    const second = chunkLoader(files(CHUNKS), store, () => ({ sep: '/' }));
    expect((second.require('./bin.js') as { total: () => number }).total()).toBe(6);
    second.saveCaches();
    expect(second.stats).toEqual({ fromCache: 2, compiled: 0, rejected: 0, written: 0 });
  });

  it('compiles a chunk whose cache V8 refuses (another V8, a changed chunk) and stores a new one', () => {
    const store = memoryStore();
    store.data.set('./lib.js', Buffer.from('not a code cache at all, but long enough to be looked at by V8'));
    // Sources this isolate has not compiled yet: V8 would take an earlier test's from its own memory.
    const fresh = Object.fromEntries(Object.entries(CHUNKS).map(([n, s]) => [n, `${s}\n// refused`]));
    const loader = chunkLoader(files(fresh), store, () => ({ sep: '/' }));
    expect((loader.require('./bin.js') as { total: () => number }).total()).toBe(6);
    expect(loader.stats).toMatchObject({ fromCache: 0, compiled: 2, rejected: 1 });
    loader.saveCaches();
    expect(store.data.get('./lib.js')!.toString()).not.toContain('not a code cache');
  });

  it('gives a store that fails nothing to report: the chunk still runs and the next start compiles again', () => {
    const store: CodeCacheStore = { read: () => undefined, write: () => { throw new Error('ENOSPC'); } };
    const loader = chunkLoader(files(CHUNKS), store, () => ({ sep: '/' }));
    loader.require('./bin.js');
    expect(() => loader.saveCaches()).not.toThrow();
    expect(loader.stats.written).toBe(0);
  });
});
