// The Node runtimes the first frame is measured on: the one running the bench, and Node 24 from npm's `node`
// package (installed under .tmp/node24 as .ci/run does, when not there yet).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function node24(repo) {
  const bin = join(repo, '.tmp/node24/node_modules/node/bin/node');
  if (!existsSync(bin)) {
    try {
      execFileSync('npm', ['i', '--prefix', join(repo, '.tmp/node24'), '--no-save', '--no-audit', '--no-fund', 'node@24'], { stdio: 'ignore', timeout: 300_000 });
    } catch {
      return null;
    }
  }
  return existsSync(bin) ? bin : null;
}

export function versionOf(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}
