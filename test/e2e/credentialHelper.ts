// A stub company sign-in helper (as saml2aws or an Okta/Entra helper is): a real executable printing real
// credential_process JSON for the emulator's demo keys, logging each run so a test sees who called it.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../../src/emulator/state.js';

export interface CredentialHelper {
  path: string;
  runs(): Promise<number>;
}

export async function writeCredentialHelper(dir: string): Promise<CredentialHelper> {
  const log = join(dir, 'helper.log');
  const path = join(dir, 'company-sso-helper');
  const json = JSON.stringify({ Version: 1, AccessKeyId: DEMO_ACCESS_KEY_ID, SecretAccessKey: DEMO_SECRET_ACCESS_KEY, Expiration: new Date(Date.now() + 3600_000).toISOString() });
  await writeFile(path, `#!/bin/sh\necho run >> '${log}'\nprintf '%s' '${json}'\n`);
  await chmod(path, 0o755);
  return { path, runs: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).length };
}
