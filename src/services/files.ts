// Reading and atomically replacing the user's config files (Codex and AWS).
// A crash at any moment leaves either the old or the new file, never a mix.
import { createHash, randomBytes } from 'node:crypto';
import { promises as realFs, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { ServiceError } from './errors.js';

/** The fs.promises calls we use; tests inject failures through this seam. */
export type FsLike = Pick<typeof realFs, 'open' | 'rename' | 'readFile' | 'lstat' | 'stat' | 'realpath' | 'copyFile' | 'unlink' | 'readdir' | 'mkdir'>;

export interface FileSnapshot {
  /** The text without a leading UTF-8 BOM (see `bom`). */
  text: string;
  /** The file starts with a UTF-8 byte order mark; writes keep it. */
  bom?: boolean;
  exists: boolean;
  mtimeMs: number | null;
  size: number;
  /** sha256 of the bytes; null when the file does not exist. */
  hash: string | null;
}

export interface FileOptions {
  /** Symlinks may point anywhere inside this folder (default: the file's own folder). */
  root?: string;
  fs?: FsLike;
}

export interface WriteOptions extends FileOptions {
  /** Hash from readTextFile; null = the file must not exist. Omit to skip the check. */
  expectedHash?: string | null;
  /** Keep a copy of the current file as <path>.bak-YYYYMMDD-HHMMSS (default true). */
  backup?: boolean;
  /** Mode for a new file (an existing file keeps its own). */
  mode?: number;
  now?: () => Date;
  /** Whose rename rules apply (tests simulate Windows). */
  platform?: NodeJS.Platform;
}

export interface WriteResult {
  path: string;
  backupPath: string | null;
  /** Older backups of this file removed (only the newest KEEP_BACKUPS are kept); absent when none were. */
  prunedBackups?: string[];
}

/** Backups kept per file; older ones are removed after each new one. */
export const KEEP_BACKUPS = 5;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const TEMP_RE = /^\..+\.cbs-tmp-(\d+)-[0-9a-f]+$/;

export function hashText(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function configError(message: string, code?: string): ServiceError {
  return new ServiceError({ kind: 'config', message, code });
}

function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Turns an fs error into a sentence saying what went wrong and how to fix it. */
export function describeFsError(e: unknown, path: string, action: 'read' | 'write'): ServiceError {
  const code = errCode(e);
  const dir = dirname(path);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return configError(`Cannot ${action} ${path}: permission denied. Check who owns it (ls -l ${dir}) and fix it with chown or chmod; do not run this tool with sudo.`, code);
    case 'EROFS':
      return configError(`Cannot write ${path}: ${dir} is on a read-only file system. Point the tool at a writable location (CODEX_HOME or AWS_CONFIG_FILE).`, code);
    case 'ENOSPC':
    case 'EDQUOT':
      return configError(`Cannot write ${path}: no space left on the disk (or quota reached). Free some space and run again; the original file is unchanged.`, code);
    case 'EISDIR':
      return configError(`${path} is a directory, not a file. Move it aside (mv ${path} ${path}.old) and run again.`, code);
    case 'ENOTDIR':
      return configError(`Cannot ${action} ${path}: part of the path is a file, not a folder.`, code);
    default:
      return configError(`Cannot ${action} ${path}: ${(e as Error)?.message ?? String(e)}`, code);
  }
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The path to actually read and replace: a symlink is followed only within `root`. */
async function resolveTarget(path: string, opts: FileOptions): Promise<{ target: string; exists: boolean }> {
  const fs = opts.fs ?? realFs;
  const abs = resolve(path);
  let st;
  try {
    st = await fs.lstat(abs);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return { target: abs, exists: false };
    throw describeFsError(e, abs, 'read');
  }
  if (st.isDirectory()) throw describeFsError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), abs, 'read');
  if (!st.isSymbolicLink()) return { target: abs, exists: true };
  const root = await fs.realpath(resolve(opts.root ?? dirname(abs))).catch(() => resolve(opts.root ?? dirname(abs)));
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch {
    throw configError(`${abs} is a symbolic link to a file that does not exist. Remove the link or create its target, then run again.`);
  }
  if (!inside(root, real)) {
    throw configError(`${abs} is a symbolic link to ${real}, outside ${root}. Refusing to edit through it: edit ${real} directly or replace the link with a file.`);
  }
  const target = await fs.stat(real);
  if (target.isDirectory()) throw describeFsError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), real, 'read');
  return { target: real, exists: true };
}

