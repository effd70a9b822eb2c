import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCredentialsSummary } from '../../src/flows/credentials.js';
import { fakeServices } from '../helpers/services.js';
import { ssoTokenCacheFile } from '../helpers/sso.js';

const TOKEN = 'aoaSECRETTOKENVALUE1234567890';

function homeWithToken(expiresAt: number, refreshToken?: string): string {
  const home = mkdtempSync(join(tmpdir(), 'cbs-cred-flow-'));
  const file = ssoTokenCacheFile(home);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ accessToken: TOKEN, expiresAt: new Date(expiresAt).toISOString(), ...(refreshToken ? { refreshToken } : {}) }));
  return home;
}

describe('readCredentialsSummary', () => {
  it("reads the sign-in's expiry from the aws CLI's cache for the profile's sso-session, and nothing of the token", async () => {
    const s = await readCredentialsSummary(fakeServices({ HOME: homeWithToken(95 * 60_000, 'rt-SECRET') }), 'profile', { kind: 'profile', profile: 'corp-sso' });
    expect(s).toMatchObject({ source: 'sso', then: 'aws sso login --profile corp-sso', signIn: { minutesLeft: 95, renews: true } });
    expect(s.text).toContain('signed in for 1 h 35 min more');
    expect(JSON.stringify(s)).not.toMatch(/SECRET/);
  });

  it('--auth sso for a profile not written yet (a dry run): not signed in yet, with the command', async () => {
    const s = await readCredentialsSummary(fakeServices({ HOME: homeWithToken(60_000) }), 'sso', { kind: 'profile', profile: 'new-sso' });
    expect(s).toMatchObject({ source: 'sso', text: 'AWS profile new-sso (IAM Identity Center), not signed in yet', then: 'aws sso login --profile new-sso' });
  });

  it('a Bedrock API key: the kind of key, never the key', async () => {
    const key = `bedrock-api-key-${Buffer.from('bedrock.amazonaws.com/?X-Amz-Credential=SECRETPART').toString('base64')}`;
    const s = await readCredentialsSummary(fakeServices(), 'api-key', { kind: 'api-key', apiKey: key });
    expect(s.text).toContain('short-term');
    expect(JSON.stringify(s)).not.toContain(key.slice(16, 40));
  });
});
