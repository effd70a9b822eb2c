// Codex 0.171 sends its tools in an `additional_tools` input item. Against an emulator that plays each of
// Mantle's reported answers, `setup --yes` replays the real Codex's request, writes
// `[features] incremental_tools_legacy = false` only when the endpoint refuses it, and the real Codex then
// completes a turn. Everything goes through the emulator's TLS-intercepting proxy, as to real AWS.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestShape } from '../../src/core/codexRequest.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { AdditionalToolsMode } from '../../src/emulator/state.js';
import { CODEX_VERSION, makeWorld, runCli, runCodexExec } from './helpers.js';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

async function world(mode: AdditionalToolsMode, extra: { acceptHostedTools?: boolean } = {}) {
  const emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 20, interTokenMs: 2 } });
  emulators.push(emu);
  emu.update({ additionalTools: mode, ...extra });
  return { emu, w: await makeWorld(emu) };
}

const SETUP = ['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--model', 'openai.gpt-5.5', '--json'];
const turns = (emu: Emulator) => emu.requests.filter((r) => r.path === '/openai/v1/responses');

describe.each<AdditionalToolsMode>(['invalid-input', 'namespace-collision'])('an endpoint that refuses additional_tools (%s)', (mode) => {
  it('setup --yes reports success only after writing the fix and passing the re-run; the real Codex then completes a turn', { timeout: 180_000 }, async () => {
    const { emu, w } = await world(mode);
    const r = await runCli(SETUP, w.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.fixes).toEqual(['incremental_tools_legacy = false']);
    // The refusal was diagnosed before the fix, in people's words.
    expect(r.stderr).toContain('Bedrock refused the tools of Codex >= 0.171');
    expect(r.stderr).toContain('+incremental_tools_legacy = false');
    // The request that passed is the one the installed Codex sends now: replayed, top-level tools.
    expect(doc.smoke.request).toMatchObject({ source: 'captured', codexVersion: CODEX_VERSION, additionalTools: false });
    // Which headers Codex sends, by name: its own session headers, never credentials.
    expect(doc.smoke.request.headers).toEqual(expect.arrayContaining(['x-amzn-mantle-client-agent', 'session-id', 'thread-id', 'originator', 'user-agent']));
    expect(doc.smoke.request.headers).not.toEqual(expect.arrayContaining(['authorization']));
    expect(r.stderr).toContain(`Smoke test (replayed from Codex ${CODEX_VERSION})`);

    const profile = await readFile(join(w.codexHome, 'bedrock-prod.config.toml'), 'utf8');
    expect(profile).toMatch(/^\[features\]\nincremental_tools_legacy = false$/m);
    expect(profile).toContain('model = "openai.gpt-5.5"');

    // Our smoke calls: the refused replay (additional_tools) and the passing one (top-level tools).
    const ours = turns(emu).filter((t) => t.headers['x-amzn-mantle-client-agent'] === 'codex' && requestShape(t.body).toolTypes.length > 1);
    expect(ours.map((t) => [t.status, requestShape(t.body).additionalTools])).toEqual([
      [400, true],
      [200, false],
    ]);

    const before = turns(emu).length;
    const codex = await runCodexExec(w, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
    const codexTurn = turns(emu).slice(before);
    expect(codexTurn.length).toBeGreaterThan(0);
    expect(codexTurn.every((t) => t.status === 200)).toBe(true);
    const shape = requestShape(codexTurn[0]!.body);
    expect(shape.additionalTools).toBe(false);
    expect(shape.toolTypes).toEqual(expect.arrayContaining(['function', 'custom']));
    expect(shape.namespaces).not.toContain('functions');
  });
});

describe('doctor judges the request the installed Codex sends', () => {
  it('names the refused additional_tools item with its fix, and passes once the fix is written', { timeout: 180_000 }, async () => {
    const { w } = await world('invalid-input');
    const written = await runCli([...SETUP, '--skip-smoke-test'], w.env, { timeout: 120_000 });
    expect(written.exitCode, written.stderr).toBe(0);
    const before = await runCli(['doctor', '--json'], w.env, { timeout: 120_000 });
    expect(before.exitCode).toBe(1);
    const smoke = (JSON.parse(before.stdout) as { checks: { id: string; status: string; diagnosis?: string; fix?: string }[] }).checks.find((c) => c.id === 'smoke');
    expect(smoke).toMatchObject({ status: 'fail', diagnosis: 'additional-tools-refused' });
    expect(smoke!.fix).toContain('incremental_tools_legacy = false');

    const fixed = await runCli(SETUP, w.env, { timeout: 120_000 });
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    const after = await runCli(['doctor', '--json'], w.env, { timeout: 120_000 });
    const checks = (JSON.parse(after.stdout) as { checks: { id: string; status: string; summary: string }[] }).checks;
    expect(checks.find((c) => c.id === 'smoke')).toMatchObject({ status: 'pass', summary: expect.stringContaining(`replayed from Codex ${CODEX_VERSION}`) });
  });
});

describe('an endpoint that accepts additional_tools', () => {
  it('setup --yes passes with Codex 0.171\'s own request and writes no feature switch', { timeout: 180_000 }, async () => {
    const { emu, w } = await world('accept');
    const r = await runCli(SETUP, w.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.fixes).toBeUndefined();
    expect(doc.smoke.request).toMatchObject({ source: 'captured', codexVersion: CODEX_VERSION, additionalTools: true });
    const profile = await readFile(join(w.codexHome, 'bedrock-prod.config.toml'), 'utf8');
    expect(profile).not.toContain('incremental_tools_legacy');
    expect(profile).not.toContain('[features]');
    // The capture ran on a copy: nothing of Codex's own state landed in the user's CODEX_HOME.
    expect((await readdir(w.codexHome)).filter((f) => !f.includes('.bak-')).sort()).toEqual(['bedrock-prod.config.toml', 'codex-bedrock-setup', 'config.toml']);

    const before = turns(emu).length;
    const codex = await runCodexExec(w, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
    expect(requestShape(turns(emu).slice(before)[0]!.body).additionalTools).toBe(true);
  });
});

describe('web_search decided by a live probe', () => {
  it('an endpoint that runs the hosted tool keeps it; the real Codex sends it and completes a turn', { timeout: 180_000 }, async () => {
    const { emu, w } = await world('accept', { acceptHostedTools: true });
    const r = await runCli(SETUP, w.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).webSearch).toEqual({ webSearch: 'keep', reason: "us-east-1 ran Codex's hosted web_search tool" });
    expect(await readFile(join(w.codexHome, 'bedrock-prod.config.toml'), 'utf8')).not.toContain('web_search');
    const before = turns(emu).length;
    const codex = await runCodexExec(w, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
    expect(requestShape(turns(emu).slice(before)[0]!.body).hostedWebSearch).toBe(true);
    // doctor agrees with the live verdict: no "web search is not disabled" warning against its own smoke check.
    const doctor = await runCli(['doctor', '--json'], w.env, { timeout: 120_000 });
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string; summary: string }[] }).checks;
    expect(checks.find((c) => c.id === 'smoke')?.status).toBe('pass');
    expect(checks.find((c) => c.id === 'codex-web-search-enabled')).toMatchObject({ status: 'pass', summary: expect.stringContaining("ran Codex's hosted web_search tool") });
  });

  it('an endpoint that refuses it gets web_search = "disabled" with its own words as the reason', { timeout: 180_000 }, async () => {
    const { w } = await world('accept', { acceptHostedTools: false });
    const r = await runCli(SETUP, w.env, { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.webSearch.webSearch).toBe('disabled');
    expect(doc.webSearch.reason).toContain("Tool type 'web_search' is not supported on this endpoint.");
    expect(await readFile(join(w.codexHome, 'bedrock-prod.config.toml'), 'utf8')).toContain('web_search = "disabled"');
  });

  it('--web-search on keeps the hosted tool without asking the endpoint', { timeout: 120_000 }, async () => {
    const { emu, w } = await world('accept', { acceptHostedTools: false });
    const r = await runCli([...SETUP, '--web-search', 'on', '--skip-smoke-test'], w.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).webSearch).toEqual({ webSearch: 'keep', reason: '--web-search on' });
    expect(turns(emu)).toEqual([]);
    expect(await readFile(join(w.codexHome, 'bedrock-prod.config.toml'), 'utf8')).not.toContain('web_search');
  });
});
