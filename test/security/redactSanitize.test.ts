// The output boundary's two pure layers: secrets masked, control characters made visible.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeIo, printJson } from '../../src/commands/context.js';
import { redact, redactDiff } from '../../src/core/redact.js';
import { sanitize, sanitizeLine } from '../../src/core/sanitize.js';
import { unifiedDiff } from '../../src/core/diff.js';
import { redactProxy } from '../../src/wizard/preflight.js';

const KEY_ID = 'AKIAHOSTILE000000001';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYHOSTILEKEY01';
const BEARER = 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg';
const ABSK = 'ABSKQmVkcm9ja0FQSUtleS1ob3N0aWxlLWF0LTEyMzQ1Njc4OTAxMjpob3N0aWxl';
const SIG = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';

describe('redact', () => {
  it('masks every credential shape a server or file can echo', () => {
    const body = JSON.stringify({
      message: `Invalid token. Request headers: Authorization: Bearer ${BEARER}`,
      sigv4: `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ID}/20260101/us-east-1/bedrock-mantle/aws4_request, SignedHeaders=host, Signature=${SIG}`,
      absk: ABSK,
      plain: `key ${KEY_ID} secret aws_secret_access_key=${SECRET}`,
      temp: 'ASIAHOSTILE000000002',
    });
    const out = redact(body);
    for (const s of [BEARER, ABSK, KEY_ID, SECRET, SIG, 'ASIAHOSTILE000000002', 'YmVkcm9jay5']) expect(out).not.toContain(s);
    expect(out).toContain('AKIA****');
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('leaves prose about a header readable, keeps escaped JSON intact, and masks the same way twice', () => {
    const prose = 'Bedrock API keys (Authorization: Bearer); the action takes no resource, so "*".';
    expect(redact(prose)).toBe(prose);
    const json = JSON.stringify({ reason: prose });
    expect(JSON.parse(redact(json))).toEqual({ reason: prose });
    const once = redact('Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/x, Signature=abcdef0123456789abcdef');
    expect(once).toBe('Authorization: AWS4-HMAC-SHA256 ****');
    expect(redact(once)).toBe(once);
  });

  it('masks a URL password, even with an unencoded slash in it', () => {
    for (const url of ['http://alice:Pa/ss@proxy.corp:3128', 'https://bob:s3cr#t:x@10.0.0.1/']) {
      expect(redact(`HTTPS_PROXY=${url}`)).not.toMatch(/Pa\/ss|s3cr#t/);
      expect(redactProxy(url)).not.toMatch(/Pa|ss@|s3cr/);
    }
    expect(redactProxy('http://alice:Pa/ss@proxy.corp:3128')).toBe('http://proxy.corp:3128');
  });

  it('masks values of secret-looking keys in diff lines, context lines too, and keeps the rest', () => {
    const before = `[profile old]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n[mcp_servers.gh.env]\nGITHUB_TOKEN = "ghp_hostile0123456789"\n`;
    const after = `${before}[profile bedrock]\nregion = us-east-1\n`;
    const shown = redactDiff(unifiedDiff('/home/u/.aws/config', before, after));
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(KEY_ID);
    expect(shown).not.toContain('ghp_hostile');
    expect(shown).toContain(' aws_secret_access_key = ****');
    expect(shown).toContain(' GITHUB_TOKEN = "****"');
    expect(shown).toContain('+region = us-east-1');
    expect(redactDiff('+bearer_token_env_var = "MY_KEY"\n')).toContain('"MY_KEY"');
  });
});

describe('sanitize', () => {
  const hostile = 'ok\u001B]52;c;aGk=\u0007 \u001B]0;pwned\u0007 \u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\ \u001B[2J \u009B31m \u202Eevil ünïcode 日本 🚀';

  it('shows every control character visibly and keeps printable Unicode', () => {
    const out = sanitize(hostile);
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(out).toContain('␛]52;c;aGk=␇');
    expect(out).toContain('␛[2J');
    expect(out).toContain('ünïcode 日本 🚀');
  });

  it('keeps only our own colour codes at the Io boundary', () => {
    expect(sanitizeLine(`\u001B[31m✗ ${hostile}\u001B[0m`, true)).toMatch(/^\u001B\[31m✗ ok␛\]52/);
    expect(sanitizeLine(`\u001B[31m✗\u001B[0m`, false)).toBe('␛[31m✗␛[0m');
  });

  it('Io.say and printJson: no escape, no secret; --json stays exact JSON', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const io = makeIo({ json: true, color: false }, out, err);
    io.say(`Why: ${hostile} Authorization: Bearer ${BEARER}`);
    const doc = { error: { why: `${hostile} Bearer ${BEARER}` } };
    printJson(io, doc);
    const human = String(err.read());
    const json = String(out.read());
    for (const text of [human, json]) {
      expect(text).not.toMatch(/[\u001B\u0007\u009B]/);
      expect(text).not.toContain(BEARER.slice(16));
    }
    const parsed = JSON.parse(json) as typeof doc;
    expect(parsed.error.why.startsWith(hostile)).toBe(true);
  });
});