/** Far above any real config file; a bigger "config" is refused before it is read. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function kindOf(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A pipe blocks a read for ever, a device never ends, a huge file costs gigabytes: refused before reading. */
export function checkReadable(target: string, st: { size: number; isFile(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): void {
  if (!st.isFile()) throw configError(`${target} is ${kindOf(st)}, not a file; config files must be plain files. Replace it with a regular file (or remove it), then run again.`, 'ENOTREG');
  if (st.size > MAX_CONFIG_BYTES) {
    throw configError(`${target} is ${(st.size / 1024 / 1024).toFixed(1)} MB, far larger than any config file (limit ${MAX_CONFIG_BYTES / 1024 / 1024} MiB); it was not read. Check what wrote it, and move it aside.`, 'EFBIG');
  }
}

/** The sync twin of readTextFile for start-up reads: the same checks, null when missing or refused. */
export function readSmallFileSync(path: string): string | null {
  try {
    const st = statSync(path);
    checkReadable(path, st);
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

async function snapshot(target: string, exists: boolean, fs: FsLike): Promise<FileSnapshot> {
  if (!exists) return { text: '', exists: false, mtimeMs: null, size: 0, hash: null };
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    const st = await fs.stat(target);
    mtimeMs = st.mtimeMs;
    checkReadable(target, st);
    bytes = await fs.readFile(target);
    // It may have grown between stat and read.
    if (bytes.length > MAX_CONFIG_BYTES) checkReadable(target, { ...st, isFile: () => true, size: bytes.length } as typeof st);
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    if (errCode(e) === 'ENOENT') return { text: '', exists: false, mtimeMs: null, size: 0, hash: null };
    throw describeFsError(e, target, 'read');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw configError(`${target} is not valid UTF-8 text. Re-save it as UTF-8 (e.g. iconv -t UTF-8) and run again; it was not changed.`);
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, exists: true, bom, mtimeMs, size: bytes.length, hash: hashText(bytes) };
}

export async function readTextFile(path: string, opts: FileOptions = {}): Promise<FileSnapshot> {
  const { target, exists } = await resolveTarget(path, opts);
  return snapshot(target, exists, opts.fs ?? realFs);
}

function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

/** Removes `.name.cbs-tmp-<pid>-…` files left by processes that died mid-write. */
export async function cleanStaleTemps(dir: string, fs: FsLike = realFs): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    try {
      await fs.unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Another run may have removed it first.
    }
  }
  return removed;
}

async function backupCopy(target: string, now: Date, fs: FsLike): Promise<string> {
  const base = `${target}.bak-${stamp(now)}`;
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? base : `${base}-${i}`;
    try {
      await fs.copyFile(target, candidate, realFs.constants.COPYFILE_EXCL);
      return candidate;
    } catch (e) {
      if (errCode(e) !== 'EEXIST' || i > 50) throw e;
    }
  }
}

