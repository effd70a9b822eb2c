// Ink wraps text at spaces and keeps the breaking space at the start of the next row, and it will break a
// command in two. These two steps run around Ink's own wrapping: protect before, restore on each output row.
// Pure: no Ink, no I/O.

const NBSP = '\u00a0';
const ANSI_PREFIX = /^((?:\u001b\[[\d;]*m)*) /;

/**
 * Spaces Ink must not break at become no-break spaces: those inside a `backtick span` (a command, kept whole
 * whenever it fits the width) and a line's leading indent (kept, so only a wrap's stray space is dropped).
 */
export function protectForWrap(text: string): string {
  const spans = text.replace(/`[^`\n]+`/g, (span) => span.replaceAll(' ', NBSP));
  return spans.replace(/(^|\n)( +)/g, (_m, start: string, indent: string) => start + NBSP.repeat(indent.length));
}

/** One output row: a row Ink started with a space (the space it broke at) loses it; no-break spaces are spaces again. */
export function restoreRow(row: string, index: number): string {
  const trimmed = index > 0 ? row.replace(ANSI_PREFIX, '$1') : row;
  return trimmed.replaceAll(NBSP, ' ');
}
