// Comment- and format-preserving TOML edits. smol-toml only parses and validates:
// every edit is checked by re-parsing and comparing with the intended data.
import { parse, TomlError } from 'smol-toml';

export type TomlValue = string | number | boolean | TomlValue[] | { [key: string]: TomlValue };
export type TomlData = Record<string, unknown>;

export interface EditOptions {
  /** Named in error messages, e.g. `config.toml line 3, column 7: …`. */
  fileName?: string;
}

export class TomlEditError extends Error {
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = 'TomlEditError';
    this.line = line;
    this.column = column;
  }
}

/** Parses TOML; a syntax error becomes `<file> line L, column C: reason`. */
export function parseToml(doc: string, opts: EditOptions = {}): TomlData {
  const fileName = opts.fileName ?? 'config.toml';
  try {
    return parse(stripBom(doc)) as TomlData;
  } catch (e) {
    if (e instanceof TomlError) {
      const reason = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      throw new TomlEditError(`${fileName} line ${e.line}, column ${e.column}: ${reason}`, e.line, e.column);
    }
    throw e;
  }
}

// ---------------------------------------------------------------- scanning

interface InlineEntry {
  path: string[];
  start: number; // first char of the key
  valueStart: number;
  valueEnd: number;
  inline?: InlineTable;
}

interface InlineTable {
  open: number; // index of `{`
  close: number; // index of `}`
  entries: InlineEntry[];
}

interface Stmt {
  kind: 'blank' | 'comment' | 'header' | 'array-header' | 'kv';
  start: number; // line start
  end: number; // after the final line break (or end of document)
  /** header: table path; kv: absolute key path. */
  path: string[];
  /** kv: path of the section it sits in. */
  section: string[];
  inArray: boolean;
  valueStart: number;
  valueEnd: number;
  inline?: InlineTable;
}

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  peek(n = 0): string {
    return this.s[this.pos + n] ?? '';
  }
  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos);
  }
  skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  /** Whitespace, newlines and comments (inside arrays and TOML 1.1 inline tables). */
  skipWsNl(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos++;
      else if (c === '#') this.skipToEol();
      else return;
    }
  }
  skipToEol(): void {
    while (this.pos < this.s.length && this.peek() !== '\n' && !this.startsWith('\r\n')) this.pos++;
  }
  /** Consumes the line break (if any) and returns the new position. */
  eatEol(): number {
    if (this.startsWith('\r\n')) this.pos += 2;
    else if (this.peek() === '\n') this.pos += 1;
    return this.pos;
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.pos, this.pos + 1024));
        if (!m) throw new TomlEditError(`unexpected character at offset ${this.pos}`);
        parts.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipWs();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  basicString(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' ) throw new TomlEditError('unterminated string');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  private escape(): string {
    const e = this.peek(1);
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
    if (e in simple) {
      this.pos += 2;
      return simple[e]!;
    }
    const width = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
    if (!width) throw new TomlEditError('invalid escape');
    const hex = this.s.slice(this.pos + 2, this.pos + 2 + width);
    this.pos += 2 + width;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  literalString(): string {
    const end = this.s.indexOf("'", this.pos + 1);
    const out = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    return out;
  }

  /** Skips one value; returns the inline table structure when the value is one. */
  value(): InlineTable | undefined {
    const c = this.peek();
    if (this.startsWith('"""') || this.startsWith("'''")) {
      const q = this.s.slice(this.pos, this.pos + 3);
      this.pos += 3;
      for (;;) {
        if (this.pos >= this.s.length) throw new TomlEditError('unterminated multi-line string');
        if (q === '"""' && this.peek() === '\\') {
          this.pos += 2;
          continue;
        }
        if (this.startsWith(q)) {
          this.pos += 3;
          // Up to two quote characters may close the content right before the delimiter.
          for (let i = 0; i < 2 && this.peek() === q[0]; i++) this.pos++;
          return undefined;
        }
        this.pos++;
      }
    }
    if (c === '"') {
      this.basicString();
      return undefined;
    }
    if (c === "'") {
      this.literalString();
      return undefined;
    }
    if (c === '[') {
      this.pos++;
      for (;;) {
        this.skipWsNl();
        if (this.peek() === ']') {
          this.pos++;
          return undefined;
        }
        this.value();
        this.skipWsNl();
        if (this.peek() === ',') this.pos++;
      }
    }
    if (c === '{') return this.inlineTable();
    const start = this.pos;
    while (this.pos < this.s.length && !',]}#\n'.includes(this.peek()) && !this.startsWith('\r\n')) this.pos++;
    while (this.pos > start && (this.s[this.pos - 1] === ' ' || this.s[this.pos - 1] === '\t')) this.pos--;
    return undefined;
  }

  private inlineTable(): InlineTable {
    const open = this.pos;
    this.pos++;
    const entries: InlineEntry[] = [];
    for (;;) {
      this.skipWsNl();
      if (this.peek() === '}') {
        const close = this.pos;
        this.pos++;
        return { open, close, entries };
      }
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const path = this.key();
      this.skipWs();
      this.pos++; // '='
      this.skipWs();
      const valueStart = this.pos;
      const inline = this.value();
      entries.push({ path, start, valueStart, valueEnd: this.pos, inline });
    }
  }
}

