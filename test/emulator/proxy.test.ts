// Real clients through the intercepting proxy: AWS SDK v3 (https-proxy-agent) and the aws CLI v2.
import { request } from 'node:http';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { awsFiles, demoCredentials, isolatedEnv, proxyAgent, tempDir } from './helpers.js';

const AWS = '/usr/bin/aws';
let emu: Emulator;
let awsEnv: NodeJS.ProcessEnv;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  const files = await awsFiles(await tempDir());
  awsEnv = isolatedEnv({ ...files, HTTPS_PROXY: emu.proxyUrl!, AWS_CA_BUNDLE: emu.caPath! });
});
afterAll(() => emu.close());

function connect(authority: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(emu.proxyUrl!, { method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('proxy mode', () => {
  it('serves the AWS SDK on real hostnames over TLS signed by the test CA', async () => {
    const requestHandler = new NodeHttpHandler({ httpsAgent: proxyAgent(emu.proxyUrl!, emu.caPem!) });
    const who = await new STSClient({ region: 'us-west-2', credentials: demoCredentials, requestHandler }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/demo');
    const models = await new BedrockClient({ region: 'eu-west-1', credentials: demoCredentials, requestHandler }).send(new ListFoundationModelsCommand({}));
    expect(models.modelSummaries?.map((m) => m.modelId)).toEqual(['openai.gpt-oss-120b-1:0', 'openai.gpt-oss-20b-1:0']);
    expect(emu.requests.filter((r) => r.host === 'bedrock.eu-west-1.amazonaws.com')).toHaveLength(1);
  });

  it('serves `/usr/bin/aws sts get-caller-identity`', async () => {
    const r = await execa(AWS, ['sts', 'get-caller-identity', '--output', 'json'], { env: awsEnv, extendEnv: false, reject: false });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ UserId: 'AIDAEMULATORDEMOUSER1', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/demo' });
    expect(emu.requests.at(-1)).toMatchObject({ host: 'sts.us-east-1.amazonaws.com', authKind: 'sigv4', status: 200 });
  });

  it('shows the aws CLI the AWS error for a wrong secret', async () => {
    const files = await awsFiles(await tempDir(), { ...demoCredentials, secretAccessKey: 'wrong' });
    const r = await execa(AWS, ['sts', 'get-caller-identity'], { env: { ...awsEnv, ...files }, extendEnv: false, reject: false });
    expect(r.exitCode).toBe(254);
    expect(r.stderr).toContain('(SignatureDoesNotMatch)');
  });

  it('refuses non-AWS hosts with 403 and unreachable regions with 502', async () => {
    expect(await connect('github.com:443')).toBe(403);
    emu.update({ unreachableRegions: ['eu-west-1'] });
    try {
      expect(await connect('bedrock-mantle.eu-west-1.api.aws:443')).toBe(502);
      expect(await connect('bedrock-mantle.us-east-1.api.aws:443')).toBe(200);
    } finally {
      emu.update({ unreachableRegions: [] });
    }
  });

  it('answers plain-HTTP absolute-URI proxy requests', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(emu.proxyUrl!, { path: 'http://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'sts.amazonaws.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403); // unsigned: MissingAuthenticationToken, from the emulated STS
    expect(emu.requests.at(-1)).toMatchObject({ host: 'sts.amazonaws.com', service: 'sts', region: 'us-east-1' });
  });
});

describe('IAM Identity Center', () => {
  it('issues role credentials to `aws sso get-role-credentials` that then sign STS calls', async () => {
    const accessToken = emu.issueSsoAccessToken();
    const r = await execa(
      AWS,
      ['sso', 'get-role-credentials', '--access-token', accessToken, '--account-id', '123456789012', '--role-name', 'BedrockDeveloper', '--region', 'us-east-1', '--output', 'json'],
      { env: awsEnv, extendEnv: false, reject: false },
    );
    expect(r.exitCode).toBe(0);
    const { roleCredentials } = JSON.parse(r.stdout) as { roleCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number } };
    expect(roleCredentials.accessKeyId).toMatch(/^ASIA/);
    expect(roleCredentials.expiration).toBeGreaterThan(Date.now());
    const portal = emu.requests.at(-1)!;
    expect(portal).toMatchObject({ host: 'portal.sso.us-east-1.amazonaws.com', authKind: 'sso', status: 200 });

    const { accessKeyId, secretAccessKey, sessionToken } = roleCredentials;
    const credentials = { accessKeyId, secretAccessKey, sessionToken };
    const who = await new STSClient({ region: 'us-east-1', endpoint: `${emu.url}/sts/us-east-1`, credentials }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockDeveloper_/);
  });

  it('shows the aws CLI UnauthorizedException for an unknown portal token', async () => {
    const r = await execa(AWS, ['sso', 'list-accounts', '--access-token', 'not-a-token', '--region', 'us-east-1'], { env: awsEnv, extendEnv: false, reject: false });
    expect(r.exitCode).toBe(254);
    expect(r.stderr).toContain('UnauthorizedException');
    expect(r.stderr).toContain('Session token not found or invalid');
  });

  it('runs the device flow over HTTP in botocore shapes', async () => {
    emu.update({ sso: { approveAfterPolls: 2 } });
    const oidc = (path: string, body: unknown) =>
      fetch(`${emu.url}/oidc/us-east-1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const client = (await (await oidc('/client/register', { clientName: 'botocore-client-x', clientType: 'public', scopes: ['sso:account:access'] })).json()) as {
      clientId: string;
      clientSecret: string;
      clientSecretExpiresAt: number;
    };
    expect(client.clientSecretExpiresAt).toBeGreaterThan(Date.now() / 1000);
    const device = (await (await oidc('/device_authorization', { clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://demo.awsapps.com/start' })).json()) as Record<string, unknown>;
    expect(device).toMatchObject({ expiresIn: 600, interval: 1, verificationUri: 'https://device.sso.us-east-1.amazonaws.com/' });
    expect(device.verificationUriComplete).toContain(String(device.userCode));
    const tokenBody = { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode };
    const pending = await oidc('/token', tokenBody);
    expect(pending.status).toBe(400);
    expect(pending.headers.get('x-amzn-errortype')).toBe('AuthorizationPendingException');
    expect(await pending.json()).toMatchObject({ error: 'authorization_pending' });
    const granted = (await (await oidc('/token', tokenBody)).json()) as { accessToken: string; tokenType: string; expiresIn: number };
    expect(granted).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });

    const portal = (path: string) => fetch(`${emu.url}/portal/us-east-1${path}`, { headers: { 'x-amz-sso_bearer_token': granted.accessToken } });
    expect(await (await portal('/assignment/accounts')).json()).toEqual({ accountList: [{ accountId: '123456789012', accountName: 'demo', emailAddress: 'demo@example.com' }] });
    expect(await (await portal('/assignment/roles?account_id=123456789012')).json()).toEqual({ roleList: [{ roleName: 'BedrockDeveloper', accountId: '123456789012' }] });
    const unauthorized = await fetch(`${emu.url}/portal/us-east-1/assignment/accounts`, { headers: { 'x-amz-sso_bearer_token': 'expired' } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await unauthorized.json()).toEqual({ message: 'Session token not found or invalid' });
  });
});
