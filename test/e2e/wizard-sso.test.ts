// The wizard's IAM Identity Center path in a real pseudo-terminal (80×24): the wizard hands the terminal to the
// real aws CLI v2 (`aws configure sso`, `aws sso login`), which runs the device flow against the emulator through
// its proxy, then the wizard takes the terminal back and carries on with the new profile.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { AWS_CURRENT, AWS_CURRENT_DIR, AWS_CURRENT_VERSION, startBrowser } from './awsCurrent.js';
import { AWS_V2, makeWorld, runCodexExec, type World } from './helpers.js';
import { answerCursorQueries, KEY, SHOW_CURSOR, spawnCli, type PtyRun } from './pty.js';

const SESSION = 'demo';
const PROFILE = 'codex-bedrock';
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_BedrockDeveloper_0123456789abcdef/demo';
/** prompt_toolkit prints this when the answer to its cursor-position query never arrives (someone else read it). */
const CPR_LOST = "doesn't support cursor position requests";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  // Approval at the second poll: at the first, the aws CLI takes the token before printing the URL and code.
  emu.update({ sso: { approveAfterPolls: 2 } });
  await execa('npm', ['run', 'build'], { reject: true, timeout: 120_000 });
}, 180_000);
afterAll(() => emu?.close());

const runs: { run: PtyRun; stop: () => void }[] = [];
afterAll(() =>
  runs.forEach(({ run, stop }) => {
    stop();
    run.kill();
  }),
);

/**
 * A world with no AWS profile at all, and an aws CLI v1 first on PATH (a stub that says what the Python v1
 * says), then the real v2 in /usr/bin: the wizard must pick the v2.
 */
async function ssoWorld(opts: { current?: boolean } = {}): Promise<World & { v1: string }> {
  const world = await makeWorld(emu, { extraEnv: { BROWSER: '/bin/true' } });
  await writeFile(world.awsConfig, '');
  await writeFile(world.awsCredentials, '');
  const v1Dir = join(world.root, 'aws-v1', 'bin');
  await mkdir(v1Dir, { recursive: true });
  const v1 = join(v1Dir, 'aws');
  await writeFile(
    v1,
    '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11"; exit 0; fi\n' +
      'echo "aws: error: argument operation: Invalid choice" >&2; exit 2\n',
  );
  await chmod(v1, 0o755);
  // With `current`, the current aws CLI v2 (scripts/aws-cli-current.sh) comes first: Codex's auth_refresh runs it.
  world.env.PATH = `${opts.current ? `${AWS_CURRENT_DIR}:` : ''}${v1Dir}:${world.env.PATH}:/usr/bin`;
  return { ...world, v1 };
}

/** Starts the wizard, answering the aws CLI's cursor-position queries as a terminal does. */
function start(world: World, args: string[] = []): PtyRun {
  const run = spawnCli(args, { env: world.env, cwd: world.root });
  runs.push({ run, stop: answerCursorQueries(run) });
  return run;
}

/** Welcome → checks (v1 shadows v2) → region us-east-1 → sign-in menu → start URL → SSO region → hand-off screen. */
async function toHandoff(run: PtyRun, world: { v1: string }, startUrl: string): Promise<string> {
  await run.waitFor('1/7 · Welcome');
  const checks = await run.press(KEY.enter, 'enter continue');
  expect(checks).toContain(`! aws 1.45.11 at ${world.v1}`);
  expect(checks).toContain(`✓ aws 2.9.19 at ${AWS_V2}`);
  await run.press(KEY.enter, '2/7 · Region');
  await run.waitFor(/❯ us-east-1 .* \d+ ms/);
  // Wait for the menu itself: a frame can arrive in more than one chunk, title first.
  const auth = await run.press(KEY.enter, '❯ IAM Identity Center (SSO), recommended');
  expect(auth).toContain('3/7 · Sign in');
  await run.press(KEY.enter, 'SSO start URL:');
  await run.press(startUrl, startUrl);
  const region = await run.press(KEY.enter, 'SSO region: us-east-1');
  expect(region).toContain('3/7 · Sign in: IAM Identity Center');
  const handoff = await run.press(KEY.enter, 'enter hand over the terminal');
  expect(handoff).toContain(`aws configure sso --profile ${PROFILE}`);
  return handoff;
}

