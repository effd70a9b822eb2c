// The --demo's browser: what $BROWSER receives from the aws CLI (2.22+'s /authorize URL) reaches the emulator, and
// its redirect reaches the aws CLI's localhost callback; device-code pages are not opened.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBrowser, type DemoBrowser } from '../../src/demoBrowser.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';

let emu: Emulator;
let callback: Server;
let port: number;
let browser: DemoBrowser;
const hits: string[] = [];
let hit: () => void = () => undefined;

beforeAll(async () => {
  emu = await startEmulator({});
  callback = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200).end('ok');
    hit();
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  port = (callback.address() as AddressInfo).port;
  browser = startDemoBrowser(mkdtempSync(join(tmpdir(), 'cbs-demo-browser-')), emu.url);
});
afterAll(async () => {
  browser?.stop();
  callback?.close();
  await emu?.close();
});

async function registered(): Promise<string> {
  const r = await fetch(`${emu.url}/oidc/us-east-1/client/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientName: 'botocore-client-demo', clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], scopes: ['sso:account:access'] }),
  });
  return ((await r.json()) as { clientId: string }).clientId;
}

describe('the demo browser', () => {
  it('opens the /authorize URL the aws CLI hands $BROWSER on the emulator and follows it to the localhost callback', async () => {
    const clientId = await registered();
    const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: `http://127.0.0.1:${port}/oauth/callback`, state: 'st-1', code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
    const arrived = new Promise<void>((r) => (hit = r));
    // As Python's webbrowser runs it: the command, the URL as its one argument; it returns at once.
    execFileSync(browser.command, ['https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH']);
    execFileSync(browser.command, [`https://oidc.us-east-1.amazonaws.com/authorize?${q}`]);
    await arrived;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(/^\/oauth\/callback\?code=ac-[^&]+&state=st-1$/);
    expect(emu.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toContain('GET /oidc/us-east-1/authorize');
    expect(emu.requests.some((r) => r.host.startsWith('device.sso'))).toBe(false);
  });
});
