// End-to-end plumbing: the built CLI (dist/cli.js) run as a user would, against the emulator.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, type Emulator } from '../../src/emulator/index.js';

export const CLI = resolve('dist/cli.js');
export const CODEX = resolve('node_modules/.bin/codex');
/** The version of the devDependency Codex, as it reports it: tests follow whichever one is installed. */
export const CODEX_VERSION = /\d+\.\d+\.\d+/.exec(execFileSync(CODEX, ['--version'], { encoding: 'utf8' }))![0];
export const AWS_V2 = '/usr/bin/aws';

/** A config someone wrote by hand: comments, other tables, an old region of ours. Files we touch must keep it. */
export const COMMENTED_CODEX_CONFIG = [
  '# My Codex settings — hand-written, keep my comments!',
  'approval_policy = "on-request"   # ask before running things',
  '',
  '[tui]',
  'notifications = true',
  '',
  '# MCP servers I use',
  '[mcp_servers.docs]',
  'command = "npx"',
  'args = ["-y", "docs-mcp"]',
  '',
  '[model_providers.amazon-bedrock.aws]',
  'region = "eu-west-1" # old region',
  '',
].join('\n');

export interface World {
  root: string;
  home: string;
  codexHome: string;
  awsConfig: string;
  awsCredentials: string;
  env: NodeJS.ProcessEnv;
}

/** process.env without anything that could point a child at a real account, plus `extra`. */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // CI and CONTINUOUS_INTEGRATION change Ink's and chalk's behaviour: tests that want them say so.
    if (/^(AWS_|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|OPENAI_|CODEX_|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|NO_COLOR|FORCE_COLOR|CI$|CONTINUOUS_INTEGRATION$)/.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/**
 * A throwaway home: ~/.aws with a static-key profile `codex-bedrock` (the emulator's demo identity),
 * ~/.codex, and an env that reaches the emulator through its intercepting proxy like real AWS.
 */
export async function makeWorld(emu: Emulator, opts: { profile?: string; region?: string; extraEnv?: Record<string, string | undefined> } = {}): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), 'cbs-e2e-'));
  const home = join(root, 'home');
  const codexHome = join(home, '.codex');
  const awsDir = join(home, '.aws');
  await mkdir(codexHome, { recursive: true });
  await mkdir(awsDir, { recursive: true });
  const profile = opts.profile ?? 'codex-bedrock';
  const awsConfig = join(awsDir, 'config');
  const awsCredentials = join(awsDir, 'credentials');
  await writeFile(awsConfig, `[profile ${profile}]\nregion = ${opts.region ?? 'us-east-1'}\n`);
  await writeFile(awsCredentials, `[${profile}]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n`);
  const env = isolatedEnv({
    HOME: home,
    CODEX_HOME: codexHome,
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: awsCredentials,
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTPS_PROXY: emu.proxyUrl ?? undefined,
    AWS_CA_BUNDLE: emu.caPath ?? undefined,
    SSL_CERT_FILE: emu.caPath ?? undefined,
    // Codex is found on PATH, as a user has it.
    PATH: `${resolve('node_modules/.bin')}:${process.env.PATH}`,
    ...opts.extraEnv,
  });
  return { root, home, codexHome, awsConfig, awsCredentials, env };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, opts: { timeout?: number; cwd?: string } = {}) {
  return execa(process.execPath, [CLI, ...args], { env, extendEnv: false, reject: false, timeout: opts.timeout ?? 60_000, stdin: 'ignore', cwd: opts.cwd });
}

export function runCodexExec(world: World, codexProfile: string, opts: { cwd?: string; prompt?: string } = {}) {
  return execa(CODEX, ['exec', '--profile', codexProfile, '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', opts.prompt ?? 'say hi'], {
    cwd: opts.cwd ?? world.root,
    env: world.env,
    extendEnv: false,
    reject: false,
    timeout: 90_000,
    stdin: 'ignore',
  });
}