/** Enter on the hand-off screen, re-sent if it arrived before the screen listened. */
async function handOver(run: PtyRun): Promise<void> {
  await run.press(KEY.enter, 'Handing over the terminal…');
}

/** The aws CLI's own prompts, answered as a person would; returns everything it printed. */
async function answerConfigureSso(run: PtyRun, session: string, since?: number, flow: 'device-code' | 'browser' = 'device-code'): Promise<string> {
  // After an earlier hand-off its prompt may still be on screen: a key typed before this aws CLI listens is lost.
  await run.waitFor(`SSO session name [${session}]:`, undefined, { since });
  // Start URL, SSO region and scopes are not asked: the wizard wrote the [sso-session] block first.
  run.write(KEY.enter);
  // The browser flow (aws CLI 2.22+) prints the /authorize URL it opens; the test's browser follows it.
  await run.waitFor(flow === 'browser' ? /https:\/\/oidc\.us-east-1\.amazonaws\.com\/authorize\?/ : /Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);
  // 2.36 words two prompts differently: "Default client Region", "CLI default output format (json if not specified)".
  await run.waitFor(/(CLI d|D)efault client Region \[us-east-1\]:/);
  run.write(KEY.enter);
  await run.waitFor(/CLI default output format( \(json if not specified\))? \[None\]:/);
  run.write(`json${KEY.enter}`);
  return strip(run.output());
}

const strip = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/**
 * The wizard's live frame (the last one drawn) is whole: its title line, then `expected`, then its key hints
 * and nothing below, with nothing of the aws CLI's output mixed in.
 */
function expectFrameIntact(run: PtyRun, title: string, expected: (string | RegExp)[], hints: string): void {
  const lines = run.screen.lines();
  const screen = run.screen.text();
  const top = lines.map((l) => l.startsWith('codex-bedrock-setup · ')).lastIndexOf(true);
  expect(top, screen).toBeGreaterThanOrEqual(0);
  expect(lines[top].startsWith(`codex-bedrock-setup · ${title}`), screen).toBe(true);
  const frame = lines.slice(top).join('\n');
  expect(frame).not.toMatch(/SSO session name \[|CLI default|aws s3 ls|Then enter the code|Traceback/);
  for (const e of expected) expect(frame).toMatch(e);
  const rest = lines.slice(top);
  const hintRow = rest.findIndex((l) => l.includes(hints));
  expect(hintRow, screen).toBeGreaterThan(0);
  expect(rest.slice(hintRow + 1).every((l) => l === ''), screen).toBe(true);
}

/** Enter on the done screen, re-sent while the wizard has not exited (a key can land before the screen listens). */
async function finish(run: PtyRun): Promise<{ exitCode: number }> {
  for (let i = 0; i < 4; i++) {
    run.write(KEY.enter);
    const r = await Promise.race([run.exited, new Promise<null>((res) => setTimeout(() => res(null), 5_000))]);
    if (r) return r;
  }
  return Promise.race([run.exited, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`the wizard did not exit; screen:\n${run.screen.text()}`)), 20_000))]);
}

/** The failure screen, drawn to its last line (a frame can arrive in more than one chunk). */
function waitForFailureMenu(run: PtyRun): Promise<string> {
  return run.waitFor(/Something went wrong[\s\S]*Quit\n+↑↓ move · enter select/, 60_000);
}

/** From the first models menu to the smoke test result, taking the suggested models. */
async function modelsToSmoke(run: PtyRun, codexHome: string): Promise<string> {
  await run.waitFor('Model for Codex profile bedrock-prod');
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  const config = await run.press(KEY.enter, '❯ Write these files');
  expect(config).toContain(`new file ${codexHome}/config.toml`);
  await run.press(KEY.enter, '❯ Run the smoke test');
  await run.press(KEY.enter, '6/7 · Smoke test');
  return run.waitFor('enter finish');
}

function tokenCachePath(world: World, session: string): string {
  return join(world.home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);
}