export async function writeFileAtomic(path: string, text: string, opts: WriteOptions = {}): Promise<WriteResult> {
  const fs = opts.fs ?? realFs;
  const { target, exists } = await resolveTarget(path, opts);
  const dir = dirname(target);
  await ensureDir(dir, target, fs);
  await cleanStaleTemps(dir, fs);

  const current = await snapshot(target, exists, fs);
  if (opts.expectedHash !== undefined && current.hash !== opts.expectedHash) {
    const what = opts.expectedHash === null ? 'was created' : current.exists ? 'changed' : 'was deleted';
    throw configError(`${target} ${what} since it was read (another program edited it?). Nothing was written; run again to plan against the new contents.`);
  }

  const st = current.exists ? await fs.stat(target) : null;
  const mode = st ? st.mode & 0o7777 : (opts.mode ?? 0o600);
  // A UTF-8 BOM is part of the bytes we promised to keep; the decoded text no longer has it.
  const bytes = current.exists && current.bom && !text.startsWith('\uFEFF') ? Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8');
  // Running as root over someone else's folder: the files stay theirs, or their Codex could not read them.
  const owner = await ownerFor(target, st, dir, fs);
  let backupPath: string | null = null;
  let prunedBackups: string[] = [];
  const tmp = join(dir, `.${basename(target)}.cbs-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    if (current.exists && opts.backup !== false) {
      backupPath = await backupCopy(target, (opts.now ?? (() => new Date()))(), fs);
      if (owner) await chownPath(backupPath, owner, fs);
    }
    if (st && st.nlink > 1) {
      // A hard link: rename would cut it, and the other name would keep the old text. Write in place (after the backup).
      const fh = await fs.open(target, 'r+');
      try {
        await fh.truncate(0);
        await fh.write(bytes, 0, bytes.length, 0);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } else {
      const fh = await fs.open(tmp, 'wx', mode);
      try {
        await fh.writeFile(bytes);
        // open() applies the umask; the replacement must keep the original's exact bits.
        await fh.chmod(mode);
        if (owner) await fh.chown(owner.uid, owner.gid);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await renameReplacing(tmp, target, fs, opts.platform ?? process.platform);
    }
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    if (e instanceof ServiceError) throw e;
    throw describeFsError(e, target, 'write');
  }
  await syncDir(dir, fs);
  if (backupPath) prunedBackups = await pruneBackups(target, fs);
  return { path: target, backupPath, ...(prunedBackups.length ? { prunedBackups } : {}) };
}

// Windows refuses to replace a file another program holds open without FILE_SHARE_DELETE (an editor, a virus
// scanner, Codex reading its config): EPERM, EBUSY or EACCES for a moment. A short, bounded retry rides that out.
const RENAME_RETRY_MS = [20, 50, 100, 200, 400, 800];

async function renameReplacing(from: string, to: string, fs: FsLike, platform: NodeJS.Platform): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const retry = platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && attempt < RENAME_RETRY_MS.length;
      if (!retry) throw e;
      await new Promise((r) => setTimeout(r, RENAME_RETRY_MS[attempt]));
    }
  }
}

/** Keeps a `.bak-<time>` copy of `path` as writeFileAtomic does before replacing it (uninstall: before removing it). */
export async function backupFile(path: string, opts: { now?: () => Date; fs?: FsLike } = {}): Promise<WriteResult> {
  const fs = opts.fs ?? realFs;
  const target = resolve(path);
  let backupPath: string;
  try {
    backupPath = await backupCopy(target, (opts.now ?? (() => new Date()))(), fs);
  } catch (e) {
    throw describeFsError(e, target, 'write');
  }
  const prunedBackups = await pruneBackups(target, fs);
  return { path: target, backupPath, ...(prunedBackups.length ? { prunedBackups } : {}) };
}

interface Owner {
  uid: number;
  gid: number;
}

/** Creates the folder if needed; as root, folders we create belong to the owner of the folder above them (HOME's owner, not root). */
async function ensureDir(dir: string, forPath: string, fs: FsLike): Promise<void> {
  let created: string | undefined;
  try {
    created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw describeFsError(e, forPath, 'write');
  }
  if (!created || typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const parent = await fs.stat(dirname(created)).catch(() => null);
  if (!parent || parent.uid === 0) return;
  for (let d = dir; d.length >= created.length; d = dirname(d)) {
    await chownPath(d, { uid: parent.uid, gid: parent.gid }, fs).catch(() => undefined);
    if (d === created) break;
  }
}

/** The owner a file we write as root must keep: the file's own, or for a new file its folder's. Null when not root or already ours. */
async function ownerFor(target: string, st: { uid: number; gid: number } | null, dir: string, fs: FsLike): Promise<Owner | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const ref = st ?? (await fs.stat(dir).catch(() => null));
  if (!ref || ref.uid === 0) return null;
  return { uid: ref.uid, gid: ref.gid };
}

async function chownPath(path: string, owner: Owner, fs: FsLike): Promise<void> {
  const fh = await fs.open(path, 'r');
  try {
    await fh.chown(owner.uid, owner.gid);
  } finally {
    await fh.close();
  }
}

/** Removes all but the newest KEEP_BACKUPS `<file>.bak-*` copies; the stamps sort by time. */
async function pruneBackups(target: string, fs: FsLike): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `${basename(target)}.bak-`;
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.startsWith(prefix) && /^\d{8}-\d{6}(-\d+)?$/.test(n.slice(prefix.length)));
  } catch {
    return [];
  }
  const key = (n: string) => {
    const [, stampPart, i] = /^(\d{8}-\d{6})(?:-(\d+))?$/.exec(n.slice(prefix.length))!;
    return `${stampPart}-${String(Number(i ?? 0)).padStart(4, '0')}`;
  };
  const old = names.sort((a, b) => key(a).localeCompare(key(b))).slice(0, Math.max(0, names.length - KEEP_BACKUPS));
  const removed: string[] = [];
  for (const n of old) {
    try {
      await fs.unlink(join(dir, n));
      removed.push(join(dir, n));
    } catch {
      // Another run may have pruned it first.
    }
  }
  return removed;
}

const LOCK_NAME = '.codex-bedrock-setup.lock';
/** A lock older than this is from a run that cannot still be writing (a write takes milliseconds). */
const STALE_LOCK_MS = 10 * 60_000;

export interface LockOptions {
  fs?: FsLike;
  /** How long to wait for another run to finish before giving up (default 3 s). */
  waitMs?: number;
  hostname?: string;
}

/**
 * One run at a time writes in a folder: an O_EXCL lock file naming its pid and host. A lock whose
 * process is gone (same host) or that is very old is taken over; otherwise we wait briefly, then say who holds it.
 */
export async function withFolderLock<T>(dir: string, f: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const fs = opts.fs ?? realFs;
  const host = opts.hostname ?? hostname();
  const lock = join(dir, LOCK_NAME);
  const deadline = Date.now() + (opts.waitMs ?? 3_000);
  await ensureDir(dir, lock, fs);
  for (;;) {
    try {
      const fh = await fs.open(lock, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host, since: new Date().toISOString() }));
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw describeFsError(e, lock, 'write');
    }
    const holder = await readLock(lock, fs);
    // An unreadable lock is normally one being written this instant; one that stays so was left by a crash.
    const orphan = holder === null && Date.now() - ((await fs.stat(lock).catch(() => null))?.mtimeMs ?? Date.now()) > 5_000;
    const stale = orphan || (holder !== null && ((holder.host === host && !pidAlive(holder.pid)) || Date.now() - holder.sinceMs > STALE_LOCK_MS));
    if (stale) {
      await fs.unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${new Date(holder.sinceMs).toISOString()}` : 'another process';
      throw configError(
        `Another codex-bedrock-setup run (${who}) is writing in ${dir}. Nothing was written. Wait for it to finish and run again; if no other run is active, remove ${lock}.`,
        'ELOCKED',
      );
    }
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
  try {
    return await f();
  } finally {
    await fs.unlink(lock).catch(() => undefined);
  }
}

async function readLock(lock: string, fs: FsLike): Promise<{ pid: number; host: string; sinceMs: number } | null> {
  try {
    const j = JSON.parse(await fs.readFile(lock, 'utf8')) as { pid?: unknown; host?: unknown; since?: unknown };
    const sinceMs = Date.parse(String(j.since));
    if (typeof j.pid !== 'number' || typeof j.host !== 'string' || Number.isNaN(sinceMs)) return null;
    return { pid: j.pid, host: j.host, sinceMs };
  } catch {
    // Being written right now (empty), or gone: look again on the next turn.
    return null;
  }
}

/** Makes the rename durable; some file systems refuse fsync on a directory, which is fine. */
async function syncDir(dir: string, fs: FsLike): Promise<void> {
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Best effort only.
  }
}
