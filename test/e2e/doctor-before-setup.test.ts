// doctor as a newcomer runs it, before setup: a home with no Codex config and no AWS files. The one failure is the
// missing config (with its fix); the checks that read the config wait for it on one line, never as failures; what
// needs no config (tools, the environment, the proxy, whether Bedrock is reachable) still runs against the emulator.
import { readdir, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli } from './helpers.js';
import { AWS_V2_VERSION, binDir, doctorJson, doctorOnTerminal } from './doctor.helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 1 } });
});
afterAll(() => emu?.close());

async function emptyHome() {
  const w = await makeWorld(emu);
  await rm(w.awsConfig);
  await rm(w.awsCredentials);
  const bin = await binDir(w.root, { scripts: { aws: `echo "${AWS_V2_VERSION}"` } });
  return { ...w, env: { ...w.env, PATH: bin } };
}

const WAITING = /^– Checks of the Codex config \(credential, per-developer usage, sign-in, model, streamed request\) run once it exists: npx codex-bedrock-setup$/m;

describe('doctor in an empty home', () => {
  it('--json: one failure (no config), the config checks skipped, the rest run and pass', async () => {
    const w = await emptyHome();
    const { exitCode, report } = await doctorJson(w.env);
    const all = JSON.stringify(report.checks, null, 1);
    expect(report.checks.filter((c) => c.status === 'fail'), all).toEqual([{ id: 'codex-config', status: 'fail', summary: `No Codex config at ${w.codexHome}/config.toml`, fix: 'npx codex-bedrock-setup' }]);
    expect(report.checks.find((c) => c.id === 'codex-config-checks')).toMatchObject({ status: 'skipped', skipped: ['credential', 'attribution-identity', 'attribution-telemetry', 'credentials', 'model', 'smoke'] });
    for (const id of ['credential', 'attribution-identity', 'attribution-telemetry', 'credentials', 'smoke']) expect(report.checks.map((c) => c.id)).not.toContain(id);
    expect(report.checks.find((c) => c.id === 'proxy')).toMatchObject({ status: 'pass' });
    expect(report.checks.find((c) => c.id === 'region')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^Bedrock Mantle in us-east-1 reachable from this network \(\d+ ms; setup chooses your region\)$/) });
    expect(report.checks.find((c) => c.id === 'codex')).toMatchObject({ status: 'pass' });
    expect(report).toMatchObject({ ok: false, credential: null, codexProfile: null });
    expect(exitCode).toBe(1);
  }, 120_000);

  it('text: the failure and its fix, then the waiting checks on one line; AWS_REGION picks the region probed', async () => {
    const w = await emptyHome();
    const r = await runCli(['doctor'], { ...w.env, AWS_REGION: 'eu-west-1' }, { timeout: 120_000 });
    const text = r.stderr + r.stdout;
    expect(text).toMatch(/^✗ No Codex config at .*\n {4}Fix: npx codex-bedrock-setup\n– Checks of the Codex config/m);
    expect(text).toMatch(WAITING);
    expect(text).toMatch(/^✓ Bedrock Mantle in eu-west-1 \(AWS_REGION\) reachable from this network/m);
    expect(text).not.toMatch(/No region|Per-developer usage|Codex will use/);
    expect(text).toMatch(/\n1 problem found\.\n?$/);
    expect(r.exitCode).toBe(1);
  }, 120_000);

  it('the live view on a terminal shows the same', async () => {
    const w = await emptyHome();
    const screen = await doctorOnTerminal(w.env);
    expect(screen.text).toMatch(/✗ No Codex config at /);
    expect(screen.text).toMatch(/– Checks of the Codex config \(credential, per-developer usage, sign-in, model, streamed request\) run once it exists: npx codex-bedrock-setup/);
    expect(screen.text).not.toMatch(/No region|Per-developer usage/);
    expect(screen.text).toMatch(/1 problem found\./);
    expect(screen.exitCode).toBe(1);
  }, 120_000);

  it('--fix --yes writes nothing: the missing config is setup\'s to write, not a repair', async () => {
    const w = await emptyHome();
    const r = await runCli(['doctor', '--fix', '--yes'], w.env, { timeout: 120_000 });
    expect(r.stderr + r.stdout).toMatch(/None of these is a config edit doctor can make/);
    expect(await readdir(w.codexHome)).toEqual([]);
    expect(r.exitCode).toBe(1);
  }, 120_000);
});
