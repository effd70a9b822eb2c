// The manifest on disk ($CODEX_HOME/codex-bedrock-setup/manifest.json) and its store of earlier file
// contents (store/<sha256>, mode 0600 like the backups), and carrying out restore and uninstall steps.
import { randomBytes } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { appendRun, describeChange, emptyManifest, parseManifest, pathsOf, runId, type Manifest, type ManifestFile } from '../core/manifest.js';
import type { FilesNow, Step } from '../core/uninstallPlan.js';
import { ServiceError } from './errors.js';
import { getRunInfo } from './runInfo.js';
import { backupFile, hashText, readTextFile, withFolderLock, writeFileAtomic } from './files.js';

export function manifestPaths(codexHome: string): { dir: string; manifest: string; store: string } {
  const dir = join(codexHome, 'codex-bedrock-setup');
  return { dir, manifest: join(dir, 'manifest.json'), store: join(dir, 'store') };
}

/** Which command is writing, for the record; set once per process by the command dispatcher. */
export { setRunInfo } from './runInfo.js';

export async function readManifest(codexHome: string): Promise<Manifest> {
  const { manifest } = manifestPaths(codexHome);
  const snap = await readTextFile(manifest);
  if (!snap.exists) return emptyManifest();
  try {
    return parseManifest(snap.text);
  } catch (e) {
    throw new ServiceError({
      kind: 'config',
      code: 'MANIFEST_INVALID',
      message: `${manifest} cannot be read (${(e as Error).message}), so what earlier runs wrote is unknown. Nothing was changed. Your backups are next to each file (<file>.bak-<time>); move the manifest aside (mv ${manifest} ${manifest}.old) to start a new record.`,
    });
  }
}

/** One file a run wrote: the text before (null: created) and after (null: deleted). */
export interface WriteRecord {
  path: string;
  before: string | null;
  after: string | null;
  hashBefore: string | null;
  backupPath: string | null;
}

/**
 * Adds one run to the manifest. Never throws: the user's files are already written, so a record that
 * cannot be kept is a warning to show, not a failed run.
 */
export async function recordRun(codexHome: string, writes: WriteRecord[], command = getRunInfo().command): Promise<{ runId?: string; warning?: string }> {
  if (!writes.length) return {};
  const { dir, manifest, store } = manifestPaths(codexHome);
  try {
    const files: ManifestFile[] = [];
    for (const w of writes) {
      if (w.hashBefore !== null && w.backupPath) await keepCopy(store, w.backupPath, w.hashBefore);
      const now = await readTextFile(w.path, { root: '/' });
      // What we wrote, too: uninstall compares a file edited since with it.
      if (now.hash !== null) await keepCopy(store, w.path, now.hash);
      files.push({ path: w.path, hashBefore: w.hashBefore, hashAfter: now.hash, backupPath: w.backupPath, ...describeChange(w.path, w.before, w.after) });
    }
    const id = runId(new Date(), randomBytes(2).toString('hex'));
    await withFolderLock(dir, async () => {
      const m = await readManifest(codexHome);
      const run = { id, time: new Date().toISOString(), command, toolVersion: getRunInfo().toolVersion, files };
      await writeFileAtomic(manifest, JSON.stringify(appendRun(m, run), null, 2) + '\n', { backup: false, mode: 0o600 });
    });
    return { runId: id };
  } catch (e) {
    const why = e instanceof ServiceError ? e.failure.message : (e as Error)?.message ?? String(e);
    return { warning: `The record of this run (for restore and uninstall) was not saved: ${why} Your files were written as shown; each one's previous version is kept next to it as <file>.bak-<time>.` };
  }
}

/** Copies a file (a backup, or what we just wrote) into the store under its hash, once (the .bak files are pruned, the store is not). */
async function keepCopy(store: string, from: string, hash: string): Promise<void> {
  const dest = join(store, hash);
  if ((await readTextFile(dest).catch(() => null))?.hash === hash) return;
  const bytes = await readFile(from);
  if (hashText(bytes) !== hash) throw new Error(`${from} changed before it could be recorded.`);
  await writeFileAtomic(dest, bytes.toString('utf8'), { backup: false, mode: 0o600 });
}

