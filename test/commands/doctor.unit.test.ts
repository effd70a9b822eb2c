import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/flows/checks.js';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import { summaryLine } from '../../src/core/doctorReport.js';
import { fakeServices } from '../ui/fakes.js';

describe('diagnoseCodexOutput', () => {
  const p = { profile: 'dev', region: 'us-east-1', model: 'openai.gpt-oss-120b', codexProfile: 'bedrock-prod' };
  it.each([
    ['ERROR: failed to load AWS credentials: the credential provider was not enabled', 'codex-aws-profile-missing'],
    ['ERROR: stream disconnected before completion: failed to load AWS credentials: the credentials provider was not properly configured', 'codex-aws-profile-missing'],
    ['Error: legacy profile = "bedrock-prod" config is no longer supported; use --profile bedrock-prod', 'legacy-profile-layout'],
    ['ERROR: unexpected status 403 Forbidden: User: arn:aws:iam::1:user/x is not authorized to perform: bedrock-mantle:CreateInference', 'invoke-denied'],
    ["ERROR: unexpected status 400 Bad Request: Tool type 'web_search' is not supported on this endpoint.", 'hosted-tool-rejected'],
    ['ERROR: unexpected status 429 Too Many Requests', 'throttled'],
    ['Amazon Bedrock Mantle does not support region `mars-1`', 'region-not-supported-by-codex'],
  ])('%s → %s', (output, id) => {
    expect(diagnoseCodexOutput(output, p).id).toBe(id);
  });
  it('falls back to unknown with the last line as detail', () => {
    const d = diagnoseCodexOutput('something\nweird happened', p);
    expect(d).toMatchObject({ id: 'unknown', title: 'Unexpected error: weird happened' });
  });
});

describe('runChecks on fake services', () => {
  it('stops at an unreachable proxy instead of echoing five network failures', async () => {
    const s = fakeServices({ HTTPS_PROXY: 'http://user:secret@proxy.corp:3128', AWS_REGION: 'us-east-1' });
    const probed: string[] = [];
    const report = await runChecks({ ...s, net: { tcpProbe: async (host, port) => (probed.push(`${host}:${port}`), 'ECONNREFUSED') } });
    expect(probed).toEqual(['proxy.corp:3128']);
    const proxy = report.checks.find((c) => c.id === 'proxy');
    expect(proxy).toMatchObject({ status: 'fail', diagnosis: 'proxy-unreachable', summary: 'The proxy http://proxy.corp:3128 (HTTPS_PROXY) cannot be reached: ECONNREFUSED' });
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(s.calls.probeRegion).toEqual([]);
    expect(report.ok).toBe(false);
  });
  it('summarises', () => {
    expect(summaryLine([{ id: 'a', status: 'pass', summary: '' }])).toBe('All checks passed.');
    expect(summaryLine([{ id: 'a', status: 'fail', summary: '' }, { id: 'b', status: 'fail', summary: '' }])).toBe('2 problems found.');
  });
});
