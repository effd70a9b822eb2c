// The real `aws configure sso --profile NAME` in a pseudo-terminal (what the wizard hands the terminal to),
// answering its prompts, against the emulator's IAM Identity Center through the proxy.
import { readFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_CURRENT, AWS_CURRENT_VERSION, startBrowser } from './awsCurrent.js';
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

const ANSWERS = (startUrl: string): [RegExp, string][] => [
  [/SSO session name \(Recommended\):/, 'corp'],
  [/SSO start URL \[None\]:/, startUrl],
  [/SSO region \[None\]:/, 'us-east-1'],
  [/SSO registration scopes \[sso:account:access\]:/, ''],
  // 2.36 says "Default client Region" and "CLI default output format (json if not specified)".
  [/(CLI d|D)efault client Region \[None\]:/, 'us-east-1'],
  [/CLI default output format( \(json if not specified\))? \[None\]:/, 'json'],
];

/** Runs `aws configure sso` in a pty, answering each prompt once it shows; the exit code (-1: timed out), the text, the prompts seen. */
async function configureSso(world: World, aws: string, args: string[], env: Record<string, string>): Promise<{ code: number; text: string; seen: string[]; answers: number }> {
  const term = pty.spawn(aws, ['configure', 'sso', ...args], { name: 'xterm', cols: 120, rows: 40, cwd: world.root, env });
  let out = '';
  const answers = ANSWERS(emu.state.sso.startUrl);
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
  return { code, text: strip(out), seen, answers: answers.length };
}

function expectProfileWritten(world: World, text: string, profile: string): void {
  expect(text).toContain('The only AWS account available to you is: 123456789012');
  expect(text).toContain('The only role available to you is: BedrockDeveloper');
  expect(text).toContain('Using the role name "BedrockDeveloper"');
  const config = readFileSync(world.awsConfig, 'utf8');
  expect(config).toContain(`[profile ${profile}]`);
  expect(config).toContain('sso_account_id = 123456789012');
  expect(config).toContain('sso_role_name = BedrockDeveloper');
  expect(config).toContain('[sso-session corp]');
}

describe('aws configure sso in a pseudo-terminal', () => {
  it('asks its prompts in order, completes the device flow, picks the only account and role, writes the profile', { timeout: 120_000 }, async () => {
    const { code, text, seen, answers } = await configureSso(world, AWS_V2, ['--profile', 'pty-dev'], { ...world.env, BROWSER: '/bin/true' } as Record<string, string>);
    expect(seen.length, text).toBe(answers);
    expect(code, text).toBe(0);
    expect(text).toContain('Then enter the code:');
    expect(text).toContain('https://device.sso.us-east-1.amazonaws.com/');
    expect(text).toMatch(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
    expectProfileWritten(world, text, 'pty-dev');
  });
});

describe.runIf(AWS_CURRENT)(`aws configure sso ${AWS_CURRENT_VERSION} in a pseudo-terminal`, () => {
  it('by default: the browser flow (PKCE), its callback on localhost reached by the browser, then the profile', { timeout: 120_000 }, async () => {
    const w = await makeWorld(emu);
    const browser = startBrowser(emu, w.root);
    try {
      const { code, text, seen, answers } = await configureSso(w, AWS_CURRENT!, ['--profile', 'pty-pkce'], { ...w.env, BROWSER: browser.command } as Record<string, string>);
      expect(seen.length, text).toBe(answers);
      expect(code, text).toBe(0);
      expect(text).toContain('https://oidc.us-east-1.amazonaws.com/authorize?response_type=code');
      expect(text).not.toContain('Then enter the code');
      expect(browser.callbacks.map((c) => c.status)).toEqual([200]);
      expectProfileWritten(w, text, 'pty-pkce');
    } finally {
      browser.stop();
    }
  });

  it('--use-device-code: the URL and the code, and no authorize page', { timeout: 120_000 }, async () => {
    const w = await makeWorld(emu);
    const browser = startBrowser(emu, w.root);
    try {
      const { code, text, seen, answers } = await configureSso(w, AWS_CURRENT!, ['--profile', 'pty-dc', '--use-device-code'], { ...w.env, BROWSER: browser.command } as Record<string, string>);
      expect(seen.length, text).toBe(answers);
      expect(code, text).toBe(0);
      expect(text).toMatch(/open the following URL:\s+https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/\s+Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
      expect(text).not.toContain('/authorize?');
      expect(browser.callbacks).toEqual([]);
      expectProfileWritten(w, text, 'pty-dc');
    } finally {
      browser.stop();
    }
  });
});