/** The stored bytes with this hash, as text (a BOM kept), or null when gone or not matching. */
export async function readStored(codexHome: string, hash: string): Promise<string | null> {
  try {
    const bytes = await readFile(join(manifestPaths(codexHome).store, hash));
    return hashText(bytes) === hash ? bytes.toString('utf8') : null;
  } catch {
    return null;
  }
}

/** The current text and hash of every file the manifest names, and which earlier contents the store holds. */
export async function currentFiles(codexHome: string, manifest: Manifest): Promise<FilesNow> {
  const texts = new Map<string, { text: string | null; hash: string | null }>();
  for (const path of pathsOf(manifest)) {
    const snap = await readTextFile(path, { root: '/' });
    texts.set(path, { text: snap.exists ? (snap.bom ? '\uFEFF' : '') + snap.text : null, hash: snap.hash });
  }
  const hashes = new Set(manifest.runs.flatMap((r) => r.files.flatMap((f) => [f.hashBefore, f.hashAfter])).filter((h): h is string => h !== null));
  const stored = new Map<string, string>();
  for (const h of hashes) {
    const text = await readStored(codexHome, h);
    if (text !== null) stored.set(h, text);
  }
  return {
    hashOf: (p) => texts.get(p)?.hash ?? null,
    textOf: (p) => texts.get(p)?.text ?? null,
    stored: (h) => stored.has(h),
    storedText: (h) => stored.get(h) ?? null,
  };
}

export interface AppliedStep {
  path: string;
  action: 'delete' | 'write' | 'edit';
  /** The state before this step, kept as <file>.bak-<time>. */
  backupPath: string | null;
}

/**
 * Carries out restore/uninstall steps: every file is checked against the hash it was planned from before the
 * first change, the current state is backed up, then replaced atomically or removed; the run is recorded.
 */
export async function applySteps(codexHome: string, steps: Step[], command: string): Promise<{ applied: AppliedStep[]; runId?: string; warning?: string }> {
  const todo = steps.filter((s): s is Exclude<Step, { action: 'keep' }> => s.action !== 'keep');
  const dirs = [...new Set(todo.map((s) => dirname(s.path)))].sort();
  const run = async () => {
    const plans: { step: (typeof todo)[number]; before: string | null; after: string | null }[] = [];
    for (const step of todo) {
      const now = await readTextFile(step.path);
      if (now.hash !== step.currentHash) {
        throw new ServiceError({ kind: 'config', message: `${step.path} changed since it was read (another program edited it?). Nothing was changed; run again to plan against the new contents.` });
      }
      const after = step.action === 'write' ? await readStored(codexHome, step.targetHash) : step.action === 'edit' ? step.text : null;
      if (step.action === 'write' && after === null) throw new ServiceError({ kind: 'config', message: `The saved copy of ${step.path} is gone from ${manifestPaths(codexHome).store}. Nothing was changed.` });
      plans.push({ step, before: now.exists ? (now.bom ? '\uFEFF' : '') + now.text : null, after });
    }
    const applied: AppliedStep[] = [];
    const records: WriteRecord[] = [];
    try {
      for (const { step, before, after } of plans) {
        if (step.action === 'write' || step.action === 'edit') {
          const res = await writeFileAtomic(step.path, after!, { expectedHash: step.currentHash, mode: 0o600 });
          applied.push({ path: res.path, action: step.action, backupPath: res.backupPath });
          records.push({ path: res.path, before, after, hashBefore: step.currentHash, backupPath: res.backupPath });
        } else {
          const res = await backupFile(step.path);
          await unlink(step.path);
          applied.push({ path: res.path, action: 'delete', backupPath: res.backupPath });
          records.push({ path: res.path, before, after: null, hashBefore: step.currentHash, backupPath: res.backupPath });
        }
      }
    } catch (e) {
      await recordRun(codexHome, records, command);
      const done = applied.length ? ` Already done (each with its backup): ${applied.map((a) => a.path).join(', ')}.` : '';
      if (e instanceof ServiceError) throw new ServiceError({ ...e.failure, message: e.failure.message + done });
      throw e;
    }
    return { applied, ...(await recordRun(codexHome, records, command)) };
  };
  const locked = dirs.reduceRight<() => Promise<Awaited<ReturnType<typeof run>>>>((inner, dir) => () => withFolderLock(dir, inner), run);
  return locked();
}
