// The aws CLI's own words for a connection it could not make, produced for real by /usr/bin/aws (v2.9.19),
// then read the way the wizard's hand-off, `setup --yes --auth sso` and doctor read them.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import { diagnose } from '../../src/core/diagnosis.js';
import { awsCliErrorLine, maskProxyUrl, unreachableEndpoint } from '../../src/core/diagnosisAwsCli.js';
import { diagnosisFor } from '../../src/core/wording.js';
import type { Failure } from '../../src/types.js';

const AWS_V2 = '/usr/bin/aws';

/** `aws sso login` for a profile whose sso-session names `ssoRegion`; returns what it printed on stderr. */
async function ssoLoginStderr(ssoRegion: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'cbs-awscli-'));
  const config = join(home, 'config');
  writeFileSync(
    config,
    `[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = ${ssoRegion}\nsso_registration_scopes = sso:account:access\n`,
  );
  // Only what the aws CLI needs: no proxy, no real credentials, no browser.
  const env = { PATH: '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), BROWSER: '/bin/true', ...extraEnv };
  try {
    await promisify(execFile)(AWS_V2, ['sso', 'login', '--profile', 'corp', '--no-browser'], { env, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? '' };
  }
}

// A name in a region that does not exist never resolves, on any network: the aws CLI cannot reach it.
const NOWHERE = 'xx-nowhere-1';

describe('the aws CLI cannot reach an IAM Identity Center host (real aws CLI v2)', () => {
  let real: { code: number; stderr: string };
  beforeAll(async () => {
    real = await ssoLoginStderr(NOWHERE);
  }, 90_000);

  it('prints botocore\'s EndpointConnectionError naming the OIDC host of the SSO region', () => {
    expect(real.code).toBe(255);
    expect(real.stderr).toContain(`Could not connect to the endpoint URL: "https://oidc.${NOWHERE}.amazonaws.com/client/register"`);
    expect(unreachableEndpoint(real.stderr)).toEqual({ url: `https://oidc.${NOWHERE}.amazonaws.com/client/register`, host: `oidc.${NOWHERE}.amazonaws.com`, region: NOWHERE, sso: true, what: 'IAM Identity Center (OIDC)' });
  });

  it('setup --yes and the wizard (a failed sign-in carrying the aws CLI\'s line): the host and the SSO region are blamed, not the start URL', () => {
    const line = awsCliErrorLine(real.stderr.split('\n'))!;
    const failure: Failure = { kind: 'process', service: 'aws-cli', profile: 'corp', message: `aws sso login --profile corp failed (exit 255). ${line}` };
    const d = diagnose(failure, { region: 'us-east-1' });
    expect(d.id).toBe('aws-endpoint-unreachable');
    expect(d.title).toBe(`The aws CLI could not connect to oidc.${NOWHERE}.amazonaws.com, IAM Identity Center (OIDC) in ${NOWHERE}`);
    expect(d.why).toMatch(/no network or DNS, a VPN .*proxy \(HTTPS_PROXY unset, or NO_PROXY listing the host\)/);
    expect(d.why).toContain(`${NOWHERE} is not your organisation's SSO region (sso_region)`);
    expect(d.why).toContain('Not the start URL');
    expect(d.fix).toContain(`nslookup oidc.${NOWHERE}.amazonaws.com`);
    expect(d.fix).toContain(`curl -sS -o /dev/null -w '%{http_code}\\n' https://oidc.${NOWHERE}.amazonaws.com/`);
    expect(d.fix).toContain('aws sso login --profile corp');
    // Worded for where it is read.
    const cmd = diagnosisFor(d, 'command').fix;
    expect(cmd).toContain('Then run the same command again, or: aws sso login --profile corp');
    expect(cmd).toContain('npx codex-bedrock-setup --sso-region <region>');
    const wiz = diagnosisFor(d, 'wizard').fix;
    expect(wiz).toContain('Correct it: go back in this wizard (Esc), or edit sso_region in ~/.aws/config');
    expect(wiz).toContain('Then choose Retry');
    // The generic hand-off entry would have blamed the start URL.
    expect(diagnose({ ...failure, message: 'aws sso login --profile corp failed (exit 255).' }).id).toBe('aws-cli-sso-failed');
  });

  it('doctor (Codex\'s output around an aws CLI run, e.g. its auth_refresh): the same entry', () => {
    const d = diagnoseCodexOutput(`failed to refresh AWS credentials\n${real.stderr}`, { profile: 'corp', region: 'us-east-1' });
    expect(d.id).toBe('aws-endpoint-unreachable');
    expect(diagnosisFor(d, 'command').fix).not.toMatch(/choose Retry/);
  });
});

describe('the aws CLI cannot reach its proxy (real aws CLI v2, a closed local port)', () => {
  let closed: Server;
  let port: number;
  beforeAll(async () => {
    // Bind, note the port, close: nothing listens there any more.
    closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
  });
  afterAll(() => closed?.close());

  it('botocore masks the credentials; the diagnosis names the proxy, never its password, and how to test it', async () => {
    const real = await ssoLoginStderr('eu-west-1', { HTTPS_PROXY: `http://alice:hunter2@127.0.0.1:${port}` });
    expect(real.code).toBe(255);
    expect(real.stderr).toContain(`Failed to connect to proxy URL: "http://***:***@127.0.0.1:${port}"`);
    const d = diagnose({ kind: 'process', service: 'aws-cli', profile: 'corp', message: `aws sso login --profile corp failed (exit 255). ${awsCliErrorLine(real.stderr.split('\n'))}` }, { proxyVariable: 'HTTPS_PROXY' });
    expect(d.id).toBe('proxy-unreachable');
    expect(d.title).toBe(`The proxy http://***:***@127.0.0.1:${port} (HTTPS_PROXY) cannot be reached`);
    expect(d.fix).toContain(`-x "$HTTPS_PROXY"`);
    expect(JSON.stringify(d)).not.toContain('hunter2');
  }, 90_000);

  it('masks a user:password in a proxy URL whatever the aws CLI did', () => {
    expect(maskProxyUrl('http://alice:hunter2@proxy:3128')).toBe('http://***:***@proxy:3128');
    expect(maskProxyUrl('alice:p%40ss@proxy:3128')).toBe('***:***@proxy:3128');
    expect(maskProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
  });
});

describe('other hosts the aws CLI names', () => {
  it('a closed local port (real aws CLI v2, --endpoint-url): the host as it is, no SSO advice', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((r) => closed.close(() => r()));
    const home = mkdtempSync(join(tmpdir(), 'cbs-awscli-'));
    const env = { PATH: '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_ACCESS_KEY_ID: 'AKIAEXAMPLECLOSED001', AWS_SECRET_ACCESS_KEY: 'closed/port/example/key' };
    const stderr = await promisify(execFile)(AWS_V2, ['sts', 'get-caller-identity', '--region', 'us-east-1', '--endpoint-url', `http://127.0.0.1:${port}`], { env, timeout: 60_000 }).then(
      () => '',
      (e: { stderr?: string }) => e.stderr ?? '',
    );
    expect(stderr).toContain(`Could not connect to the endpoint URL: "http://127.0.0.1:${port}/"`);
    const d = diagnose({ kind: 'process', service: 'aws-cli', message: stderr });
    expect(d.id).toBe('aws-endpoint-unreachable');
    expect(d.title).toBe('The aws CLI could not connect to 127.0.0.1');
    expect(d.fix).not.toMatch(/sso/i);
  }, 90_000);

  it('STS in a region: the network, or the region; no SSO region, no sign-in', () => {
    const d = diagnose({ kind: 'process', service: 'aws-cli', message: 'Could not connect to the endpoint URL: "https://sts.eu-west-3.amazonaws.com/"' });
    expect(d.id).toBe('aws-endpoint-unreachable');
    expect(d.title).toBe('The aws CLI could not connect to sts.eu-west-3.amazonaws.com, STS in eu-west-3');
    expect(d.why).toContain('eu-west-3 is not the region you meant');
    expect(d.why).not.toMatch(/SSO/);
    expect(d.fix).toContain('nslookup sts.eu-west-3.amazonaws.com');
    expect(d.fix).not.toMatch(/sso/i);
  });

  it('the portal and the Bedrock control plane are named for what they are', () => {
    expect(unreachableEndpoint('Could not connect to the endpoint URL: "https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts"')).toMatchObject({ sso: true, region: 'eu-west-1', what: 'the IAM Identity Center portal' });
    expect(unreachableEndpoint('Could not connect to the endpoint URL: "https://bedrock.us-east-1.amazonaws.com/foundation-models"')).toMatchObject({ sso: false, what: 'the Bedrock control plane' });
    expect(unreachableEndpoint('An error occurred (AccessDenied)')).toBeNull();
  });
});
