// The wizard's hand-off in a real pseudo-terminal when the real aws CLI v2 cannot reach IAM Identity Center
// (an SSO region whose OIDC host never resolves): the failure screen names the host and the SSO region from the
// aws CLI's own line, worded for the wizard, and does not blame the start URL.
import { writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld } from './helpers.js';
import { answerCursorQueries, KEY, spawnCli, type PtyRun } from './pty.js';

const NOWHERE = 'xx-nowhere-1';
const OIDC = `oidc.${NOWHERE}.amazonaws.com`;
let emu: Emulator;
let run: PtyRun | undefined;
let stop: (() => void) | undefined;

beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  await execa('npm', ['run', 'build'], { reject: true, timeout: 120_000 });
}, 180_000);
afterAll(() => {
  stop?.();
  run?.kill();
  return emu?.close();
});

const strip = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

describe('the wizard hands over to aws configure sso, which cannot connect', () => {
  it('names the OIDC host and the SSO region; the fix says to go back in this wizard', { timeout: 240_000 }, async () => {
    // The wizard reaches the emulator through its proxy; the aws CLI goes direct to the OIDC host (NO_PROXY), as offline.
    const world = await makeWorld(emu, { extraEnv: { BROWSER: '/bin/true', NO_PROXY: OIDC } });
    await writeFile(world.awsConfig, '');
    await writeFile(world.awsCredentials, '');
    world.env.PATH = `${world.env.PATH}:/usr/bin`;
    run = spawnCli([], { env: world.env, cwd: world.root });
    stop = answerCursorQueries(run);

    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, '2/7 · Region');
    await run.waitFor(/❯ us-east-1 .* \d+ ms/);
    await run.press(KEY.enter, '❯ IAM Identity Center (SSO), recommended');
    await run.press(KEY.enter, 'SSO start URL:');
    await run.press('https://corp.awsapps.com/start', 'https://corp.awsapps.com/start');
    await run.press(KEY.enter, 'SSO region: us-east-1');
    await run.press('\u007f'.repeat('us-east-1'.length), 'SSO region:');
    await run.press(NOWHERE, `SSO region: ${NOWHERE}`);
    await run.press(KEY.enter, 'enter hand over the terminal');
    await run.press(KEY.enter, 'Handing over the terminal…');
    await run.waitFor('SSO session name [corp]:');
    run.write(KEY.enter);

    const failure = strip(await run.waitFor(/Something went wrong[\s\S]*Quit\n+↑↓ move · enter select/, 60_000)).replace(/\s+/g, ' ');
    // The aws CLI's own line reached the terminal (its stderr passes through), and the diagnosis.
    expect(strip(run.output())).toContain(`Could not connect to the endpoint URL: "https://${OIDC}/client/register"`);
    expect(failure).toContain(`✗ The aws CLI could not connect to ${OIDC}, IAM Identity Center (OIDC) in ${NOWHERE}`);
    expect(failure).toContain(`${NOWHERE} is not your organisation's SSO region`);
    expect(failure).toContain('Correct it: go back in this wizard (Esc), or edit sso_region');
    expect(failure).not.toMatch(/Check the start URL/);

    run.write(KEY.ctrlC);
    expect((await run.exited).exitCode).not.toBe(0);
  });
});
