// Where the launcher keeps V8's code cache: per user, per build and per V8, never a folder others can write.
import { join } from 'node:path';

export interface CacheDirInput {
  env: Record<string, string | undefined>;
  tmpdir: string;
  /** process.getuid?.(): undefined on Windows, whose temp folder is the user's own. */
  uid: number | undefined;
  build: string;
  v8: string;
  arch: string;
}

/**
 * The folder for this build's cache, or null when caching is off. NODE_DISABLE_COMPILE_CACHE=1 (Node's own
 * switch for its compile cache) turns ours off too. The temp folder, as Node's compile cache uses: a reboot
 * empties it, and nothing of ours lands in the user's home.
 */
export function codeCacheDirs(input: CacheDirInput): { root: string; dir: string } | null {
  if (input.env.NODE_DISABLE_COMPILE_CACHE === '1') return null;
  const root = join(input.tmpdir, input.uid === undefined ? 'codex-bedrock-setup-cache' : `codex-bedrock-setup-cache-${input.uid}`);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return { root, dir: join(root, `${safe(input.build)}-v8-${safe(input.v8)}-${safe(input.arch)}`) };
}

export interface DirStat {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  uid: number;
  mode: number;
}

/**
 * Code from a cache is run as ours: on a shared machine the folder must be the user's alone (a cache planted by
 * another user would run as this one). A real folder, owned by us, that no one else can write or read.
 */
export function trustedCacheFolder(stat: DirStat, uid: number | undefined): boolean {
  if (!stat.isDirectory() || stat.isSymbolicLink()) return false;
  if (uid === undefined) return true;
  return stat.uid === uid && (stat.mode & 0o077) === 0;
}