function scan(doc: string): Stmt[] {
  const sc = new Scanner(doc);
  if (doc.startsWith('\uFEFF')) sc.pos = 1;
  const out: Stmt[] = [];
  let section: string[] = [];
  let inArray = false;
  while (sc.pos < doc.length) {
    const start = sc.pos;
    sc.skipWs();
    const c = sc.peek();
    const base = { start, path: [] as string[], section, inArray, valueStart: -1, valueEnd: -1 };
    if (c === '\n' || c === '' || sc.startsWith('\r\n')) {
      out.push({ ...base, kind: 'blank', end: sc.eatEol() });
    } else if (c === '#') {
      sc.skipToEol();
      out.push({ ...base, kind: 'comment', end: sc.eatEol() });
    } else if (c === '[') {
      const isArray = sc.peek(1) === '[';
      sc.pos += isArray ? 2 : 1;
      const path = sc.key();
      sc.pos += isArray ? 2 : 1;
      sc.skipToEol();
      section = path;
      inArray = isArray;
      out.push({ ...base, kind: isArray ? 'array-header' : 'header', path, section, inArray, end: sc.eatEol() });
    } else {
      const rel = sc.key();
      sc.skipWs();
      sc.pos++; // '='
      sc.skipWs();
      const valueStart = sc.pos;
      const inline = sc.value();
      const valueEnd = sc.pos;
      sc.skipToEol();
      out.push({ ...base, kind: 'kv', path: [...section, ...rel], valueStart, valueEnd, inline, end: sc.eatEol() });
    }
  }
  return out;
}

// ---------------------------------------------------------------- formatting

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function formatKey(k: string): string {
  return BARE_KEY.test(k) ? k : quoteString(k);
}

function formatPath(path: string[]): string {
  return path.map(formatKey).join('.');
}

