// Uninstall for a TOML file edited since our last write: each key we changed that still holds what we wrote
// gets its earlier value back (or goes, with the tables we created that it leaves empty); the user's edits stay.
import { changedPaths, dotted, valueAt } from './manifest.js';
import { deepEqual, getTable, parseToml, removeKey, removeTable, setKey, TomlEditError, type TomlValue } from './tomlEdit.js';

export interface TomlUndo {
  text: string;
  /** Dotted keys put back. */
  undone: string[];
  /** Dotted keys the user changed after us: left as they are. */
  kept: string[];
}

/** null when nothing of ours is left to undo, or a file cannot be parsed. */
export function undoTomlKeys(current: string, original: string | null, ours: string): TomlUndo | null {
  let was: Record<string, unknown>;
  let wrote: Record<string, unknown>;
  try {
    was = original === null ? {} : parseToml(original);
    wrote = parseToml(ours);
    parseToml(current);
  } catch {
    return null;
  }
  let text = current;
  const undone: string[] = [];
  const kept: string[] = [];
  for (const path of changedPaths(was, wrote)) {
    const name = path.map(dotted).join('.');
    const now = valueAt(parseToml(text), path);
    if (now === undefined && valueAt(wrote, path) !== undefined) continue; // already gone
    if (!deepEqual(now, valueAt(wrote, path))) {
      kept.push(name);
      continue;
    }
    const earlier = valueAt(was, path);
    try {
      text = earlier === undefined ? removeKey(text, path.slice(0, -1), path.at(-1)!) : setKey(text, path.slice(0, -1), path.at(-1)!, earlier as TomlValue);
      undone.push(name);
    } catch (e) {
      if (!(e instanceof TomlEditError)) throw e;
      kept.push(name);
    }
  }
  // Tables only we created, now empty, deepest first.
  const tables = [...new Set(changedPaths(was, wrote).flatMap((p) => p.slice(0, -1).map((_, i) => JSON.stringify(p.slice(0, i + 1)))))]
    .map((t) => JSON.parse(t) as string[])
    .sort((a, b) => b.length - a.length);
  for (const t of tables) {
    const table = getTable(text, t);
    if (valueAt(was, t) === undefined && table && Object.keys(table).length === 0) text = removeTable(text, t);
  }
  return undone.length ? { text, undone, kept } : null;
}
