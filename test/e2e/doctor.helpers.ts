// Worlds for doctor: a configured Codex home, fake PATH entries (real scripts), crafted AWS files.
import { ssoProfileConfig, ssoTokenCacheFile } from '../helpers/sso.js';
import { chmod, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import { CLI, CODEX, makeWorld, runCli, type World } from './helpers.js';

export interface DoctorJson {
  ok: boolean;
  codexProfile: string | null;
  codexVersion: string | null;
  credential: { kind: string; source: string; profile?: string } | null;
  checks: { id: string; status: 'pass' | 'warn' | 'fail' | 'skipped'; summary: string; why?: string; fix?: string; diagnosis?: string; output?: string; skipped?: string[] }[];
}

const SETUP = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--skip-smoke-test'];

/** A bin folder with `node` and, unless left out, the real `codex`; extra entries are shell scripts. */
export async function binDir(root: string, opts: { codex?: boolean; scripts?: Record<string, string> } = {}): Promise<string> {
  const dir = await mkdtemp(join(root, 'bin-'));
  await symlink(process.execPath, join(dir, 'node'));
  if (opts.codex !== false) await symlink(resolve(CODEX), join(dir, 'codex'));
  for (const [name, body] of Object.entries(opts.scripts ?? {})) {
    await writeFile(join(dir, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(dir, name), 0o755);
  }
  return dir;
}

/** Codex files exactly as `setup` writes them: one real setup run, copied into each world. */
let template: Promise<Record<string, string>> | undefined;
function setupTemplate(emu: Emulator): Promise<Record<string, string>> {
  template ??= (async () => {
    const world = await makeWorld(emu);
    const r = await runCli(SETUP, world.env);
    if (r.exitCode !== 0) throw new Error(`setup failed: ${r.stderr}`);
    const files: Record<string, string> = {};
    for (const f of await readdir(world.codexHome)) if (f.endsWith('.toml')) files[f] = await readFile(join(world.codexHome, f), 'utf8');
    return files;
  })();
  return template;
}

/**
 * A world after `setup` (config.toml + bedrock-prod.config.toml) whose PATH holds only our bin folder:
 * the real codex, and an `aws` v2 stand-in (the real one costs seconds per run on two cores; the
 * aws CLI scenarios put /usr/bin/aws back), so the machine's own aws v1 shim cannot leak in.
 */
export async function configuredWorld(emu: Emulator, opts: { region?: string } = {}): Promise<World & { bin: string }> {
  const world = await makeWorld(emu);
  const bin = await binDir(world.root, { scripts: { aws: `echo "${AWS_V2_VERSION}"` } });
  world.env.PATH = bin;
  const region = opts.region ?? 'us-east-1';
  for (const [name, text] of Object.entries(await setupTemplate(emu))) await writeFile(join(world.codexHome, name), text.replace(/^region = "us-east-1"$/m, `region = "${region}"`));
  return { ...world, bin };
}

export const AWS_V2_VERSION = 'aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off';

export async function doctorJson(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ exitCode: number | undefined; report: DoctorJson; stderr: string }> {
  const r = await runCli(['doctor', '--json', ...args], env, { timeout: 150_000 });
  let report: DoctorJson;
  try {
    report = JSON.parse(r.stdout) as DoctorJson;
  } catch {
    throw new Error(`doctor printed no JSON (exit ${r.exitCode}):\n${r.stdout}\n${r.stderr}`);
  }
  return { exitCode: r.exitCode, report, stderr: r.stderr };
}

export async function editFile(path: string, edit: (text: string) => string): Promise<void> {
  await writeFile(path, edit(await readFile(path, 'utf8')));
}

/** An SSO profile whose cached token (as `aws sso login` leaves it) is `expiresInMs` from now. */
export async function writeSsoProfile(world: World, emu: Emulator, profile: string, expiresInMs: number): Promise<void> {
  const cache = join(world.home, '.aws', 'sso', 'cache');
  await mkdir(cache, { recursive: true });
  await writeFile(world.awsConfig, ssoProfileConfig(profile, emu.state.sso.startUrl));
  await writeFile(world.awsCredentials, '');
  const token = expiresInMs > 0 ? emu.issueSsoAccessToken(Math.round(expiresInMs / 1000)) : 'stale-token';
  await writeFile(
    ssoTokenCacheFile(world.home),
    JSON.stringify({ startUrl: emu.state.sso.startUrl, region: 'us-east-1', accessToken: token, expiresAt: new Date(Date.now() + expiresInMs).toISOString() }),
  );
}

/** Runs tasks with at most `limit` at once: each doctor run is a Node process plus aws/codex children. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

/** `doctor` on a pseudo-terminal, as a person runs it: the Ink live view. Returns the screen text without escapes. */
export async function doctorOnTerminal(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ exitCode: number; text: string }> {
  const pty = await import('node-pty');
  // Wide enough that no fix line wraps; Ink re-renders, so the last frame is what a person sees.
  const child = pty.spawn(process.execPath, [CLI, 'doctor', ...args], { cols: 400, rows: 80, env: { ...env, TERM: 'xterm-256color' } as Record<string, string> });
  let raw = '';
  child.onData((d) => (raw += d));
  const exitCode = await new Promise<number>((resolve) => child.onExit((e) => resolve(e.exitCode)));
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/\u001B\[[0-9;?]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g, '').replace(/\r/g, '');
  return { exitCode, text };
}
