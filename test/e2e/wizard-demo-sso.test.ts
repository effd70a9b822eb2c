// `--demo` rehearses the recommended sign-in too: IAM Identity Center through the real aws CLI v2, routed to the
// demo's emulator by its intercepting proxy (HTTPS_PROXY and its CA for the aws CLI only), never to AWS.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { AWS_CURRENT, AWS_CURRENT_DIR } from './awsCurrent.js';
import { AWS_V2, CLI, isolatedEnv } from './helpers.js';
import { answerCursorQueries, KEY, spawnCli, type PtyRun } from './pty.js';

const runs: { run: PtyRun; stop: () => void }[] = [];
afterAll(() => runs.forEach(({ run, stop }) => (stop(), run.kill())));

const strip = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

describe('--demo: IAM Identity Center', () => {
  it.runIf(existsSync(AWS_V2))('signs in through the real aws CLI and the emulator, to Done, with the start URL and SSO region filled in', { timeout: 300_000 }, async () => {
    // /usr/bin first: the demo needs an aws CLI v2, as the real path does.
    const env = { ...isolatedEnv(), PATH: `/usr/bin:${process.env.PATH}` };
    const run = spawnCli(['--demo'], { env });
    runs.push({ run, stop: answerCursorQueries(run) });

    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
    const auth = await run.press(KEY.enter, '❯ IAM Identity Center (SSO), recommended');
    expect(auth).toContain('the emulator signs you in');
    // The emulator's start URL and SSO region are filled in; Enter takes them.
    await run.press(KEY.enter, 'SSO start URL: https://demo.awsapps.com/start');
    await run.press(KEY.enter, 'SSO region: us-east-1');
    const handoff = await run.press(KEY.enter, 'enter hand over the terminal');
    expect(handoff).toContain('https://demo.awsapps.com/start');
    await run.press(KEY.enter, 'Handing over the terminal…');

    await run.waitFor(/SSO session name \[[^\]]+\]:/);
    run.write(KEY.enter);
    await run.waitFor(/Then enter the code:\s+[0-9A-F]{4}-[0-9A-F]{4}/, 60_000);
    await run.waitFor('CLI default client Region [us-east-1]:', 60_000);
    run.write(KEY.enter);
    await run.waitFor('CLI default output format [None]:');
    run.write(`json${KEY.enter}`);
    const printed = strip(run.output());
    expect(printed).toContain('The only AWS account available to you is: 123456789012');

    const identity = await run.waitFor(/signed in as|Something went wrong/, 60_000);
    expect(identity).toContain('signed in as arn:aws:sts::123456789012:assumed-role/');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
    await run.press(KEY.enter, '❯ Write these files');
    await run.press(KEY.enter, '❯ Run the smoke test');
    await run.press(KEY.enter, 'enter finish');
    const done = await run.press(KEY.enter, '7/7 · Done');
    expect(done).toMatch(/codex --profile bedrock-prod/);
    // The sign-in the aws CLI just cached, read back for the last screen (its expiry, never the token).
    const credentials = (await run.waitFor('then: aws sso login --profile')).replace(/\s+/g, ' ');
    expect(credentials).toMatch(/Credentials: AWS profile (\S+) \(IAM Identity Center\), signed in for (\d+ h|\d+ min)[^;]* more.*then: aws sso login --profile \1/);
    run.kill();
  });

  it.runIf(existsSync(AWS_V2))('setup --yes --auth sso signs in the same way; a team template from team init gets no demo start URL', { timeout: 180_000 }, async () => {
    const env = { ...isolatedEnv(), PATH: `/usr/bin:${process.env.PATH}` };
    const setup = await execa(process.execPath, [CLI, '--demo', 'setup', '--yes', '--auth', 'sso', '--aws-profile', 'codex-sso', '--skip-smoke-test'], { env, extendEnv: false, reject: false, timeout: 150_000 });
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "codex-sso"]');
    const out = join(mkdtempSync(join(tmpdir(), 'cbs-demo-team-')), 'team.toml');
    const team = await execa(process.execPath, [CLI, '--demo', 'team', 'init', '--out', out], { env, extendEnv: false, reject: false, timeout: 60_000 });
    expect(team.exitCode, team.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('demo.awsapps.com');
  });

  // No real browser can reach the emulator's sign-in page: the demo's own browser (src/demoBrowser.ts) opens it.
  it.runIf(AWS_CURRENT)('with the current aws CLI, --browser: the browser flow (PKCE) completes through the demo\'s browser', { timeout: 180_000 }, async () => {
    const env = { ...isolatedEnv(), PATH: `${AWS_CURRENT_DIR}:${process.env.PATH}` };
    const setup = await execa(process.execPath, [CLI, '--demo', 'setup', '--yes', '--auth', 'sso', '--aws-profile', 'codex-sso', '--browser', '--skip-smoke-test'], { env, extendEnv: false, reject: false, timeout: 150_000 });
    expect(setup.exitCode, setup.stderr).toBe(0);
    const printed = setup.stdout + setup.stderr;
    expect(printed).toMatch(/https:\/\/oidc\.us-east-1\.amazonaws\.com\/authorize\?response_type=code&client_id=emu-client-/);
    expect(printed).toContain('Successfully logged into Start URL: https://demo.awsapps.com/start');
    expect(printed).not.toContain('Then enter the code');
    expect(setup.stdout).toContain('auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "codex-sso"], timeout_ms');
  });
});
