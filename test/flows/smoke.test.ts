import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runSetup } from '../../src/commands/setup.js';
import type { Io } from '../../src/commands/context.js';
import { requestShape } from '../../src/core/codexRequest.js';
import { SMOKE_PROMPT, describeSmokeRequest, needsTopLevelTools, runSmokeCheck, smokeJson } from '../../src/flows/smoke.js';
import type { SmokeResult } from '../../src/types.js';
import { fakeServices, smokeResult } from '../ui/fakes.js';

const AUTH = { kind: 'profile' as const, profile: 'dev' };
const input = { auth: AUTH, region: 'us-east-1', model: 'openai.gpt-5.5', prompt: SMOKE_PROMPT, codexProfile: 'bedrock-prod' };
const REFUSED = { kind: 'http' as const, status: 400, service: 'bedrock-mantle' as const, message: "Invalid 'input': value did not match any expected variant" };

/** Fake services whose profile file exists, recording each request sent. */
function world(opts: { codex?: string | null; captured?: string; legacyOff?: boolean } = {}) {
  const s = fakeServices();
  const sent: { body: string; headers: Record<string, string> }[] = [];
  s.tools.findCodex = async () => (opts.codex === null ? null : { path: '/usr/bin/codex', version: opts.codex ?? '0.171.0' });
  const settings = s.config.readCodexSettings;
  s.config.readCodexSettings = async (p) => ({ ...(await settings(p)), profileExists: true, ...(opts.legacyOff ? { incrementalToolsLegacy: false } : {}) });
  s.tools.captureCodexRequest = async () =>
    opts.captured ? { ok: true, body: opts.captured, headers: { 'x-amzn-mantle-client-agent': 'codex', 'user-agent': 'codex_exec/0.171.0' }, path: '/openai/v1/responses' } : { ok: false, reason: 'codex exec sent no request within 45 s' };
  s.aws.smokeTest = async (o) => {
    sent.push(o.request!);
    return smokeResult(o.model, o.region, o.auth);
  };
  return { s, sent };
}

describe('runSmokeCheck: which request is replayed', () => {
  it("replays the installed Codex's captured body and headers, with the chosen model", async () => {
    const captured = JSON.stringify({ model: 'openai.gpt-6-luna', input: [{ type: 'additional_tools', tools: [{ type: 'namespace', name: 'functions', tools: [] }] }], tools: [] });
    const { s, sent } = world({ captured });
    const r = await runSmokeCheck(s, input, () => {});
    expect(r.request).toEqual({ source: 'captured', codexVersion: '0.171.0', additionalTools: true, toolTypes: ['namespace'], headers: ['user-agent', 'x-amzn-mantle-client-agent'] });
    expect(JSON.parse(sent[0]!.body).model).toBe('openai.gpt-5.5');
    expect(sent[0]!.headers['user-agent']).toBe('codex_exec/0.171.0');
    expect(describeSmokeRequest(r)).toBe('replayed from Codex 0.171.0');
    expect(smokeJson(r).request).toMatchObject({ source: 'captured', codexVersion: '0.171.0' });
  });

  it('models the request on the newest known Codex when none is installed, honouring the profile file', async () => {
    const { s, sent } = world({ codex: null });
    const r = await runSmokeCheck(s, input, () => {});
    expect(r.request).toMatchObject({ source: 'modelled', codexVersion: '0.171.0', note: 'Codex is not installed', additionalTools: true });
    expect(describeSmokeRequest(r)).toBe('modelled on Codex 0.171.0 (Codex is not installed)');
    expect(requestShape(sent[0]!.body).additionalTools).toBe(true);
    const fixed = world({ codex: null, legacyOff: true });
    expect((await runSmokeCheck(fixed.s, input, () => {})).request?.additionalTools).toBe(false);
  });

  it('models it on an installed Codex too old for base_url, and says why when a capture fails', async () => {
    const old = await runSmokeCheck(world({ codex: '0.144.0' }).s, input, () => {});
    expect(old.request).toMatchObject({ source: 'modelled', codexVersion: '0.144.0', note: 'Codex 0.144.0 cannot be pointed at a recorder', additionalTools: false });
    const failed = await runSmokeCheck(world({ codex: '0.171.0' }).s, input, () => {});
    expect(failed.request).toMatchObject({ source: 'modelled', codexVersion: '0.171.0', note: 'codex exec sent no request within 45 s' });
  });

  it('does not point another provider at the recorder', async () => {
    const { s } = world({ codex: '0.171.0', captured: '{}' });
    const settings = s.config.readCodexSettings;
    s.config.readCodexSettings = async (p) => ({ ...(await settings(p)), modelProvider: 'amazon-bedrock-runtime' });
    const r = await runSmokeCheck(s, input, () => {});
    expect(r.request).toMatchObject({ source: 'modelled', note: 'the profile uses model_provider amazon-bedrock-runtime' });
  });

  it('needsTopLevelTools only for a refusal of a request that carried additional_tools', () => {
    const info = (additionalTools: boolean) => ({ source: 'captured' as const, codexVersion: '0.171.0', additionalTools, toolTypes: [], headers: [] });
    const failed = (additionalTools: boolean, failure = REFUSED): SmokeResult => ({ ...smokeResult('m', 'us-east-1', AUTH), ok: false, failure, request: info(additionalTools) });
    expect(needsTopLevelTools(failed(true))).toBe(true);
    expect(needsTopLevelTools(failed(false))).toBe(false);
    expect(needsTopLevelTools(failed(true, { ...REFUSED, message: 'The model does not exist' }))).toBe(false);
  });
});