function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export function formatValue(v: TomlValue): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, x]) => `${formatKey(k)} = ${formatValue(x)}`).join(', ')} }`;
}

// ---------------------------------------------------------------- data helpers

function isTable(v: unknown): v is TomlData {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v);
}

function isDate(v: unknown): boolean {
  return typeof v === 'object' && v !== null && v instanceof Date;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && String(a) === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isTable(a) && isTable(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isTable(v)) {
    const out: TomlData = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

function getPath(data: TomlData, path: string[]): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (!isTable(cur) || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Walks to the parent table of `path`, creating tables; throws when a step is not a table. */
function parentFor(data: TomlData, path: string[]): TomlData {
  let cur = data;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i]!;
    const next = cur[p];
    if (next === undefined) cur[p] = {};
    else if (Array.isArray(next)) throw new TomlEditError(`${formatPath(path.slice(0, i + 1))} is an array of tables; refusing to edit inside it`);
    else if (!isTable(next)) throw new TomlEditError(`${formatPath(path.slice(0, i + 1))} is a value, not a table; refusing to overwrite it`);
    cur = cur[p] as TomlData;
  }
  return cur;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

function eolOf(doc: string): string {
  const i = doc.indexOf('\n');
  return i > 0 && doc[i - 1] === '\r' ? '\r\n' : '\n';
}

function stripBom(doc: string): string {
  return doc.startsWith('\uFEFF') ? doc.slice(1) : doc;
}

function splice(doc: string, start: number, end: number, text: string): string {
  return doc.slice(0, start) + text + doc.slice(end);
}

/** Inserts whole lines at a line-start offset, adding a line break first when the document lacks one there. */
function insertLines(doc: string, at: number, lines: string[], eol: string): string {
  const body = lines.join(eol);
  if (at >= doc.length) {
    if (stripBom(doc).length === 0) return doc + body + eol;
    const endsWithNl = doc.endsWith('\n');
    // Keep a document's "no trailing newline" style.
    return endsWithNl ? doc + body + eol : doc + eol + body;
  }
  return splice(doc, at, at, body + eol);
}

// ---------------------------------------------------------------- public API

function checked(candidate: string, intended: TomlData | TomlData[], opts: EditOptions): boolean {
  try {
    const got = parseToml(candidate, opts);
    return (Array.isArray(intended) ? intended : [intended]).some((want) => deepEqual(got, want));
  } catch {
    return false;
  }
}

function firstValid(candidates: (() => string | null)[], intended: TomlData | TomlData[], opts: EditOptions, what: string): string {
  for (const make of candidates) {
    let text: string | null;
    try {
      text = make();
    } catch (e) {
      if (e instanceof TomlEditError) continue;
      throw e;
    }
    if (text !== null && checked(text, intended, opts)) return text;
  }
  throw new TomlEditError(
    `${opts.fileName ?? 'config.toml'}: cannot ${what} without rewriting the file's layout (an unusual inline table or array?). Edit it by hand.`,
  );
}

/** Sets `tablePath.key = value`, editing an existing definition where it is. */
export function setKey(doc: string, tablePath: string[], key: string, value: TomlValue, opts: EditOptions = {}): string {
  const full = [...tablePath, key];
  const before = parseToml(doc, opts);
  if (deepEqual(getPath(before, full), value)) return doc;
  const intended = clone(before);
  const parent = parentFor(intended, full);
  if (isTable(parent[key]) && !isTable(value)) throw new TomlEditError(`${formatPath(full)} is a table; refusing to replace it with a value`);
  parent[key] = clone(value);

  const stmts = scan(doc);
  const eol = eolOf(doc);
  const text = formatValue(value);
  const kvs = stmts.filter((s) => s.kind === 'kv' && !s.inArray);
  const candidates: (() => string | null)[] = [];

  const exact = kvs.find((s) => samePath(s.path, full));
  if (exact) candidates.push(() => splice(doc, exact.valueStart, exact.valueEnd, text));

  for (const s of kvs) {
    if (s.inline && startsWith(full, s.path) && full.length > s.path.length) {
      candidates.push(() => setInInline(doc, s.inline!, full.slice(s.path.length), text));
    }
  }

  const header = stmts.findIndex((s) => s.kind === 'header' && samePath(s.path, tablePath));
  if (header >= 0) candidates.push(() => insertLines(doc, afterLastKv(stmts, header), [`${formatKey(key)} = ${text}`], eol));

  // A table defined implicitly by dotted keys gets one more dotted key next to its siblings.
  const dotted = kvs.filter((s) => startsWith(s.path, tablePath) && s.path.length > tablePath.length && s.section.length < tablePath.length);
  const lastDotted = dotted[dotted.length - 1];
  if (lastDotted) {
    const rel = full.slice(lastDotted.section.length);
    candidates.push(() => insertLines(doc, lastDotted.end, [`${indentOf(doc, lastDotted.start)}${formatPath(rel)} = ${text}`], eol));
  }

  if (tablePath.length === 0) candidates.push(() => insertTopLevel(doc, stmts, `${formatKey(key)} = ${text}`, eol));
  else candidates.push(() => appendTable(doc, tablePath, [`${formatKey(key)} = ${text}`], eol));

  // Last resort: a dotted key inside the deepest existing ancestor section.
  for (let i = tablePath.length - 1; i >= 0; i--) {
    const anc = tablePath.slice(0, i);
    const h = i === 0 ? -1 : stmts.findIndex((s) => s.kind === 'header' && samePath(s.path, anc));
    if (i > 0 && h < 0) continue;
    const line = `${formatPath(full.slice(i))} = ${text}`;
    candidates.push(() => (i === 0 ? insertTopLevel(doc, stmts, line, eol) : insertLines(doc, afterLastKv(stmts, h), [line], eol)));
  }

  return firstValid(candidates, intended, opts, `set ${formatPath(full)}`);
}

