// `setup --yes --auth sso` when the real aws CLI v2 cannot reach IAM Identity Center: the diagnosis names the
// host and the SSO region from the aws CLI's own words, as a command (no "Retry"), and never the start URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli, type World } from './helpers.js';

let emu: Emulator;
let world: World;
// No such region: its name never resolves, on any network, so the aws CLI cannot connect.
const NOWHERE = 'xx-nowhere-1';

beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  world = await makeWorld(emu);
}, 60_000);
afterAll(() => emu?.close());

describe('setup --yes --auth sso, the SSO region unreachable', () => {
  let r: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // Direct (no proxy), so the aws CLI resolves the OIDC host itself and fails as it does offline.
    const env = { ...world.env, HTTPS_PROXY: undefined, BROWSER: '/bin/true' };
    r = await runCli(
      ['setup', '--yes', '--region', 'us-east-1', '--auth', 'sso', '--aws-profile', 'sso-dev', '--sso-start-url', 'https://example.awsapps.com/start', '--sso-region', NOWHERE, '--skip-smoke-test', '--json'],
      env,
      { timeout: 120_000 },
    );
  }, 150_000);

  it('exits 1 with the aws CLI\'s line, and a diagnosis naming the host and the region', () => {
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toContain(`Could not connect to the endpoint URL: "https://oidc.${NOWHERE}.amazonaws.com/client/register"`);
    const { error } = JSON.parse(r.stdout) as { error: { id: string; title: string; why: string; fix: string } };
    expect(error.id).toBe('aws-endpoint-unreachable');
    expect(error.title).toContain(`oidc.${NOWHERE}.amazonaws.com`);
    expect(error.why).toContain(`${NOWHERE} is not your organisation's SSO region`);
    expect(error.fix).toContain(`nslookup oidc.${NOWHERE}.amazonaws.com`);
    expect(error.fix).toContain('Then run the same command again, or: aws sso login --profile sso-dev');
    expect(error.fix).not.toMatch(/choose Retry|start URL/);
  });
});
