// The one way this program starts another (aws, codex): execa, so Windows `.cmd` shims and PATHEXT work
// without a shell, plus bounds that hold: a deadline that kills the whole process tree, output kept up to a
// cap, and no wait that outlives the program. npm's `codex` and many `aws` installs are wrappers that spawn
// the real binary: killing only the wrapper leaves the binary running, holding our pipes open for as long as it likes.
import { StringDecoder } from 'node:string_decoder';
import type { ResultPromise } from 'execa';
import { lazyModule } from './lazy.js';

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
  cwd?: string;
  /** Bytes kept per stream (default 1 MiB); the rest is drained so the program never blocks on a full pipe. */
  maxBytes?: number;
  /** Every output line (stdout and stderr) as it arrives, each at most 4 KiB. */
  onLine?: (line: string) => void;
}

export interface RunningProcess {
  done: Promise<BoundedResult>;
  /** Ends the program and everything it started; `done` settles shortly after. */
  kill(): void;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_LINE = 4096;
/** After the program exits, how long its pipes may stay open (held by a grandchild) before we stop reading. */
const CLOSE_GRACE_MS = 500;

// The execa module, with cross-spawn under it, is evaluated on the first spawn, not at start-up: --help never runs a program.
type Spawn = (typeof import('execa'))['execa'];
/** Set once loaded: a kill on our own 'exit' must start taskkill synchronously, when no promise runs any more. */
let loadedExeca: Spawn | undefined;
const loadExeca = lazyModule(async () => {
  const m = await import('execa');
  loadedExeca = m.execa;
  return m;
});

/**
 * What every spawn gets: an argument array and never a shell (on Windows execa runs a `.cmd` through
 * cmd.exe with each argument escaped), exactly the environment given, no execa-added exit hooks.
 */
export function spawnOptions(opts: { env: NodeJS.ProcessEnv; cwd?: string; stdio: 'inherit' | 'ignore' | 'pipe' }, platform: NodeJS.Platform = process.platform) {
  return {
    env: opts.env,
    extendEnv: false,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    stdio: opts.stdio === 'pipe' ? (['ignore', 'pipe', 'pipe'] as const) : opts.stdio,
    shell: false,
    // Its own process group (POSIX), so a timeout can end the program and everything it started.
    detached: opts.stdio === 'pipe' && platform !== 'win32',
    windowsHide: true,
    reject: false,
    buffer: false,
    cleanup: false,
    forceKillAfterDelay: false,
    stripFinalNewline: false,
  } as const;
}

/** Ends a process and everything it started: its process group on POSIX, `taskkill /T` on Windows. */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // Every child came from execa, so it is loaded by the time one needs killing.
    const execa = loadedExeca;
    if (execa) execa('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true, reject: false });
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

/** Starts a program with an argument array (never a shell), stdin closed. `done` never rejects. */
export function startBounded(file: string, args: string[], opts: BoundedOptions): RunningProcess {
  let killRequested = false;
  let kill: () => void = () => {
    killRequested = true;
  };
  const done = loadExeca().then(
    ({ execa }) =>
      new Promise<BoundedResult>((resolve) => {
        const running = watch(execa, file, args, opts, resolve);
        kill = running.kill;
        if (killRequested) kill();
      }),
    (e: NodeJS.ErrnoException) => ({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, error: e }),
  );
  return { done, kill: () => kill() };
}

/** Runs a program with an argument array (never a shell), stdin closed. Never rejects. */
export function runBounded(file: string, args: string[], opts: BoundedOptions): Promise<BoundedResult> {
  return startBounded(file, args, opts).done;
}

function watch(execa: Spawn, file: string, args: string[], opts: BoundedOptions, resolve: (r: BoundedResult) => void): { kill(): void } {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const out = new Capped(max);
  const err = new Capped(max);
  let timedOut = false;
  let settled = false;
  let grace: NodeJS.Timeout | undefined;
  let child: ResultPromise<ReturnType<typeof spawnOptions>>;
  try {
    child = execa(file, args, spawnOptions({ env: opts.env, cwd: opts.cwd, stdio: 'pipe' }));
  } catch (e) {
    // execa refuses some arguments before spawning (a NUL byte in an argument).
    resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, error: e as NodeJS.ErrnoException });
    return { kill: () => undefined };
  }
  // Our own exit (Ctrl-C, a time limit) must not leave the group running: it no longer gets the terminal's signals.
  const onExit = () => killTree(child.pid);
  process.once('exit', onExit);

  // One partial line per stream: a line half-written on stdout must not run into one from stderr.
  const rest = { out: '', err: '' };
  // A character split across two reads is decoded whole.
  const decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
  const lines = (stream: 'out' | 'err', b: Buffer) => {
    if (!opts.onLine) return;
    const parts = (rest[stream] + decoders[stream].write(b)).split(/\r?\n/);
    rest[stream] = (parts.pop() ?? '').slice(-MAX_LINE);
    for (const l of parts) opts.onLine(l.slice(0, MAX_LINE));
  };
  child.stdout?.on('data', (b: Buffer) => {
    out.push(b);
    lines('out', b);
  });
  child.stderr?.on('data', (b: Buffer) => {
    err.push(b);
    lines('err', b);
  });

