// Installs published Codex CLIs side by side under .tmp/codex/<version>, once: the version matrix tests
// run each real binary against what `setup` writes for it. Never devDependencies: one Codex is the
// project's, the others only judge.
// Run: node scripts/codex-versions.mjs [version ... | ci]   (no argument: $CODEX_MATRIX, else every version of the matrix)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The matrix: the oldest with the amazon-bedrock provider, each release that changed what we write, the newest. */
export const MATRIX_VERSIONS = ['0.128.0', '0.134.0', '0.145.0', '0.149.0', '0.155.0', '0.161.0', '0.171.0'];
/** What CI runs on every change: the oldest, the last before the credential precedence change, the newest. */
export const CI_VERSIONS = ['0.128.0', '0.149.0', '0.171.0'];

/** The versions a run asks for: a comma list, or `ci`, or (empty) the whole matrix. */
export function selectedVersions(spec = process.env.CODEX_MATRIX) {
  if (!spec) return MATRIX_VERSIONS;
  if (spec === 'ci') return CI_VERSIONS;
  return spec.split(',').map((v) => v.trim()).filter(Boolean);
}

export function codexPrefix(version) {
  return `${REPO}.tmp/codex/${version}`;
}

export function codexBinary(version) {
  return `${codexPrefix(version)}/node_modules/.bin/${process.platform === 'win32' ? 'codex.cmd' : 'codex'}`;
}

/** The version the binary at `path` reports, or null when it does not run. */
function installedVersion(path) {
  if (!existsSync(path)) return null;
  try {
    return /\d+\.\d+\.\d+/.exec(execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 }))?.[0] ?? null;
  } catch {
    return null;
  }
}

/** Installs every version not already in place; returns the binaries by version. */
export function ensureCodexVersions(versions = MATRIX_VERSIONS, log = (s) => process.stderr.write(`${s}\n`)) {
  const out = {};
  for (const v of versions) {
    const bin = codexBinary(v);
    if (installedVersion(bin) !== v) {
      const started = Date.now();
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      execFileSync(npm, ['i', '--prefix', codexPrefix(v), '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@openai/codex@${v}`], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (installedVersion(bin) !== v) throw new Error(`@openai/codex@${v} installed, but ${bin} --version does not report ${v}`);
      log(`codex ${v}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } else log(`codex ${v}: already installed`);
    out[v] = bin;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const asked = process.argv.slice(2);
  ensureCodexVersions(selectedVersions(asked.length ? asked.join(',') : undefined));
}
