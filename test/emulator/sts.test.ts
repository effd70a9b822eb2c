// STS AssumeRole, as the SDKs call it for role_arn + source_profile: the role's keys verify afterwards.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { demoCredentials } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 } });
});
afterAll(() => emu.close());

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new STSClient({ region: 'us-east-1', endpoint: `${emu.url}/sts/us-east-1`, credentials });

describe('AssumeRole', () => {
  it('returns role credentials that sign later calls as the assumed role', async () => {
    const out = await sts(demoCredentials).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/path/BedrockDeveloper', RoleSessionName: 'dev' }));
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/dev');
    const c = out.Credentials!;
    expect(c.Expiration!.getTime()).toBeGreaterThan(Date.now());
    const who = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/dev');
    // Without its session token the role's keys do not verify.
    await expect(sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! }).send(new GetCallerIdentityCommand({}))).rejects.toThrow();
  });

  it('refuses a role in another account and a malformed role ARN', async () => {
    await expect(sts(demoCredentials).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::999999999999:role/Other', RoleSessionName: 'dev' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(sts(demoCredentials).send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'dev' }))).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
