// dist/cli.js, the package's bin: runs the CLI's chunks (dist/chunks.pack) from src/bin.ts on, each with V8's code cache.
// Set CBS_CODE_CACHE_DEBUG=1 to see what came from the cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeCacheDirs, trustedCacheFolder } from './cacheDir.js';
import { chunkLoader, type CodeCacheStore } from './chunkLoader.js';
import { FIRST_FRAME_HOOK } from './firstFrame.js';
import { PACK_FILE, unpack } from './pack.js';

/** A hash of every chunk, set at build time: a cache is only ever read by the build that made it. */
declare const __CBS_BUILD__: string;

const dist = dirname(fileURLToPath(import.meta.url));
const uid = process.getuid?.();
const dirs = codeCacheDirs({ env: process.env, tmpdir: tmpdir(), uid, build: __CBS_BUILD__, v8: process.versions.v8, arch: process.arch });
const cacheFile = (name: string) => `${name.replace(/^\.\//, '')}.cache`;
// Another build's folder not used for a day is removed when this build makes its own (an upgrade leaves no litter).
const STALE_MS = 24 * 60 * 60 * 1000;

function openStore(): CodeCacheStore | null {
  if (!dirs) return null;
  try {
    mkdirSync(dirs.root, { recursive: true, mode: 0o700 });
    if (!trustedCacheFolder(lstatSync(dirs.root), uid)) return null;
  } catch {
    return null;
  }
  let made = false;
  return {
    read: (name) => {
      try {
        return readFileSync(join(dirs.dir, cacheFile(name)));
      } catch {
        return undefined;
      }
    },
    write: (name, data) => {
      if (!made) {
        made = true;
        mkdirSync(dirs.dir, { recursive: true, mode: 0o700 });
        pruneOthers(dirs.root, dirs.dir);
      }
      const file = join(dirs.dir, cacheFile(name));
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, data, { mode: 0o600 });
      renameSync(partial, file);
    },
  };
}

function pruneOthers(root: string, keep: string): void {
  try {
    for (const entry of readdirSync(root)) {
      const path = join(root, entry);
      if (path !== keep && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    }
  } catch {
    // Another start pruning at the same moment.
  }
}

const store = openStore();
const pack = unpack(readFileSync(join(dist, PACK_FILE), 'utf8'));
const loader = chunkLoader(
  {
    dir: dist,
    path: (name) => join(dist, name),
    url: (name) => pathToFileURL(join(dist, name)).href,
    source: pack.source,
  },
  store,
  createRequire(import.meta.url),
);
(globalThis as Record<symbol, unknown>)[FIRST_FRAME_HOOK] = loader.saveCaches;
process.on('exit', () => {
  loader.saveCaches();
  if (process.env.CBS_CODE_CACHE_DEBUG === '1') {
    const s = loader.stats;
    process.stderr.write(`code cache ${store && dirs ? dirs.dir : 'off'}: ${s.fromCache} from the cache, ${s.compiled} compiled (${s.rejected} refused), ${s.written} written\n`);
  }
});
loader.require('./bin.js');
