// The real Codex CLI against the emulator, through the intercepting proxy (no base_url override).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { awsFiles, isolatedEnv, tempDir } from './helpers.js';

const CODEX = resolve('node_modules/.bin/codex');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 50, interTokenMs: 5 } });
});
afterAll(() => emu.close());

async function runCodex(extraConfig: string) {
  const dir = await tempDir('emu-codex-');
  const codexHome = join(dir, 'codex-home');
  const work = join(dir, 'work');
  await mkdir(codexHome);
  await mkdir(work);
  await writeFile(
    join(codexHome, 'config.toml'),
    `model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n${extraConfig}[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n`,
  );
  const env = isolatedEnv({ ...(await awsFiles(dir)), CODEX_HOME: codexHome, HTTPS_PROXY: emu.proxyUrl!, SSL_CERT_FILE: emu.caPath! });
  return execa(CODEX, ['exec', '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', 'say hi'], {
    cwd: work,
    env,
    extendEnv: false,
    reject: false,
    timeout: 60_000,
    stdin: 'ignore',
  });
}

it('completes a `codex exec` turn signed with SigV4 for bedrock-mantle', { timeout: 90_000 }, async () => {
  const r = await runCodex('web_search = "disabled"\n');
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toContain('This is openai.gpt-5.5 answering from the Bedrock emulator in us-east-1');
  const turn = emu.requests.find((q) => q.path === '/openai/v1/responses');
  expect(turn).toMatchObject({ method: 'POST', host: 'bedrock-mantle.us-east-1.api.aws', service: 'bedrock-mantle', region: 'us-east-1', authKind: 'sigv4', status: 200 });
  expect(turn!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEMULATORDEMO0001\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request, SignedHeaders=[^ ]*x-amzn-mantle-client-agent/);
  expect(turn!.headers['x-amzn-mantle-client-agent']).toBe('codex');
  expect(turn!.headers.accept).toBe('text/event-stream');
  expect(JSON.parse(turn!.body)).toMatchObject({ model: 'openai.gpt-5.5', stream: true, store: false });
});

// Codex 0.169 adds a hosted web_search tool unless disabled; the emulator refuses hosted tools.
it('fails the turn when Codex sends web_search and the emulator refuses it', { timeout: 90_000 }, async () => {
  const before = emu.requests.length;
  const r = await runCodex('');
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr + r.stdout).toContain("Tool type 'web_search' is not supported");
  expect(emu.requests.slice(before).some((q) => q.path === '/openai/v1/responses' && q.status === 400)).toBe(true);
});
