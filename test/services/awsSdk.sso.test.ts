import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ssoProfileConfig, ssoTokenCacheFile } from '../helpers/sso.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { diagnose } from '../../src/core/diagnosis.js';
import { createAwsService } from '../../src/services/awsService.js';
import { makeEndpointResolver } from '../../src/services/endpoints.js';
import { createHttp, type HttpClient } from '../../src/services/http.js';

// The SDK finds the SSO token cache under os.homedir(), which follows HOME: this file runs in its own worker.
const home = mkdtempSync(join(tmpdir(), 'cbs-home-'));
const savedHome = process.env.HOME;

function writeSsoFiles(emu: Emulator, token: Record<string, string>) {
  const aws = join(home, '.aws');
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true });
  writeFileSync(join(aws, 'config'), ssoProfileConfig('codex-bedrock', emu.state.sso.startUrl));
  const cacheFile = ssoTokenCacheFile(home);
  writeFileSync(cacheFile, JSON.stringify({ startUrl: emu.state.sso.startUrl, region: 'us-east-1', ...token }));
  return join(aws, 'config');
}

describe('SSO profiles through the SDK (emulator proxy mode)', () => {
  let emu: Emulator;
  let http: HttpClient;

  beforeAll(async () => {
    process.env.HOME = home;
    emu = await startEmulator({ proxy: true });
  }, 30_000);
  afterAll(async () => {
    process.env.HOME = savedHome;
    http?.close();
    await emu.close();
  });

  function service(configFile: string) {
    const env = { HTTPS_PROXY: emu.proxyUrl!, AWS_CA_BUNDLE: emu.caPath!, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
    http = createHttp({ env });
    return createAwsService({ env, endpoints: makeEndpointResolver(env), http });
  }

  it('uses the cached SSO token to get role credentials', async () => {
    const config = writeSsoFiles(emu, { accessToken: emu.issueSsoAccessToken(3600), expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const aws = service(config);
    const id = await aws.whoAmI({ kind: 'profile', profile: 'codex-bedrock' }, 'us-east-1');
    expect(id?.arn).toContain('assumed-role/AWSReservedSSO_BedrockDeveloper');
    http.close();
  });

  it.each([
    ['without refresh fields', {}],
    ['with a refresh token the OIDC service rejects', { clientId: 'nope', clientSecret: 'nope', refreshToken: 'nope', registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString() }],
  ])('reports an expired SSO token (%s) as a credentials failure', async (_name, extra) => {
    const config = writeSsoFiles(emu, { accessToken: 'stale', expiresAt: new Date(Date.now() - 60_000).toISOString(), ...extra });
    const aws = service(config);
    const err = await aws.whoAmI({ kind: 'profile', profile: 'codex-bedrock' }, 'us-east-1').catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: { kind: 'credentials', code: 'SSO_TOKEN_EXPIRED', profile: 'codex-bedrock' } });
    http.close();
  });

  it('reports a missing SSO token as login required', async () => {
    const config = writeSsoFiles(emu, { accessToken: 'x', expiresAt: new Date().toISOString() });
    const { rmSync, readdirSync } = await import('node:fs');
    for (const f of readdirSync(join(home, '.aws', 'sso', 'cache'))) rmSync(join(home, '.aws', 'sso', 'cache', f));
    const aws = service(config);
    const err = await aws.whoAmI({ kind: 'profile', profile: 'codex-bedrock' }, 'us-east-1').catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: { kind: 'credentials', code: 'SSO_LOGIN_REQUIRED' } });
  });

  it('a role the user is not assigned: the portal says "No access", and the fix is the role or account', async () => {
    const config = writeSsoFiles(emu, { accessToken: emu.issueSsoAccessToken(3600), expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const { readFileSync } = await import('node:fs');
    writeFileSync(config, readFileSync(config, 'utf8').replace('sso_role_name = BedrockDeveloper', 'sso_role_name = NotMyRole'));
    const aws = service(config);
    const err = (await aws.whoAmI({ kind: 'profile', profile: 'codex-bedrock' }, 'us-east-1').catch((e: unknown) => e)) as { failure: Parameters<typeof diagnose>[0] };
    expect(err.failure.message).toContain('No access');
    const d = diagnose(err.failure);
    expect(d.id).toBe('sso-role-no-access');
    expect(d.fix).toMatch(/fix sso_account_id \/ sso_role_name in ~\/\.aws\/config/);
    http.close();
  });
});
