// Network faults end to end: the built CLI against the emulator. Every fault ends in the catalogue's
// diagnosis (in --json and as a sentence), exit 1, no stack trace, within a bounded time.
// Faults are scoped to one region each so the cases run concurrently on one emulator.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDemoState, startEmulator, type Emulator, type EmulatorFault } from '../../src/emulator/index.js';
import { inPool, STACK_FRAME } from '../security/pool.js';
import { makeWorld, runCli, type World } from './helpers.js';

const MODEL = 'openai.gpt-5.5';
const DEADLINE_MS = 15_000; // http.ts: connect + response headers

let emu: Emulator;
let world: World;
beforeAll(async () => {
  const base = defaultDemoState().regions['us-east-1']!;
  const regions = Object.fromEntries(
    ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1', 'ap-southeast-3', 'sa-east-1'].map((r) => [r, base]),
  );
  emu = await startEmulator({ proxy: true, regions, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 2 } });
  world = await makeWorld(emu, { extraEnv: { AWS_PROFILE: 'codex-bedrock' } });
});
afterAll(() => emu.close());

interface Case {
  name: string;
  region: string;
  fault?: Omit<EmulatorFault, 'service' | 'region'>;
  env?: Record<string, string | undefined>;
  smoke?: string;
  models?: string;
  /** At least this long (a deadline that must have been waited for). */
  minMs?: number;
}

// The expected diagnosis per command; absent = the fault does not apply to that command.
const CASES: Case[] = [
  { name: 'slow headers beyond the deadline', region: 'us-east-2', fault: { kind: 'slowHeaders', delayMs: DEADLINE_MS + 10_000 }, smoke: 'connection-failed', models: 'connection-failed', minMs: DEADLINE_MS },
  { name: 'a server that never answers', region: 'us-west-2', fault: { kind: 'hang' }, smoke: 'connection-failed', models: 'connection-failed', minMs: DEADLINE_MS },
  { name: 'reset mid-stream', region: 'eu-west-1', fault: { kind: 'reset' }, smoke: 'stream-broken', models: 'stream-broken' },
  { name: 'truncated body / SSE', region: 'eu-west-2', fault: { kind: 'truncate' }, smoke: 'stream-broken', models: 'stream-broken' },
  { name: 'malformed JSON', region: 'eu-central-1', fault: { kind: 'malformedJson' }, models: 'stream-broken' },
  { name: 'malformed SSE event', region: 'eu-north-1', fault: { kind: 'malformedSse' }, smoke: 'stream-broken' },
  // No catalogue entry fits a bare 400: "unknown" carries AWS's own message as the detail.
  { name: 'HTTP 400', region: 'eu-south-1', fault: { status: 400, message: 'Malformed input request: 1 schema violation found' }, smoke: 'bad-request', models: 'bad-request' },
  { name: 'HTTP 403', region: 'ap-south-1', fault: { status: 403 }, smoke: 'invoke-denied', models: 'invoke-denied' },
  { name: 'HTTP 404', region: 'ap-northeast-1', fault: { status: 404, errorType: 'ResourceNotFoundException', message: 'model_not_found' }, smoke: 'model-not-in-region', models: 'model-not-in-region' },
  { name: 'HTTP 429 after retries', region: 'ap-southeast-3', fault: { status: 429, retryAfterSeconds: 1 }, smoke: 'throttled', models: 'throttled', minMs: 2_000 },
  { name: 'HTTP 500 after retries', region: 'sa-east-1', fault: { status: 500 }, smoke: 'service-error', models: 'service-error' },
  { name: 'HTTP 503 after retries', region: 'us-east-1', fault: { status: 503, path: '/v1/models' }, models: 'service-error' },
  { name: 'HTTP 503 on inference', region: 'us-east-1', fault: { status: 503, path: '/openai/v1/responses' }, smoke: 'service-error' },
  { name: 'TLS failure (the proxy CA is not trusted)', region: 'us-east-1', env: { SSL_CERT_FILE: undefined, AWS_CA_BUNDLE: undefined }, smoke: 'tls-interception', models: 'tls-interception' },
  { name: 'proxy refuses connections', region: 'us-east-1', env: { HTTPS_PROXY: 'http://127.0.0.1:9' }, smoke: 'proxy-unreachable', models: 'proxy-unreachable' },
];

interface Run {
  label: string;
  expected: string;
  minMs: number;
  ms: number;
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  command: 'smoke' | 'models';
}

