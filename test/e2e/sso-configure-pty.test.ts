// The real `aws configure sso --profile NAME` in a pseudo-terminal (what the wizard hands the terminal to),
// answering its prompts, against the emulator's IAM Identity Center through the proxy.
import { readFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_V2, makeWorld, type World } from './helpers.js';

let emu: Emulator;
let world: World;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  // Approval at the second poll: at the first, the aws CLI would take the token without showing a code.
  emu.update({ sso: { approveAfterPolls: 2 } });
  world = await makeWorld(emu);
}, 60_000);
afterAll(() => emu?.close());

const strip = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

describe('aws configure sso in a pseudo-terminal', () => {
  it('asks its prompts in order, completes the device flow, picks the only account and role, writes the profile', { timeout: 120_000 }, async () => {
    const term = pty.spawn(AWS_V2, ['configure', 'sso', '--profile', 'pty-dev'], {
      name: 'xterm',
      cols: 120,
      rows: 40,
      cwd: world.root,
      env: { ...world.env, BROWSER: '/bin/true' } as Record<string, string>,
    });
    let out = '';
    const answers: [RegExp, string][] = [
      [/SSO session name \(Recommended\):/, 'corp'],
      [/SSO start URL \[None\]:/, emu.state.sso.startUrl],
      [/SSO region \[None\]:/, 'us-east-1'],
      [/SSO registration scopes \[sso:account:access\]:/, ''],
      [/CLI default client Region \[None\]:/, 'us-east-1'],
      [/CLI default output format \[None\]:/, 'json'],
    ];
    const seen: string[] = [];
    const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    let from = 0;
    term.onData((d) => {
      // prompt_toolkit asks where the cursor is; a real terminal answers.
      if (d.includes('\u001B[6n')) term.write('\u001B[1;1R');
      out += d;
      const next = answers[seen.length];
      if (next && next[0].test(strip(out.slice(from)))) {
        seen.push(strip(out.slice(from)).match(next[0])![0]);
        from = out.length;
        term.write(`${next[1]}\r`);
      }
    });
    const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 100_000))]);
    if (code === -1) term.kill();
    const text = strip(out);
    expect(seen.length, text).toBe(answers.length);
    expect(code, text).toBe(0);
    expect(text).toContain('Then enter the code:');
    expect(text).toContain('https://device.sso.us-east-1.amazonaws.com/');
    expect(text).toMatch(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).toContain('The only AWS account available to you is: 123456789012');
    expect(text).toContain('The only role available to you is: BedrockDeveloper');
    expect(text).toContain('Using the role name "BedrockDeveloper"');
    const config = readFileSync(world.awsConfig, 'utf8');
    expect(config).toContain('[profile pty-dev]');
    expect(config).toContain('sso_account_id = 123456789012');
    expect(config).toContain('sso_role_name = BedrockDeveloper');
    expect(config).toContain('[sso-session corp]');
  });
});
