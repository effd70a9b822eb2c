import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { redactDiff } from '../../core/redact.js';
import { sanitize } from '../../core/sanitize.js';
import type { FileChange } from '../../types.js';
import { useTint } from '../context.js';

function lineColor(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return undefined;
  if (line.startsWith('+')) return 'green';
  if (line.startsWith('-')) return 'red';
  if (line.startsWith('@@')) return 'cyan';
  return undefined;
}

interface DiffRow {
  text: string;
  color?: string;
  bold?: boolean;
}

/** Every file's title and diff lines as one list, so a long plan scrolls as one text. */
export function diffRows(changes: FileChange[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const c of changes) {
    rows.push({ text: `${c.before === null ? 'new file ' : 'changed '}${sanitize(c.path)}`, bold: true });
    const lines = sanitize(redactDiff(c.diff), { keepNewlines: true })
      .split('\n')
      .filter((l) => l && !l.startsWith('+++') && !l.startsWith('---'));
    for (const l of lines) rows.push({ text: l, color: lineColor(l) });
  }
  return rows;
}

/**
 * All the diffs in a window of `rows` lines starting at `offset` (the caller scrolls it), with a
 * position line when it does not all fit: nothing is hidden behind "… N more".
 */
export function DiffScroll({ changes, rows, offset }: { changes: FileChange[]; rows: number; offset: number }) {
  const tint = useTint();
  const all = diffRows(changes);
  const fits = all.length <= rows;
  const window = fits ? all.length : Math.max(1, rows - 1);
  const start = fits ? 0 : clampOffset(offset, all.length, window);
  return (
    <Box flexDirection="column">
      {all.slice(start, start + window).map((r, i) => (
        <Text key={start + i} color={r.color ? tint(r.color) : undefined} bold={r.bold} wrap="truncate-end">
          {r.text}
        </Text>
      ))}
      {fits ? null : (
        <Text color={tint('gray')}>
          lines {start + 1}–{start + window} of {all.length} · pgup/pgdn or j/k scroll
        </Text>
      )}
    </Box>
  );
}

export function clampOffset(offset: number, total: number, window: number): number {
  return Math.max(0, Math.min(offset, total - window));
}

/** The key hint of a diff that scrolls. */
export const SCROLL_DIFF: [string, string] = ['pgup/pgdn j/k', 'scroll diff'];

/** Whether the diffs need more than `rows` lines (then the screen adds SCROLL_DIFF to its hints). */
export function diffScrolls(changes: FileChange[], rows: number): boolean {
  return diffRows(changes).length > rows;
}

/**
 * DiffScroll with its own position and keys: every screen that shows a diff before writing scrolls it
 * the same way (a page is the window less two lines, so a line of context stays in view).
 */
export function ScrollingDiff({ changes, rows }: { changes: FileChange[]; rows: number }) {
  const [offset, setOffset] = useState(0);
  const total = diffRows(changes).length;
  const scrolls = total > rows;
  useInput((input, key) => {
    if (!scrolls) return;
    const page = Math.max(1, rows - 2);
    const step = key.pageDown ? page : key.pageUp ? -page : input === 'j' ? 1 : input === 'k' ? -1 : 0;
    if (step) setOffset((o) => clampOffset(o + step, total, Math.max(1, rows - 1)));
  });
  return <DiffScroll changes={changes} rows={rows} offset={offset} />;
}
