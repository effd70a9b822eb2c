import { constants } from 'node:fs';
import { access, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { codexHomeOf } from './paths.js';
import { runBounded } from './proc.js';
import type { ToolsService } from './types.js';
import type { AwsCliInfo, CodexInfo } from '../types.js';

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  failed: boolean;
}

/** Runs a program with an argument array (never a shell). */
export type Runner = (file: string, args: string[], opts: { env: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<RunResult>;

const boundedRunner: Runner = async (file, args, opts) => {
  // `codex debug models` prints a few hundred KB; 8 MiB is room to spare and still bounded.
  const r = await runBounded(file, args, { env: opts.env, timeoutMs: opts.timeoutMs, maxBytes: 8 * 1024 * 1024 });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, failed: !!r.error || r.timedOut || r.exitCode !== 0 || r.truncated };
};

export interface LookupOptions {
  platform?: NodeJS.Platform;
  /** The candidate's real path when it exists and may be run, else null (tests simulate a file system). */
  probe?: (candidate: string) => Promise<string | null>;
}

const probeFile = async (candidate: string): Promise<string | null> => {
  try {
    // On Windows X_OK only checks that the file exists: PATHEXT says what runs.
    await access(candidate, constants.X_OK);
    return await realpath(candidate);
  } catch {
    return null; // not here, or not executable
  }
};

/** Windows keeps PATH as `Path`; a copy of process.env there is an ordinary, case-sensitive object. */
function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/** The file names `name` is run as: on Windows `aws.exe`, `codex.cmd`… in PATHEXT order (a name with one of them, as is). */
export function executableNames(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  if (platform !== 'win32') return [name];
  const exts = (envValue(env, 'PATHEXT', platform) || '.COM;.EXE;.BAT;.CMD')
    .split(';')
    .map((e) => e.trim())
    .filter((e) => /^\.\w+$/.test(e));
  const own = path.win32.extname(name).toUpperCase();
  return exts.some((e) => e.toUpperCase() === own) ? [name] : exts.map((e) => `${name}${e.toLowerCase()}`);
}

/** Every executable called `name` on PATH, in PATH order, without duplicates (symlinks resolved). */
export async function whichAll(name: string, env: NodeJS.ProcessEnv, opts: LookupOptions = {}): Promise<string[]> {
  const platform = opts.platform ?? process.platform;
  const probe = opts.probe ?? probeFile;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const dirs = (envValue(env, 'PATH', platform) ?? '')
    .split(p.delimiter)
    .map((d) => (platform === 'win32' ? d.replace(/^"(.*)"$/, '$1') : d))
    .filter(Boolean);
  const names = executableNames(name, env, platform);
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of names) {
      const candidate = p.join(dir, file);
      const real = await probe(candidate);
      if (real === null) continue;
      const key = platform === 'win32' ? real.toLowerCase() : real;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(candidate);
    }
  }
  return found;
}

/** `aws-cli/2.9.19 Python/3.11…`; v1 printed it on stderr in some releases. */
export function parseAwsVersion(output: string): { version: string; major: number } | null {
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? { version: `${m[1]}.${m[2]}.${m[3]}`, major: Number(m[1]) } : null;
}

export function parseCodexVersion(output: string): string | null {
  return /codex-cli\s+(\d+\.\d+\.\d+(?:-[\w.]+)?)/.exec(output)?.[1] ?? null;
}

export function parseCodexModels(stdout: string): string[] | null {
  try {
    const j = JSON.parse(stdout) as { models?: { slug?: string }[] };
    if (!Array.isArray(j.models)) return null;
    return j.models.map((m) => m.slug).filter((s): s is string => typeof s === 'string');
  } catch {
    return null;
  }
}

export function createToolsService(deps: { env: NodeJS.ProcessEnv; codexHome?: string; run?: Runner; timeoutMs?: number; lookup?: LookupOptions }): ToolsService {
  const run = deps.run ?? boundedRunner;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const env = deps.env;

  async function codexPath(): Promise<string | null> {
    return (await whichAll('codex', env, deps.lookup))[0] ?? null;
  }

  return {
    async findAwsClis(): Promise<AwsCliInfo[]> {
      const paths = await whichAll('aws', env, deps.lookup);
      return Promise.all(
        paths.map(async (p) => {
          const r = await run(p, ['--version'], { env, timeoutMs }).catch(() => null);
          const v = r ? parseAwsVersion(`${r.stdout}\n${r.stderr}`) : null;
          return { path: p, version: v?.version ?? null, major: v?.major ?? null };
        }),
      );
    },

    // The launch checks and the region measurement both ask at once: one `codex --version` answers both. A later
    // call (a retry after installing Codex) asks again.
    findCodex: shareWhilePending(async (): Promise<CodexInfo | null> => {
      const p = await codexPath();
      if (!p) return null;
      const r = await run(p, ['--version'], { env, timeoutMs }).catch(() => null);
      return { path: p, version: r ? parseCodexVersion(r.stdout) : null };
    }),

    async codexModels(): Promise<string[] | null> {
      const p = await codexPath();
      if (!p) return null;
      const r = await run(p, ['debug', 'models', '-c', 'model_provider="amazon-bedrock"'], { env, timeoutMs }).catch(() => null);
      if (!r || r.exitCode !== 0) return null;
      return parseCodexModels(r.stdout);
    },

    async captureCodexRequest(opts) {
      const p = await codexPath();
      if (!p) return { ok: false, reason: 'Codex is not installed' };
      const { captureCodexRequest } = await import('./codexCapture.js');
      return captureCodexRequest({ ...opts, codexPath: p, codexHome: codexHomeOf(env, deps.codexHome), env });
    },
  };
}

/** Callers that ask while an answer is on its way share it; once it has come, the next call asks afresh. */
export function shareWhilePending<T>(ask: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= ask().finally(() => {
      pending = undefined;
    }));
}
