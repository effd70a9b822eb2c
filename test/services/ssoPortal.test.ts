// The portal's accounts and roles come through the same HTTP client as every other AWS call: the demo
// emulator's endpoint, the --verbose log, one client closed by its owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createHttp } from '../../src/services/http.js';
import { createRealServices } from '../../src/services/real.js';
import { createSsoPortal } from '../../src/services/ssoPortal.js';

describe('IAM Identity Center portal through the shared HTTP client', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  }, 30_000);
  afterAll(() => emu.close());

  it('the real services list assignments at the demo endpoint and log each call under --verbose, never the token', async () => {
    const token = emu.issueSsoAccessToken(3600);
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    let offered;
    try {
      const services = createRealServices({ env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' }, emulatorUrl: emu.url, verbose: true });
      offered = await services.sso.listAssignments!('us-east-1', token);
    } finally {
      process.stderr.write = write;
    }
    expect(offered.length).toBeGreaterThan(0);
    expect(offered[0]!.accountId).toMatch(/^\d{12}$/);
    expect(offered[0]!.roles.length).toBeGreaterThan(0);
    const portalCalls = emu.requests.filter((r) => /assignment\/(accounts|roles)/.test(r.path ?? ''));
    expect(portalCalls.length).toBeGreaterThanOrEqual(2);
    const logged = lines.join('');
    expect(logged).toMatch(/\[http\].*assignment\/accounts/);
    expect(logged).not.toContain(token);
  });

  it('a token the portal refuses is a credentials failure with the portal status', async () => {
    const http = createHttp({ env: {} });
    try {
      const portal = createSsoPortal({ http, endpoints: { ssoPortal: (r) => `${emu.url}/portal/${r}` } });
      await expect(portal.listAssignments('us-east-1', 'not-a-token')).rejects.toMatchObject({ failure: { kind: 'credentials', service: 'sso', status: 401 } });
    } finally {
      http.close();
    }
  });
});
