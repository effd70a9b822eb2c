import type { CliOptions } from '../args.js';
import { redact, redactDeep } from '../core/redact.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Services } from '../services/types.js';

/**
 * Everything a command needs, gh-style: tests build it with fakes and call run() directly.
 * `O`: the options the command's flag table sets (OptionsOf in src/cli/flags.ts), so it cannot read another's.
 */
export interface CommandContext<O extends Partial<CliOptions> = CliOptions> {
  options: O;
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

/**
 * The output boundary: whatever a message carries (a server's words, a file's line, another program's
 * output), secrets are masked and control characters shown, not sent to the terminal. Only the colour
 * codes our own helpers add survive, and only with colour on.
 */
export function makeIo(options: Pick<CliOptions, 'json' | 'color'>, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Io {
  const human = options.json ? stderr : stdout;
  return {
    say: (line) => human.write(sanitizeLine(redact(line), options.color) + '\n'),
    out: (text) => stdout.write(sanitizeLine(redact(text), false)),
    color: options.color,
  };
}

// JSON.stringify leaves DEL, C1 controls (0x9B is a CSI to some terminals) and the line separators raw.
const JSON_UNSAFE = /[\u007F-\u009F\u2028\u2029]/g;

/** One JSON document, secrets masked; every string value stays exact JSON (controls as \u escapes). */
export function printJson(io: Io, doc: unknown): void {
  io.out(JSON.stringify(redactDeep(doc), null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n');
}

/** --json promises one JSON document on stdout, bad usage included. */
export function usageErrorDocument(e: Error): { ok: false; error: { kind: 'usage'; message: string } } {
  return { ok: false, error: { kind: 'usage', message: e.message } };
}
