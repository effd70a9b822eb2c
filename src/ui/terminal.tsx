// The terminal side of the wizard: raw mode, one Ink session at a time, and giving the terminal to a child and back.
import { render, type Instance } from 'ink';
import { App } from './App.js';
import { oneKeyPerRead, watchedWrites } from './keyReads.js';
import { firstFrameDrawn } from '../launch/firstFrame.js';
import type { EffectRunner } from '../wizard/effects.js';
import { EXIT_INTERRUPTED, type HandoffRequest, type WizardState } from '../wizard/machine.js';

export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Where SIGINT/SIGTERM arrive; tests pass an emitter instead of the process. */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Ink debug rendering (every frame written in full): for tests on fake streams. */
  debug?: boolean;
}

export type SessionOutcome = { kind: 'exit'; code: number } | { kind: 'handoff'; state: WizardState; req: HandoffRequest };

const SHOW_CURSOR = '\u001B[?25h';

/**
 * Draws the wizard from `start` until it exits or asks to hand the terminal over; either way the terminal is
 * restored (cooked mode, cursor shown, input no longer read) before this resolves.
 */
export function runSession(
  term: Terminal,
  start: WizardState,
  opts: { color: boolean; runner: (handoff: (state: WizardState, req: HandoffRequest) => void) => EffectRunner },
): Promise<SessionOutcome> {
  const { stdin, stdout, stderr, signals } = term;
  return new Promise((resolve) => {
    let settled = false;
    let instance: Instance | undefined;
    const finish = (o: SessionOutcome) => {
      if (settled) return;
      settled = true;
      signals.off('SIGTERM', onSignal);
      signals.off('SIGINT', onSignal);
      // Unmount outside React's commit phase: onExit and the hand-off are called from effects.
      setImmediate(async () => {
        instance?.unmount();
        await instance?.waitUntilExit().catch(() => undefined);
        // One more turn so the stream has noticed Ink's listener is gone and pause() can stop the read.
        await new Promise((r) => setImmediate(r));
        // After a frame as tall as the terminal Ink writes the next one without its closing newline: the exit
        // text (or the aws CLI's first prompt) would share a line with whatever comes next. (\r: raw mode is on.)
        if (!lineEnds.atLineStart()) stdout.write('\r\n');
        restoreTerminal(term);
        resolve(o);
      });
    };
    const onSignal = () => finish({ kind: 'exit', code: EXIT_INTERRUPTED });
    signals.on('SIGTERM', onSignal);
    signals.on('SIGINT', onSignal);
    // Raw mode before the first frame: Ink enables it only in an effect after painting, and a key typed in
    // between is echoed by the terminal (shifting every later frame a line) and arrives as '\n', not Enter.
    if (typeof stdin.setRawMode === 'function') stdin.setRawMode(true);
    startReading(stdin);
    const runner = opts.runner((state, req) => finish({ kind: 'handoff', state, req }));
    const lineEnds = lineTracker(stdout);
    const watched = watchedWrites(lineEnds.stdout);
    // The launcher makes its code cache once the first frame is out (after the write that carries it).
    const stopWatching = watched.framed(() => {
      stopWatching();
      setImmediate(firstFrameDrawn);
    });
    instance = render(<App runner={runner} color={opts.color} initial={start} onExit={(code) => finish({ kind: 'exit', code })} />, {
      // Keys that arrive together (typed fast, or sent by a script) reach the screens one at a time.
      stdin: stdin.isTTY ? oneKeyPerRead(stdin, watched.framed) : stdin,
      stdout: watched.stdout,
      stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      debug: term.debug ?? false,
    });
  });
}

/**
 * Follows whether the cursor is at the start of a line after what was written: a newline or carriage return
 * puts it there, text moves it on, and of the escape sequences only "cursor to column 1" (Ink's erase) counts.
 */
function lineTracker(stdout: NodeJS.WriteStream): { stdout: NodeJS.WriteStream; atLineStart: () => boolean } {
  let atStart = true;
  const follow = (chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    // CSI sequences (final byte kept), OSC strings, then plain characters.
    for (const m of text.matchAll(/\u001B\[[0-9;?<>=]*([@-~])|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B.|([\r\n])|([^\u001B])/gs)) {
      if (m[1] !== undefined) {
        if (m[1] === 'G' && /^\u001B\[1?G$/.test(m[0])) atStart = true;
      } else if (m[2] !== undefined) atStart = true;
      else if (m[3] !== undefined) atStart = false;
    }
  };
  const proxy: NodeJS.WriteStream = new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write')
        return (...args: Parameters<NodeJS.WriteStream['write']>) => {
          follow(args[0]);
          return target.write(...args);
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { stdout: proxy, atLineStart: () => atStart };
}

/** While a child owns the terminal, Ctrl-C is for it: this process must not die of the same SIGINT. */
export async function whileChildOwnsTerminal<T>(term: Pick<Terminal, 'signals'>, run: () => Promise<T>): Promise<T> {
  const ignore = () => {};
  term.signals.on('SIGINT', ignore);
  try {
    return await run();
  } finally {
    term.signals.off('SIGINT', ignore);
  }
}

function restoreTerminal({ stdin, stdout }: Terminal) {
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
  // Ink only removes its listener and the handle keeps reading: during a hand-off this process would race the
  // aws CLI for every byte typed, and for the terminal's answers to its cursor-position queries.
  stdin.pause();
  stopReading(stdin);
  stdout.write(SHOW_CURSOR);
}

/**
 * pause() does not stop a TTY from reading (Node stops a socket's reads only once its buffer is full), so
 * the first key typed after a hand-off would still come to us. Stop the handle as Node does internally,
 * and start it again when the wizard takes the terminal back: the stream still counts its read as pending,
 * so it would not ask the handle itself.
 */
type TtyHandle = { reading?: boolean; readStop?: () => number; readStart?: () => number };
const handleOf = (stdin: NodeJS.ReadStream) => (stdin as { _handle?: TtyHandle })._handle;

function stopReading(stdin: NodeJS.ReadStream): void {
  const handle = handleOf(stdin);
  if (!handle?.reading || typeof handle.readStop !== 'function') return;
  handle.reading = false;
  handle.readStop();
}

function startReading(stdin: NodeJS.ReadStream): void {
  const handle = handleOf(stdin);
  if (!handle || handle.reading !== false || typeof handle.readStart !== 'function') return;
  handle.reading = true;
  handle.readStart();
}
