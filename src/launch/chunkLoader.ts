// Runs the CLI's chunks (CommonJS scripts made from esbuild's ES module chunks at build time) with vm.Script, so
// that V8's code cache can be given to each: Node 20 has no compile cache for ES modules, and a cache made once
// the first frame is drawn holds the functions that frame ran too, not only the top level.
import { Script } from 'node:vm';

/** The wrapper every chunk runs in: CommonJS's, plus the chunk's own file URL (import.meta.url at build time). */
const HEAD = '(function (exports, require, module, __filename, __dirname, __cbs_url) {';
const TAIL = '\n})';

export interface ChunkFiles {
  /** The chunk's source (a relative name from the dist folder, "./chunk-X.js"). */
  source(name: string): string;
  path(name: string): string;
  url(name: string): string;
  dir: string;
}

export interface CodeCacheStore {
  read(name: string): Buffer | undefined;
  write(name: string, data: Buffer): void;
}

export interface LoaderStats {
  fromCache: number;
  compiled: number;
  rejected: number;
  written: number;
}

interface Loaded {
  name: string;
  script: Script;
  /** No cache was given, or V8 refused it (another V8, other flags): one is made for the next start. */
  wantsCache: boolean;
}

export function chunkLoader(files: ChunkFiles, store: CodeCacheStore | null, external: (id: string) => unknown) {
  const modules = new Map<string, { exports: unknown }>();
  const loaded: Loaded[] = [];
  const stats: LoaderStats = { fromCache: 0, compiled: 0, rejected: 0, written: 0 };

  function load(name: string): unknown {
    const known = modules.get(name);
    if (known) return known.exports;
    const module = { exports: {} as unknown };
    // Before running it, as Node does: a cycle between chunks sees the exports defined so far.
    modules.set(name, module);
    const cachedData = store?.read(name);
    const script = new Script(HEAD + files.source(name) + TAIL, { filename: files.path(name), ...(cachedData ? { cachedData } : {}) });
    const rejected = !!cachedData && script.cachedDataRejected === true;
    if (cachedData && !rejected) stats.fromCache++;
    else stats.compiled++;
    if (rejected) stats.rejected++;
    loaded.push({ name, script, wantsCache: !cachedData || rejected });
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run(module.exports, requireFrom, module, files.path(name), files.dir, files.url(name));
    return module.exports;
  }

  function requireFrom(id: string): unknown {
    return id.startsWith('./') ? load(id) : external(id);
  }

  /**
   * Makes and stores the cache of every chunk run so far that has none: called once the first frame is out (so
   * what it ran is in the cache) and at exit (for the chunks loaded after). A store that fails is no loss.
   */
  function saveCaches(): void {
    if (!store) return;
    for (const chunk of loaded) {
      if (!chunk.wantsCache) continue;
      chunk.wantsCache = false;
      try {
        store.write(chunk.name, chunk.script.createCachedData());
        stats.written++;
      } catch {
        // A full disk or a folder removed under us: the next start compiles again.
      }
    }
  }

  return { require: requireFrom, saveCaches, stats };
}
