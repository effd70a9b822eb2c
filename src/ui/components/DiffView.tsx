import { Box, Text } from 'ink';
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

/** A line that says little on its own: an added comment or blank, unchanged context, a new file's hunk header. */
const minor = (l: string) => /^\+\s*(#.*)?$/.test(l) || l.startsWith(' ') || l.startsWith('@@ -0,0 ');

/** At most `max` lines, in order, dropping minor ones first: an 80×24 screen has room for the settings, not the header comment. */
function mostTelling(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const major = lines.map((_, i) => i).filter((i) => !minor(lines[i]));
  const keep = new Set(major.slice(0, max));
  for (let i = 0; i < lines.length && keep.size < max; i++) keep.add(i);
  return lines.filter((_, i) => keep.has(i));
}

/** A unified diff with +/- kept in the text, so it reads the same without colour. */
export function DiffView({ change, maxLines = 12 }: { change: FileChange; maxLines?: number }) {
  const tint = useTint();
  // The user's own files may hold secrets and control characters next to the lines we change.
  const lines = sanitize(redactDiff(change.diff), { keepNewlines: true })
    .split('\n').filter((l) => l && !l.startsWith('+++') && !l.startsWith('---'));
  const shown = mostTelling(lines, maxLines);
  return (
    <Box flexDirection="column">
      <Text bold>
        {change.before === null ? 'new file ' : 'changed '}
        {sanitize(change.path)}
      </Text>
      {shown.map((l, i) => {
        const c = lineColor(l);
        return (
          <Text key={i} color={c ? tint(c) : undefined} wrap="truncate-end">
            {l}
          </Text>
        );
      })}
      {lines.length > shown.length ? <Text>… {lines.length - shown.length} more lines</Text> : null}
    </Box>
  );
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