function diagnosisIn(run: Run): string | undefined {
  const doc = JSON.parse(run.stdout) as { error?: { id: string }; regions?: { diagnosis?: string }[] };
  return run.command === 'smoke' ? doc.error?.id : doc.regions?.[0]?.diagnosis;
}

function expectDiagnosed(run: Run) {
  expect(run.exitCode, run.label).toBe(1);
  expect(diagnosisIn(run), run.label).toBe(run.expected);
  // A human sentence, not an exception (models --json keeps stderr quiet and puts it in the document).
  if (run.command === 'smoke') expect(run.stderr, run.label).toMatch(/^✗ .+\n {2}Why: .+\n {2}Fix: /m);
  else expect((JSON.parse(run.stdout) as { regions: { error: string }[] }).regions[0]!.error, run.label).toMatch(/^\S.+\. .+/);
  expect(run.stderr, run.label).not.toMatch(STACK_FRAME);
  expect(run.stderr, run.label).not.toMatch(/internal error|TypeError|ServiceError/);
  expect(run.ms, run.label).toBeGreaterThanOrEqual(run.minMs);
  // Bounded: the deadline plus slack for a loaded machine, never a hang.
  expect(run.ms, run.label).toBeLessThan(DEADLINE_MS + 30_000);
}

describe('network faults end to end', () => {
  it('each fault ends in its diagnosis, exit 1, without a stack trace', async () => {
    emu.update({
      faults: CASES.filter((c) => c.fault).map((c) => ({ ...c.fault, service: 'bedrock-mantle', region: c.region })),
    });
    const jobs = CASES.flatMap((c) =>
      (['smoke', 'models'] as const)
        .filter((command) => c[command])
        .map((command) => ({ c, command })),
    );
    const runs = await inPool(jobs, 6, async ({ c, command }): Promise<Run> => {
      const args = command === 'smoke' ? ['smoke', '--json', '--model', MODEL, '--region', c.region] : ['models', '--json', '--region', c.region];
      const t0 = Date.now();
      const r = await runCli(args, { ...world.env, ...c.env }, { timeout: 90_000 });
      return { label: `${c.name}: ${command}`, expected: c[command]!, minMs: c.minMs ?? 0, ms: Date.now() - t0, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, command };
    });
    for (const run of runs) expectDiagnosed(run);
    // Retries are bounded: three attempts for a persistent 500, one for a 403.
    const attempts = (region: string, path: string) => emu.requests.filter((q) => q.region === region && q.path === path).length;
    expect(attempts('sa-east-1', '/openai/v1/responses')).toBe(3);
    expect(attempts('ap-south-1', '/openai/v1/responses')).toBe(1);
  }, 240_000);

  it('connection refused by the endpoint (Codex base_url on a closed port)', async () => {
    const refused = await makeWorld(emu, { extraEnv: { AWS_PROFILE: 'codex-bedrock' } });
    await writeFile(join(refused.codexHome, 'config.toml'), '[model_providers.amazon-bedrock]\nbase_url = "http://127.0.0.1:9/openai/v1"\n');
    const runs = await Promise.all(
      (['smoke', 'models'] as const).map(async (command): Promise<Run> => {
        const args = command === 'smoke' ? ['smoke', '--json', '--model', MODEL, '--region', 'us-east-1'] : ['models', '--json', '--region', 'us-east-1'];
        const t0 = Date.now();
        const r = await runCli(args, refused.env);
        return { label: `refused: ${command}`, expected: 'connection-failed', minMs: 0, ms: Date.now() - t0, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, command };
      }),
    );
    for (const run of runs) expectDiagnosed(run);
  }, 60_000);

  it('honours Retry-After: waits at least as long as asked, then succeeds', async () => {
    const region = 'us-east-1';
    const path = '/openai/v1/responses';
    emu.update({ faults: [{ service: 'bedrock-mantle', region, path, status: 429, retryAfterSeconds: 2, times: 2 }] });
    emu.requests.length = 0;
    const t0 = Date.now();
    const r = await runCli(['smoke', '--json', '--model', MODEL, '--region', region], world.env);
    const elapsed = Date.now() - t0;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, outputTokens: emu.state.replyTokens });
    const attempts = emu.requests.filter((q) => q.region === region && q.path === path);
    expect(attempts.map((q) => q.status)).toEqual([429, 429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(2 * 2_000);
  }, 60_000);
});
