// doctor says how long the IAM Identity Center sign-in Codex signs with has left, and warns under an hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { configuredWorld, doctorJson, writeSsoProfile } from './doctor.helpers.js';

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
});
