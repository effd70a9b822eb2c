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
  // A real terminal can hand over typed text and control keys in one read ("ab\x17cd"): replay them in order.
  let line = l;
  let changed = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\r' || ch === '\n') {
      const rest = input.slice(i + 1).replace(/^\n/, '').trim();
      return { kind: 'submit', line, rest };
    }
    const control = CONTROL[ch];
    if (control) line = (applyKey(line, control.input, { ...NO_KEY, ...control.key }) as { line: Line }).line;
    else if (printable(ch)) line = insert(line, ch);
    else continue;
    changed = true;
  }
  return changed ? { kind: 'edit', line } : { kind: 'ignore' };
}

const NO_KEY = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
} as Key;

/** Control characters as Ink names them when they come alone. */
const CONTROL: Record<string, { input: string; key: Partial<Key> }> = {
  '\x7f': { input: '', key: { delete: true } },
  '\b': { input: '', key: { backspace: true } },
  '\x01': { input: 'a', key: { ctrl: true } },
  '\x05': { input: 'e', key: { ctrl: true } },
  '\x04': { input: 'd', key: { ctrl: true } },
  '\x0b': { input: 'k', key: { ctrl: true } },
  '\x15': { input: 'u', key: { ctrl: true } },
  '\x17': { input: 'w', key: { ctrl: true } },
};

/** The text split around the cursor, for drawing it as an inverse block. */
export function splitAtCursor(l: Line): { before: string; at: string; after: string } {
  return { before: l.text.slice(0, l.cursor), at: l.text[l.cursor] ?? ' ', after: l.text.slice(l.cursor + 1) };
}
