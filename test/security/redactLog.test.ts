// The --verbose HTTP log: requests and answers are logged, credentials never are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactHeaders, redactUrl } from '../../src/core/redact.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createHttp } from '../../src/services/http.js';
import { signRequest } from '../../src/services/sigv4.js';

const SECRET = 'CANARYSECRETlogXXXXXXXXXXXXXXXXXXXXXXXXX';
const SESSION = 'CANARYSESSIONlogXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';
const BEARER = 'bedrock-api-key-CANARYBEARERlogXXXXXXXXXXXXXXXX';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('redactHeaders / redactUrl', () => {
  it('keeps the auth scheme and hides every credential', () => {
    const out = redactHeaders({
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIACANARYLOG0000001/20260101/us-east-1/bedrock-mantle/aws4_request, Signature=abc123`,
      'X-Amz-Security-Token': SESSION,
      'x-amz-date': '20260101T000000Z',
    });
    expect(out).toEqual({ Authorization: 'AWS4-HMAC-SHA256 ****', 'X-Amz-Security-Token': '****', 'x-amz-date': '20260101T000000Z' });
    expect(redactHeaders({ authorization: `Bearer ${BEARER}` })).toEqual({ authorization: 'Bearer ****' });
    expect(redactHeaders({ 'proxy-authorization': 'Basic dXNlcjpwYXNz' })).toEqual({ 'proxy-authorization': 'Basic ****' });
  });

  it('hides presigned query parameters and proxy passwords', () => {
    const url = redactUrl(
      `https://bedrock.us-east-1.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=AKIACANARYLOG0000001%2F20260101&X-Amz-Security-Token=${SESSION}&X-Amz-Signature=deadbeef`,
    );
    expect(url).not.toMatch(/AKIACANARY|CANARYSESSION|deadbeef/);
    expect(url).toContain('Action=CallWithBearerToken');
    expect(redactUrl('http://user:hunter2@proxy.corp:3128')).not.toContain('hunter2');
  });
});

describe('verbose HTTP log', () => {
  it('is off unless asked for', () => {
    // --verbose is the one switch: an environment variable does not turn it on behind the flag's back.
    const quiet = createHttp({ env: { CBS_VERBOSE: '1' } });
    const loud = createHttp({ env: {}, log: () => undefined });
    expect(quiet.log).toBeUndefined();
    expect(loud.log).toBeTypeOf('function');
    quiet.close();
    loud.close();
  });

  it('logs signed and bearer requests and their answers with credentials redacted', async () => {
    const lines: string[] = [];
    const http = createHttp({ env: {}, log: (l) => lines.push(l) });
    const url = `${emu.url}/bedrock-mantle/us-east-1/v1/models`;
    const signed = await signRequest({
      url,
      method: 'GET',
      region: 'us-east-1',
      headers: { accept: 'application/json' },
      credentials: { accessKeyId: 'AKIACANARYLOG0000001', secretAccessKey: SECRET, sessionToken: SESSION },
    });
    const a = await http.requestStream(url, { headers: signed });
    await a.text();
    const b = await http.requestStream(url, { headers: { authorization: `Bearer ${BEARER}` } });
    await b.text();
    http.close();
    const log = lines.join('\n');
    expect(lines.filter((l) => l.startsWith('> GET '))).toHaveLength(2);
    expect(lines.filter((l) => /^< \d{3} /.test(l))).toHaveLength(2);
    expect(log).toContain('"authorization":"AWS4-HMAC-SHA256 ****"');
    expect(log).toContain('"x-amz-security-token":"****"');
    expect(log).toContain('"authorization":"Bearer ****"');
    expect(log).not.toMatch(/CANARY|Signature=/);
  });
});
