// The built CLI in a real pseudo-terminal, plus a small VT100 screen model so tests assert what is on screen NOW,
// not somewhere in the scrollback of every frame Ink ever drew.
import * as pty from 'node-pty';
import { CLI } from './helpers.js';

export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  esc: '\u001B',
  ctrlC: '\u0003',
} as const;

export const SHOW_CURSOR = '\u001B[?25h';
/** Any SGR sequence that sets a colour (foreground, background, 256 or true colour). */
export const COLOUR_SGR = /\u001B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

export interface Attr {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface Cell {
  ch: string;
  attr: Attr;
}

const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** Enough of a VT100/xterm for Ink's output: printing, CR/LF, cursor moves, erase, scroll, SGR. */
export class Screen {
  readonly cells: Cell[][];
  private x = 0;
  private y = 0;
  private attr: Attr = {};
  private pending = '';
  cursorVisible = true;

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.cells = Array.from({ length: rows }, () => this.blankRow());
  }

  private blankRow(): Cell[] {
    return Array.from({ length: this.cols }, () => ({ ch: ' ', attr: {} }));
  }

  write(data: string): void {
    const s = this.pending + data;
    this.pending = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '\u001B') {
        const used = this.escape(s, i);
        if (used === 0) {
          // An escape split across two pty chunks: finish it with the next one.
          this.pending = s.slice(i);
          return;
        }
        i += used;
        continue;
      }
      i += 1;
      if (c === '\r') this.x = 0;
      else if (c === '\n') this.lineFeed();
      else if (c === '\b') this.x = Math.max(0, this.x - 1);
      else if (c === '\t') this.x = Math.min(this.cols - 1, (Math.floor(this.x / 8) + 1) * 8);
      else if (c < ' ' || c === '\u007F') continue;
      else {
        const cp = s.codePointAt(i - 1)!;
        const ch = String.fromCodePoint(cp);
        if (ch.length === 2) i += 1;
        this.put(ch);
      }
    }
  }

  private put(ch: string): void {
    if (this.x >= this.cols) {
      this.x = 0;
      this.lineFeed();
    }
    this.cells[this.y][this.x] = { ch, attr: { ...this.attr } };
    this.x += 1;
    if (isWide(ch) && this.x < this.cols) {
      this.cells[this.y][this.x] = { ch: '', attr: { ...this.attr } };
      this.x += 1;
    }
  }

  private lineFeed(): void {
    if (this.y === this.rows - 1) {
      this.cells.shift();
      this.cells.push(this.blankRow());
    } else this.y += 1;
  }

  /** Consumes one escape sequence at s[i]; returns its length, or 0 when it is incomplete. */
  private escape(s: string, i: number): number {
    const next = s[i + 1];
    if (next === undefined) return 0;
    if (next === ']') {
      // OSC (titles, hyperlinks): ends with BEL or ST.
      const bel = s.indexOf('\u0007', i);
      const st = s.indexOf('\u001B\\', i);
      const ends = [bel >= 0 ? bel + 1 : -1, st >= 0 ? st + 2 : -1].filter((n) => n > 0);
      return ends.length ? Math.min(...ends) - i : 0;
    }
    if (next !== '[') return 2;
    const m = /^\u001B\[([?>=]?)([0-9;:]*)([ -/]*)([@-~])/.exec(s.slice(i, i + 64));
    if (!m) return s.length - i < 64 ? 0 : 2;
    const [all, priv, params, , final] = m;
    const nums = params.split(/[;:]/).map((p) => (p === '' ? NaN : Number(p)));
    const n = (k: number, d: number) => (Number.isFinite(nums[k]) && nums[k] > 0 ? nums[k] : d);
    if (priv === '?') {
      if (params === '25') this.cursorVisible = final === 'h';
      return all.length;
    }
    switch (final) {
      case 'A':
        this.y = Math.max(0, this.y - n(0, 1));
        break;
      case 'B':
        this.y = Math.min(this.rows - 1, this.y + n(0, 1));
        break;
      case 'C':
        this.x = Math.min(this.cols - 1, this.x + n(0, 1));
        break;
      case 'D':
        this.x = Math.max(0, this.x - n(0, 1));
        break;
      case 'E':
        this.y = Math.min(this.rows - 1, this.y + n(0, 1));
        this.x = 0;
        break;
      case 'F':
        this.y = Math.max(0, this.y - n(0, 1));
        this.x = 0;
        break;
      case 'G':
        this.x = Math.min(this.cols - 1, n(0, 1) - 1);
        break;
      case 'H':
      case 'f':
        this.y = Math.min(this.rows - 1, n(0, 1) - 1);
        this.x = Math.min(this.cols - 1, n(1, 1) - 1);
        break;
      case 'J':
        this.eraseDisplay(Number.isFinite(nums[0]) ? nums[0] : 0);
        break;
      case 'K':
        this.eraseLine(Number.isFinite(nums[0]) ? nums[0] : 0);
        break;
      case 'm':
        this.sgr(nums);
        break;
    }
    return all.length;
  }

  private eraseLine(mode: number): void {
    const row = this.cells[this.y];
    const [from, to] = mode === 0 ? [this.x, this.cols] : mode === 1 ? [0, this.x + 1] : [0, this.cols];
    for (let k = from; k < Math.min(to, this.cols); k++) row[k] = { ch: ' ', attr: {} };
  }

  private eraseDisplay(mode: number): void {
    if (mode === 0) {
      this.eraseLine(0);
      for (let r = this.y + 1; r < this.rows; r++) this.cells[r] = this.blankRow();
    } else if (mode === 1) {
      this.eraseLine(1);
      for (let r = 0; r < this.y; r++) this.cells[r] = this.blankRow();
    } else for (let r = 0; r < this.rows; r++) this.cells[r] = this.blankRow();
  }

  private sgr(nums: number[]): void {
    const p = nums.map((v) => (Number.isFinite(v) ? v : 0));
    if (p.length === 0) p.push(0);
    for (let k = 0; k < p.length; k++) {
      const v = p[k];
      if (v === 0) this.attr = {};
      else if (v === 1) this.attr.bold = true;
      else if (v === 2) this.attr.dim = true;
      else if (v === 3) this.attr.italic = true;
      else if (v === 4) this.attr.underline = true;
      else if (v === 7) this.attr.inverse = true;
      else if (v === 22) this.attr.bold = this.attr.dim = false;
      else if (v === 23) this.attr.italic = false;
      else if (v === 24) this.attr.underline = false;
      else if (v === 27) this.attr.inverse = false;
      else if (v >= 30 && v <= 37) this.attr.fg = BASIC[v - 30];
      else if (v >= 90 && v <= 97) this.attr.fg = `bright-${BASIC[v - 90]}`;
      else if (v === 39) this.attr.fg = undefined;
      else if (v >= 40 && v <= 47) this.attr.bg = BASIC[v - 40];
      else if (v >= 100 && v <= 107) this.attr.bg = `bright-${BASIC[v - 100]}`;
      else if (v === 49) this.attr.bg = undefined;
      else if (v === 38 || v === 48) {
        const key = v === 38 ? 'fg' : 'bg';
        if (p[k + 1] === 5) {
          this.attr[key] = `256:${p[k + 2]}`;
          k += 2;
        } else if (p[k + 1] === 2) {
          this.attr[key] = `#${[p[k + 2], p[k + 3], p[k + 4]].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
          k += 4;
        }
      }
    }
  }

  /** A copy at another size, keeping the top-left content and the cursor. */
  resized(cols: number, rows: number): Screen {
    const next = new Screen(cols, rows);
    for (let y = 0; y < Math.min(rows, this.rows); y++) {
      for (let x = 0; x < Math.min(cols, this.cols); x++) next.cells[y][x] = this.cells[y][x];
    }
    next.x = Math.min(this.x, cols - 1);
    next.y = Math.min(this.y, rows - 1);
    next.attr = { ...this.attr };
    next.cursorVisible = this.cursorVisible;
    return next;
  }

  /** Screen rows as plain text, trailing spaces trimmed. */
  lines(): string[] {
    return this.cells.map((row) =>
      row
        .map((c) => c.ch)
        .join('')
        .replace(/\s+$/, ''),
    );
  }

  text(): string {
    return this.lines().join('\n').replace(/\n+$/, '');
  }
}

/** East Asian wide and emoji code points take two columns in a terminal. */
function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x1f300 && cp <= 0x1faff);
}

export interface PtyRun {
  screen: Screen;
  /** Every byte the program wrote, escapes included. */
  output(): string;
  write(keys: string): void;
  /**
   * Resolves with the screen text once `what` is on the current screen; rejects with the screen after `timeoutMs`.
   * With `since` (an offset into output()), `what` must be in what the program printed after it instead: a
   * handed-over terminal may still show an earlier run's prompt.
   */
  waitFor(what: string | RegExp, timeoutMs?: number, opts?: { since?: number }): Promise<string>;
  /**
   * Types `keys` once the screen shows `ready`, then waits for `until`. A key that arrives between a screen's first
   * paint and its input hook's effect is dropped by Ink, so keys are re-sent while the screen has not changed.
   */
  press(keys: string, until: string | RegExp, opts?: { retryMs?: number; tries?: number }): Promise<string>;
  /** Types a key that ends the program (re-sent if it was dropped), resolving with how it exited. */
  finish(keys: string): Promise<{ exitCode: number; signal?: number }>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ exitCode: number; signal?: number }>;
  resize(cols: number, rows: number): void;
  signal(name: 'SIGTERM' | 'SIGINT' | 'SIGHUP'): void;
  kill(): void;
}

export const WAIT_MS = 20_000;

/** Spawns `node dist/cli.js ...args` in a pseudo-terminal, 80×24 unless told otherwise. */
export function spawnCli(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; cols?: number; rows?: number }): PtyRun {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const term = pty.spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: opts.cwd ?? process.cwd(),
    env: { TERM: 'xterm-256color', ...opts.env } as Record<string, string>,
  });
  let screen = new Screen(cols, rows);
  let out = '';
  let done = false;
  const waiters = new Set<() => void>();
  const check = () => waiters.forEach((w) => w());
  term.onData((d) => {
    out += d;
    screen.write(d);
    check();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    term.onExit((e) => {
      done = true;
      // node-pty may report exit before the last chunk is read: give the reader a moment.
      setTimeout(() => {
        check();
        resolve(e);
      }, 50);
    }),
  );
  const run: PtyRun = {
    get screen() {
      return screen;
    },
    output: () => out,
    write: (keys) => term.write(keys),
    waitFor(what, timeoutMs = WAIT_MS, opts = {}) {
      // Ink brackets each frame in a synchronized update (ESC[?2026h … ESC[?2026l); a frame can reach us in
      // several chunks, so the screen is only judged between frames, never half drawn.
      const midFrame = () => out.lastIndexOf('\u001B[?2026h') > out.lastIndexOf('\u001B[?2026l');
      const found = () => {
        if (midFrame() && !done) return false;
        const t = opts.since === undefined ? screen.text() : out.slice(opts.since).replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
        return typeof what === 'string' ? t.includes(what) : what.test(t);
      };
      return new Promise((resolve, reject) => {
        const waiter = () => {
          if (found()) {
            cleanup();
            resolve(screen.text());
          } else if (done) {
            setTimeout(() => {
              if (!waiters.has(waiter)) return;
              cleanup();
              reject(new Error(`program exited before ${String(what)} appeared; screen:\n${screen.text()}`));
            }, 200);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}; screen:\n${screen.text()}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
        waiter();
      });
    },
    async press(keys, until, opts = {}) {
      const { retryMs = 4_000, tries = 4 } = opts;
      // What a key changes (title, selected item, the profile asked about); spinners and timings do not count.
      const signature = () => screen.lines().filter((l, i) => i === 0 || /❯|Codex profile/.test(l)).join('\n');
      const before = signature();
      // Give the screen's input hooks a moment to attach after its first paint.
      await new Promise((r) => setTimeout(r, 250));
      for (let i = 1; i < tries; i++) {
        term.write(keys);
        try {
          return await run.waitFor(until, retryMs);
        } catch (e) {
          if (done) throw e;
          // The key was taken; what it leads to is just slow.
          if (signature() !== before) return run.waitFor(until);
        }
      }
      term.write(keys);
      return run.waitFor(until);
    },
    async finish(keys) {
      for (let i = 0; i < 4 && !done; i++) {
        await new Promise((r) => setTimeout(r, 250));
        term.write(keys);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 4_000))]);
      }
      return exited;
    },
    exited,
    resize(c, r) {
      term.resize(c, r);
      // Like a terminal without reflow: what fits stays, and Ink may or may not redraw.
      screen = screen.resized(c, r);
    },
    signal: (name) => {
      if (!done) process.kill(term.pid, name);
    },
    kill: () => {
      if (!done) term.kill();
    },
  };
  return run;
}

/** The --demo wizard from welcome to done on the existing-profile path, taking every default. */
export async function demoToDone(run: PtyRun): Promise<string> {
  await run.waitFor('1/7 · Welcome');
  await run.press(KEY.enter, 'enter continue');
  await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
  await run.press(KEY.enter, '❯ IAM Identity Center');
  await run.press(KEY.down, '❯ Existing AWS profile');
  await run.press(KEY.enter, /❯ demo\s+\[keys\]/);
  await run.press(KEY.enter, 'signed in as arn:aws:iam::123456789012:user/demo');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  await run.press(KEY.enter, '❯ Write these files');
  await run.press(KEY.enter, '❯ Run the smoke test');
  await run.press(KEY.enter, 'enter finish');
  return run.press(KEY.enter, '7/7 · Done');
}

/**
 * Plays the terminal's part prompt_toolkit (the aws CLI's prompts) relies on: answering its cursor-position query
 * (ESC[6n) on the same pty, as a real terminal does. Returns the function that stops answering.
 */
export function answerCursorQueries(run: PtyRun): () => void {
  let answered = 0;
  const timer = setInterval(() => {
    const asked = run.output().split('\u001B[6n').length - 1;
    for (; answered < asked; answered++) run.write('\u001B[1;1R');
  }, 20);
  const stop = () => clearInterval(timer);
  void run.exited.then(stop);
  return stop;
}