/** Mantle requests since `since` that the emulator authenticated as the SSO role. */
function mantleCallsAsRole(since: number): number {
  return emu.requests.slice(since).filter((r) => r.service === 'bedrock-mantle' && r.identityArn === ROLE_ARN).length;
}

/**
 * A complete SSO profile signs in; the session expires while the person picks models; the failure offers
 * to sign in again: the hand-off runs `login`, which signs in with the device code, and the failed step runs again.
 */
async function expiresLater(world: World, login: string): Promise<void> {
  await writeFile(
    world.awsConfig,
    `[profile ${PROFILE}]\nsso_session = ${SESSION}\nsso_account_id = 123456789012\nsso_role_name = BedrockDeveloper\nregion = us-east-1\n\n` +
      `[sso-session ${SESSION}]\nsso_start_url = ${emu.state.sso.startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
  );
  const cache = tokenCachePath(world, SESSION);
  await mkdir(join(cache, '..'), { recursive: true });
  const token = { startUrl: emu.state.sso.startUrl, region: 'us-east-1', accessToken: emu.issueSsoAccessToken(), expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') };
  await writeFile(cache, JSON.stringify(token));

  const run = start(world);
  await run.waitFor('1/7 · Welcome');
  await run.press(KEY.enter, 'enter continue');
  await run.press(KEY.enter, '2/7 · Region');
  await run.waitFor(/❯ us-east-1 .* \d+ ms/);
  await run.press(KEY.enter, '3/7 · Sign in');
  await run.press(KEY.down, '❯ Existing AWS profile (1 found)');
  const pick = await run.press(KEY.enter, '3/7 · Sign in: AWS profile');
  expect(pick).toMatch(/❯ codex-bedrock\s+\[SSO\] us-east-1/);
  const identity = await run.press(KEY.enter, 'signed in as');
  expect(identity.replace(/\n {0,2}/g, '')).toContain(`signed in as ${ROLE_ARN}`);

  // The model lists were fetched while the identity was on screen (read-only, asked ahead): wait for them.
  for (let seen = -1, quietSince = Date.now(); Date.now() - quietSince < 500; await new Promise((r) => setTimeout(r, 50))) {
    if (emu.requests.length !== seen) [seen, quietSince] = [emu.requests.length, Date.now()];
  }
  // Then the sign-in expires while the person chooses models; no refresh token, so only a login helps. The next
  // AWS call (the web_search answer for the config step) meets the expired session.
  await writeFile(cache, JSON.stringify({ ...token, expiresAt: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') }));
  const models = await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
  expect(models).toMatch(/openai\.gpt-oss-120b\s+✓ served/);
  await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
  await run.press(KEY.enter, /Something went wrong|5\/7 · Codex config/);
  const failure = await run.waitFor('Sign in again (aws sso login), then retry');
  expect(failure).toMatch(/expired/i);
  // The diagnosis names the sign-in without flags (core/diagnosis.ts); the hand-off below runs `login` itself.
  expect(failure).toContain(`aws sso login --profile ${PROFILE}`);

  const relogin = await run.press(KEY.enter, 'enter hand over the terminal');
  expect(relogin).toContain(login);
  await handOver(run);
  await run.waitFor(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/);

  // Back in the wizard, the step that failed ran again and worked.
  const config = await run.waitFor('❯ Write these files', 60_000);
  expect(strip(run.output())).toContain('Successfully logged into Start URL: https://demo.awsapps.com/start');
  expect(strip(run.output())).not.toContain(CPR_LOST);
  expect(config).toContain(`new file ${world.codexHome}/config.toml`);
  expectFrameIntact(run, '5/7 · Codex config', [/Write these files/], 'enter');
  const fresh = JSON.parse(await readFile(cache, 'utf8')) as { expiresAt: string };
  expect(new Date(fresh.expiresAt).getTime()).toBeGreaterThan(Date.now());

  await run.press(KEY.enter, '❯ Run the smoke test');
  await run.press(KEY.enter, '6/7 · Smoke test');
  const smoke = await run.waitFor('enter finish');
  expect(smoke).toContain("✓ Codex's request works");
  await run.press(KEY.enter, '7/7 · Done');
  expect((await finish(run)).exitCode).toBe(0);
}

describe('the wizard signs in with IAM Identity Center through the real aws CLI v2', () => {
  it('over SSH: the hand-off says a URL and a code come, aws 2.9.19 gets no --use-device-code, and the device code signs in', { timeout: 300_000 }, async () => {
    const world = await ssoWorld();
    world.env.SSH_CONNECTION = '10.0.0.2 50022 10.0.0.1 22';
    const run = start(world);
    const handoff = await toHandoff(run, world, emu.state.sso.startUrl);
    expect(handoff.replace(/\s+/g, ' ')).toContain('No browser here: the aws CLI will show a URL and a code. Open the URL on any device and enter the code.');
    expect(handoff).not.toContain('--use-device-code');
    await handOver(run);
    const aws = await answerConfigureSso(run, SESSION);
    expect(aws).not.toContain('Unknown options');
    const identity = await run.waitFor('signed in as', 60_000);
    expect(identity.replace(/\n {0,2}/g, '')).toContain(`signed in as ${ROLE_ARN}`);
    run.kill();
  });

  it('hands the terminal to `aws configure sso`, takes it back, and the models and smoke steps use the new profile', { timeout: 300_000 }, async () => {
    const world = await ssoWorld();
    const run = start(world);
    const handoff = await toHandoff(run, world, emu.state.sso.startUrl);
    expect(handoff).toContain(`Profile: ${PROFILE} in ${world.awsConfig}`);
    await handOver(run);

    const aws = await answerConfigureSso(run, SESSION);
    expect(aws).toContain('https://device.sso.us-east-1.amazonaws.com/');
    expect(aws).toContain('The only AWS account available to you is: 123456789012');
    expect(aws).toContain('Using the role name "BedrockDeveloper"');
    // Every byte typed, and the terminal's answer to the aws CLI's cursor query, reached the aws CLI.
    expect(aws).not.toContain(CPR_LOST);

    // The wizard is back: verified the profile, STS knows the role.
    const identity = await run.waitFor('signed in as', 60_000);
    expect(identity.replace(/\n {0,2}/g, '')).toContain(`signed in as ${ROLE_ARN} (account 123456789012)`);
    expectFrameIntact(run, '3/7 · Sign in', [/AWS profile: codex-bedrock/], 'enter continue');

    const requestsBefore = emu.requests.length;
    await run.press(KEY.enter, '4/7 · Models');
    const smoke = await modelsToSmoke(run, world.codexHome);
    expect(smoke).toContain("✓ Codex's request works");
    expect(mantleCallsAsRole(requestsBefore)).toBeGreaterThan(0);
    await run.press(KEY.enter, '7/7 · Done');
    expect((await finish(run)).exitCode).toBe(0);
    expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);

    const awsConfig = await readFile(world.awsConfig, 'utf8');
    expect(awsConfig).toMatch(new RegExp(`\\[sso-session ${SESSION}\\]\\nsso_start_url = https://demo\\.awsapps\\.com/start\\nsso_region = us-east-1\\n`));
    const profileBlock = awsConfig.slice(awsConfig.indexOf(`[profile ${PROFILE}]`)).split(/\n(?=\[)/)[0];
    expect(profileBlock).toContain(`sso_session = ${SESSION}`);
    expect(profileBlock).toContain('sso_account_id = 123456789012');
    expect(profileBlock).toContain('sso_role_name = BedrockDeveloper');
    expect(profileBlock).toMatch(/^region = us-east-1$/m);
    expect(awsConfig.match(/\[sso-session /g)).toHaveLength(1);
    expect(await readdir(join(world.home, '.aws', 'sso', 'cache'))).toContain(`${createHash('sha1').update(SESSION).digest('hex')}.json`);

    const shared = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(shared).toContain('[model_providers.amazon-bedrock.aws]');
    expect(shared).toContain(`profile = "${PROFILE}"`);
    // The aws CLI and the real Codex CLI both get the role's credentials from that profile.
    const exported = await execa(AWS_V2, ['configure', 'export-credentials', '--profile', PROFILE, '--format', 'env'], { env: world.env, extendEnv: false, reject: false, timeout: 60_000 });
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=ASIA/m);
    const codex = await runCodexExec(world, 'bedrock-prod');
    expect(codex.exitCode, codex.stderr).toBe(0);
  });

  it('comes back with a diagnosis when the aws CLI fails (unknown start URL), the screen intact, and quits cleanly', { timeout: 240_000 }, async () => {
    const world = await ssoWorld();
    const run = start(world);
    await toHandoff(run, world, 'https://wrong.awsapps.com/start');
    await handOver(run);
    await run.waitFor('SSO session name [wrong]:');
    run.write(KEY.enter);

    const failure = await waitForFailureMenu(run);
    expect(strip(run.output())).toMatch(/InvalidRequestException|Invalid start URL/);
    expect(failure).toMatch(/✗ /);
    expect(failure).toMatch(/why: /);
    expect(failure).toMatch(/fix: /);
    expect(failure).toMatch(/aws configure sso|exited with code|profile codex-bedrock/);
    expect(failure).not.toContain('Sign in again (aws sso login)');
    expectFrameIntact(run, '! · Something went wrong', [/❯ Retry/, /Back/, /Quit/], '↑↓ move');

    // Back leaves the failed hand-off for the answers that fed it, redrawn whole.
    await run.press(KEY.down, '❯ Back');
    const back = await run.press(KEY.enter, 'SSO region: us-east-1');
    expect(back).toContain('The region where IAM Identity Center runs');
    expectFrameIntact(run, '3/7 · Sign in: IAM Identity Center', [/SSO region: us-east-1/], 'enter confirm');
    const url = await run.press(KEY.esc, 'SSO start URL:');
    expect(url).toContain('SSO start URL: https://wrong.awsapps.com/start');

    run.write(KEY.ctrlC);
    expect((await run.exited).exitCode).not.toBe(0);
    expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);
    expect(strip(run.output())).not.toMatch(/Traceback|\n\s+at /);
    // Nothing was signed in: the profile block the wizard pre-wrote has no account or role.
    expect(await readFile(world.awsConfig, 'utf8')).not.toContain('sso_account_id');
  });

  it('survives Ctrl-C inside the aws prompts: diagnosis, and retry hands over again and signs in', { timeout: 300_000 }, async () => {
    const world = await ssoWorld();
    const run = start(world);
    await toHandoff(run, world, emu.state.sso.startUrl);
    await handOver(run);
    await run.waitFor(`SSO session name [${SESSION}]:`);
    run.write(KEY.ctrlC);

    const failure = await waitForFailureMenu(run);
    expect(failure).toMatch(/why: /);
    expect(failure).toMatch(/fix: /);
    expect(strip(run.output())).not.toMatch(/Traceback/);
    expectFrameIntact(run, '! · Something went wrong', [/❯ Retry/, /Back/, /Quit/], '↑↓ move');

    const again = await run.press(KEY.enter, 'enter hand over the terminal');
    expect(again).toContain(`aws configure sso --profile ${PROFILE}`);
    expectFrameIntact(run, '3/7 · Sign in: IAM Identity Center', [/Next the aws CLI takes over this terminal/], 'enter hand over the terminal');
    // The second hand-off gets every key too: the aws CLI runs to the end and the wizard verifies the profile.
    const since = run.output().length;
    await handOver(run);
    const aws = await answerConfigureSso(run, SESSION, since);
    expect(aws).toContain('Using the role name "BedrockDeveloper"');
    const identity = await run.waitFor('signed in as', 60_000);
    expect(identity.replace(/\n {0,2}/g, '')).toContain(`signed in as ${ROLE_ARN}`);
    run.write(KEY.ctrlC);
    await run.exited;
    expect(run.output().endsWith(SHOW_CURSOR)).toBe(true);
  });

  it('offers `aws sso login` when the SSO token expires later in the flow, then the step succeeds', { timeout: 300_000 }, async () => {
    await expiresLater(await ssoWorld(), `aws sso login --profile ${PROFILE}`);
  });
});

