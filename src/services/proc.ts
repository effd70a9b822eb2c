// Running another program (aws, codex) with bounds that hold: a deadline that kills the whole process
// tree, output kept up to a cap, and no wait that outlives the program. npm's `codex` and many `aws`
// installs are wrappers that spawn the real binary: killing only the wrapper leaves the binary running,
// holding our pipes open for as long as it likes.
import { spawn } from 'node:child_process';

export interface BoundedResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Output past the cap was read and dropped. */
  truncated: boolean;
  /** Spawn failure (ENOENT, EACCES). */
  error?: NodeJS.ErrnoException;
}

export interface BoundedOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bytes kept per stream (default 1 MiB); the rest is drained so the program never blocks on a full pipe. */
  maxBytes?: number;
  /** Every output line (stdout and stderr) as it arrives, each at most 4 KiB. */
  onLine?: (line: string) => void;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_LINE = 4096;
/** After the program exits, how long its pipes may stay open (held by a grandchild) before we stop reading. */
const CLOSE_GRACE_MS = 500;

/** Ends a process and everything it started: its process group on POSIX, `taskkill /T` on Windows. */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

class Capped {
  private parts: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(b: Buffer): void {
    if (this.size >= this.max) {
      this.truncated = true;
      return;
    }
    const room = this.max - this.size;
    const kept = b.length > room ? b.subarray(0, room) : b;
    if (kept.length < b.length) this.truncated = true;
    this.parts.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}

/** Runs a program with an argument array (never a shell), stdin closed. Never rejects. */
export function runBounded(file: string, args: string[], opts: BoundedOptions): Promise<BoundedResult> {
  return new Promise((resolve) => {
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const out = new Capped(max);
    const err = new Capped(max);
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args, {
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout can end the program and everything it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    // Our own exit (Ctrl-C, a time limit) must not leave the group running: it no longer gets the terminal's signals.
    const onExit = () => killTree(child.pid);
    process.once('exit', onExit);

    let rest = '';
    const lines = (b: Buffer) => {
      if (!opts.onLine) return;
      const parts = (rest + b.toString('utf8')).split(/\r?\n/);
      rest = (parts.pop() ?? '').slice(-MAX_LINE);
      for (const l of parts) opts.onLine(l.slice(0, MAX_LINE));
    };
    child.stdout!.on('data', (b: Buffer) => {
      out.push(b);
      lines(b);
    });
    child.stderr!.on('data', (b: Buffer) => {
      err.push(b);
      lines(b);
    });

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      process.off('exit', onExit);
      child.stdout!.destroy();
      child.stderr!.destroy();
      if (rest && opts.onLine) opts.onLine(rest);
      resolve({ exitCode, signal, stdout: out.text(), stderr: err.text(), timedOut, truncated: out.truncated || err.truncated, ...(error ? { error } : {}) });
    };

    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
      // Whatever the tree does with the kill, we are done waiting shortly after.
      grace = setTimeout(() => finish(child.exitCode, child.signalCode), CLOSE_GRACE_MS * 2);
    }, opts.timeoutMs);

    child.once('error', (e: NodeJS.ErrnoException) => finish(null, null, e));
    child.once('exit', (code, signal) => {
      // 'close' waits for the pipes, which a grandchild may hold for ever.
      clearTimeout(grace);
      grace = setTimeout(() => finish(code, signal), CLOSE_GRACE_MS);
      child.once('close', () => finish(code, signal));
    });
  });
}
