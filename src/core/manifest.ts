// The record of what each run wrote ($CODEX_HOME/codex-bedrock-setup/manifest.json): paths, hashes, key
// names and AWS section names only, never a value, so it cannot hold a secret. The bytes of each file as it
// was before a write are kept beside it, by hash (store/<sha256>), for restore and uninstall.
import { parseIni } from './awsConfig.js';
import { deepEqual, parseToml } from './tomlEdit.js';

export const MANIFEST_VERSION = 1;

export interface ManifestFile {
  path: string;
  /** sha256 of the bytes before the write; null: we created the file. */
  hashBefore: string | null;
  /** sha256 of the bytes we wrote; null: we deleted the file. */
  hashAfter: string | null;
  /** The `.bak-<time>` copy writeFileAtomic made (it may since have been pruned; the store keeps its own). */
  backupPath: string | null;
  /** Dotted TOML keys whose value we set or removed (TOML files only). */
  keys?: string[];
  /** AWS config sections we added, e.g. `sso-session corp`, `profile codex-bedrock`. */
  awsSectionsAdded?: string[];
  /** AWS config sections that existed and whose keys we changed. */
  awsSectionsChanged?: string[];
}

export interface ManifestRun {
  id: string;
  /** ISO time. */
  time: string;
  /** The command that wrote: setup, wizard, policy, restore, uninstall. */
  command: string;
  toolVersion: string;
  files: ManifestFile[];
}

export interface Manifest {
  version: number;
  runs: ManifestRun[];
}

export function emptyManifest(): Manifest {
  return { version: MANIFEST_VERSION, runs: [] };
}

/** A manifest read back from disk; anything malformed is an error the caller reports (the file is ours, not the user's). */
export function parseManifest(text: string): Manifest {
  const data = JSON.parse(text) as Partial<Manifest>;
  if (typeof data !== 'object' || data === null || !Array.isArray(data.runs)) throw new Error('not a manifest (no runs list)');
  if (data.version !== MANIFEST_VERSION) throw new Error(`manifest version ${String(data.version)}, this tool reads ${MANIFEST_VERSION}`);
  for (const run of data.runs) {
    if (typeof run?.id !== 'string' || !Array.isArray(run.files)) throw new Error('a run without an id or files');
    for (const f of run.files) if (typeof f?.path !== 'string') throw new Error(`run ${run.id}: a file without a path`);
  }
  return data as Manifest;
}

export function appendRun(manifest: Manifest, run: ManifestRun): Manifest {
  return { ...manifest, runs: [...manifest.runs, run] };
}

/** `20261202-004501-3fa2`: sorts by time, unique enough for one user's runs. */
export function runId(now: Date, random: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const d = now;
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${random}`;
}

/** What a write changed, by name: TOML keys (dotted) or AWS config sections. Unparseable text gives nothing (the hashes still say it changed). */
export function describeChange(path: string, before: string | null, after: string | null): Pick<ManifestFile, 'keys' | 'awsSectionsAdded' | 'awsSectionsChanged'> {
  try {
    if (path.endsWith('.toml')) {
      const keys = changedKeys(before === null ? {} : parseToml(before), after === null ? {} : parseToml(after));
      return keys.length ? { keys } : {};
    }
    if (path.endsWith('.json')) return {};
    const was = new Map(parseIni(before ?? '').map((s) => [s.name, s.values]));
    const now = parseIni(after ?? '');
    const added = now.filter((s) => !was.has(s.name)).map((s) => s.name);
    const changed = now.filter((s) => was.has(s.name) && !deepEqual(was.get(s.name), s.values)).map((s) => s.name);
    return { ...(added.length ? { awsSectionsAdded: added } : {}), ...(changed.length ? { awsSectionsChanged: changed } : {}) };
  } catch {
    return {};
  }
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Dotted paths of the leaves that differ (a table added or removed as a whole counts by its leaves). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return changedPaths(before, after).map((p) => p.map(dotted).join('.'));
}

export function changedPaths(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[k];
    const b = after[k];
    if (isTable(a) || isTable(b)) out.push(...changedPaths(isTable(a) ? a : {}, isTable(b) ? b : {}, [...prefix, k]));
    else if (!deepEqual(a, b)) out.push([...prefix, k]);
  }
  return out;
}

export function valueAt(data: unknown, path: string[]): unknown {
  let cur = data;
  for (const k of path) cur = isTable(cur) ? cur[k] : undefined;
  return cur;
}

export function dotted(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

/** Every record of `path`, oldest first, with the run that made it. */
export function historyOf(manifest: Manifest, path: string): { run: ManifestRun; file: ManifestFile }[] {
  return manifest.runs.flatMap((run) => run.files.filter((f) => f.path === path).map((file) => ({ run, file })));
}

/** Every path any run wrote, in the order first written. */
export function pathsOf(manifest: Manifest): string[] {
  return [...new Set(manifest.runs.flatMap((r) => r.files.map((f) => f.path)))];
}