describe.runIf(AWS_CURRENT)(`the wizard signs in with IAM Identity Center through the current aws CLI (${AWS_CURRENT_VERSION})`, () => {
  /** The Codex config the wizard wrote, to Done, and its auth_refresh line. */
  async function toDone(run: PtyRun, world: World): Promise<string> {
    const identity = await run.waitFor('signed in as', 60_000);
    expect(identity.replace(/\n {0,2}/g, '')).toContain(`signed in as ${ROLE_ARN} (account 123456789012)`);
    const requestsBefore = emu.requests.length;
    await run.press(KEY.enter, '4/7 · Models');
    expect(await modelsToSmoke(run, world.codexHome)).toContain("✓ Codex's request works");
    expect(mantleCallsAsRole(requestsBefore)).toBeGreaterThan(0);
    await run.press(KEY.enter, '7/7 · Done');
    expect((await finish(run)).exitCode).toBe(0);
    return /auth_refresh = .*$/m.exec(await readFile(join(world.codexHome, 'config.toml'), 'utf8'))?.[0] ?? '';
  }
  const oidcSince = (since: number) => emu.requests.slice(since).filter((r) => r.host === 'oidc.us-east-1.amazonaws.com').map((r) => `${r.method} ${r.path.split('?')[0]}`);

  it('over SSH: the hand-off runs `aws configure sso --use-device-code`, the code signs in, and Codex\'s auth_refresh carries --use-device-code', { timeout: 300_000 }, async () => {
    const world = await ssoWorld({ current: true });
    world.env.SSH_CONNECTION = '10.0.0.2 50022 10.0.0.1 22';
    const browser = startBrowser(emu, world.root);
    world.env.BROWSER = browser.command;
    try {
      const run = start(world);
      const since = emu.requests.length;
      const handoff = await toHandoff(run, world, emu.state.sso.startUrl);
      expect(handoff).toContain(`aws configure sso --profile ${PROFILE} --use-device-code`);
      expect(handoff.replace(/\s+/g, ' ')).toContain('No browser here: the aws CLI will show a URL and a code. Open the URL on any device and enter the code.');
      expect(run.output()).toContain(`aws ${AWS_CURRENT_VERSION} at ${AWS_CURRENT}`);
      await handOver(run);
      const aws = await answerConfigureSso(run, SESSION);
      expect(aws).toMatch(/open the following URL:\s+https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/\s+Then enter the code:/);
      expect(aws).not.toContain(CPR_LOST);
      const refresh = await toDone(run, world);
      expect(refresh).toBe(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}", "--use-device-code"], timeout_ms = 120000 }`);
      expect(oidcSince(since)).not.toContain('GET /authorize');
      expect(browser.callbacks).toEqual([]);
    } finally {
      browser.stop();
    }
  });

  it('--browser: the hand-off runs `aws configure sso`, the browser flow (PKCE) reaches its localhost callback, and auth_refresh has no --use-device-code', { timeout: 300_000 }, async () => {
    const world = await ssoWorld({ current: true });
    world.env.DISPLAY = ':0';
    const browser = startBrowser(emu, world.root);
    world.env.BROWSER = browser.command;
    try {
      const run = start(world, ['--browser']);
      const since = emu.requests.length;
      const handoff = await toHandoff(run, world, emu.state.sso.startUrl);
      expect(handoff).not.toContain('--use-device-code');
      await handOver(run);
      const aws = await answerConfigureSso(run, SESSION, undefined, 'browser');
      expect(aws).not.toContain('Then enter the code');
      const refresh = await toDone(run, world);
      expect(refresh).toBe(`auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "${PROFILE}"], timeout_ms = 120000 }`);
      expect(oidcSince(since)).toEqual(['POST /client/register', 'GET /authorize', 'POST /token']);
      expect(browser.callbacks.map((c) => c.status)).toEqual([200]);
    } finally {
      browser.stop();
    }
  });

  it('over SSH, when the session expires later: "Sign in again" hands over `aws sso login … --use-device-code`, and the step succeeds', { timeout: 300_000 }, async () => {
    const world = await ssoWorld({ current: true });
    world.env.SSH_CONNECTION = '10.0.0.2 50022 10.0.0.1 22';
    await expiresLater(world, `aws sso login --profile ${PROFILE} --use-device-code`);
  });
});
