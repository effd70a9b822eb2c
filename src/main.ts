// parse → help, version or the command → exit code. The process wiring (signals, flushing) is src/bin.ts.
import { NOT_A_TTY_MESSAGE, parseCli, UsageError, type CliOptions } from './args.js';
import { specOf } from './cli/flags.js';
import { helpText } from './cli/help.js';
import { VERSION } from './version.js';


export interface Terminal {
  env: NodeJS.ProcessEnv;
  stdin: { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Runs one command line to its exit code; usage errors are exit 2 (with --json: a JSON error document on stdout). */
export async function main(argv: string[], term: Terminal = process): Promise<number> {
  let options: CliOptions | undefined;
  try {
    options = parseCli(argv, term.env);
    // Colour only for a terminal: piped output and logs stay plain.
    options.color = options.color && !!(options.json ? term.stderr : term.stdout).isTTY;
    if (options.help) {
      term.stdout.write(helpText(specOf(options), term.stdout.columns ?? 100) + '\n');
      return 0;
    }
    if (options.version) {
      term.stdout.write(`codex-bedrock-setup ${VERSION}\n`);
      return 0;
    }
    if (options.command === 'wizard' && !(term.stdin.isTTY && term.stdout.isTTY)) {
      term.stderr.write(NOT_A_TTY_MESSAGE);
      return 2;
    }
    const { runCommand } = await import('./commands/run.js');
    return await runCommand(options);
  } catch (e) {
    if (e instanceof UsageError) {
      term.stderr.write(`codex-bedrock-setup: ${e.message}\n`);
      if (options?.json ?? argv.includes('--json')) {
        const { usageErrorDocument } = await import('./commands/context.js');
        term.stdout.write(JSON.stringify(usageErrorDocument(e), null, 2) + '\n');
      }
      return 2;
    }
    // Expected failures never reach here; this is a bug, so say so plainly (--verbose: with its stack).
    term.stderr.write(`codex-bedrock-setup: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (options?.verbose ?? argv.includes('--verbose')) term.stderr.write(`${(e as Error)?.stack}\n`);
    return 1;
  }
}
