// Entry point: parse flags, pick a command, load it lazily. No logic lives here.
import { HELP, NOT_A_TTY_MESSAGE, parseCli, UsageError, type CliOptions } from './args.js';

const VERSION = '0.1.0';

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv, process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`codex-bedrock-setup: ${e.message}\n`);
      if (argv.includes('--json')) {
        const { usageErrorDocument } = await import('./commands/context.js');
        process.stdout.write(JSON.stringify(usageErrorDocument(e), null, 2) + '\n');
      }
      return 2;
    }
    throw e;
  }
  // Colour only for a terminal: piped output and logs stay plain.
  options.color = options.color && !!(options.json ? process.stderr : process.stdout).isTTY;
  if (options.version) {
    process.stdout.write(`codex-bedrock-setup ${VERSION}\n`);
    return 0;
  }
  if (options.help) {
    process.stdout.write(HELP[options.command] + '\n');
    return 0;
  }
  if (options.command === 'wizard' && !(process.stdin.isTTY && process.stdout.isTTY)) {
    process.stderr.write(NOT_A_TTY_MESSAGE);
    return 2;
  }
  const { runCommand } = await import('./commands/run.js');
  return runCommand(options);
}

let interrupted = false;
const onSignal = () => {
  if (interrupted) return;
  interrupted = true;
  // Show the cursor again in case a screen hid it; the wizard restores raw mode itself.
  if (process.stdout.isTTY) process.stdout.write('\u001B[?25h');
  process.exit(130);
};
process.on('SIGINT', onSignal);
// `… | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.on('SIGTERM', onSignal);
// A closed terminal: exit the same way, so exit handlers (the demo's temporary home) run.
process.on('SIGHUP', onSignal);

/**
 * Exit once our output is written: a call abandoned at its deadline (a socket to a silent proxy, an SDK
 * timer) must not hold the process open after the command has answered.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (e: unknown) => {
    // Expected failures never reach here; this is a bug, so say so plainly.
    process.stderr.write(`codex-bedrock-setup: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.CBS_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    exitAfterFlush(1);
  },
);
