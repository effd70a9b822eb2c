// Ink wraps text at spaces and keeps the breaking space at the start of the next row, and it will break a
// command in two. These two steps run around Ink's own wrapping: protect before, restore on each output row.
// --help wraps its own lines by the same rule (wrapUnits), so this stays pure and in core: no Ink, no I/O.

const NBSP = '\u00a0';
const ANSI_PREFIX = /^((?:\u001b\[[\d;]*m)*) /;

// A command as our texts write it: a program we name, after a colon, "run", "or", "then", "with", up to the
// clause's end (a comma, semicolon, bracket, sentence end, or a joining word such as "then" or "if"); or a whole
// text that is one command. Found by pattern, so only spans short enough for a 60-column line are kept whole:
// a false find is then only a line broken a word early. `set` only before a variable's name: "set up" is English.
const PROGRAMS = 'codex-bedrock-setup|sudo|aws|npx|npm|pip3?|codex|export|mkdir|ln|curl|brew|setx?(?= [A-Z_]+\\b)|unset|chmod|git|iconv|rm|cp|mv|winget|choco';
const STOP = '[.,;]?\\s*$|,\\s|;\\s|\\s\\(|\\)|\\.\\s| then | or | and | if | to | —';
const COMMAND = new RegExp(`(?<=[:;(] |\\b(?:run|or|then|with|try|type) )(?:${PROGRAMS}) [^,;()\\n]*?[^\\s,;()](?=${STOP})|^(?:${PROGRAMS}) [^,;()\\n]*[^\\s,;().]$`, 'gm');
const LONGEST_KEPT = 56;

/** The commands in a text, as protectForWrap keeps them whole. */
export function commandsIn(text: string): string[] {
  return [...text.matchAll(COMMAND)].map((m) => m[0]).filter((c) => c.length <= LONGEST_KEPT);
}

/**
 * Spaces Ink must not break at become no-break spaces: those inside a `backtick span` or a command (each kept
 * whole whenever it fits the width) and a line's leading indent (kept, so only a wrap's stray space is dropped).
 */
export function protectForWrap(text: string): string {
  const keep = (span: string) => span.replaceAll(' ', NBSP);
  const spans = text.replace(/`[^`\n]+`/g, keep).replace(COMMAND, (c) => (c.length <= LONGEST_KEPT ? keep(c) : c));
  return spans.replace(/(^|\n)( +)/g, (_m, start: string, indent: string) => start + NBSP.repeat(indent.length));
}

/** One output row: a row Ink started with a space (the space it broke at) loses it; no-break spaces are spaces again. */
export function restoreRow(row: string, index: number): string {
  const trimmed = index > 0 ? row.replace(ANSI_PREFIX, '$1') : row;
  return trimmed.replaceAll(NBSP, ' ');
}

/** The words of a one-paragraph text for a wrap of our own (--help): a span protectForWrap keeps whole is one word. */
export function wrapUnits(text: string): string[] {
  return protectForWrap(text.trim())
    .split(/[^\S\u00a0]+/)
    .filter(Boolean)
    .map((w) => w.replaceAll(NBSP, ' '));
}
