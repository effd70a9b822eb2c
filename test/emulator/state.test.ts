import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { defaultDemoState, mergeState } from '../../src/emulator/state.js';
import { route } from '../../src/emulator/routing.js';
import { lastUserText, replyTokens } from '../../src/emulator/reply.js';

describe('state', () => {
  it('builds the demo world', () => {
    const s = defaultDemoState();
    expect(s.identities[0]).toMatchObject({ accessKeyId: 'AKIAEMULATORDEMO0001', arn: 'arn:aws:iam::123456789012:user/demo' });
    expect(Object.keys(s.regions)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(s.regions['us-east-1']!.foundationModels).toContain('openai.gpt-oss-120b-1:0');
    expect(s.sso.accounts[0]!.roles[0]!.roleName).toBe('BedrockDeveloper');
    expect(s.delays).toMatchObject({ firstTokenMs: 300, interTokenMs: 25 });
  });

  it('merges patches like RFC 7396: objects deep, arrays replaced, null deletes', () => {
    const s = defaultDemoState();
    mergeState(s, { delays: { firstTokenMs: 5 }, unreachableRegions: ['eu-west-1'], regions: { 'us-west-2': null } });
    expect(s.delays).toEqual({ callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 25 });
    expect(s.unreachableRegions).toEqual(['eu-west-1']);
    expect(s.regions['us-west-2']).toBeUndefined();
  });
});

describe('routing', () => {
  it('routes AWS hostnames and path prefixes', () => {
    expect(route('sts.amazonaws.com', '/')).toEqual({ service: 'sts', region: 'us-east-1', path: '/' });
    expect(route('bedrock-mantle.eu-west-1.api.aws:443', '/openai/v1/responses')).toEqual({ service: 'bedrock-mantle', region: 'eu-west-1', path: '/openai/v1/responses' });
    expect(route('portal.sso.us-east-1.amazonaws.com', '/assignment/accounts')?.service).toBe('portal');
    expect(route('127.0.0.1:9', '/bedrock/us-west-2/foundation-models')).toEqual({ service: 'bedrock', region: 'us-west-2', path: '/foundation-models' });
    expect(route('127.0.0.1:9', '/s3/us-west-2/x')).toBeNull();
    expect(route('github.com', '/')).toBeNull();
  });
});

describe('reply', () => {
  it('reads the last user text from Codex-style input', () => {
    const input = [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'rules' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context/>' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'say hi' }] },
    ];
    expect(lastUserText(input)).toBe('say hi');
    expect(replyTokens('say hi', 'm', 'r', 3)).toEqual(['Hi! ', 'It ', 'works.']);
  });
});

describe('main.ts', () => {
  it('prints its addresses, takes latency knobs and state patches over HTTP', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts', '--region-latency=us-east-1=20,eu-west-1=60'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, EMULATOR_CALL_MS: '2' },
    });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const info = JSON.parse(line) as { url: string; proxyUrl: string | null; caPath: string | null };
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.proxyUrl).toBeNull();
      const patched = await fetch(`${info.url}/__emulator/state`, { method: 'POST', body: JSON.stringify({ replyTokens: 3 }) });
      const state = (await patched.json()) as { replyTokens: number; regionLatencyMs: Record<string, number>; delays: { callMs: number } };
      expect(state.replyTokens).toBe(3);
      expect(state.regionLatencyMs).toEqual({ 'us-east-1': 20, 'eu-west-1': 60 });
      expect(state.delays.callMs).toBe(2);
      await fetch(`${info.url}/sts/us-east-1/?Action=GetCallerIdentity&Version=2011-06-15`);
      const recorded = (await (await fetch(`${info.url}/__emulator/requests`)).json()) as { service: string; status: number }[];
      expect(recorded).toEqual([expect.objectContaining({ service: 'sts', status: 403 })]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
