// Entry point: the process around main() (signals, broken pipes, flushing). No logic lives here.
// dist/cli.js (src/launch/launcher.ts) runs this chunk first.
import { main } from './main.js';

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

void main(process.argv.slice(2)).then(exitAfterFlush);