/** Removes `tablePath.key` (a value, or a whole sub-table with everything under it). */
export function removeKey(doc: string, tablePath: string[], key: string, opts: EditOptions = {}): string {
  return removePath(doc, [...tablePath, key], opts);
}

/** Removes a table with its sub-tables, wherever and however they are defined. */
export function removeTable(doc: string, tablePath: string[], opts: EditOptions = {}): string {
  return removePath(doc, tablePath, opts);
}

/** The parsed table at `tablePath`, or undefined when absent or not a table. */
export function getTable(doc: string, tablePath: string[], opts: EditOptions = {}): TomlData | undefined {
  const v = getPath(parseToml(doc, opts), tablePath);
  return isTable(v) ? v : undefined;
}

function removePath(doc: string, full: string[], opts: EditOptions): string {
  if (full.length === 0) throw new TomlEditError('refusing to remove the whole document');
  const before = parseToml(doc, opts);
  if (getPath(before, full) === undefined) return doc;
  const intended = clone(before);
  delete parentFor(intended, full)[full[full.length - 1]!];

  const make = (): string => {
    const stmts = scan(doc);
    const drop = new Array<boolean>(stmts.length).fill(false);
    const inlineEdits: { start: number; end: number; text: string }[] = [];
    let removing = false;
    stmts.forEach((s, i) => {
      if (s.kind === 'header' || s.kind === 'array-header') {
        removing = startsWith(s.path, full);
        if (removing) dropAttachedComments(stmts, drop, i);
      }
      if (removing) drop[i] = true;
      else if (s.kind === 'kv' && !s.inArray && startsWith(s.path, full)) drop[i] = true;
      else if (s.kind === 'kv' && !s.inArray && s.inline && startsWith(full, s.path)) {
        const edit = removeInInline(doc, s.inline, full.slice(s.path.length));
        if (edit) inlineEdits.push(edit);
      }
    });
    // Comments directly above the next kept header belong to it, not to the removed section.
    for (let i = 0; i < stmts.length; i++) {
      if (!drop[i] || (stmts[i]!.kind !== 'comment' && stmts[i]!.kind !== 'blank')) continue;
      let j = i;
      while (j < stmts.length && stmts[j]!.kind === 'comment' && drop[j]) j++;
      if (j < stmts.length && j > i && !drop[j] && (stmts[j]!.kind === 'header' || stmts[j]!.kind === 'array-header')) {
        for (let k = i; k < j; k++) drop[k] = false;
      }
    }
    // Removing the tail of a file: don't leave blank lines behind.
    let last = stmts.length - 1;
    while (last >= 0 && drop[last]) last--;
    if (last < stmts.length - 1) {
      while (last >= 0 && stmts[last]!.kind === 'blank') drop[last--] = true;
    }
    let out = '';
    let pos = 0;
    const edits = [
      ...stmts.map((s, i) => (drop[i] ? { start: s.start, end: s.end, text: '' } : null)).filter((e) => e !== null),
      ...inlineEdits,
    ].sort((a, b) => a.start - b.start);
    for (const e of edits) {
      out += doc.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    out += doc.slice(pos);
    // Dropping the final line can leave the previous one without its line break: keep the original ending style.
    if (!doc.endsWith('\n') && out.endsWith('\n')) out = out.replace(/\r?\n$/, '');
    return out;
  };
  // A parent table that only existed implicitly disappears with its last child.
  const pruned = clone(intended);
  for (let i = full.length - 1; i > 0; i--) {
    const p = full.slice(0, i);
    const t = getPath(pruned, p);
    if (!isTable(t) || Object.keys(t).length > 0) break;
    delete parentFor(pruned, p)[p[p.length - 1]!];
  }
  return firstValid([make], [intended, pruned], opts, `remove ${formatPath(full)}`);
}

function dropAttachedComments(stmts: Stmt[], drop: boolean[], headerIndex: number): void {
  for (let k = headerIndex - 1; k >= 0 && stmts[k]!.kind === 'comment'; k--) {
    // The file's opening comment block is about the file, not this table.
    let top = k;
    while (top >= 0 && stmts[top]!.kind === 'comment') top--;
    if (top < 0) return;
    drop[k] = true;
  }
}

function indentOf(doc: string, lineStart: number): string {
  return /^[ \t]*/.exec(doc.slice(lineStart).replace(/^\uFEFF/, ''))![0];
}

/** Offset right after the last key line of the section whose header is stmts[h]. */
function afterLastKv(stmts: Stmt[], h: number): number {
  let at = stmts[h]!.end;
  for (let i = h + 1; i < stmts.length; i++) {
    const s = stmts[i]!;
    if (s.kind === 'header' || s.kind === 'array-header') break;
    if (s.kind === 'kv') at = s.end;
  }
  return at;
}

function insertTopLevel(doc: string, stmts: Stmt[], line: string, eol: string): string {
  const firstHeader = stmts.findIndex((s) => s.kind === 'header' || s.kind === 'array-header');
  const top = firstHeader < 0 ? stmts : stmts.slice(0, firstHeader);
  const lastKv = top.map((s) => s.kind).lastIndexOf('kv');
  if (lastKv >= 0) return insertLines(doc, top[lastKv]!.end, [line], eol);
  if (firstHeader < 0) {
    // Only comments/blank lines: put the key after the leading comment block.
    let i = 0;
    while (i < stmts.length && stmts[i]!.kind === 'comment') i++;
    return insertLines(doc, i < stmts.length ? stmts[i]!.start : doc.length, [line], eol);
  }
  let leadEnd = 0;
  while (leadEnd < firstHeader && stmts[leadEnd]!.kind === 'comment') leadEnd++;
  let at = firstHeader;
  while (at > leadEnd && stmts[at - 1]!.kind === 'comment') at--;
  const next = stmts[at]!;
  // Keep the new key visually apart from the table that follows.
  const lines = next.kind === 'blank' ? [line] : [line, ''];
  return insertLines(doc, next.start, lines, eol);
}

function appendTable(doc: string, tablePath: string[], lines: string[], eol: string): string {
  const body = stripBom(doc);
  const header = `[${formatPath(tablePath)}]`;
  if (body.trim() === '') return insertLines(doc, doc.length, [header, ...lines], eol);
  const endsBlank = /(\r?\n)[ \t]*\r?\n$/.test(body) || body.endsWith(eol + eol);
  return insertLines(doc, doc.length, endsBlank ? [header, ...lines] : ['', header, ...lines], eol);
}

function setInInline(doc: string, table: InlineTable, rest: string[], text: string): string {
  for (const e of table.entries) {
    if (samePath(e.path, rest)) return splice(doc, e.valueStart, e.valueEnd, text);
    if (e.inline && startsWith(rest, e.path) && rest.length > e.path.length) {
      return setInInline(doc, e.inline, rest.slice(e.path.length), text);
    }
  }
  const entry = `${formatPath(rest)} = ${text}`;
  const lastEntry = table.entries[table.entries.length - 1];
  if (!lastEntry) return splice(doc, table.open, table.close + 1, `{ ${entry} }`);
  const between = doc.slice(lastEntry.valueEnd, table.close);
  if (between.includes('\n') || between.includes('#')) throw new TomlEditError('multi-line inline table');
  return splice(doc, lastEntry.valueEnd, lastEntry.valueEnd, `, ${entry}`);
}

function removeInInline(doc: string, table: InlineTable, rest: string[]): { start: number; end: number; text: string } | null {
  const entries = table.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.inline && startsWith(rest, e.path) && rest.length > e.path.length) return removeInInline(doc, e.inline, rest.slice(e.path.length));
  }
  const idx = entries.findIndex((e) => startsWith(e.path, rest));
  if (idx < 0) return null;
  if (entries.filter((e) => startsWith(e.path, rest)).length > 1) throw new TomlEditError('several inline entries');
  const e = entries[idx]!;
  if (doc.slice(table.open, table.close).includes('\n')) throw new TomlEditError('multi-line inline table');
  if (entries.length === 1) return { start: table.open, end: table.close + 1, text: '{}' };
  if (idx === 0) return { start: e.start, end: entries[1]!.start, text: '' };
  return { start: entries[idx - 1]!.valueEnd, end: e.valueEnd, text: '' };
}
