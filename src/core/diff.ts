// Unified diff (Myers) for showing planned config changes. Lines keep their `\r`.

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/** Shortest edit script between two line arrays (Myers, O((N+M)·D)). */
function myers(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const mid: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      mid.push({ kind: ' ', line: A[x - 1]!, a: x - 1, b: y - 1 });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) mid.push({ kind: '+', line: B[y - 1]!, a: x, b: y - 1 });
    else mid.push({ kind: '-', line: A[x - 1]!, a: x - 1, b: y });
    x = prevX;
    y = prevY;
  }
  mid.reverse();
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i]!, a: i, b: i });
  for (const o of mid) ops.push({ ...o, a: o.a + pre, b: o.b + pre });
  for (let i = 0; i < suf; i++) ops.push({ kind: ' ', line: a[a.length - suf + i]!, a: a.length - suf + i, b: b.length - suf + i });
  return ops;
}

/** `git diff`-style unified diff with 3 lines of context; empty string when nothing changed. */
export function unifiedDiff(path: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const old = splitLines(before ?? '');
  const neu = splitLines(after);
  // A last line without its newline differs from the same text with one, as in git.
  const NO_NL = '\u0000no-newline';
  const keyed = (s: { lines: string[]; finalNewline: boolean }): string[] =>
    s.finalNewline ? s.lines : s.lines.map((l, i) => (i === s.lines.length - 1 ? l + NO_NL : l));
  const ops = myers(keyed(old), keyed(neu)).map((o) => ({ ...o, line: o.line.endsWith(NO_NL) ? o.line.slice(0, -NO_NL.length) : o.line }));
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const lastA = old.finalNewline ? -1 : old.lines.length - 1;
  const lastB = neu.finalNewline ? -1 : neu.lines.length - 1;

  // git's a/ b/ prefixes read oddly on absolute paths; patch(1) accepts both forms.
  const [a, b] = path.startsWith('/') ? [path, path] : [`a/${path}`, `b/${path}`];
  const out = [`--- ${before === null ? '/dev/null' : a}`, `+++ ${b}`];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) {
      i++;
      end = Math.min(ops.length, changed[i]! + context + 1);
    }
    i++;
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(ops, start, 'a', aCount)} +${range(ops, start, 'b', bCount)} @@`);
    for (const o of hunk) {
      out.push(o.kind + o.line);
      if ((o.kind !== '+' && o.a === lastA) || (o.kind !== '-' && o.b === lastB)) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

/** `start,count` for one side of a hunk; an empty side names the line before it. */
function range(ops: Op[], start: number, side: 'a' | 'b', count: number): string {
  const skip = side === 'a' ? '+' : '-';
  let before = 0;
  for (let j = 0; j < start; j++) if (ops[j]!.kind !== skip) before++;
  if (count === 0) return `${before},0`;
  return count === 1 ? `${before + 1}` : `${before + 1},${count}`;
}
