import type { CliOptions } from '../args.js';
import type { Services } from '../services/types.js';

/** Everything a command needs, gh-style: tests build it with fakes and call run() directly. */
export interface CommandContext {
  options: CliOptions;
  services: Services;
  io: Io;
}

export interface Io {
  /** Human text. With --json it goes to stderr so stdout stays one JSON document. */
  say(line: string): void;
  /** Raw stdout, for --json documents and plain output such as the policy. */
  out(text: string): void;
  color: boolean;
}

export function makeIo(options: Pick<CliOptions, 'json' | 'color'>, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Io {
  const human = options.json ? stderr : stdout;
  return {
    say: (line) => human.write(line + '\n'),
    out: (text) => stdout.write(text),
    color: options.color,
  };
}

export function printJson(io: Io, doc: unknown): void {
  io.out(JSON.stringify(doc, null, 2) + '\n');
}

/** --json promises one JSON document on stdout, bad usage included. */
export function usageErrorDocument(e: Error): { ok: false; error: { kind: 'usage'; message: string } } {
  return { ok: false, error: { kind: 'usage', message: e.message } };
}
