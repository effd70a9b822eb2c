// doctor --report against the emulator, with real-looking canaries planted everywhere a person keeps secrets:
// the environment, ~/.aws/config, ~/.aws/credentials, config.toml values and comments. None may reach
// stdout or stderr; the checks and the versions must.
import { execFileSync } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { VERSION } from '../../src/version.js';
import { CODEX_VERSION, runCli } from './helpers.js';
import { configuredWorld, doctorJson } from './doctor.helpers.js';
import { CANARIES, CANARY } from '../helpers/secretCanaries.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
});
afterAll(async () => {
  await emu?.close();
});

describe('doctor --report', () => {
  it('prints versions and every check, and no planted secret, anywhere', async () => {
    const w = await configuredWorld(emu);
    const teamFile = join(w.root, 'codex-team.toml');
    await writeFile(teamFile, 'help_url = "https://wiki.example.com/codex-on-bedrock"\n');
    await appendFile(
      w.awsConfig,
      [
        '',
        `# prod role, old key ${CANARY.accessKeyId} ${CANARY.secretKey}`,
        '[profile canary]',
        `role_arn = arn:aws:iam::${CANARY.account}:role/Developer`,
        'source_profile = codex-bedrock',
        '',
      ].join('\n'),
    );
    await appendFile(
      w.awsCredentials,
      ['', '[canary-keys]', `aws_access_key_id = ${CANARY.accessKeyId}`, `aws_secret_access_key = ${CANARY.secretKey}`, `aws_session_token = ${CANARY.sessionToken}`, ''].join('\n'),
    );
    await appendFile(
      join(w.codexHome, 'config.toml'),
      [
        '',
        `# my keys: ${CANARY.accessKeyId} / ${CANARY.secretKey}, account ${CANARY.account}`,
        `# token ${CANARY.sessionToken}`,
        `# proxy http://me:${CANARY.proxyPassword}@proxy.corp:3128`,
        `# password: ${CANARY.notePassword}`,
        `# yesterday's key: ${CANARY.shortTermApiKey}`,
        '[model_providers.canary]',
        'name = "canary"',
        'base_url = "https://example.invalid/v1"',
        `experimental_bearer_token = "${CANARY.apiKey}"`,
        `http_headers = { "Authorization" = "Bearer ${CANARY.bearer}" }`,
        `role = "arn:aws:iam::${CANARY.account}:role/Developer"`,
        '',
      ].join('\n'),
    );
    const proxy = new URL(w.env.HTTPS_PROXY!);
    const env = {
      ...w.env,
      AWS_ACCESS_KEY_ID: CANARY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CANARY.secretKey,
      AWS_SESSION_TOKEN: CANARY.sessionToken,
      AWS_ROLE_ARN: `arn:aws:iam::${CANARY.account}:role/Developer`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: CANARY.bearer,
      AWS_REGION: 'us-east-1',
      // The emulator's proxy ignores credentials; the report must still hide them.
      HTTPS_PROXY: `http://canary:${CANARY.proxyPassword}@${proxy.host}`,
    };

    const [r, json] = await Promise.all([runCli(['doctor', '--report', '--team-config', teamFile], env, { timeout: 150_000 }), doctorJson(env)]);
    const out = r.stdout;
    for (const [name, value] of CANARIES) {
      expect(out, `${name} in stdout`).not.toContain(value);
      expect(r.stderr, `${name} in stderr`).not.toContain(value);
    }
    // The emulator's identity answers with its account id: masked like any other.
    expect(out).not.toContain(DEMO_ACCOUNT);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(json.exitCode);

    expect(out).toMatch(/^# codex-bedrock-setup doctor report/);
    expect(out).toContain(`- codex-bedrock-setup: ${VERSION}`);
    expect(out).toContain(`- Node: ${process.versions.node}`);
    expect(out).toMatch(/- OS: linux .+ \((x64|arm64)\)/);
    expect(out).toContain(`- Codex: ${CODEX_VERSION} at ${w.bin}/codex`);
    expect(out).toContain(`- aws CLI: 2.9.19 at ${w.bin}/aws`);
    expect(out).toContain('Help from your team: https://wiki.example.com/codex-on-bedrock');

    // The same checks --json finds, each with its status and id (summaries may be masked further).
    expect(json.report.checks.length).toBeGreaterThan(5);
    for (const c of json.report.checks) expect(out).toContain(`**${c.status.toUpperCase()}** \`${c.id}\`: `);
    expect(out).toContain(`Node ${process.versions.node}`);

    expect(out).toContain('### config.toml');
    expect(out).toContain('### bedrock-prod.config.toml');
    expect(out).toContain('model = "openai.gpt-5.5"');
    expect(out).toContain('experimental_bearer_token = "****"');
    expect(out).toContain("# yesterday's key: bedrock-api-key-****");
    expect(out).toContain('role = "arn:aws:iam::************:role/Developer"');

    expect(out).toContain('- AWS_REGION=us-east-1');
    expect(out).toContain('- AWS_SECRET_ACCESS_KEY (set, value withheld)');
    expect(out).toContain('- AWS_SESSION_TOKEN (set, value withheld)');
    expect(out).toContain('- AWS_CONTAINER_AUTHORIZATION_TOKEN (set, value withheld)');
    expect(out).toContain('- AWS_ROLE_ARN=arn:aws:iam::************:role/Developer');
    expect(out).toContain('- CODEX_HOME=~/.codex');
    expect(out).toContain(`- HTTPS_PROXY=http://canary:****@${proxy.host}`);
  }, 200_000);

  it('refuses --json beside it, and --team-config without it (exit 2, before any check)', async () => {
    const w = await configuredWorld(emu);
    const both = await runCli(['doctor', '--report', '--json'], w.env);
    expect(both.exitCode).toBe(2);
    expect(JSON.parse(both.stdout).error.message).toMatch(/--report prints one Markdown document; --json prints one JSON document/);
    const team = await runCli(['doctor', '--team-config', join(w.root, 'team.toml')], w.env);
    expect(team.exitCode).toBe(2);
    expect(team.stderr).toMatch(/doctor takes --team-config only with --report/);
  });

  it('names a profile file it would not read (a pipe) instead of waiting on it', async () => {
    const w = await configuredWorld(emu);
    execFileSync('mkfifo', [join(w.codexHome, 'stuck.config.toml')]);
    const r = await runCli(['doctor', '--report'], w.env, { timeout: 120_000 });
    expect(r.stdout).toMatch(/stuck\.config\.toml[\s\S]*\(not read: /);
  }, 150_000);
});
