import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runDoctor } from '../../src/commands/doctor.js';
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

describe('runDoctor through the command seam (no terminal: plain text or one JSON document)', () => {
  const capture = () => {
    const said: string[] = [];
    const out: string[] = [];
    return { io: { say: (l: string) => said.push(l), out: (t: string) => out.push(t), color: false }, said, out };
  };
  const services = () => ({ ...fakeServices({ AWS_REGION: 'us-east-1' }), net: { tcpProbe: async () => null } });

  it('--json: the report on stdout as one document, human text elsewhere, exit 1 on a failure', async () => {
    const c = capture();
    const code = await runDoctor({ options: parseCli(['doctor', '--json']), services: services(), io: c.io });
    const doc = JSON.parse(c.out.join(''));
    expect(doc).toMatchObject({ ok: false, codexVersion: '0.169.0' });
    expect(doc.checks.map((x: { id: string }) => x.id)).toContain('codex-config');
    expect(code).toBe(doc.ok ? 0 : 1);
    expect(c.said.at(-1)).toMatch(/problems? found/);
    expect(c.said.some((l) => l.startsWith('✓ Node'))).toBe(false);
  });

  it('text: one line per check, why and fix under a warning, then the summary', async () => {
    const c = capture();
    const code = await runDoctor({ options: parseCli(['doctor']), services: services(), io: c.io });
    expect(c.out).toEqual([]);
    expect(c.said[0]).toMatch(/^✓ Node /);
    const shadow = c.said.findIndex((l) => l.startsWith('! aws CLI 1.45.3'));
    expect(c.said[shadow + 1]).toMatch(/^ {4}Why: /);
    expect(c.said[shadow + 2]).toMatch(/^ {4}Fix: Remove the v1 \(`pip uninstall awscli`\), or link only the v2/);
    expect(c.said.at(-1)).toMatch(/^\n\d+ problems? found/);
    expect(code).toBe(1);
  });
});
