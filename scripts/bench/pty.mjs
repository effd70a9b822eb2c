// Time from spawn to a first frame, in a pseudo-terminal as a user would see it.
import { createRequire } from 'node:module';
import { cpuMsOf } from './proc.mjs';

const require = createRequire(import.meta.url);
const pty = require('node-pty');

/**
 * Spawns `cmd args` in a pty and resolves with ms from spawn until `ready(output)` is true
 * (or until exit when `ready` is null: bare `node -e 0`), and the CPU the child had used by then
 * (user + system; less sensitive to a loaded machine than wall time). Then asks the app to quit with ctrl-c so
 * a --demo run removes its temporary home, and kills it if it lingers.
 */
export function timeToFrame(cmd, args, { env, cwd, ready, timeoutMs = 30_000 }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = pty.spawn(cmd, args, { name: 'xterm-256color', cols: 100, rows: 30, cwd, env });
    let output = '';
    let at = null;
    let cpuMs = null;
    let killer = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no frame within ${timeoutMs} ms; output so far: ${JSON.stringify(output.slice(-300))}`));
    }, timeoutMs);
    child.onData((d) => {
      output += d;
      if (at === null && ready && ready(output)) {
        at = performance.now() - started;
        cpuMs = cpuMsOf(child.pid);
        child.write('\u0003');
        killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      }
    });
    child.onExit(({ exitCode }) => {
      const exitedAt = performance.now() - started;
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      if (ready === null) at = exitedAt;
      // node-pty may report the exit before the last output is read: give the reader a moment.
      setTimeout(() => {
        if (at === null) reject(new Error(`exited (${exitCode}) before its first frame: ${JSON.stringify(output.slice(-300))}`));
        else resolve({ ms: at, cpuMs, output });
      }, 50);
    });
  });
}

