// doctor --fix signs in again when the IAM Identity Center sign-in of Codex's profile has ended: it asks, hands the
// terminal to the real aws CLI 2.9.19 (its device flow, against the emulator through the proxy), then doctor passes.
// Without a terminal it starts no sign-in and prints the command.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ssoTokenCacheFile } from '../helpers/sso.js';
import { configuredWorld, doctorJson, writeSsoProfile } from './doctor.helpers.js';
import { AWS_CURRENT, AWS_CURRENT_VERSION } from './awsCurrent.js';
import { AWS_V2, runCli } from './helpers.js';
import { answerCursorQueries, spawnCli } from './pty.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
}, 120_000);
afterAll(() => emu?.close());

/** A configured world whose Codex profile is an SSO one with an ended sign-in; `aws` logs each call, then runs the real v2. */
async function expiredWorld(aws = AWS_V2) {
  const world = await configuredWorld(emu);
  await writeSsoProfile(world, emu, 'codex-bedrock', -3600_000);
  const log = join(world.root, 'aws-calls.log');
  writeFileSync(join(world.bin, 'aws'), `#!/bin/sh\necho "$*" >> '${log}'\nexec ${aws} "$@"\n`);
  const calls = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  // No browser over SSH: the aws CLI shows the URL and code (2.9.19 knows no other flow, so no --use-device-code).
  return { world, calls, env: { ...world.env, BROWSER: '/bin/true', SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22' } };
}

describe('doctor --fix: sign in again', () => {
  it('on a terminal: asks, runs aws sso login with the terminal, checks again, and doctor passes', { timeout: 240_000 }, async () => {
    const { world, calls, env } = await expiredWorld();
    // Approval at the second poll, as when a person approves: the aws CLI shows the URL and the code first.
    emu.update({ sso: { approveAfterPolls: 2 } });
    const before = await doctorJson(env);
    expect(before.report.checks.find((c) => c.id === 'sso-session-lifetime')).toMatchObject({ status: 'warn' });
    const run = spawnCli(['doctor', '--fix'], { env, cols: 120, rows: 60 });
    answerCursorQueries(run);
    await run.waitFor('Sign in again now (aws sso login --profile codex-bedrock)? [y/N]', 150_000);
    expect(calls().filter((c) => c.startsWith('sso login'))).toEqual([]);
    run.write('y\r');
    const { exitCode } = await run.exited;
    const text = run.output().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(text).toContain('No browser here (this is an SSH session)');
    expect(text).toMatch(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).toContain(`Successfully logged into Start URL: ${emu.state.sso.startUrl}`);
    expect(text).toContain('Signed in (profile codex-bedrock).');
    expect(text).toContain('The checks again:');
    expect(calls()).toContain('sso login --profile codex-bedrock');
    expect(exitCode, text.slice(-3000)).toBe(0);
    const cached = JSON.parse(readFileSync(ssoTokenCacheFile(world.home), 'utf8'));
    expect(new Date(cached.expiresAt).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    const after = await doctorJson(env);
    expect(after.exitCode).toBe(0);
    expect(after.report.checks.find((c) => c.id === 'sso-session-lifetime')).toMatchObject({ status: 'pass' });
    // The token itself never reaches our output.
    expect(text.replace(/\s+/g, '')).not.toContain(cached.accessToken);
  });

  it('on a terminal, answering no: nothing is started, the command is given, the checks are not run again', { timeout: 180_000 }, async () => {
    const { calls, env } = await expiredWorld();
    const run = spawnCli(['doctor', '--fix'], { env, cols: 120, rows: 60 });
    await run.waitFor('Sign in again now (aws sso login --profile codex-bedrock)? [y/N]', 150_000);
    run.write('n\r');
    const { exitCode } = await run.exited;
    const text = run.output().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(text).toContain('Not signed in. When you are ready: aws sso login --profile codex-bedrock');
    expect(text).not.toContain('The checks again:');
    expect(calls().filter((c) => c.startsWith('sso login'))).toEqual([]);
    expect(exitCode).toBe(1);
  });

  it('--yes without a terminal: no sign-in is started; the command is printed', { timeout: 180_000 }, async () => {
    const { calls, env } = await expiredWorld();
    const r = await runCli(['doctor', '--fix', '--yes', '--json'], env, { timeout: 150_000 });
    expect(r.stderr).toContain('Run it yourself: aws sso login --profile codex-bedrock');
    expect(calls().filter((c) => c.startsWith('sso login'))).toEqual([]);
    const doc = JSON.parse(r.stdout);
    expect(doc.signIn).toEqual({ profile: 'codex-bedrock', command: 'aws sso login --profile codex-bedrock', ran: false, ok: false });
    expect(doc.left).not.toContain('sso-session-lifetime');
  });
});

describe.runIf(AWS_CURRENT)(`doctor --fix: sign in again with the current aws CLI (${AWS_CURRENT_VERSION})`, () => {
  it('over SSH: asks for and runs aws sso login --use-device-code, and doctor passes', { timeout: 240_000 }, async () => {
    const { calls, env } = await expiredWorld(AWS_CURRENT);
    emu.update({ sso: { approveAfterPolls: 2 } });
    const run = spawnCli(['doctor', '--fix'], { env, cols: 120, rows: 60 });
    answerCursorQueries(run);
    await run.waitFor('Sign in again now (aws sso login --profile codex-bedrock --use-device-code)? [y/N]', 150_000);
    run.write('y\r');
    const { exitCode } = await run.exited;
    const text = run.output().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(text).toMatch(/open the following URL:\s+https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/\s+Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).toContain('Signed in (profile codex-bedrock).');
    expect(calls().filter((c) => c.startsWith('sso login'))).toEqual(['sso login --profile codex-bedrock --use-device-code']);
    expect(exitCode, text.slice(-3000)).toBe(0);
    expect((await doctorJson(env)).exitCode).toBe(0);
  });
});
