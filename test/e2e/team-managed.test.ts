// `team managed` writes files that each real Codex of the CI matrix (0.128, 0.149, 0.171; CODEX_MATRIX picks others)
// enforces from /etc/codex. Codex has no variable to move that directory, so this test needs root: it moves any
// existing /etc/codex aside and puts it back afterwards. It runs in the serial pass: nothing may run beside it.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/core/codexVersions.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CODEX, CODEX_VERSION, makeWorld, runCli, type World } from './helpers.js';
import { CI_VERSIONS, ensureCodexVersions, selectedVersions } from '../../scripts/codex-versions.mjs';

const VERSIONS: string[] = process.env.CODEX_MATRIX ? selectedVersions() : CI_VERSIONS;
const ETC = '/etc/codex';
const ASIDE = `/etc/codex.cbs-test-${process.pid}`;
// Only what every Codex config this project writes already has (Bedrock, no web search): other test runs on this
// machine that start Codex while the files are in place are not changed by them.
const TEMPLATE = 'provider = "mantle"\nweb_search = "disabled"\n';
const BEDROCK = '\n[model_providers.amazon-bedrock.aws]\nprofile = "codex-bedrock"\nregion = "us-east-1"\n';
/** The user's own config.toml: their own provider (an address that answers 404 at once), and live web search. */
const USER_OTHER_PROVIDER = `model_provider = "mine"\nmodel = "openai.gpt-5.5"\nweb_search = "live"\n${BEDROCK}
[model_providers.mine]
name = "mine"
base_url = "https://bedrock-mantle.us-east-1.api.aws/not-bedrock/v1"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
`;
/** The user's own config.toml: Bedrock, but live web search. */
const USER_LIVE_SEARCH = `model_provider = "amazon-bedrock"\nmodel = "openai.gpt-5.5"\nweb_search = "live"\n${BEDROCK}`;

let emu: Emulator;
let world: World;
let outDir: string;
const binaries: Record<string, string> = {};
let aside = false;

async function install(files: string[]): Promise<void> {
  await rm(ETC, { recursive: true, force: true });
  await mkdir(ETC, { recursive: true });
  for (const f of files) await cp(join(outDir, f), join(ETC, f));
}
/** Back to the state before the test: no /etc/codex, or the one that was there. Safe to call twice. */
async function restoreEtc(): Promise<void> {
  await rm(ETC, { recursive: true, force: true });
  if (aside) {
    await rename(ASIDE, ETC);
    aside = false;
  }
}

/** One `codex exec` turn of this version with this user config.toml: the Mantle turns it sent, and its output. */
async function turn(version: string, userConfig: string) {
  const home = join(world.root, `home-${version}`);
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'config.toml'), userConfig);
  const before = emu.requests.length;
  const r = await execa(binaries[version]!, ['exec', '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', 'say hi'], {
    env: { ...world.env, CODEX_HOME: home },
    extendEnv: false,
    reject: false,
    timeout: 90_000,
    stdin: 'ignore',
    cwd: world.root,
  });
  const turns = emu.requests.slice(before).filter((q) => q.service === 'bedrock-mantle' && q.path === '/openai/v1/responses');
  // Wherever the version puts its tools (top-level `tools`, or 0.171's additional_tools input item).
  const webSearch = turns.some((t) => /"type":"web_search"/.test(t.body));
  return { ...r, output: `${r.stdout}\n${r.stderr}`, turns, webSearch };
}

/** Observed: 0.128 sends no hosted web search on amazon-bedrock even when asked for (nothing to refuse); 0.149 on do. */
function sendsLiveSearch(version: string): boolean {
  return compareVersions(version, '0.149.0') >= 0;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('team-managed.test.ts must run as root: Codex reads managed files only from /etc/codex and has no override variable.');
  }
  const others = VERSIONS.filter((v) => v !== CODEX_VERSION);
  Object.assign(binaries, ensureCodexVersions(others), VERSIONS.includes(CODEX_VERSION) ? { [CODEX_VERSION]: CODEX } : {});
  // An endpoint that runs hosted web search: the control turn that carries the tool completes (no retries).
  emu = await startEmulator({ proxy: true, acceptHostedTools: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 10, interTokenMs: 2 } });
  world = await makeWorld(emu);
  await writeFile(join(world.root, 'team.toml'), TEMPLATE);
  outDir = join(world.root, 'managed');
  if (existsSync(ETC)) {
    await rename(ETC, ASIDE);
    aside = true;
  }
}, 240_000);

afterAll(async () => {
  if (process.getuid?.() === 0) await restoreEtc();
  await emu?.close();
});

describe('team managed --out DIR', () => {
  it('writes requirements.toml and managed_config.toml from the template, for the oldest Codex with Bedrock', async () => {
    const r = await runCli(['team', 'managed', '--team-config', join(world.root, 'team.toml'), '--out', outDir, '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, codexFrom: '0.128.0', deliverTo: '/etc/codex' });
    expect(await readFile(join(outDir, 'requirements.toml'), 'utf8')).toMatch(/^allowed_web_search_modes = \["disabled"\]$/m);
    const cfg = await readFile(join(outDir, 'managed_config.toml'), 'utf8');
    expect(cfg).toMatch(/^model_provider = "amazon-bedrock"$/m);
    expect(cfg).toMatch(/^web_search = "disabled"$/m);
  });
});

describe.each(VERSIONS)('Codex %s with the managed files in /etc/codex', (version) => {
  it('without them (control), takes the user\'s provider, and the user\'s live web search', async () => {
    await restoreEtc();
    const other = await turn(version, USER_OTHER_PROVIDER);
    expect(other.turns, other.output).toHaveLength(0);
    const live = await turn(version, USER_LIVE_SEARCH);
    expect(live.exitCode, live.output).toBe(0);
    expect(live.turns.length).toBeGreaterThan(0);
    expect(live.webSearch, 'the hosted web_search tool in the turn').toBe(sendsLiveSearch(version));
  }, 180_000);

  it('with both, overrides the user\'s provider: Bedrock, without web search', async () => {
    try {
      await install(['requirements.toml', 'managed_config.toml']);
      const r = await turn(version, USER_OTHER_PROVIDER);
      expect(r.exitCode, r.output).toBe(0);
      expect(r.turns.length).toBeGreaterThan(0);
      expect(r.webSearch).toBe(false);
    } finally {
      await restoreEtc();
    }
  }, 180_000);

  it('reads /etc/codex/requirements.toml: one it cannot parse stops it at start', async () => {
    try {
      await mkdir(ETC, { recursive: true });
      await writeFile(join(ETC, 'requirements.toml'), 'allowed_web_search_modes = ["no-such-mode"]\n');
      const r = await turn(version, USER_LIVE_SEARCH);
      expect(r.exitCode).not.toBe(0);
      expect(r.output).toContain('/etc/codex/requirements.toml');
      expect(r.turns).toHaveLength(0);
    } finally {
      await restoreEtc();
    }
  }, 180_000);

  it('with requirements.toml alone, refuses the user\'s live web search', async () => {
    try {
      await install(['requirements.toml']);
      const r = await turn(version, USER_LIVE_SEARCH);
      expect(r.exitCode, r.output).toBe(0);
      expect(r.turns.length).toBeGreaterThan(0);
      expect(r.webSearch).toBe(false);
    } finally {
      await restoreEtc();
    }
  }, 180_000);
});