describe('setup --yes and the additional_tools fix (fake services)', () => {
  function io(): Io & { lines: string[] } {
    const lines: string[] = [];
    return { lines, say: (l) => lines.push(l), out: (t) => lines.push(t), color: false };
  }
  const options = parseCli(['setup', '--yes', '--region', 'us-east-1', '--aws-profile', 'dev', '--model', 'openai.gpt-6-luna', '--web-search', 'off', '--json']);

  function refusing(times: number) {
    const { s } = world({ codex: null });
    let calls = 0;
    s.aws.smokeTest = async (o) => {
      calls += 1;
      const shape = requestShape(o.request!.body);
      const refuse = shape.additionalTools && calls <= times;
      return refuse ? { ...smokeResult(o.model, o.region, o.auth), ok: false, failure: REFUSED } : smokeResult(o.model, o.region, o.auth);
    };
    return s;
  }

  it('writes the fix and succeeds only when the re-run passes', async () => {
    const s = refusing(1);
    // After the fix is written the profile file has the feature off.
    const apply = s.config.applyPlan;
    const settings = s.config.readCodexSettings;
    let fixed = false;
    s.config.applyPlan = async (plan) => {
      if (plan.changes.some((c) => c.after.includes('incremental_tools_legacy = false'))) fixed = true;
      return apply(plan);
    };
    s.config.readCodexSettings = async (p) => ({ ...(await settings(p)), ...(fixed ? { incrementalToolsLegacy: false } : {}) });
    const out = io();
    expect(await runSetup({ options, services: s, io: out })).toBe(0);
    expect(s.calls.planTopLevelTools).toEqual(['bedrock-prod']);
    const doc = JSON.parse(out.lines.at(-1)!);
    expect(doc).toMatchObject({ ok: true, fixes: ['incremental_tools_legacy = false'] });
    expect(doc.smoke.request).toMatchObject({ source: 'modelled', additionalTools: false });
  });

  it('does not report success when the endpoint still refuses after the fix', async () => {
    const s = refusing(99);
    s.config.planTopLevelTools = async () => ({ changes: [], migratedLegacy: [], warnings: [] });
    const out = io();
    expect(await runSetup({ options, services: s, io: out })).toBe(1);
    const doc = JSON.parse(out.lines.at(-1)!);
    expect(doc.ok).toBe(false);
    expect(doc.error.id).toBe('additional-tools-refused');
    expect(doc.error.fix).toContain('[features] incremental_tools_legacy = false');
  });

  it('writes nothing of the kind when the endpoint accepts the shape', async () => {
    const s = refusing(0);
    const out = io();
    expect(await runSetup({ options, services: s, io: out })).toBe(0);
    expect(s.calls.planTopLevelTools).toEqual([]);
    expect(JSON.parse(out.lines.at(-1)!).smoke.request).toMatchObject({ additionalTools: true });
  });
});
