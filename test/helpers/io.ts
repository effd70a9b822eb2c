// A capturing Io for command tests: what a command says and what it prints, kept apart as the terminal would.
import type { Io } from '../../src/commands/context.js';

export interface CapturedIo extends Io {
  /** Every say() line, in order. */
  lines: string[];
  /** Everything out() wrote (stdout), concatenated. */
  stdout(): string;
  /** stdout parsed as the one JSON document --json promises. */
  json<T = Record<string, unknown>>(): T;
}

export function captureIo(color = false): CapturedIo {
  const lines: string[] = [];
  let out = '';
  return {
    lines,
    color,
    say: (line) => lines.push(line),
    out: (text) => (out += text),
    stdout: () => out,
    json: <T>() => JSON.parse(out) as T,
  };
}

/** What runInContext wrote to stderr itself (the usage-error line). */
export interface CapturedStderr {
  write(text: string): boolean;
  text(): string;
}

export function captureStderr(): CapturedStderr {
  let text = '';
  return { write: (t) => ((text += t), true), text: () => text };
}
