// Over SSH, with the real aws CLI 2.9.19 (before --use-device-code existed): setup signs in with the device code
// the aws CLI always uses, passes no flag it would refuse (exit 252), and writes an auth_refresh it can run.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_V2, makeWorld, runCli } from './helpers.js';

let emu: Emulator;
let env: NodeJS.ProcessEnv;
let awsLog: string;
let codexHome: string;
const PROFILE = 'sso-ssh';

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 20, interTokenMs: 2 } });
  const world = await makeWorld(emu);
  codexHome = world.codexHome;
  const bin = join(world.root, 'bin');
  mkdirSync(bin);
  awsLog = join(world.root, 'aws-calls.log');
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\necho "$*" >> '${awsLog}'\nexec ${AWS_V2} "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  // A forwarded X display does not count: the browser would open on the far side of the tunnel.
  env = { ...world.env, PATH: `${bin}:${world.env.PATH}`, BROWSER: '/bin/true', SSH_CONNECTION: '10.0.0.2 50022 10.0.0.1 22', DISPLAY: 'localhost:10.0' };
}, 60_000);
afterAll(() => emu?.close());

describe('setup --yes --auth sso over SSH with aws 2.9.19', () => {
  let r: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // Approval at the second poll, as when a person types the code: the aws CLI shows the URL and code first.
    emu.update({ sso: { approveAfterPolls: 2 } });
    r = await runCli(
      ['setup', '--yes', '--region', 'us-east-1', '--auth', 'sso', '--aws-profile', PROFILE, '--sso-start-url', emu.state.sso.startUrl, '--sso-region', 'us-east-1', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'],
      env,
      { timeout: 120_000 },
    );
  }, 150_000);

  it('signs in with the device code and no --use-device-code', () => {
    expect(r.exitCode, r.stderr).toBe(0);
    const logins = readFileSync(awsLog, 'utf8').trim().split('\n').filter((c) => c.startsWith('sso login'));
    expect(logins).toEqual([`sso login --profile ${PROFILE}`]);
    expect(r.stderr).not.toContain('Unknown options');
    expect(r.stderr).toMatch(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
  });

  it('says so before the aws CLI prints the URL and code', () => {
    expect(r.stderr).toContain('No browser here (this is an SSH session): the aws CLI will show a URL and a code. Open the URL on any device and enter the code.');
  });

  it("writes Codex's auth_refresh without the flag that aws CLI refuses", () => {
    const config = readFileSync(join(codexHome, 'config.toml'), 'utf8');
    expect(config).toContain(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}"], timeout_ms = 120000 }`);
  });
});
