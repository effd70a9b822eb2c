// The capture runs the real Codex CLI (node_modules/.bin/codex) against the loopback recorder.
import { chmodSync, existsSync, mkdirSync, mkdtempSync as mkdtempFs, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestShape } from '../../src/core/codexRequest.js';
import { captureCodexRequest } from '../../src/services/codexCapture.js';

const CODEX = resolve('node_modules/.bin/codex');
const made: string[] = [];
const mkdtempSync = (prefix: string) => {
  const dir = mkdtempFs(prefix);
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const SECRET = 'userSecretThatMustNotLeak/0123456789abcdef';

function codexHome(profileExtra = ''): { home: string; marker: string } {
  const root = mkdtempSync(join(tmpdir(), 'cbs-capture-test-'));
  const home = join(root, '.codex');
  const marker = join(root, 'mcp-started');
  mkdirSync(home);
  const mcp = join(root, 'mcp.sh');
  writeFileSync(mcp, `#!/bin/sh\ntouch ${marker}\nsleep 5\n`);
  chmodSync(mcp, 0o755);
  writeFileSync(
    join(home, 'config.toml'),
    `# mine\n[mcp_servers.docs]\ncommand = "${mcp}"\n\n[model_providers.amazon-bedrock.aws]\nprofile = "no-such-profile"\nregion = "us-east-1"\nauth_refresh = { command = "aws", args = ["sso", "login"] }\n`,
  );
  writeFileSync(join(home, 'p.config.toml'), `model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n${profileExtra}`);
  return { home, marker };
}

/** A killed child whose parent died stays a zombie where PID 1 does not reap (containers): that is not running. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

const env = { PATH: process.env.PATH, AWS_SECRET_ACCESS_KEY: SECRET, AWS_ACCESS_KEY_ID: 'AKIAUSERREALKEY00001', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-usersecret' };

describe('captureCodexRequest with the real Codex', () => {
  it("records Codex 0.171's request on a copy of the config, with no credential of the user's and nothing written to CODEX_HOME", { timeout: 60_000 }, async () => {
    const { home, marker } = codexHome();
    const before = readdirSync(home).sort();
    const r = await captureCodexRequest({ codexPath: CODEX, codexHome: home, codexProfile: 'p', region: 'us-east-1', prompt: 'Reply with the word ok.', env });
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
    if (!r.ok) return;
    expect(r.path).toBe('/openai/v1/responses');
    const body = JSON.parse(r.body);
    expect(body.model).toBe('openai.gpt-5.5');
    expect(body.input.at(-1).content[0].text).toBe('Reply with the word ok.');
    expect(requestShape(r.body)).toMatchObject({ additionalTools: true, hostedWebSearch: true });
    expect(requestShape(r.body).namespaces).toContain('functions');
    expect(r.headers['x-amzn-mantle-client-agent']).toBe('codex');
    expect(r.headers['user-agent']).toMatch(/^codex_exec\/0\.171\.0 /);
    expect(Object.keys(r.headers)).not.toEqual(expect.arrayContaining(['authorization']));
    const all = JSON.stringify(r);
    for (const s of [SECRET, 'AKIAUSERREALKEY00001', 'bedrock-api-key-usersecret']) expect(all).not.toContain(s);
    expect(readdirSync(home).sort()).toEqual(before);
    expect(readFileSync(join(home, 'config.toml'), 'utf8')).toContain('profile = "no-such-profile"');
    // The user's MCP servers were not started for the capture.
    expect(existsSync(marker)).toBe(false);
  });

  it('sees the profile file\'s [features] incremental_tools_legacy = false: top-level tools, no additional_tools item', { timeout: 60_000 }, async () => {
    const { home } = codexHome('web_search = "disabled"\n\n[features]\nincremental_tools_legacy = false\n');
    const r = await captureCodexRequest({ codexPath: CODEX, codexHome: home, codexProfile: 'p', region: 'us-east-1', prompt: 'ok?', env });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const shape = requestShape(r.body);
    expect(shape.additionalTools).toBe(false);
    expect(shape.hostedWebSearch).toBe(false);
    expect(shape.toolTypes).toEqual(expect.arrayContaining(['function', 'custom']));
    expect(JSON.parse(r.body).tools.length).toBeGreaterThan(3);
  });

  it('says so when the profile file is missing', async () => {
    const { home } = codexHome();
    const r = await captureCodexRequest({ codexPath: CODEX, codexHome: home, codexProfile: 'absent', region: 'us-east-1', prompt: 'ok?', env });
    expect(r).toEqual({ ok: false, reason: `absent.config.toml was not found in ${home}` });
  });
});

describe('captureCodexRequest bounds', () => {
  it('kills Codex and its children at the deadline', { timeout: 20_000 }, async () => {
    const { home } = codexHome();
    const dir = mkdtempSync(join(tmpdir(), 'cbs-capture-hang-'));
    const pidFile = join(dir, 'child.pid');
    const fake = join(dir, 'codex');
    writeFileSync(fake, `#!/bin/sh\nsleep 300 &\necho $! > ${pidFile}\nwait\n`);
    chmodSync(fake, 0o755);
    const t0 = Date.now();
    const r = await captureCodexRequest({ codexPath: fake, codexHome: home, codexProfile: 'p', region: 'us-east-1', prompt: 'ok?', env, timeoutMs: 1_500 });
    expect(r).toEqual({ ok: false, reason: 'codex exec sent no request within 2 s' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 200));
    expect(running(pid)).toBe(false);
  });

  it('reports the last line Codex printed when it exits early, without secrets', async () => {
    const { home } = codexHome();
    const dir = mkdtempSync(join(tmpdir(), 'cbs-capture-fail-'));
    const fake = join(dir, 'codex');
    writeFileSync(fake, `#!/bin/sh\necho "Error: bad config near ${SECRET}" >&2\nexit 1\n`);
    chmodSync(fake, 0o755);
    const r = await captureCodexRequest({ codexPath: fake, codexHome: home, codexProfile: 'p', region: 'us-east-1', prompt: 'ok?', env });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('codex exec exited (1) before sending a request: Error: bad config near ****');
  });
});