  const finish = (exitCode: number | null, signal: NodeJS.Signals | null, error?: NodeJS.ErrnoException) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    clearTimeout(grace);
    process.off('exit', onExit);
    child.stdout?.destroy();
    child.stderr?.destroy();
    for (const last of [rest.out, rest.err]) if (last && opts.onLine) opts.onLine(last);
    resolve({ exitCode, signal, stdout: out.text(), stderr: err.text(), timedOut, truncated: out.truncated || err.truncated, ...(error ? { error } : {}) });
  };

  const end = () => {
    killTree(child.pid);
    // Whatever the tree does with the kill, we are done waiting shortly after.
    grace = setTimeout(() => finish(child.exitCode, child.signalCode as NodeJS.Signals | null), CLOSE_GRACE_MS * 2);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, opts.timeoutMs);

  child.once('error', (e: NodeJS.ErrnoException) => finish(null, null, e));
  child.once('exit', (code, signal) => {
    // execa's own result waits for the pipes, which a grandchild may hold for ever.
    clearTimeout(grace);
    grace = setTimeout(() => finish(code, signal), CLOSE_GRACE_MS);
    child.once('close', () => finish(code, signal));
  });
  // A spawn that failed before any event (execa reports those only in its result).
  child.then(
    (r) => {
      if (r.failed && r.exitCode === undefined && r.signal === undefined && !r.isTerminated) finish(null, null, (r.cause ?? r) as NodeJS.ErrnoException);
    },
    () => undefined,
  );
  return {
    kill: () => {
      if (!settled && child.exitCode === null && child.signalCode === null) end();
    },
  };
}

/**
 * Hands the terminal to a program (the aws CLI's prompts). While it runs we catch SIGINT/SIGTERM so they
 * end the child, not us. Ctrl-C on a shared terminal already reaches the child (same process group, or as
 * a key in prompt_toolkit's raw mode), so SIGINT is not sent again then: a second one can land while the
 * child restores the terminal. Otherwise signals are passed on after a short grace.
 */
const FORWARD_GRACE_MS = 150;

/** How much of a handed-over program's stderr is kept (its last words) while it is passed on to ours. */
const STDERR_TAIL = 8 * 1024;

export async function runInteractive(
  file: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; stdio?: 'inherit' | 'ignore'; keepStderr?: boolean },
): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; error?: NodeJS.ErrnoException; stderr?: string }> {
  const { execa } = await loadExeca();
  const stdio = opts.stdio ?? 'inherit';
  const tee = stdio === 'inherit' && opts.keepStderr === true;
  let child: ReturnType<typeof execa>;
  try {
    // The terminal stays the program's (stdin, stdout); its stderr passes through us so its error line can be diagnosed.
    child = execa(file, args, tee ? { ...spawnOptions({ env: opts.env, stdio }), stdio: ['inherit', 'inherit', 'pipe'] as const } : spawnOptions({ env: opts.env, stdio }));
  } catch (e) {
    return { exitCode: null, signal: null, error: e as NodeJS.ErrnoException };
  }
  let tail = '';
  const decoder = new StringDecoder('utf8');
  child.stderr?.on('data', (b: Buffer) => {
    process.stderr.write(b);
    tail = (tail + decoder.write(b)).slice(-STDERR_TAIL);
  });
  const withStderr = <T extends object>(r: T): T & { stderr?: string } => (tee ? { ...r, stderr: tail } : r);
  const running = () => child.exitCode === null && child.signalCode === null;
  const forward = (sig: NodeJS.Signals) => () => {
    setTimeout(() => running() && child.kill(sig), FORWARD_GRACE_MS).unref();
  };
  const sharesTerminal = stdio === 'inherit' && !!process.stdin.isTTY;
  const onInt = sharesTerminal ? () => {} : forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise((resolve) => {
      child.once('error', (e: NodeJS.ErrnoException) => resolve(withStderr({ exitCode: null, signal: null, error: e })));
      child.once('exit', (code, signal) => {
        if (!tee) return resolve({ exitCode: code, signal });
        // The last line, the one that says why, may still be in the pipe; a browser it started may hold the pipe for ever.
        const done = () => {
          clearTimeout(grace);
          child.stderr?.destroy();
          resolve(withStderr({ exitCode: code, signal }));
        };
        const grace = setTimeout(done, CLOSE_GRACE_MS);
        if (child.stderr?.readableEnded) done();
        else child.stderr?.once('end', done);
      });
      child.then(
        (r) => {
          if (r.failed && r.exitCode === undefined && r.signal === undefined) resolve({ exitCode: null, signal: null, error: (r.cause ?? r) as NodeJS.ErrnoException });
        },
        () => undefined,
      );
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
