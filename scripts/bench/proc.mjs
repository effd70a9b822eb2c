// Runs a child under GNU time (-v) to read its CPU time and peak RSS, which the kernel accounts for us.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export function haveGnuTime() {
  return existsSync(GNU_TIME);
}

/** { code, stdout, stderr, wallMs, userS, sysS, maxRssKb } — stdout/stderr are the child's own. */
export function runTimed(cmd, args, { env, cwd, timeoutMs = 60_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cbs-bench-time-'));
  const report = join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(GNU_TIME, ['-v', '-o', report, cmd, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const text = existsSync(report) ? readFileSync(report, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      const num = (label) => {
        const m = new RegExp(`${label}[^:]*:\\s*([\\d.]+)`).exec(text);
        return m ? Number(m[1]) : null;
      };
      resolve({
        code,
        stdout,
        stderr,
        wallMs,
        userS: num('User time'),
        sysS: num('System time'),
        maxRssKb: num('Maximum resident set size'),
      });
    });
  });
}

/** utime + stime of a live process in ms (10 ms clock ticks), or null once it is gone. */
export function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Runs a child and samples its CPU when its stdout first satisfies `start`, and again when it satisfies
 * `end`: the cost of what happens in between (a stream), apart from start-up. `atEnd` is the CPU used so far.
 */
export function runWithCpuWindow(cmd, args, { env, cwd, start, end, timeoutMs = 120_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let first = null;
    let last = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const mark = () => ({ at: performance.now(), cpuMs: cpuMsOf(child.pid) });
      if (first === null && start(stdout)) first = mark();
      if (first !== null && last === null && end(stdout)) last = mark();
    });
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!first || !last || first.cpuMs === null || last.cpuMs === null) {
        reject(new Error(`stream marks not seen (exit ${code}): ${stderr.slice(-300)}`));
        return;
      }
      resolve({ code, stdout, stderr, windowMs: last.at - first.at, windowCpuMs: last.cpuMs - first.cpuMs, atEnd: last.cpuMs });
    });
  });
}
