import type { Key } from 'ink';

/** A one-line buffer with a cursor (an index into `text`). Pure: the prompts keep it in a ref. */
export interface Line {
  text: string;
  cursor: number;
}

export type EditResult =
  | { kind: 'edit'; line: Line }
  /** Enter (typed, or inside pasted text): `rest` is what followed the first line break, dropped. */
  | { kind: 'submit'; line: Line; rest: string }
  | { kind: 'ignore' };

const insert = (l: Line, s: string): Line => ({ text: l.text.slice(0, l.cursor) + s + l.text.slice(l.cursor), cursor: l.cursor + s.length });
const printable = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '');

/** Start of the word before the cursor (spaces first, then the word), as Ctrl-W does in a shell. */
function wordStart(l: Line): number {
  let i = l.cursor;
  while (i > 0 && l.text[i - 1] === ' ') i--;
  while (i > 0 && l.text[i - 1] !== ' ') i--;
  return i;
}

/**
 * Applies one read from Ink. A read can hold many characters (fast typing, a paste), all kept;
 * a line break inside it submits what came before it.
 */
export function applyKey(l: Line, input: string, key: Key): EditResult {
  if (key.return) return { kind: 'submit', line: l, rest: '' };
  if (key.leftArrow) return { kind: 'edit', line: { ...l, cursor: Math.max(0, l.cursor - 1) } };
  if (key.rightArrow) return { kind: 'edit', line: { ...l, cursor: Math.min(l.text.length, l.cursor + 1) } };
  if (key.home || (key.ctrl && input === 'a')) return { kind: 'edit', line: { ...l, cursor: 0 } };
  if (key.end || (key.ctrl && input === 'e')) return { kind: 'edit', line: { ...l, cursor: l.text.length } };
  // Most terminals send \x7f for Backspace, which Ink names "delete": both erase before the cursor.
  if (key.backspace || key.delete || (key.ctrl && input === 'h')) {
    if (l.cursor === 0) return { kind: 'edit', line: l };
    return { kind: 'edit', line: { text: l.text.slice(0, l.cursor - 1) + l.text.slice(l.cursor), cursor: l.cursor - 1 } };
  }
  // Ctrl-D erases under the cursor (the forward delete Ink cannot tell from Backspace).
  if (key.ctrl && input === 'd') return { kind: 'edit', line: { text: l.text.slice(0, l.cursor) + l.text.slice(l.cursor + 1), cursor: l.cursor } };
  if (key.ctrl && input === 'u') return { kind: 'edit', line: { text: l.text.slice(l.cursor), cursor: 0 } };
  if (key.ctrl && input === 'k') return { kind: 'edit', line: { text: l.text.slice(0, l.cursor), cursor: l.cursor } };
  if (key.ctrl && input === 'w') {
    const start = wordStart(l);
    return { kind: 'edit', line: { text: l.text.slice(0, start) + l.text.slice(l.cursor), cursor: start } };
  }
  if (key.escape || key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab || key.pageUp || key.pageDown) return { kind: 'ignore' };
  const brk = input.search(/[\r\n]/);
  if (brk >= 0) {
    const line = insert(l, printable(input.slice(0, brk)));
    return { kind: 'submit', line, rest: input.slice(brk).replace(/^\r?\n|^\r/, '').trim() };
  }
  const clean = printable(input);
  return clean ? { kind: 'edit', line: insert(l, clean) } : { kind: 'ignore' };
}

/** The text split around the cursor, for drawing it as an inverse block. */
export function splitAtCursor(l: Line): { before: string; at: string; after: string } {
  return { before: l.text.slice(0, l.cursor), at: l.text[l.cursor] ?? ' ', after: l.text.slice(l.cursor + 1) };
}
