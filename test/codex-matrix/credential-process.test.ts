// A credential_process profile on each Codex of the matrix: from 0.155 setup writes aws.credential_export (the aws
// CLI v2 exporting the profile), before it aws.profile (the SDK inside Codex runs the helper itself). Either way the
// real Codex completes a turn, runs the helper, and never gets an `aws sso login` it cannot use.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexSupports } from '../../src/core/codexVersions.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { writeCredentialHelper } from '../e2e/credentialHelper.js';
import { runCli } from '../e2e/helpers.js';
import { codexExec, worldFor } from './codexWorld.js';
import { ensureCodexVersions, selectedVersions } from '../../scripts/codex-versions.mjs';

const VERSIONS = selectedVersions();

let emu: Emulator;
beforeAll(async () => {
  ensureCodexVersions(VERSIONS);
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 1 } });
});
afterAll(() => emu?.close());

describe.each(VERSIONS)('Codex %s with a credential_process profile', (version) => {
  it('gets what it can use and completes a turn with the helper', { timeout: 180_000 }, async () => {
    const world = await worldFor(emu, version);
    const helper = await writeCredentialHelper(world.root);
    await writeFile(world.awsConfig, `[profile company]\nregion = us-east-1\ncredential_process = ${helper.path}\n`);
    await writeFile(world.awsCredentials, '');

    const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'company', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'], world.env);
    expect(setup.exitCode, setup.stderr).toBe(0);
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).not.toContain('auth_refresh');
    if (codexSupports(version, 'credential-export')) {
      expect(config).toContain('credential_export = { command = "/usr/bin/aws", args = ["configure", "export-credentials", "--profile", "company", "--format", "process"] }');
      expect(config).not.toMatch(/^profile = /m);
    } else {
      expect(config).toContain('profile = "company"');
      expect(config).not.toContain('credential_export');
    }

    const runs = await helper.runs();
    const r = await codexExec(emu, world, version);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.turns[0]).toMatchObject({ status: 200, authKind: 'sigv4' });
    expect(await helper.runs()).toBeGreaterThan(runs);
  });
});
