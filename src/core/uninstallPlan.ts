// What `restore` and `uninstall` would do to each file, from the manifest and the files' current hashes.
// Each run's record is a hash transition (before → after); a chain of records that follow on from each other
// (one's before is the previous one's after) is our work alone, so its first before is the state to go back to.
import { parseIni, removeSection } from './awsConfig.js';
import { historyOf, pathsOf, type Manifest, type ManifestRun } from './manifest.js';
import { deepEqual } from './tomlEdit.js';
import { undoTomlKeys } from './tomlUndo.js';

export type Step =
  /** A file we created, unchanged since: remove it. */
  | { path: string; action: 'delete'; currentHash: string }
  /** Put back the bytes whose sha256 is `targetHash` (from the store). */
  | { path: string; action: 'write'; currentHash: string | null; targetHash: string }
  /**
   * Edited since our write: only what is still as we wrote it is undone. `removed`: AWS config sections we added,
   * or TOML keys given back their earlier value; `kept`: TOML keys the user changed since (left).
   */
  | { path: string; action: 'edit'; currentHash: string; text: string; removed: string[]; kept?: string[] }
  /** Left as it is, and why. */
  | { path: string; action: 'keep'; reason: KeepReason };

export type KeepReason =
  /** Already as it was before. */
  | 'already'
  /** Edited (or deleted) by someone else after our last write. */
  | 'edited'
  /** The copy of the earlier bytes is gone from the store. */
  | 'no-copy';

export interface FilesNow {
  /** sha256 of each path's bytes now; null: missing. */
  hashOf(path: string): string | null;
  /** The store holds the bytes with this hash. */
  stored(hash: string): boolean;
  /** The text now (null: missing). */
  textOf(path: string): string | null;
  /** The stored text with this hash, or null. */
  storedText(hash: string): string | null;
}

/** The state before our first write in the unbroken chain that ends with our last write to `path`. */
export function originalHash(manifest: Manifest, path: string): { original: string | null; last: string | null; sectionsAdded: string[] } | null {
  const hist = historyOf(manifest, path);
  if (!hist.length) return null;
  let i = hist.length - 1;
  while (i > 0 && hist[i]!.file.hashBefore === hist[i - 1]!.file.hashAfter) i--;
  const sectionsAdded = [...new Set(hist.slice(i).flatMap((h) => h.file.awsSectionsAdded ?? []))];
  return { original: hist[i]!.file.hashBefore, last: hist.at(-1)!.file.hashAfter, sectionsAdded };
}

/** Our keys that still hold what we wrote get their earlier values back. */
function withoutOurKeys(path: string, original: string | null, last: string | null, now: FilesNow): Step | null {
  const current = now.textOf(path);
  const ours = last === null ? null : now.storedText(last);
  const before = original === null ? null : now.storedText(original);
  if (current === null || ours === null || (original !== null && before === null)) return null;
  const undo = undoTomlKeys(current, before, ours);
  return undo && { path, action: 'edit', currentHash: now.hashOf(path)!, text: undo.text, removed: undo.undone, ...(undo.kept.length ? { kept: undo.kept } : {}) };
}

/** The sections we added that are still exactly as our last write left them, taken out of the current text. */
function withoutOurSections(path: string, sections: string[], last: string | null, now: FilesNow): Step | null {
  const current = now.textOf(path);
  const ours = last === null ? null : now.storedText(last);
  if (!sections.length || current === null || ours === null) return null;
  const wrote = new Map(parseIni(ours).map((s) => [s.name, s.values]));
  const there = new Map(parseIni(current).map((s) => [s.name, s.values]));
  const removed = sections.filter((name) => there.has(name) && wrote.has(name) && deepEqual(there.get(name), wrote.get(name)));
  if (!removed.length) return null;
  return { path, action: 'edit', currentHash: now.hashOf(path)!, text: removed.reduce(removeSection, current), removed };
}

function stepTo(path: string, target: string | null, lastWritten: string | null, now: FilesNow, force: boolean): Step {
  const current = now.hashOf(path);
  if (current === target) return { path, action: 'keep', reason: 'already' };
  if (current !== lastWritten && !force) return { path, action: 'keep', reason: 'edited' };
  if (target === null) return { path, action: 'delete', currentHash: current! };
  if (!now.stored(target)) return { path, action: 'keep', reason: 'no-copy' };
  return { path, action: 'write', currentHash: current, targetHash: target };
}

/** Every file any run wrote, back to how it was before we first touched it (files edited since are left alone). */
export function planUninstall(manifest: Manifest, now: FilesNow): Step[] {
  return pathsOf(manifest).map((path) => {
    const { original, last, sectionsAdded } = originalHash(manifest, path)!;
    const step = stepTo(path, original, last, now, false);
    if (step.action !== 'keep' || step.reason !== 'edited') return step;
    return (path.endsWith('.toml') ? withoutOurKeys(path, original, last, now) : withoutOurSections(path, sectionsAdded, last, now)) ?? step;
  });
}

/** The files of one run, back to how they were before it; `force` overwrites files edited since our last write. */
export function planRestore(manifest: Manifest, run: ManifestRun, now: FilesNow, force = false): Step[] {
  return run.files.map((f) => stepTo(f.path, f.hashBefore, originalHash(manifest, f.path)!.last, now, force));
}

/** `--run ID`, else the newest run. */
export function chooseRun(manifest: Manifest, id?: string): ManifestRun | { error: string } {
  if (!manifest.runs.length) return { error: 'No run of codex-bedrock-setup has written anything here yet (the manifest is empty).' };
  if (id === undefined) return manifest.runs.at(-1)!;
  return manifest.runs.find((r) => r.id === id) ?? { error: `No run ${id} in the manifest. List the runs: codex-bedrock-setup restore --list` };
}

export function describeKeep(reason: KeepReason): string {
  switch (reason) {
    case 'already':
      return 'already as it was';
    case 'edited':
      return 'edited since codex-bedrock-setup wrote it: left as it is';
    case 'no-copy':
      return 'the copy of its earlier contents is gone: left as it is';
  }
}
