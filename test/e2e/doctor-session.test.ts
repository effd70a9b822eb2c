// doctor says how long the IAM Identity Center sign-in Codex signs with has left, and warns under an hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { join } from 'node:path';
import { binDir, configuredWorld, doctorJson, writeSsoProfile } from './doctor.helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
}, 120_000);
afterAll(() => emu?.close());

describe('doctor: the IAM Identity Center session', () => {
  it('shows the time left, and warns with the sign-in command when less than an hour remains', async () => {
    const long = await configuredWorld(emu);
    await writeSsoProfile(long, emu, 'codex-bedrock', 8 * 3600_000);
    const short = await configuredWorld(emu);
    await writeSsoProfile(short, emu, 'codex-bedrock', 30 * 60_000);
    const [a, b] = await Promise.all([doctorJson(long.env), doctorJson(short.env)]);
    const rowA = a.report.checks.find((c) => c.id === 'sso-session-lifetime');
    expect(rowA).toMatchObject({ status: 'pass' });
    expect(rowA!.summary).toMatch(/profile codex-bedrock: 7 h 59 min left|profile codex-bedrock: 8 h left/);
    const rowB = b.report.checks.find((c) => c.id === 'sso-session-lifetime');
    expect(rowB).toMatchObject({ status: 'warn', fix: 'aws sso login --profile codex-bedrock' });
    expect(rowB!.summary).toMatch(/(29|30) min left/);
    // The token itself never reaches the report.
    expect(JSON.stringify(b.report)).not.toContain('accessToken');
  }, 180_000);

  it('words the sign-in as this machine needs it: --use-device-code over SSH with aws CLI 2.36, the v2 by path behind a v1', async () => {
    const w = await configuredWorld(emu);
    await writeSsoProfile(w, emu, 'codex-bedrock', 30 * 60_000);
    // A v1 first on PATH (what typing `aws` runs), a current v2 after it.
    const v1 = await binDir(w.root, { codex: false, scripts: { aws: 'echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.1.0 botocore/1.43.11"' } });
    const v2 = await binDir(w.root, { codex: false, scripts: { aws: 'echo "aws-cli/2.36.17 Python/3.14.8 Linux/6.1.0 source/x86_64.debian"' } });
    const env = { ...w.env, PATH: `${v1}:${v2}:${w.env.PATH}`, SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22' };
    const r = await doctorJson(env);
    const row = r.report.checks.find((c) => c.id === 'sso-session-lifetime');
    expect(row).toMatchObject({ status: 'warn', fix: `${join(v2, 'aws')} sso login --profile codex-bedrock --use-device-code` });
  }, 180_000);
});
