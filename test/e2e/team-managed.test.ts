// `team managed` writes files the real Codex (0.171.0) enforces from /etc/codex. Codex has no variable to move that
// directory, so this test needs root: it moves any existing /etc/codex aside and puts it back afterwards.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CODEX, makeWorld, runCli, runCodexExec, type World } from './helpers.js';

const ETC = '/etc/codex';
const ASIDE = `/etc/codex.cbs-test-${process.pid}`;
// Only what every Codex config this project writes already has (Bedrock, no web search): other test runs on this
// machine that start Codex while the files are in place are not changed by them.
const TEMPLATE = 'provider = "mantle"\nweb_search = "disabled"\n';
// A user config that breaks both: another provider, and live web search. (Codex keeps the user's model: a managed
// provider does not choose one.)
const USER_PROFILE = 'model_provider = "openai"\nmodel = "openai.gpt-5.5"\nweb_search = "live"\n';

let emu: Emulator;
let world: World;
let outDir: string;

async function installManaged(): Promise<void> {
  await mkdir(ETC, { recursive: true });
  for (const f of ['requirements.toml', 'managed_config.toml']) await cp(join(outDir, f), join(ETC, f));
}
let aside = false;
/** Back to the state before the test: no /etc/codex, or the one that was there. Safe to call twice. */
async function restoreEtc(): Promise<void> {
  await rm(ETC, { recursive: true, force: true });
  if (aside) {
    await rename(ASIDE, ETC);
    aside = false;
  }
}

/** `codex doctor` (no network) on a home whose config.toml is the broken user config. */
async function codexDoctor(): Promise<string> {
  const home = join(world.root, 'doctor-home');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'config.toml'), USER_PROFILE);
  const r = await execa(CODEX, ['doctor'], { env: { ...world.env, CODEX_HOME: home }, extendEnv: false, reject: false, timeout: 60_000, stdin: 'ignore', cwd: world.root });
  return r.stdout + r.stderr;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('team-managed.test.ts must run as root: Codex 0.171 reads managed files only from /etc/codex and has no override variable.');
  }
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 10, interTokenMs: 2 } });
  world = await makeWorld(emu);
  const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--codex-profile', 'mine', '--skip-smoke-test'], world.env);
  expect(setup.exitCode, setup.stderr).toBe(0);
  // The user edits their profile file to break the team's rules.
  await writeFile(join(world.codexHome, 'mine.config.toml'), USER_PROFILE);
  await writeFile(join(world.root, 'team.toml'), TEMPLATE);
  outDir = join(world.root, 'managed');
  if (existsSync(ETC)) {
    await rename(ETC, ASIDE);
    aside = true;
  }
}, 120_000);

afterAll(async () => {
  if (process.getuid?.() === 0) await restoreEtc();
  await emu?.close();
});

describe('team managed --out DIR', () => {
  it('writes requirements.toml and managed_config.toml from the template', async () => {
    const r = await runCli(['team', 'managed', '--team-config', join(world.root, 'team.toml'), '--out', outDir], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('/etc/codex/');
    expect(await readFile(join(outDir, 'requirements.toml'), 'utf8')).toMatch(/^allowed_web_search_modes = \["disabled"\]$/m);
    const cfg = await readFile(join(outDir, 'managed_config.toml'), 'utf8');
    expect(cfg).toMatch(/^model_provider = "amazon-bedrock"$/m);
    expect(cfg).toMatch(/^web_search = "disabled"$/m);
  });

  it('without the managed files, Codex takes the user\'s provider and web search (control)', async () => {
    const all = await codexDoctor();
    expect(all).toMatch(/default model provider\s+openai/);
    expect(all).not.toMatch(/disallowed by requirements/);
  }, 120_000);

  it('with them in /etc/codex, the real Codex overrides the user: Bedrock, without web search', async () => {
    await installManaged();
    try {
      const before = emu.requests.length;
      const r = await runCodexExec(world, 'mine');
      const turns = emu.requests.slice(before).filter((q) => q.service === 'bedrock-mantle' && q.path.endsWith('/responses'));
      expect(r.exitCode, r.stderr).toBe(0);
      expect(turns.length).toBeGreaterThan(0);
      for (const t of turns) {
        const body = JSON.parse(t.body) as { tools?: { type: string }[] };
        expect((body.tools ?? []).map((x) => x.type)).not.toContain('web_search');
      }
      // requirements.toml on its own: Codex's doctor names the rule and the file that set it.
      expect(await codexDoctor()).toMatch(/default model provider\s+amazon-bedrock/);
      await rm(join(ETC, 'managed_config.toml'));
      const all = await codexDoctor();
      expect(all).toMatch(/web_search_mode.*disallowed by requirements/);
      expect(all).toContain('/etc/codex/requirements.toml');
    } finally {
      await restoreEtc();
    }
  }, 180_000);
});
